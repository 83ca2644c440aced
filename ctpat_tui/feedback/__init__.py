"""Reading reviewers' comments and tracked changes back from a Word draft, and taking them into the profile."""
