#!/usr/bin/env bash
# Installs lawgraph, loads the bundled sample into the embedded store (.lawgraph/) and serves GraphQL.
#   ./scripts/demo.sh            → http://127.0.0.1:8000/graphql
# Options: PORT=8080 ./scripts/demo.sh ; LAWGRAPH_GRAPH_URL=neo4j://… to use Neo4j instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/lawgraph ingest sample data/sample
LAWGRAPH_ANONYMOUS_ROLE="${LAWGRAPH_ANONYMOUS_ROLE:-reader}" exec .venv/bin/lawgraph serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
