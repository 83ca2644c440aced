"""ctpat-tui: draft a CTPAT Security Profile in the terminal."""

__version__ = "0.1.0"
