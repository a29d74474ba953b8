#!/usr/bin/env bash
# Shared by demo.sh and test.sh: creates .venv and installs lawgraph with its dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
# GraphiQL is served from these local files (no CDN); without Node the API still runs, without the IDE.
if command -v npm >/dev/null 2>&1; then
  npm ci --prefix tools/graphiql --no-audit --no-fund --loglevel=error
  # into the package, so that the editable install and a built wheel both serve them
  vendor=lawgraph/api/static/vendor; m=tools/graphiql/node_modules
  mkdir -p "$vendor"
  cp "$m/react/umd/react.production.min.js" "$m/react-dom/umd/react-dom.production.min.js" \
     "$m/graphiql/graphiql.min.js" "$m/graphiql/graphiql.min.css" "$vendor/"
  cp "$m/@graphiql/plugin-explorer/dist/index.umd.js" "$vendor/explorer.umd.js"
  cp "$m/@graphiql/plugin-explorer/dist/style.css" "$vendor/explorer.css"
  # the workbench: TypeScript (pinned in web/package-lock.json) compiled into the package (lawgraph/web/static/js)
  npm ci --prefix web --no-audit --no-fund --loglevel=error
  npm run --prefix web --silent build
else
  echo "npm not found: GraphiQL and the workbench will be off (the API works without them)" >&2
fi
