"""Access to the API: API keys and roles, anonymous access where configured, a per-key rate limit, a
request-body cap, and error masking (no stack trace, Cypher or file path in a response)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from graphql import GraphQLError

from lawgraph.config import Role, Settings
from lawgraph.errors import LawgraphError, StoreError

RANK = {"reader": 1, "editor": 2, "admin": 3}


@dataclass(frozen=True)
class Caller:
    """Who is asking: a key's name (or `anonymous`), its role, and the address it came from."""

    name: str
    role: Role
    address: str

    def can(self, role: Role) -> bool:
        """True when this caller's role includes `role` (admin ⊃ editor ⊃ reader)."""
        return RANK[self.role] >= RANK[role]


def new_key() -> tuple[str, str]:
    """A fresh API key and its SHA-256 (the hash goes into LAWGRAPH_API_KEYS, the key to the client)."""
    key = "lg_" + secrets.token_urlsafe(32)
    return key, hashlib.sha256(key.encode()).hexdigest()


class AccessDenied(LawgraphError):
    """No key, an unknown key, or a role too low for what was asked."""


SESSION_COOKIE, CSRF_COOKIE, CSRF_HEADER = "lg_session", "lg_csrf", "x-csrf-token"


def caller_for_key(settings: Settings, key: str, address: str) -> Caller:
    """The caller an API key names; raises AccessDenied for a key not configured."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    for entry in settings.api_keys:
        if hmac.compare_digest(entry.sha256, digest):
            return Caller(entry.name, entry.role, address)
    raise AccessDenied("unknown API key")


@dataclass
class Session:
    """A workbench login: who, the CSRF token its mutations must echo, when it lapses."""

    caller: Caller
    csrf: str
    expires: float


class Sessions:
    """Workbench sessions, in memory (a restart logs everyone out): an HttpOnly cookie names one; it lapses after
    `minutes` without a request."""

    def __init__(self, minutes: int) -> None:
        self.seconds = minutes * 60
        self._open: dict[str, Session] = {}
        self._lock = threading.Lock()

    def open(self, caller: Caller) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        session = Session(caller, secrets.token_urlsafe(24), time.monotonic() + self.seconds)
        with self._lock:
            self._open = {k: v for k, v in self._open.items() if v.expires > time.monotonic()}
            self._open[sid] = session
        return sid, session

    def get(self, sid: str | None, *, extend: bool = True) -> Session | None:
        """The open session `sid` names (None when unknown or lapsed); `extend` starts its `minutes` again (a
        request of the user's does; a check made for a stream the user left open does not)."""
        if not sid:
            return None
        with self._lock:
            session = self._open.get(sid)
            if session is None or session.expires <= time.monotonic():
                self._open.pop(sid, None)
                return None
            if extend:
                session.expires = time.monotonic() + self.seconds  # sliding expiry
            return session

    def close(self, sid: str | None) -> None:
        with self._lock:
            self._open.pop(sid or "", None)


def identify(settings: Settings, request: Request, sessions: Sessions | None = None, *,
             extend: bool = True) -> Caller:
    """The caller of a request, from `Authorization: Bearer <key>` or `X-API-Key`, else from a workbench session
    cookie — whose POSTs must carry its CSRF token in `X-CSRF-Token` —, else anonymous where allowed; raises
    AccessDenied. `extend=False` checks the session without extending it (Sessions.get)."""
    address = request.client.host if request.client else "unknown"
    header = request.headers.get("authorization", "")
    key = header[7:].strip() if header.lower().startswith("bearer ") else request.headers.get("x-api-key", "").strip()
    if key:
        return caller_for_key(settings, key, address)
    session = sessions.get(request.cookies.get(SESSION_COOKIE), extend=extend) if sessions is not None else None
    if session is not None:
        if request.method not in ("GET", "HEAD", "OPTIONS") and \
                not hmac.compare_digest(request.headers.get(CSRF_HEADER, "").encode(), session.csrf.encode()):
            raise AccessDenied("the request lacks the session's CSRF token (X-CSRF-Token); reload the page")
        return session.caller
    if settings.anonymous_role is None:
        raise AccessDenied("an API key is required: send `Authorization: Bearer <key>` (keys are made with "
                           "`lawgraph key new`), or log in to the workbench")
    return Caller("anonymous", settings.anonymous_role, address)


class RateLimiter:
    """A token bucket per caller: `per_minute` requests, refilled continuously."""

    def __init__(self, per_minute: int) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def allow(self, who: str) -> bool:
        """Take one token for `who`; False when the bucket is empty."""
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(who, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1.0:
                self.buckets[who] = (tokens, now)
                return False
            self.buckets[who] = (tokens - 1.0, now)
            return True


def body_limit(max_bytes: int, max_upload_bytes: int
               ) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """Middleware refusing request bodies over `max_bytes` (`max_upload_bytes` for multipart uploads),
    declared or actual, with 413."""

    async def middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        multipart = request.headers.get("content-type", "").startswith("multipart/form-data")
        limit = max_upload_bytes if multipart else max_bytes
        declared = request.headers.get("content-length")
        too_big = JSONResponse({"errors": [{"message": f"request body over {limit} bytes"}]}, status_code=413)
        if declared is not None:
            try:
                if int(declared) > limit:
                    return too_big
            except ValueError:
                return JSONResponse({"errors": [{"message": "bad Content-Length"}]}, status_code=400)
        elif request.method in ("POST", "PUT", "PATCH"):
            body = b""
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    return too_big
            request._body = body  # the stream is consumed: hand the body on
        return await call_next(request)

    return middleware


def should_mask(error: GraphQLError) -> bool:
    """Mask unexpected exceptions and store failures (they carry Cypher, sockets, paths); keep validation
    errors and the messages of deliberate errors (not found, bad input, access denied)."""
    original = error.original_error
    if original is None:
        return False
    if isinstance(original, StoreError):
        return True
    return not isinstance(original, LawgraphError | ValueError)
