"""Data packages: loading with integrity checks, validation and diffs."""
