"""The labelled set of dated citing sentences (tests/data/citation_fates): where the cited provisions stand on the
reader's date. The held-out part was labelled from the sources by a second annotator before any tuning."""

from __future__ import annotations

from bench.citation_fates import PARTS, evaluate, law_files, rows
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.load import ingest_statutes
from tests.conftest import corpus


def test_stale_and_current_on_the_labelled_citing_sentences(store: GraphStore) -> None:
    parts = {part: rows(part) for part in PARTS}
    assert sum(len(p) for p in parts.values()) >= 80
    laws = {c["law"] for examples in parts.values() for e in examples for c in e["citations"]}
    assert ingest_statutes(store, law_files(corpus(), laws), workers=1).ok
    held_out, dev = evaluate(store, parts["heldout"]), evaluate(store, parts["dev"])
    for result, floor in ((held_out, 0.95), (dev, 0.9)):
        assert result["found"] == result["citations"], result["misses"]
        assert result["stale"]["precision"] >= floor and result["stale"]["recall"] >= floor, result["stale"]
        assert result["current_accuracy"] >= floor, result["misses"]
