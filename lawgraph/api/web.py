"""The workbench (执法工作台): the page shell and its assets at / and /static, and the login and logout that open
and close a session (HttpOnly, SameSite=Strict cookie; a CSRF token every POST echoes). Everything else the
pages show comes through /graphql, like any client's. Assets are lawgraph's own files (lawgraph/web/static; the
scripts compiled from web/src by scripts/setup.sh): no page refers to another host."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from lawgraph import resources
from lawgraph.api.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    AccessDenied,
    RateLimiter,
    Sessions,
    caller_for_key,
    identify,
)
from lawgraph.config import Settings
from lawgraph.errors import LawgraphError, NotFoundError, StoreError
from lawgraph.graph.store import GraphStore

STATIC = resources.path("web", "static")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UNAVAILABLE = "the graph store is unavailable right now; try again in a moment (the server log says why)"


def _same_origin(request: Request) -> bool:
    """False for a request a browser marks as sent from another site (Sec-Fetch-Site, else Origin)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    return origin is None or origin.split("://", 1)[-1] == request.headers.get("host", "")
log = logging.getLogger("lawgraph.api")


def mount(app: FastAPI, settings: Settings, sessions: Sessions, limiter: RateLimiter) -> bool:
    """Serve the workbench; False (off, the log says why) when its compiled scripts are not installed."""
    shell = STATIC / "index.html"
    if not (STATIC / "js" / "main.js").is_file():
        log.warning("the workbench is off: %s not found; run scripts/setup.sh (npm ci and tsc in web/)",
                    STATIC / "js" / "main.js")
        return False
    page = shell.read_text(encoding="utf-8")
    secure = settings.session_cookie_secure

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                           "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"})

    @app.get("/static/{path:path}", include_in_schema=False)
    async def asset(path: str) -> Response:
        try:
            target = (STATIC / path).resolve()
            found = target.is_file() and STATIC.resolve() in target.parents
        except (ValueError, OSError):  # a NUL byte or an impossible path
            found = False
        if not found:
            return Response(status_code=404)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".js":
            kind = "text/javascript"
        return FileResponse(target, media_type=kind, headers={"Cache-Control": "no-cache",
                                                              "X-Content-Type-Options": "nosniff"})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        """Log in with an API key (form field or JSON `key`): opens a session; 401 with the reason otherwise."""
        address = request.client.host if request.client else "unknown"
        if not limiter.allow(f"login@{address}"):
            return JSONResponse({"error": "too many attempts; wait a minute"}, status_code=429)
        if not _same_origin(request):  # no logging a user in from another site (login CSRF)
            return JSONResponse({"error": "log in from the workbench's own page"}, status_code=403)
        try:
            if request.headers.get("content-type", "").startswith("application/json"):
                data = await request.json()
                key = str(data.get("key") or "") if isinstance(data, dict) else ""
            else:
                key = str((await request.form()).get("key") or "")
        except ValueError:
            return JSONResponse({"error": "send the key as a form field or JSON {\"key\": …}"}, status_code=400)
        if not key.strip():
            return JSONResponse({"error": "enter your API key (an administrator makes one with "
                                          "`lawgraph key new NAME --role reader|editor|admin`)"}, status_code=401)
        try:
            caller = caller_for_key(settings, key.strip(), address)
        except AccessDenied:
            return JSONResponse({"error": "unknown API key"}, status_code=401)
        sessions.close(request.cookies.get(SESSION_COOKIE))  # a new login ends the session it replaces
        sid, session = sessions.open(caller)
        answer = JSONResponse({"name": caller.name, "role": caller.role})
        answer.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="strict", secure=secure, path="/")
        answer.set_cookie(CSRF_COOKIE, session.csrf, httponly=False, samesite="strict", secure=secure, path="/")
        return answer

    @app.get("/download/impact.{fmt}", include_in_schema=False)
    async def download_impact(request: Request, fmt: str, law: str, from_: str = Query(alias="from"),
                              to: str = Query(), region: str | None = None) -> Response:
        """The amendment-impact report (the CLI's `impact --format md|xlsx`) for the caller: readers get it without
        涉密 powers and what rests on them."""
        if fmt not in ("md", "xlsx"):
            return JSONResponse({"error": "use impact.md or impact.xlsx"}, status_code=404)
        try:
            caller = identify(settings, request, sessions)
        except AccessDenied as exc:
            return JSONResponse({"error": str(exc)}, status_code=401)
        store = app.state.store_holder["store"]

        def build() -> tuple[bytes, str]:
            from lawgraph.analysis import report
            from lawgraph.analysis.impact import impact
            from lawgraph.graph.repos import alignment
            from lawgraph.graph.repos import laws as law_repo
            from lawgraph.graph.repos.enforcement import find_region

            found = law_repo.law_named(store, law)
            if found is None:
                raise NotFoundError(f"no law titled {law!r}")
            old = alignment.pick_version(store, found["id"], from_)["id"]
            new = alignment.pick_version(store, found["id"], to)["id"]
            result = impact(store, found["id"], old, new, region=find_region(store, region) if region else None,
                            confidential=caller.can("editor"))
            if fmt == "md":
                return report.markdown(result).encode("utf-8"), "text/markdown; charset=utf-8"
            with tempfile.TemporaryDirectory(prefix="lg-dl-") as tmp:
                path = Path(tmp) / "impact.xlsx"
                report.xlsx(result, path)
                return path.read_bytes(), XLSX

        try:
            body, kind = await asyncio.to_thread(build)
        except StoreError:
            log.exception("download of the impact report failed")
            return JSONResponse({"error": UNAVAILABLE}, status_code=503)
        except LawgraphError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        name = quote(f"修法影响_{law}_{from_}_{to}.{fmt}")
        return Response(body, media_type=kind, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}",
                                                        "Cache-Control": "no-store"})

    @app.get("/download/powers.xlsx", include_in_schema=False)
    async def download_powers(request: Request, form: str, region: str | None = None, department: str | None = None,
                              category: str | None = None) -> Response:
        """One of the 职权目录 forms (analysis.directory.FORMS) as .xlsx; readers get no 涉密 power."""
        from lawgraph.analysis import directory

        if form not in directory.FORMS:
            return JSONResponse({"error": f"form: one of {', '.join(directory.FORMS)}"}, status_code=404)
        try:
            caller = identify(settings, request, sessions)
        except AccessDenied as exc:
            return JSONResponse({"error": str(exc)}, status_code=401)
        store = app.state.store_holder["store"]

        def build() -> bytes:
            from lawgraph.graph.repos.enforcement import find_region

            with tempfile.TemporaryDirectory(prefix="lg-dl-") as tmp:
                path = Path(tmp) / "form.xlsx"
                directory.write(store, form, path, region=find_region(store, region) if region else None,
                                department=department or None, category=category or None,
                                confidential=caller.can("editor"))
                return path.read_bytes()

        try:
            body = await asyncio.to_thread(build)
        except StoreError:
            log.exception("download of a 职权目录 form failed")
            return JSONResponse({"error": UNAVAILABLE}, status_code=503)
        except LawgraphError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        name = quote(f"{directory.FORMS[form]}.xlsx")
        return Response(body, media_type=XLSX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}",
                                                        "Cache-Control": "no-store"})

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        try:
            identify(settings, request, sessions)  # a logout needs the CSRF token too
        except AccessDenied as exc:
            return JSONResponse({"error": str(exc)}, status_code=403)
        sessions.close(request.cookies.get(SESSION_COOKIE))
        answer = JSONResponse({"ok": True})
        answer.delete_cookie(SESSION_COOKIE, path="/")
        answer.delete_cookie(CSRF_COOKIE, path="/")
        return answer

    return True


def mount_public(app: FastAPI, settings: Settings, limiter: RateLimiter, store: Callable[[], GraphStore]) -> bool:
    """The 公示 view: /public (its own page and script) and /public/graphql (its own read-only schema, anonymous,
    rate-limited per address): the published 职权目录 and nothing else."""
    import strawberry
    from strawberry.extensions import (
        MaskErrors,
        MaxAliasesLimiter,
        MaxTokensLimiter,
        ParserCache,
        QueryDepthLimiter,
    )
    from strawberry.fastapi import GraphQLRouter

    from lawgraph.api.context import Context
    from lawgraph.api.security import Caller, should_mask
    from lawgraph.api.types.public import PublicQuery

    page_file = STATIC / "public.html"
    if not page_file.is_file() or not (STATIC / "js" / "public.js").is_file():
        log.warning("the 公示 view is off: its page or script is missing under %s; run scripts/setup.sh", STATIC)
        return False
    page = page_file.read_text(encoding="utf-8")
    schema = strawberry.Schema(query=PublicQuery, extensions=[
        lambda: QueryDepthLimiter(max_depth=6), lambda: MaxTokensLimiter(max_token_count=800),
        lambda: MaxAliasesLimiter(max_alias_count=4), lambda: ParserCache(maxsize=64),
        lambda: MaskErrors(should_mask_error=should_mask, error_message="internal error")])

    async def context(request: Request) -> Context:
        address = request.client.host if request.client else "unknown"
        return Context(store=store(), caller=Caller("public", "reader", address), keys=[])

    router: GraphQLRouter[Context, None] = GraphQLRouter(schema, context_getter=context, graphql_ide=None,
                                                         multipart_uploads_enabled=False)

    @app.middleware("http")
    async def public_limit(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.url.path.startswith("/public/graphql"):
            address = request.client.host if request.client else "unknown"
            if not limiter.allow(f"public@{address}"):
                return JSONResponse({"errors": [{"message": "rate limit; retry in a moment"}]}, status_code=429)
        return await call_next(request)

    app.include_router(router, prefix="/public/graphql")

    @app.get("/public", response_class=HTMLResponse, include_in_schema=False)
    async def public_page() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                                           "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache"})

    return True
