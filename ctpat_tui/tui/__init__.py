"""The Textual drafting app (imported only when the UI is launched)."""
