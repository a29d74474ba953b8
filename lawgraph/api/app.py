"""The FastAPI application: GraphQL at /graphql (keys, roles, limits, masked errors), /healthz, /readyz."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from strawberry.fastapi import GraphQLRouter

from lawgraph.api.context import Context
from lawgraph.api.schema import build_schema
from lawgraph.api.security import AccessDenied, Caller, RateLimiter, body_limit, identify
from lawgraph.config import Settings, load_settings
from lawgraph.graph.store import GraphStore, open_store


def create_app(settings: Settings | None = None, *, store: GraphStore | None = None) -> FastAPI:
    """Return the app; its lifespan opens the store (unless one is given) and closes it."""
    settings = settings or load_settings()
    holder: dict[str, GraphStore] = {} if store is None else {"store": store}
    limiter = RateLimiter(settings.rate_per_minute)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        holder["store"] = store or open_store(settings)
        try:
            yield
        finally:
            if store is None:
                holder["store"].close()

    app = FastAPI(title="lawgraph", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)

    @app.middleware("http")
    async def access(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not request.url.path.startswith("/graphql"):
            return await call_next(request)  # /healthz, /readyz
        try:
            caller = identify(settings, request)
        except AccessDenied as exc:
            return JSONResponse({"errors": [{"message": str(exc)}]}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        if not limiter.allow(caller.name if caller.name != "anonymous" else f"anonymous@{caller.address}"):
            return JSONResponse({"errors": [{"message": f"rate limit: at most {settings.rate_per_minute} requests "
                                             "a minute; slow down and retry"}]}, status_code=429,
                                headers={"Retry-After": "5"})
        request.state.caller = caller
        return await call_next(request)

    app.middleware("http")(body_limit(settings.max_body_bytes, settings.max_upload_bytes))
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type"])

    async def get_context(request: Request) -> Context:
        caller: Caller = getattr(request.state, "caller", Caller("anonymous", "reader", "local"))
        return Context(store=holder["store"], caller=caller, keys=settings.api_keys)

    router: GraphQLRouter[Context, None] = GraphQLRouter(build_schema(settings), context_getter=get_context,
                                                         graphql_ide=None, multipart_uploads_enabled=True)
    app.include_router(router, prefix="/graphql")
    if settings.graphiql_on:
        from lawgraph.api.graphiql import mount

        mount(app)  # at /graphiql, from local files

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        current = holder.get("store")
        ready = current is not None and current.ping()
        return JSONResponse({"status": "ready" if ready else "unavailable"}, status_code=200 if ready else 503)

    return app
