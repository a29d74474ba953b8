"""The API's access control and limits, in-process against the real store."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from lawgraph.api.app import create_app
from lawgraph.config import ApiKey, Settings
from lawgraph.errors import StoreError
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.load import ingest_statutes
from tests.conftest import SAMPLE

READER, EDITOR = "lg_reader_key_for_tests", "lg_editor_key_for_tests"
AUTH = {"Authorization": f"Bearer {READER}"}


def _settings(settings: Settings, **changes: Any) -> Settings:
    keys = [ApiKey(name="reader-app", role="reader", sha256=hashlib.sha256(READER.encode()).hexdigest()),
            ApiKey(name="editor-app", role="editor", sha256=hashlib.sha256(EDITOR.encode()).hexdigest())]
    return settings.model_copy(update={"api_keys": keys, "anonymous_role": None, **changes})


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    ingest_statutes(store, [SAMPLE / "statutes"], workers=1)
    return store


@pytest.fixture
def client(loaded: GraphStore, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(_settings(settings), store=loaded)) as test_client:
        yield test_client


def post(client: TestClient, query: str, headers: dict[str, str] | None = None) -> Any:
    return client.post("/graphql", json={"query": query}, headers=AUTH if headers is None else headers)


def test_keys_are_required_unless_anonymous_access_is_configured(client: TestClient, loaded: GraphStore,
                                                                  settings: Settings) -> None:
    assert post(client, "{ laws { totalCount } }", headers={}).status_code == 401
    bad = post(client, "{ laws { totalCount } }", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["errors"][0]["message"] == "unknown API key"
    ok = post(client, "{ laws { totalCount } }")
    assert ok.status_code == 200 and ok.json()["data"]["laws"]["totalCount"] == 16
    assert post(client, "{ laws { totalCount } }", headers={"X-API-Key": EDITOR}).status_code == 200
    with TestClient(create_app(_settings(settings, anonymous_role="reader"), store=loaded)) as demo:
        assert post(demo, "{ laws { totalCount } }", headers={}).status_code == 200


def test_depth_aliases_tokens_cycles_and_page_size_are_refused(client: TestClient) -> None:
    deep = "{ law(title: \"行政处罚法\") { " + "versions { " * 19 + "id" + " }" * 19 + " } }"
    body = post(client, deep).json()
    assert body["data"] is None and "exceeds maximum operation depth" in body["errors"][0]["message"]
    aliases = "{ " + " ".join(f"a{i}: laws(first: 1) {{ totalCount }}" for i in range(1000)) + " }"
    body = post(client, aliases).json()  # refused by the token limit before the alias count
    assert body["data"] is None and "more than 2000 tokens" in body["errors"][0]["message"]
    forty = "{ " + " ".join(f"a{i}: laws(first: 1) {{ totalCount }}" for i in range(40)) + " }"
    body = post(client, forty).json()
    assert body["data"] is None and "aliases" in body["errors"][0]["message"].lower()
    cycle = "query { laws { ...A } } fragment A on LawConnection { ...B } fragment B on LawConnection { ...A }"
    body = post(client, cycle).json()
    assert body["data"] is None and "Cannot spread fragment" in body["errors"][0]["message"]
    huge = post(client, "{ laws(first: 1000000000) { totalCount } }").json()
    assert "first must be between 0 and 100" in huge["errors"][0]["message"]


def test_a_repeated_query_is_validated_once_and_its_limits_still_hold(client: TestClient) -> None:
    """The validation of a query text is cached (the limits' rules are the same classes on every request): the
    second time a text comes, its validation is looked up — refused again when over a limit, answered when not."""
    from strawberry.extensions.validation_cache import _get_validate_cache

    cached = _get_validate_cache(256)
    deep = "{ law(title: \"行政处罚法\") { " + "versions { " * 19 + "id" + " }" * 19 + " } }"
    forty = "{ " + " ".join(f"b{i}: laws(first: 1) {{ totalCount }}" for i in range(40)) + " }"
    fine = "{ laws(first: 2) { totalCount edges { node { title } } } }"
    for _ in range(3):
        before = cached.cache_info()
        assert "exceeds maximum operation depth" in post(client, deep).json()["errors"][0]["message"]
        assert "aliases" in post(client, forty).json()["errors"][0]["message"].lower()
        body = post(client, fine).json()
        assert "errors" not in body and body["data"]["laws"]["totalCount"] == 16
        after = cached.cache_info()
    assert after.hits - before.hits == 3 and after.misses == before.misses  # the third round: all looked up


def test_a_10_mb_body_is_refused(client: TestClient) -> None:
    query = "{ laws { totalCount } }" + " " * (10 * 1024 * 1024)
    response = client.post("/graphql", json={"query": query}, headers=AUTH)
    assert response.status_code == 413 and "request body over" in response.json()["errors"][0]["message"]


def test_errors_are_masked(client: TestClient, loaded: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str, **params: Any) -> Any:
        raise StoreError(f"query {name!r} failed on FalkorDB (unix:/tmp/secret/falkordb.sock): MATCH (n) boom")

    monkeypatch.setattr(loaded, "run", broken)
    body = post(client, "{ laws { totalCount } }").json()
    message = body["errors"][0]["message"]
    assert message.startswith("internal error")
    assert "MATCH" not in str(body) and "/tmp" not in str(body) and "Traceback" not in str(body)
    assert "extensions" not in body["errors"][0] or "exception" not in str(body["errors"][0]["extensions"])


def test_user_errors_keep_their_message(client: TestClient) -> None:
    body = post(client, '{ article(law: "行政处罚法", number: "abc") { id } }').json()
    assert "is not an article number" in body["errors"][0]["message"]


def test_production_mode_turns_off_introspection_and_graphiql(loaded: GraphStore, settings: Settings) -> None:
    with TestClient(create_app(_settings(settings, production=True), store=loaded)) as prod:
        body = post(prod, "{ __schema { types { name } } }").json()
        assert body.get("data") is None and "introspection" in body["errors"][0]["message"].lower()
        assert prod.get("/graphiql").status_code == 404
    with TestClient(create_app(_settings(settings), store=loaded)) as dev:
        assert post(dev, "{ __schema { queryType { name } } }").json()["data"]["__schema"]["queryType"]["name"] \
            == "Query"
        page = dev.get("/graphiql")
        assert page.status_code == 200 and "GraphiQL" in page.text


def test_graphiql_makes_no_outside_request(client: TestClient) -> None:
    import re

    page = client.get("/graphiql").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("./graphiql/assets/") for s in sources), sources
    assert "http://" not in page and "https://" not in page and "//unpkg" not in page
    for source in sources:
        asset = client.get("/" + source.removeprefix("./"))
        assert asset.status_code == 200 and len(asset.content) > 500, source
        assert b"https://unpkg.com" not in asset.content and b"cdn.jsdelivr" not in asset.content


def test_rate_limit_per_key(loaded: GraphStore, settings: Settings) -> None:
    with TestClient(create_app(_settings(settings, rate_per_minute=3), store=loaded)) as limited:
        codes = [post(limited, "{ laws { totalCount } }").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and codes[3] == 429
        assert post(limited, "{ laws { totalCount } }", headers={"X-API-Key": EDITOR}).status_code == 200


def test_schema_file_matches_the_code() -> None:
    from strawberry.printer import print_schema

    from lawgraph.api.schema import schema
    from tests.conftest import REPO

    committed = (REPO / "schema.graphql").read_text(encoding="utf-8")
    assert committed == print_schema(schema) + "\n", "schema.graphql is stale: run `lawgraph schema` and commit it"


UPLOAD = """mutation($file: Upload!) { uploadTable(kind: "powers", file: $file, region: "江北省/临川市/青禾县",
    department: "青禾县农业农村局") {
    __typename ... on ImportSuccess { records written } ... on ImportFailure { problems { where message } loaded } } }"""


def _upload(client: TestClient, key: str, name: str, content: bytes, query: str = UPLOAD) -> Any:
    import json as _json

    return client.post("/graphql", headers={"Authorization": f"Bearer {key}"}, data={
        "operations": _json.dumps({"query": query, "variables": {"file": None}}),
        "map": _json.dumps({"0": ["variables.file"]})}, files={"0": (name, content, "text/csv")})


def test_mutations_need_the_editor_role_and_report_row_errors(loaded: GraphStore, settings: Settings) -> None:
    admin = "lg_admin_key_for_tests"
    with TestClient(create_app(_settings(settings).model_copy(update={"api_keys": [
            *_settings(settings).api_keys,
            ApiKey(name="auditor", role="admin", sha256=hashlib.sha256(admin.encode()).hexdigest())]}),
            store=loaded)) as client:
        table = "职权名称,职权类型,罚则依据\n对经营劣质农药的处罚,行政处罚,《农药管理条例》第五十六条\n".encode()
        refused = _upload(client, READER, "powers.csv", table).json()
        assert refused["data"] is None and "the editor role is needed" in refused["errors"][0]["message"]
        done = _upload(client, EDITOR, "powers.csv", table).json()
        assert done["data"]["uploadTable"] == {"__typename": "ImportSuccess", "records": 1, "written": 1}
        bad = ("职权名称,职权类型\n对某行为的处罚,行政奖惩\n农药经营许可,行政许可\n").encode()
        failed = _upload(client, EDITOR, "bad.csv", bad).json()["data"]["uploadTable"]
        assert failed["__typename"] == "ImportFailure" and failed["loaded"] == 1
        assert failed["problems"] == [{"where": "bad.csv, row 2, column 职权类型 ('行政奖惩')",
                                       "message": failed["problems"][0]["message"]}]
        assert failed["problems"][0]["message"].startswith("unknown power category")
        wrong = _upload(client, EDITOR, "powers.exe", b"MZ").json()["data"]["uploadTable"]
        assert wrong["__typename"] == "ImportFailure" and "unsupported file type" in wrong["problems"][0]["message"]
        log = "{ auditLog(first: 10) { totalCount entries { who role action file ok errors } } }"
        assert "the admin role is needed" in post(client, log, headers={"X-API-Key": EDITOR}).json()["errors"][0][
            "message"]
        keys = post(client, "{ apiKeys { name role } }", headers={"X-API-Key": admin}).json()["data"]["apiKeys"]
        assert keys == [{"name": "reader-app", "role": "reader"}, {"name": "editor-app", "role": "editor"},
                        {"name": "auditor", "role": "admin"}]
        entries = post(client, log, headers={"X-API-Key": admin}).json()["data"]["auditLog"]
        assert entries["totalCount"] == 3
        assert [(e["who"], e["action"], e["file"], e["ok"], e["errors"]) for e in entries["entries"]] == [
            ("editor-app", "upload_powers", "powers.exe", False, 1),
            ("editor-app", "upload_powers", "bad.csv", False, 1),
            ("editor-app", "upload_powers", "powers.csv", True, 0)]


def test_nul_bytes_in_arguments_are_not_internal_errors(client: TestClient) -> None:
    # found by schemathesis: FalkorDB's parameter header ended the string at the NUL byte
    body = post(client, '{ article(law: "\\u0000", number: "") { id } law(title: "a\\u0000b") { id } }').json()
    assert body["data"] == {"article": None, "law": None}, body


def test_a_long_upload_does_not_hold_up_other_requests(store: GraphStore, settings: Settings) -> None:
    import asyncio
    import json as _json
    import time

    import cn2an
    import httpx

    # a statute of 8,000 articles that cite each other: several seconds of parsing, storing and linking
    lines = ["# 测试大法", ""] + [f"第{cn2an.an2cn(n)}条 违反本法第{cn2an.an2cn(max(1, n - 1))}条规定的，"
                                  f"依照本法第{cn2an.an2cn(max(1, n - 2))}条处罚。" for n in range(1, 8001)]
    law = "\n".join(lines).encode()
    app = create_app(_settings(settings), store=store)
    query = "mutation($file: Upload!) { uploadStatute(file: $file) { __typename } }"

    async def scenario() -> tuple[httpx.Response, httpx.Response, dict[str, float]]:
        done: dict[str, float] = {}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://lawgraph") as client:
            async def upload() -> httpx.Response:
                response = await client.post("/graphql", headers={"Authorization": f"Bearer {EDITOR}"}, data={
                    "operations": _json.dumps({"query": query, "variables": {"file": None}}),
                    "map": _json.dumps({"0": ["variables.file"]})}, files={"0": ("测试大法.md", law, "text/markdown")})
                done["upload"] = time.perf_counter()
                return response

            async def health() -> httpx.Response:
                await asyncio.sleep(0.3)
                response = await client.get("/healthz")
                done["health"] = time.perf_counter()
                return response

            up, hz = await asyncio.gather(upload(), health())
            return up, hz, done

    up, hz, done = asyncio.run(scenario())
    assert up.json()["data"]["uploadStatute"]["__typename"] == "ImportSuccess"
    assert hz.status_code == 200 and done["health"] < done["upload"]  # served while the upload ran


def test_an_editor_replaces_a_department_list(loaded: GraphStore, settings: Settings) -> None:
    from lawgraph.ingest.sample import load_sample

    assert load_sample(loaded, SAMPLE).ok
    query = """mutation($file: Upload!) { uploadTable(kind: "powers", file: $file, region: "江北省/临川市/青禾县",
        department: "青禾县应急管理局", replace: true) { __typename ... on ImportSuccess { written counts } } }"""
    table = ("职权编码,职权名称,职权类型,罚则依据,是否有裁量\n"
             "YJ02001,第1项处罚,行政处罚,《中华人民共和国安全生产法》第九十四条第一款,是\n").encode()
    with TestClient(create_app(_settings(settings), store=loaded)) as client:
        done = _upload(client, EDITOR, "应急.csv", table, query).json()["data"]["uploadTable"]
        assert done["__typename"] == "ImportSuccess" and len(done["counts"]["removed"]) == 7  # 8 listed before
        wrong = _upload(client, EDITOR, "b.csv", table, query.replace('kind: "powers"', 'kind: "benchmarks"'))
        assert "replace applies to power lists only" in wrong.json()["errors"][0]["message"]


def test_workbench_login_and_assets_refuse_bad_requests_cleanly(settings: Settings, loaded: GraphStore) -> None:
    import hashlib

    from lawgraph.config import ApiKey

    key = "lg_key_for_login_checks"
    keys = [ApiKey(name="法制科", role="editor", sha256=hashlib.sha256(key.encode()).hexdigest())]
    with TestClient(create_app(settings.model_copy(update={"api_keys": keys}), store=loaded)) as client:
        assert client.post("/login", json=["not", "an", "object"]).status_code == 401  # no key in it: 401, no crash
        forged = client.post("/login", data={"key": key}, headers={"Origin": "https://evil.example"})
        assert forged.status_code == 403 and "lg_session" not in forged.cookies  # login CSRF refused
        first = client.post("/login", json={"key": key})
        old = first.cookies["lg_session"]
        again = client.post("/login", json={"key": key})
        assert again.status_code == 200 and again.cookies["lg_session"] != old
        client.cookies.set("lg_session", old)  # the replaced session no longer works
        assert client.post("/graphql", json={"query": "{ me { name } }"},
                           headers={"X-CSRF-Token": first.cookies["lg_csrf"]}).status_code == 401
        assert client.get("/static/%00").status_code == 404
        assert client.get("/static/../../config.py").status_code == 404
        assert client.get("/events/breaks", params={"every": "nan"}, headers={"X-API-Key": key}).status_code == 400


def test_a_logout_ends_the_push_stream_opened_in_its_session(settings: Settings, loaded: GraphStore) -> None:
    """The push channel (server-sent events) checks who is listening at every poll: after the workbench user logs
    out, the stream opened with that session says why and ends, instead of going on until `wait` runs out."""
    import threading
    import time

    key = "lg_key_for_the_stream_check"
    keys = [ApiKey(name="法制科", role="editor", sha256=hashlib.sha256(key.encode()).hexdigest())]
    lines: list[str] = []
    subscribed, ended = threading.Event(), threading.Event()
    with TestClient(create_app(settings.model_copy(update={"api_keys": keys}), store=loaded)) as client:
        login = client.post("/login", json={"key": key})
        assert login.status_code == 200

        def listen() -> None:
            with client.stream("GET", "/events/breaks", params={"wait": 60, "every": 0.2}) as answer:
                assert answer.status_code == 200
                for line in answer.iter_lines():
                    lines.append(line)
                    if line.startswith(": subscribed"):
                        subscribed.set()
            ended.set()

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        assert subscribed.wait(20), "the push channel did not answer"
        time.sleep(0.5)  # a few polls while logged in: the stream stays open
        assert not ended.is_set()
        out = client.post("/logout", headers={"X-CSRF-Token": login.cookies["lg_csrf"]})
        assert out.status_code == 200
        assert ended.wait(15), "the stream outlived the logout"
        listener.join(5)
    assert "event: end" in lines
    reason = next(line for line in lines if line.startswith("data: "))
    assert "API key is required" in reason or "session" in reason
