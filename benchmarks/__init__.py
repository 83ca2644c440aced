"""Performance benchmarks for ctpat-tui (run: python -m benchmarks.run)."""
