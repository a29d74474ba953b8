#!/usr/bin/env bash
# Installs lawgraph and the pinned Cypher linter, then runs every check CI runs:
# Neo4j's Cypher linter over cypher/, ruff, mypy --strict, and pytest against the embedded store
# (or against Neo4j when NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD are set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd tools/cypher-lint && npm ci --no-audit --no-fund --loglevel=error)
echo "== cypher lint (Neo4j @neo4j-cypher/language-support)"
node tools/cypher-lint/lint.mjs lawgraph/cypher
echo "== ruff"
.venv/bin/ruff check .
echo "== mypy --strict"
.venv/bin/mypy
echo "== pytest"
.venv/bin/python -m pytest "$@"
