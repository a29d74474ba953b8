"""The `lawgraph` command line (typer): one module per command group."""
