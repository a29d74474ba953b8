"""GraphiQL from local files: the page and the pinned React / GraphiQL builds, copied from tools/graphiql's
node_modules into the package (`lawgraph/api/static/vendor/`) by scripts/setup.sh, so that a built wheel ships
them. Nothing is fetched from a CDN; without the files the IDE is off and the log says why."""

from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response

from lawgraph import resources

VENDOR = resources.path("api", "static", "vendor")
ASSETS = {name: VENDOR / name for name in ("react.production.min.js", "react-dom.production.min.js", "graphiql.min.js",
                                           "graphiql.min.css", "explorer.umd.js", "explorer.css")}
PAGE = resources.path("api", "static", "graphiql.html")
log = logging.getLogger("lawgraph.api")


def mount(app: FastAPI) -> bool:
    """Serve GET /graphiql and its assets; False (IDE off) when the assets are not installed."""
    missing = [name for name, path in ASSETS.items() if not path.is_file()]
    if missing:
        log.warning("GraphiQL is off: %s not found under %s; run scripts/setup.sh (npm ci in tools/graphiql, "
                    "then the copy into the package)", ", ".join(missing), VENDOR)
        return False
    page = PAGE.read_text(encoding="utf-8")

    @app.get("/graphiql", response_class=HTMLResponse, include_in_schema=False)
    async def graphiql() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": "default-src 'self'; script-src 'self' "
                                           "'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"})

    @app.get("/graphiql/assets/{name}", include_in_schema=False)
    async def asset(name: str) -> Response:
        path = ASSETS.get(name)
        if path is None:
            return Response(status_code=404)
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    return True
