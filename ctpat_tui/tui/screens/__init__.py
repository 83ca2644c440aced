"""ctpat-tui package."""
