"""Readers per format. Each returns lines with their line numbers and raises InputError on failure."""
