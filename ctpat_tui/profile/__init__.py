"""The user's profile file: typed model, tomlkit round-trip editing, safe saving."""
