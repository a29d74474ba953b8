"""The GraphQL seed and the health endpoints, in-process against the real store."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from lawgraph.api.app import create_app
from lawgraph.config import Settings
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.load import ingest_statutes
from tests.conftest import SAMPLE


@pytest.fixture
def client(store: GraphStore, settings: Settings) -> Iterator[TestClient]:
    ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    with TestClient(create_app(settings.model_copy(update={"anonymous_role": "reader"}), store=store)) as test_client:
        yield test_client


def gql(client: TestClient, query: str, **variables: Any) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_laws_paginate(client: TestClient) -> None:
    query = """query($after: String) { laws(first: 6, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = gql(client, query, after=after)["data"]["laws"]
        assert page["totalCount"] == 16
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 16 == len(set(seen)) and seen == sorted(seen)


def test_laws_filter_by_search_and_level(client: TestClient) -> None:
    data = gql(client, '{ laws(search: "食品", level: "法律") { totalCount edges { node { id title level } } } }')
    assert data["data"]["laws"]["totalCount"] == 1
    assert data["data"]["laws"]["edges"][0]["node"] == {
        "id": "食品安全法", "title": "中华人民共和国食品安全法", "level": "法律"}
    regs = gql(client, '{ laws(level: "行政法规") { edges { node { id } } } }')
    assert [e["node"]["id"] for e in regs["data"]["laws"]["edges"]] == ["农药管理条例", "生猪屠宰管理条例"]


def test_law_versions_and_version_at(client: TestClient) -> None:
    data = gql(client, """{ law(title: "中华人民共和国农产品质量安全法") { id level
        versions { date effective status articleCount }
        then: versionAt(asOf: "2022-12-31") { date } now: versionAt { date } } }""")["data"]["law"]
    assert data["versions"] == [
        {"date": "2018-10-26", "effective": None, "status": "superseded", "articleCount": 56},
        {"date": "2022-09-02", "effective": "2023-01-01", "status": "in_force", "articleCount": 81}]
    assert data["then"] == {"date": "2018-10-26"} and data["now"] == {"date": "2022-09-02"}


def test_version_at_answers_the_status_on_that_date(client: TestClient) -> None:
    # the 2022 revision was adopted on 2022-09-02 but took effect on 2023-01-01: on 2022-10-01 the 2018 text was
    # still the one in force, though superseded today
    data = gql(client, """{ law(title: "农产品质量安全法") {
        versions { date status }
        then: versionAt(asOf: "2022-10-01") { id date effective status }
        now: versionAt { id date effective status }
        before: versionAt(asOf: "2010-01-01") { id } } }""")["data"]["law"]
    assert data["then"] == {"id": "农产品质量安全法@2018-10-26", "date": "2018-10-26", "effective": None,
                            "status": "in_force"}
    assert data["now"] == {"id": "农产品质量安全法@2022-09-02", "date": "2022-09-02", "effective": "2023-01-01",
                           "status": "in_force"}
    assert data["before"] is None  # no text of the sample was in force then
    assert data["versions"] == [{"date": "2018-10-26", "status": "superseded"},
                                {"date": "2022-09-02", "status": "in_force"}]


def test_article_with_paragraphs_and_items(client: TestClient) -> None:
    query = """query($n: String!, $at: Date) { article(law: "行政处罚法", number: $n, asOf: $at) {
        label number versionId paragraphs { number text items { number text } } } }"""
    now = gql(client, query, n="第九条")["data"]["article"]
    assert now["label"] == "第九条" and now["versionId"] == "行政处罚法@2021-01-22"
    assert [i["number"] for i in now["paragraphs"][0]["items"]] == [1, 2, 3, 4, 5, 6]
    old = gql(client, query, n="8", at="2019-06-01")["data"]["article"]
    assert old["versionId"] == "行政处罚法@2017-09-01"
    assert len(old["paragraphs"][0]["items"]) == 7  # the 2017 text listed seven kinds
    assert gql(client, query, n="999")["data"]["article"] is None


def test_bad_arguments_are_clear_errors(client: TestClient) -> None:
    body = gql(client, '{ article(law: "行政处罚法", number: "abc") { id } }')
    assert "not an article number" in body["errors"][0]["message"]
    body = gql(client, '{ laws(first: 1000) { totalCount } }')
    assert "first must be between 0 and 100" in body["errors"][0]["message"]
    body = gql(client, '{ laws(after: "garbage") { totalCount } }')
    assert "invalid cursor" in body["errors"][0]["message"]
