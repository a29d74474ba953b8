"""The FastAPI application: GraphQL at /graphql, /healthz and /readyz."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from strawberry.fastapi import GraphQLRouter

from api.context import Context
from api.schema import schema
from graph.config import Settings, load_settings
from graph.store import GraphStore, open_store


def create_app(settings: Settings | None = None, *, store: GraphStore | None = None) -> FastAPI:
    """Return the app; its lifespan opens the store (unless one is given) and closes it."""
    settings = settings or load_settings()
    holder: dict[str, GraphStore] = {}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        holder["store"] = store or open_store(settings)
        try:
            yield
        finally:
            if store is None:
                holder["store"].close()

    app = FastAPI(title="lawgraph", lifespan=lifespan)

    async def get_context() -> Context:
        return Context(store=holder["store"])

    app.include_router(GraphQLRouter(schema, context_getter=get_context), prefix="/graphql")

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        current = holder.get("store")
        ready = current is not None and current.ping()
        return JSONResponse({"status": "ready" if ready else "unavailable"}, status_code=200 if ready else 503)

    return app
