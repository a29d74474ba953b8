"""lawgraph: statutes, powers, discretion benchmarks and cases as one graph.

Layers, lowest first (each may import only the ones below it; tests/unit/test_layers.py holds the contract):
`errors`, `config`, `resources` → `domain` (pure text and legal logic) → `graph` (the store: backends, queries,
repositories) → `ingest` (readers and loaders) → `analysis` (impact, overlaps, findings) → `api` (GraphQL and the
web workbench) → `cli`.
"""

__version__ = "0.1.0"
