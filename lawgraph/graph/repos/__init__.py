"""Repositories: one module per aggregate; each function runs named queries from cypher/."""
