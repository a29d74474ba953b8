"""schemathesis in GraphQL mode, in-process against the app over the sample: every query field gets
generated queries (valid and odd arguments); no 5xx and no masked internal error may come back."""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from lawgraph.api.app import create_app
from lawgraph.config import Settings
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE


def _fuzz(operation: Any, seen: dict[str, int]) -> None:
    label = operation.label

    @given(case=operation.as_strategy())
    @hypothesis_settings(max_examples=int(os.environ.get("LAWGRAPH_FUZZ_EXAMPLES", "10")), deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        response = case.call()
        assert response.status_code < 500, (label, case.body, response.text)
        for error in response.json().get("errors") or []:
            assert not str(error.get("message", "")).startswith("internal error"), (label, case.body, error)
        seen[label] = seen.get(label, 0) + 1

    run()


def test_every_query_field_without_server_errors(store: GraphStore, settings: Settings) -> None:
    assert load_sample(store, SAMPLE).ok
    app = create_app(settings.model_copy(update={"anonymous_role": "reader", "rate_per_minute": 1_000_000}),
                     store=store)
    schema = schemathesis.graphql.from_asgi("/graphql", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # uploads need files; they have their own tests (tests/integration/test_api_security.py)
    queries = [op for op in operations if not op.label.startswith("Mutation")]
    assert len(queries) >= 12, [op.label for op in operations]
    seen: dict[str, int] = {}
    for operation in queries:
        _fuzz(operation, seen)
    assert set(seen) == {op.label for op in queries}
    assert sum(seen.values()) >= 5 * len(queries), seen
