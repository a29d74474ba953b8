"""Statutes: normalisation, numerals, structure parsing, levels, versions."""
