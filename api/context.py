"""Per-request GraphQL context: the store (owned by the app's lifespan)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from api.security import Caller
from graph.config import ApiKey
from graph.repos import enforcement
from graph.store import GraphStore


@dataclass
class Context(BaseContext):
    """What every resolver may use; DataLoaders are made per request, each batch one `UNWIND $ids` query."""

    store: GraphStore
    caller: Caller = field(default_factory=lambda: Caller("anonymous", "reader", "local"))
    cache: dict[str, Any] = field(default_factory=dict)  # per request
    keys: list[ApiKey] = field(default_factory=list)  # the configured keys (for admins' listing)
    powers: DataLoader[str, dict[str, Any] | None] = field(init=False)
    benchmarks: DataLoader[str, dict[str, Any] | None] = field(init=False)

    def __post_init__(self) -> None:
        super().__init__()
        store = self.store

        async def load_powers(keys: list[str]) -> list[dict[str, Any] | None]:
            found = enforcement.powers(store, list(keys))
            return [found.get(key) for key in keys]

        async def load_benchmarks(keys: list[str]) -> list[dict[str, Any] | None]:
            found = enforcement.benchmarks(store, list(keys))
            return [found.get(key) for key in keys]

        self.powers = DataLoader(load_fn=load_powers)
        self.benchmarks = DataLoader(load_fn=load_benchmarks)
