"""Pure domain code: text normalisation, numerals, ids, the statute model, citations and their resolution,
penalties and ranges, alignment. No store, no I/O beyond the package's own word lists."""
