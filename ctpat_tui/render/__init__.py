"""Portal-ready output: Markdown, paste-ready text, Word draft and evidence upload bundle."""
