#!/usr/bin/env bash
# Installs lawgraph, loads the bundled sample into the embedded store and serves the workbench and GraphQL.
#   ./scripts/demo.sh            → http://127.0.0.1:8000/ (workbench; log in with the key printed) and /graphql
# Options: PORT=8080 ./scripts/demo.sh ; LAWGRAPH_GRAPH_URL=neo4j://… to use Neo4j instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/lawgraph ingest sample data/sample
if [ -z "${LAWGRAPH_API_KEYS:-}" ]; then
  # a demo editor key for the workbench's login, made for this run only (not stored anywhere)
  made="$(.venv/bin/lawgraph key new 演示 --role editor)"
  key="$(printf '%s' "$made" | .venv/bin/python -c 'import json,sys; print(json.load(sys.stdin)["key"])')"
  LAWGRAPH_API_KEYS="$(printf '%s' "$made" | .venv/bin/python -c 'import json,sys; print(json.dumps([json.load(sys.stdin)["entry"]]))')"
  export LAWGRAPH_API_KEYS
  echo "workbench: http://${HOST:-127.0.0.1}:${PORT:-8000}/  — log in with the demo editor key: $key"
fi
LAWGRAPH_ANONYMOUS_ROLE="${LAWGRAPH_ANONYMOUS_ROLE:-reader}" exec .venv/bin/lawgraph serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
