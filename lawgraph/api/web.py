"""The workbench (执法工作台): the page shell and its assets at / and /static, and the login and logout that open
and close a session (HttpOnly, SameSite=Strict cookie; a CSRF token every POST echoes). Everything else the
pages show comes through /graphql, like any client's. Assets are lawgraph's own files (lawgraph/web/static; the
scripts compiled from web/src by scripts/setup.sh): no page refers to another host."""

from __future__ import annotations

import logging
import mimetypes

from fastapi import FastAPI, Request
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

STATIC = resources.path("web", "static")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
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
        target = (STATIC / path).resolve()
        if not target.is_file() or STATIC.resolve() not in target.parents:
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
        try:
            if request.headers.get("content-type", "").startswith("application/json"):
                key = str((await request.json()).get("key") or "")
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
        sid, session = sessions.open(caller)
        answer = JSONResponse({"name": caller.name, "role": caller.role})
        answer.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="strict", secure=secure, path="/")
        answer.set_cookie(CSRF_COOKIE, session.csrf, httponly=False, samesite="strict", secure=secure, path="/")
        return answer

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
