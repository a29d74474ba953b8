#!/usr/bin/env bash
# Installs lawgraph, the pinned Cypher linter and the Neo4j launcher, then runs every check CI runs:
# Neo4j's Cypher linter over lawgraph/cypher/, ruff, mypy --strict, and the whole pytest suite twice — on the
# embedded FalkorDB, then on a Neo4j 5.26 server started from Maven artifacts (tools/neo4j-server) on a loopback
# port with a random password, and stopped at the end (scripts/with_neo4j.py). The workbench's browser tests
# (tests/e2e) drive Debian's chromium, installed here with a CJK font when missing.
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
echo "== build the Neo4j launcher (Maven)"
(cd tools/neo4j-server && mvn -q -B package)
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null; then  # (no -q: pipefail)
  echo "== install Debian's chromium and a CJK font (the workbench's browser tests)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk
fi
echo "== pytest on the embedded FalkorDB"
env -u LAWGRAPH_GRAPH_URL .venv/bin/python -m pytest "$@"
echo "== pytest on Neo4j 5.26"
.venv/bin/python scripts/with_neo4j.py -- .venv/bin/python -m pytest "$@"
