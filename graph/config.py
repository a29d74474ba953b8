"""Settings, read from LAWGRAPH_* environment variables (or a .env file)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """lawgraph settings; every field can be set as LAWGRAPH_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="LAWGRAPH_", env_file=".env", extra="ignore")

    graph_url: str = Field(
        default="embedded:.lawgraph",
        description="embedded:<dir> | falkordb://host:port | neo4j://host:port | bolt://host:port",
    )
    graph_name: str = Field(default="lawgraph", description="FalkorDB graph key")
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    cypher_dir: Path = REPO_ROOT / "cypher"
    batch_size: int = Field(default=2000, ge=1, le=100_000)


def load_settings(**overrides: object) -> Settings:
    """Return settings from the environment, with explicit overrides (None values ignored)."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
