"""The FastAPI application: GraphQL at /graphql (keys, roles, limits, masked errors), new breaks pushed at
/events/breaks (server-sent events), /healthz, /readyz."""

from __future__ import annotations

import asyncio
import json
import math
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from strawberry.fastapi import GraphQLRouter

from lawgraph.api.context import Context
from lawgraph.api.schema import build_schema
from lawgraph.api.security import AccessDenied, Caller, RateLimiter, Sessions, body_limit, identify
from lawgraph.config import Settings, load_settings
from lawgraph.errors import LawgraphError, StoreError
from lawgraph.graph.readcache import ReadCache
from lawgraph.graph.repos import breaks
from lawgraph.graph.repos.enforcement import find_region
from lawgraph.graph.store import GraphStore, open_store

# amendment impacts kept between requests (by law, versions, region and who may see 涉密 items): about 20 MB each
# at 13,000 breaks
KEPT_IMPACTS = 8


def create_app(settings: Settings | None = None, *, store: GraphStore | None = None) -> FastAPI:
    """Return the app; its lifespan opens the store (unless one is given) and closes it."""
    settings = settings or load_settings()
    holder: dict[str, GraphStore] = {} if store is None else {"store": store}
    limiter = RateLimiter(settings.rate_per_minute)
    sessions = Sessions(settings.session_minutes)
    # pages, totals, powers and benchmarks kept while the graph is not written (graph.readcache)
    reads = ReadCache() if settings.keep_reads else None
    # and the last few amendment impacts asked for (thousands of breaks each, hence a few)
    impacts = ReadCache(size=KEPT_IMPACTS) if settings.keep_reads else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # (a crashed embedded server is started again: see open_embedded)
        holder["store"] = store or open_store(settings, restart_crashed=True)
        try:
            yield
        finally:
            if store is None:
                holder["store"].close()

    app = FastAPI(title="lawgraph", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store_holder = holder

    @app.middleware("http")
    async def access(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if not request.url.path.startswith("/graphql"):
            return await call_next(request)  # /healthz, /readyz
        try:
            caller = identify(settings, request, sessions)
        except AccessDenied as exc:
            csrf = "CSRF" in str(exc)
            return JSONResponse({"errors": [{"message": str(exc)}]}, status_code=403 if csrf else 401,
                                headers={} if csrf else {"WWW-Authenticate": "Bearer"})
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
        return Context(store=holder["store"], caller=caller, keys=settings.api_keys, reads=reads, impacts=impacts)

    router: GraphQLRouter[Context, None] = GraphQLRouter(build_schema(settings), context_getter=get_context,
                                                         graphql_ide=None, multipart_uploads_enabled=True)
    app.include_router(router, prefix="/graphql")
    if settings.graphiql_on:
        from lawgraph.api.graphiql import mount

        mount(app)  # at /graphiql, from local files
    from lawgraph.api import web

    web.mount(app, settings, sessions, limiter)  # the workbench at /
    if settings.public_view:
        web.mount_public(app, settings, limiter, lambda: holder["store"])  # the 公示 view at /public

    @app.get("/events/breaks")
    async def break_events(request: Request, department: str | None = None, region: str | None = None,
                           since: str | None = None, wait: float = 300.0, every: float = 2.0) -> Response:
        """New breaks for a department (or region) as server-sent events: one `breaks` event per batch of breaks
        created after `since` (or the Last-Event-ID header, or the moment of subscribing), data a JSON list;
        the stream ends after `wait` seconds (at most an hour) — reconnect with the last event id."""
        try:
            caller = identify(settings, request, sessions)
        except AccessDenied as exc:
            return JSONResponse({"error": str(exc)}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        if not limiter.allow(caller.name if caller.name != "anonymous" else f"anonymous@{caller.address}"):
            return JSONResponse({"error": "rate limit; retry in a moment"}, status_code=429)
        if not (math.isfinite(wait) and math.isfinite(every)):
            return JSONResponse({"error": "wait and every are seconds (finite numbers)"}, status_code=400)
        store = holder["store"]
        try:
            where = find_region(store, region) if region else None
        except StoreError:
            return JSONResponse({"error": "the graph store is unavailable right now; try again"}, status_code=503)
        except LawgraphError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        last = request.headers.get("last-event-id") or since or breaks.now()
        wait, every = min(max(wait, 0.0), 3600.0), min(max(every, 0.2), 60.0)

        async def stream() -> AsyncIterator[str]:
            nonlocal last
            yield ": subscribed\n\n"
            loop = asyncio.get_running_loop()
            deadline = loop.time() + wait
            now = caller
            while loop.time() < deadline and not await request.is_disconnected():
                # who is listening, again at every poll: a logout (or the session lapsing) ends an open stream
                # too, not only the next request. The check does not extend the session: a tab left open on the
                # stream does not keep its user logged in
                try:
                    now = identify(settings, request, sessions, extend=False)
                except AccessDenied as exc:
                    yield f"event: end\ndata: {json.dumps({'reason': str(exc)}, ensure_ascii=False)}\n\n"
                    return
                if now.name != caller.name:  # the session behind the cookie ended (a logout): no longer this user
                    reason = "the session this stream was opened in has ended; log in and subscribe again"
                    yield f"event: end\ndata: {json.dumps({'reason': reason}, ensure_ascii=False)}\n\n"
                    return
                fresh: list[dict[str, Any]] = []
                while True:
                    total, rows = await asyncio.to_thread(
                        breaks.page, store, region=where, department=department, open_only=True, since=last,
                        confidential=now.can("editor"), skip=len(fresh), limit=1000)
                    fresh += rows
                    if len(fresh) >= total or not rows:
                        break
                if fresh:
                    last = max(str(r["created_at"]) for r in fresh)
                    shown = [{k: r.get(k) for k in ("id", "law", "kind", "status", "department", "department_name",
                                                    "owner_kind", "owner", "owner_name", "unit_old", "evidence",
                                                    "fix", "created_at")} for r in fresh]
                    yield f"id: {last}\nevent: breaks\ndata: {json.dumps(shown, ensure_ascii=False)}\n\n"
                await asyncio.sleep(every)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz")
    async def readyz(request: Request) -> JSONResponse:
        current = holder.get("store")
        ready = current is not None and current.ping()
        return JSONResponse({"status": "ready" if ready else "unavailable"}, status_code=200 if ready else 503)

    return app
