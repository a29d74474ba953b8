"""Per-request GraphQL context: the store (owned by the app's lifespan)."""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.fastapi import BaseContext

from graph.store import GraphStore


@dataclass
class Context(BaseContext):
    """What every resolver may use."""

    store: GraphStore

    def __post_init__(self) -> None:
        super().__init__()
