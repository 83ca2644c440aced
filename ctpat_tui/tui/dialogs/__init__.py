"""Modal dialogs: small screens that ask one thing and dismiss with the answer."""
