"""Settings, read from LAWGRAPH_* environment variables (or a .env file)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from lawgraph import resources


def data_home() -> Path:
    """lawgraph's per-user data folder: $XDG_DATA_HOME/lawgraph, else ~/.local/share/lawgraph."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "lawgraph"


def describe_store(url: str) -> str:
    """The store a URL names, for messages: `the embedded store at /…/store` or `the store at neo4j://…`."""
    if url.startswith("embedded:"):
        return f"the embedded store at {Path(url.removeprefix('embedded:') or '.').resolve()}"
    return f"the store at {url}"


Role = Literal["reader", "editor", "admin"]


class ApiKey(BaseModel):
    """One API key: a name for the audit log, its role and the SHA-256 of the key (never the key itself)."""

    name: str
    role: Role
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Settings(BaseSettings):
    """lawgraph settings; every field can be set as LAWGRAPH_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="LAWGRAPH_", env_file=".env", extra="ignore")

    graph_url: str = Field(
        default_factory=lambda: f"embedded:{data_home() / 'store'}",
        description="embedded:<dir> | falkordb://host:port | neo4j://host:port | bolt://host:port; default: one "
                    "embedded store per user, under $XDG_DATA_HOME/lawgraph (~/.local/share/lawgraph)",
    )
    graph_name: str = Field(default="lawgraph", description="FalkorDB graph key")
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    neo4j_retry_seconds: float = Field(default=30.0, gt=0, description="How long a Neo4j transaction is retried "
                                       "on transient errors (leader switch on a cluster, server restarting).")
    cypher_dir: Path = Field(default_factory=lambda: resources.path("cypher"))
    batch_size: int = Field(default=2000, ge=1, le=100_000)
    # the API (see README "GraphQL: access and limits")
    production: bool = Field(default=False, description="Production mode: introspection and GraphiQL off unless "
                                                       "set explicitly")
    api_keys: list[ApiKey] = Field(default_factory=list, description="JSON list of {name, role, sha256}; make "
                                                                    "one with `lawgraph key new`")
    session_minutes: int = Field(default=480, ge=1, le=7 * 24 * 60, description="A workbench login lapses after "
                                 "this many minutes without a request.")
    public_view: bool = Field(default=False, description="Serve the 公示 view: an anonymous, read-only 职权目录 at "
                                                        "/public (no 涉密 power, nothing else of the graph).")
    session_cookie_secure: bool = Field(default=False, description="Mark the workbench cookies Secure (serve "
                                        "over HTTPS, e.g. behind a TLS proxy).")
    anonymous_role: Role | None = Field(default=None, description="Role of requests without a key; off by default")
    introspection: bool | None = None
    graphiql: bool | None = None
    cors_origins: list[str] = Field(default_factory=list)
    max_depth: int = Field(default=10, ge=2, le=50)
    max_aliases: int = Field(default=30, ge=1, le=1000)
    max_tokens: int = Field(default=2000, ge=50, le=100_000)
    max_body_bytes: int = Field(default=256 * 1024, ge=1024)
    max_upload_bytes: int = Field(default=50 * 1024 * 1024, ge=1024, description="Multipart uploads (mutations)")
    rate_per_minute: int = Field(default=600, ge=1, description="Requests per minute per key (or address)")
    keep_reads: bool = Field(default=True, description="Keep pages, totals, powers, benchmarks and the last "
                             "amendment impacts read for the API between requests while the graph is not written "
                             "(the embedded store and FalkorDB; Neo4j keeps no write token, so nothing is kept "
                             "there)")

    @property
    def introspection_on(self) -> bool:
        """Introspection unless production mode turns it off (an explicit setting wins)."""
        return self.introspection if self.introspection is not None else not self.production

    @property
    def graphiql_on(self) -> bool:
        """GraphiQL unless production mode turns it off (an explicit setting wins)."""
        return self.graphiql if self.graphiql is not None else not self.production


def load_settings(**overrides: object) -> Settings:
    """Return settings from the environment, with explicit overrides (None values ignored)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
