"""Serves the graph: the `lawgraph` CLI and the GraphQL API."""
