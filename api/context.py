"""Per-request GraphQL context: the store (owned by the app's lifespan)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.fastapi import BaseContext

from api.security import Caller
from graph.store import GraphStore


@dataclass
class Context(BaseContext):
    """What every resolver may use."""

    store: GraphStore
    caller: Caller = field(default_factory=lambda: Caller("anonymous", "reader", "local"))
    cache: dict[str, Any] = field(default_factory=dict)  # per request

    def __post_init__(self) -> None:
        super().__init__()
