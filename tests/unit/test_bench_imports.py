"""Every benchmark under bench/ still imports (they are not run by the suite, so a moved module would
otherwise only be noticed the next time someone measures). locustfile needs the `bench` extra (locust)."""

from __future__ import annotations

import importlib
import importlib.util

import pytest

from tests.conftest import REPO

MODULES = sorted(p.stem for p in (REPO / "bench").glob("*.py") if p.stem not in ("__init__", "locustfile"))


def test_there_are_benchmarks() -> None:
    assert {"stores", "impact_scale", "overlaps_scale", "ingest_corpus"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_benchmark_imports(name: str) -> None:
    module = importlib.import_module(f"bench.{name}")
    assert callable(getattr(module, "main", None)), f"bench/{name}.py has no main()"
