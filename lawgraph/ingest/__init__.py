"""Turns documents into records: readers, the statute parser, normalisation, loading."""
