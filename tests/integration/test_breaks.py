"""Breaks as tracked work: an amendment's breaks stored as 待处理 records with deterministic ids; statuses kept
through recomputation (re-ingest, alignment review), vanished breaks closed, new ones added; editors set statuses
(audited), readers cannot; the push channel delivers new breaks to a subscriber."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from lawgraph.analysis.amendments import after_ingest
from lawgraph.analysis.impact import impact
from lawgraph.analysis.tracking import track
from lawgraph.api.app import create_app
from lawgraph.cli.main import app
from lawgraph.config import ApiKey, Settings
from lawgraph.graph.repos import alignment
from lawgraph.graph.repos import breaks as repo
from lawgraph.graph.repos import laws as law_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.load import ingest_statutes
from lawgraph.ingest.sample import load_sample
from tests.conftest import SAMPLE

runner = CliRunner()
OLD, NEW = "农产品质量安全法@2018-10-26", "农产品质量安全法@2022-09-02"
NEW_FILE = "农产品质量安全法(2022-09-02).md"


def _county_before_the_amendment(store: GraphStore, tmp_path: Path) -> Path:
    """The sample without the 2022 text of 农产品质量安全法: the county's tables rest on the 2018 text."""
    tree = tmp_path / "sample"
    shutil.copytree(SAMPLE, tree)
    amendment = tmp_path / NEW_FILE
    (tree / "statutes" / NEW_FILE).rename(amendment)
    assert load_sample(store, tree).ok
    return amendment


def _all(store: GraphStore, **filters: Any) -> list[dict[str, Any]]:
    total, rows = repo.page(store, law="农产品质量安全法", limit=10_000, **filters)
    assert total == len(rows)
    return rows


def test_the_amendment_lands_as_tracked_work(store: GraphStore, tmp_path: Path, settings: Settings) -> None:
    amendment = _county_before_the_amendment(store, tmp_path)
    assert _all(store) == []
    report = after_ingest(store, ingest_statutes(store, [amendment], workers=1), summarise=True)
    assert report.amended == {"农产品质量安全法": (OLD, NEW)}
    expected = impact(store, "农产品质量安全法", OLD, NEW)["breaks"]
    stored = _all(store)
    # one record per break, the same breaks impact reports (kind, item, old unit), all 待处理 and open
    assert len(stored) == len({repo.break_id("农产品质量安全法", OLD, NEW, b) for b in expected}) > 20
    assert {(b["kind"], (b["owner"] or {}).get("id"), b["unit_old"]) for b in expected} == {
        (s["kind"], s["owner"], s["unit_old"]) for s in stored}
    assert {(s["status"], s["open"]) for s in stored} == {("待处理", True)}
    assert report.impact["农产品质量安全法"]["tracked"]["new"] == len(stored)
    # the statute texts are not stored with each break but read back from the units, and the stored detail holds
    # only what the properties do not: shown, each break is the one impact gives, whole
    by_id: dict[str, dict[str, Any]] = {}
    for b in expected:
        by_id.setdefault(repo.break_id("农产品质量安全法", OLD, NEW, b), b)
    raw = store.run("breaks/by_ids", ids=sorted(by_id))
    assert all("old_text" not in json.loads(r["row"]["detail"]) for r in raw)
    assert all("evidence" not in json.loads(r["row"]["detail"]) for r in raw)
    for s in stored:
        assert {k: v for k, v in s["detail"].items() if k != "confidential"} == by_id[s["id"]], s["id"]
        assert s["detail"]["confidential"] is False
    assert any(s["detail"]["new_text"] for s in stored) and all(s["detail"]["old_text"] for s in stored)
    # three of them done; the amendment recomputed with nothing changed: statuses kept, nothing new or closed
    done = sorted(s["id"] for s in stored)[:3]
    for bid in done:
        repo.set_status(store, bid, "已处理", "法制科 王某", note="已改为引用新条文")
    again = track(store, "农产品质量安全法", OLD, NEW, "test: recompute")
    assert (len(again.new), len(again.changed), len(again.closed), again.kept) == (0, 0, 0, len(stored))
    assert {s["id"] for s in _all(store, status="已处理")} == set(done)
    # legal staff correct the alignment of 2018 第五十条 (split into 第七十条 and 第七十一条): the breaks on it change
    on_50 = [s for s in stored if s["unit_old"].startswith(f"{OLD}/50")]
    assert on_50
    alignment.save_review(store, "农产品质量安全法", OLD, NEW, [{"old": "50", "new": "70", "kind": "split"},
                                                            {"old": "50", "new": "71", "kind": "split"}], "法制科", "test")
    reviewed = track(store, "农产品质量安全法", OLD, NEW, "alignment review")
    assert reviewed.new or reviewed.changed or reviewed.closed
    touched = set(reviewed.new) | set(reviewed.changed) | set(reviewed.closed)
    assert touched <= {s["id"] for s in _all(store, open_only=None)}
    assert all(b["unit_old"].startswith(f"{OLD}/50") for b in _all(store, open_only=None) if b["id"] in touched)
    statuses = {s["id"]: s["status"] for s in _all(store, open_only=None)}
    assert all(statuses[bid] == "已处理" for bid in done)  # never a lost status
    for bid in reviewed.closed:
        closed = repo.get(store, bid)
        assert closed["open"] is False and "alignment review" in closed["closed_reason"]
    # the CLI shows the same, per department
    listed = runner.invoke(app, ["breaks", "list", "--law", "农产品质量安全法", "--status", "已处理", "--json",
                                 "--graph", settings.graph_url])
    assert listed.exit_code == 0, listed.output
    assert {b["id"] for b in json.loads(listed.stdout)["breaks"]} == set(done)
    summary = runner.invoke(app, ["breaks", "summary", "--json", "--graph", settings.graph_url])
    rows = json.loads(summary.stdout)
    assert sum(r["done"] for r in rows) == 3 and sum(r["pending"] for r in rows) == len(_all(store, status="待处理"))


def test_an_ingest_cut_off_before_its_follow_up_is_followed_up_by_the_next(store: GraphStore,
                                                                           tmp_path: Path) -> None:
    amendment = _county_before_the_amendment(store, tmp_path)
    # the ingest writes, links and aligns the 2022 text, then stops before after_ingest (a crash, a kill): no breaks
    cut = ingest_statutes(store, [amendment], workers=1, follow_up=True)
    assert cut.ok and cut.amended == {"农产品质量安全法": (OLD, NEW)}
    assert _all(store) == []
    # the next ingest finds the text stored and linked (nothing amended now), but follows the law up all the same
    report = after_ingest(store, ingest_statutes(store, [amendment], workers=1, follow_up=True))
    assert report.amended == {} and report.versions_unchanged == 1
    assert any("农产品质量安全法: its breaks are tracked now" in w for w in report.warnings), report.warnings
    expected = impact(store, "农产品质量安全法", OLD, NEW)["breaks"]
    stored = _all(store)
    assert len(stored) == len({repo.break_id("农产品质量安全法", OLD, NEW, b) for b in expected}) > 20
    assert {(s["status"], s["open"]) for s in stored} == {("待处理", True)}
    # done once: the mark is gone, and an ingest without the flag (the sample loader's) leaves none
    assert law_repo.follow_ups(store) == {}
    assert not any("tracked now" in w for w in after_ingest(store, ingest_statutes(store, [amendment])).warnings)
    assert law_repo.follow_ups(store) == {}
    # a mark renewed meanwhile (a later ingest of the law, with a newer version) outlives the older follow-up
    law_repo.mark_follow_up(store, {"农产品质量安全法": OLD})
    read = law_repo.follow_ups(store)
    law_repo.mark_follow_up(store, {"农产品质量安全法": NEW})
    law_repo.clear_follow_up(store, read)
    assert law_repo.follow_ups(store) == {"农产品质量安全法": NEW}
    law_repo.clear_follow_up(store, {"农产品质量安全法": NEW})
    assert law_repo.follow_ups(store) == {}


def test_a_further_amendment_tracks_what_rests_on_older_texts(store: GraphStore, tmp_path: Path) -> None:
    """The county's tables rest on the 2018 text. After 2022 comes a (made-up) 2030 amendment raising the fines of
    第六十五条: the tables are checked against 2030, not left with breaks against a text no longer newest."""
    law, later = "农产品质量安全法", "农产品质量安全法@2030-01-01"
    amendment = _county_before_the_amendment(store, tmp_path)
    after_ingest(store, ingest_statutes(store, [amendment], workers=1))
    first = _all(store)
    assert first and {(s["from_version"], s["to_version"]) for s in first} == {(OLD, NEW)}
    repo.set_status(store, first[0]["id"], "不适用", "法制科 王某", note="该项已停用")
    text = amendment.read_text(encoding="utf-8")
    assert "并处五万元以上十万元以下罚款，检测费用一万元以上的" in text
    text = text.replace("2022年9月2日 第十三届全国人民代表大会常务委员会第三十六次会议修订）",
                        "2022年9月2日 第十三届全国人民代表大会常务委员会第三十六次会议修订\n\n"
                        "2030年1月1日 全国人民代表大会常务委员会会议修正）")
    text = text.replace("并处五万元以上十万元以下罚款，检测费用一万元以上的", "并处十万元以上二十万元以下罚款，检测费用一万元以上的")
    (tmp_path / "later").mkdir()
    newest = tmp_path / "later" / "农产品质量安全法(2030-01-01).md"
    newest.write_text(text, encoding="utf-8")
    report = after_ingest(store, ingest_statutes(store, [newest], workers=1), summarise=True)
    assert report.amended == {law: (NEW, later)}
    now_open = _all(store)
    # what rests on 2018 is tracked against 2030: exactly the breaks impact finds for 2018 → 2030
    expected = impact(store, law, OLD, later)["breaks"]
    assert len(expected) >= len(first)
    assert {(b["kind"], (b["owner"] or {}).get("id"), b["unit_old"]) for b in expected} == {
        (s["kind"], s["owner"], s["unit_old"]) for s in now_open if s["from_version"] == OLD}
    assert {(s["from_version"], s["to_version"]) for s in now_open} <= {(OLD, later), (NEW, later)}
    # the breaks against 2022 are closed as superseded, statuses kept
    superseded = [s for s in _all(store, open_only=None) if s["to_version"] == NEW]
    assert len(superseded) == len(first)
    assert all(not s["open"] and "superseded" in s["closed_reason"] and later in s["closed_reason"]
               for s in superseded)
    assert repo.get(store, first[0]["id"])["status"] == "不适用"
    tracked = report.impact[law]
    assert tracked["from"] == NEW and tracked["tracked"]["superseded"] == len(first)
    assert [r["from"] for r in tracked["older_versions_tracked"]] == [OLD]
    # recomputing finds the same: nothing new, changed or closed
    from lawgraph.analysis.tracking import track_laws
    again = track_laws(store, [law], "test: recompute")
    assert all(not (r.new or r.changed or r.closed or r.superseded) for r in again) and len(again) == 2
    # the province's regions are dissolved (their powers and tables with them): their breaks against 2030 rest on
    # nothing now and are closed by the next recomputation, although nothing rests on the 2018 text any more
    from lawgraph.graph.repos import regions
    regions.delete(store, "江北省", cascade=True)
    assert store.run("breaks/rested_versions", ids=[OLD], prefix=f"{law}@") == []
    closed = track_laws(store, [law], "test: regions dissolved")
    assert sum(len(r.closed) for r in closed if r.from_version == OLD) > 0
    left = {(b["kind"], (b["owner"] or {}).get("id"), b["unit_old"]) for b in impact(store, law, OLD, later)["breaks"]}
    assert {(s["kind"], s["owner"], s["unit_old"]) for s in _all(store) if s["from_version"] == OLD} == left


def test_bad_status_changes_and_the_cli(store: GraphStore, tmp_path: Path, settings: Settings) -> None:
    amendment = _county_before_the_amendment(store, tmp_path)
    after_ingest(store, ingest_statutes(store, [amendment], workers=1))
    some = _all(store)[0]["id"]
    for args, message in ((["nosuchbreak", "--status", "已处理"], "no break 'nosuchbreak'"),
                          ([some, "--status", "完成"], "is not a status")):
        result = runner.invoke(app, ["breaks", "set", *args, "--graph", settings.graph_url])
        assert result.exit_code == 2 and message in result.output, result.output
    assert repo.get(store, some)["status"] == "待处理"
    ok = runner.invoke(app, ["breaks", "set", some, "--status", "不适用", "--note", "该职权已取消",
                             "--graph", settings.graph_url])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["status"] == "不适用" and repo.get(store, some)["note"] == "该职权已取消"
    actions = [(r["entry"]["action"], r["entry"]["ok"]) for r in store.run("audit/page", skip=0, limit=50)]
    assert ("set_break_status", True) in actions and ("set_break_status", False) in actions


def test_graphql_breaks_statuses_for_editors_and_the_push_channel(store: GraphStore, tmp_path: Path,
                                                                  settings: Settings) -> None:
    amendment = _county_before_the_amendment(store, tmp_path)
    editor = "lg_editor_for_breaks"
    keys = [ApiKey(name="法制科", role="editor", sha256=hashlib.sha256(editor.encode()).hexdigest())]
    api = create_app(settings.model_copy(update={"anonymous_role": "reader", "api_keys": keys}), store=store)
    department = "江北省/临川市/青禾县/青禾县农业农村局"
    events: list[str] = []
    subscribed = threading.Event()

    with TestClient(api) as client:
        def listen() -> None:
            with client.stream("GET", "/events/breaks", params={"department": department, "wait": 20, "every": 0.3},
                               headers={"X-API-Key": editor}) as answer:
                for line in answer.iter_lines():
                    if line.startswith(": subscribed"):
                        subscribed.set()
                    if line.startswith("data: "):
                        events.append(line[6:])
                        return

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        assert subscribed.wait(20), "the push channel did not answer"
        after_ingest(store, ingest_statutes(store, [amendment], workers=1))  # the amendment lands
        listener.join(30)
        assert events, "no new breaks were pushed"
        pushed = json.loads(events[0])
        assert pushed and {b["department"] for b in pushed} == {department}
        assert {b["status"] for b in pushed} == {"待处理"}

        query = """query ($d: String) { breaks(department: $d, first: 100) { totalCount edges { node {
            id kind status departmentName ownerCode unitOld evidence fix } } } }"""
        page = client.post("/graphql", json={"query": query, "variables": {"d": department}}).json()
        assert "errors" not in page, page
        nodes = [e["node"] for e in page["data"]["breaks"]["edges"]]
        assert {n["id"] for n in nodes} >= {b["id"] for b in pushed}
        target = nodes[0]["id"]
        mutation = """mutation ($id: String!, $s: String!) { setBreakStatus(id: $id, status: $s, note: "已修改依据")
            { id status statusBy note } }"""
        denied = client.post("/graphql", json={"query": mutation, "variables": {"id": target, "s": "已处理"}}).json()
        assert "editor role is needed" in denied["errors"][0]["message"]
        assert repo.get(store, target)["status"] == "待处理"
        bad = client.post("/graphql", json={"query": mutation, "variables": {"id": target, "s": "done"}},
                          headers={"X-API-Key": editor}).json()
        assert "is not a status" in bad["errors"][0]["message"]
        done = client.post("/graphql", json={"query": mutation, "variables": {"id": target, "s": "已处理"}},
                           headers={"X-API-Key": editor}).json()
        assert done["data"]["setBreakStatus"] == {"id": target, "status": "已处理", "statusBy": "法制科",
                                                  "note": "已修改依据"}
        dept = client.post("/graphql", json={"query": """{ regions { departments { id openBreaks(first: 100) {
            totalCount } } } }"""}).json()
        assert "errors" not in dept, dept
        counts = {d["id"]: d["openBreaks"]["totalCount"] for r in dept["data"]["regions"] for d in r["departments"]}
        assert counts[department] == len(nodes) - 1  # the one set 已处理 is no longer 待处理


def test_webhooks_receive_the_new_breaks_of_their_department_signed(store: GraphStore, tmp_path: Path,
                                                                    settings: Settings) -> None:
    import hmac
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from tests.conftest import free_port

    received: list[tuple[dict[str, str], bytes]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        amendment = _county_before_the_amendment(store, tmp_path)
        added = runner.invoke(app, ["breaks", "webhook", "add", f"http://127.0.0.1:{server.server_port}/hook",
                                    "--department", "青禾县农业农村局", "--secret", "s3cret", "--graph",
                                    settings.graph_url])
        assert added.exit_code == 0, added.output
        hook = json.loads(added.stdout)
        down = runner.invoke(app, ["breaks", "webhook", "add", f"http://127.0.0.1:{free_port()}/nobody",
                                   "--region", "江北省/临川市/青禾县", "--graph", settings.graph_url])
        assert down.exit_code == 0, down.output
        bad = runner.invoke(app, ["breaks", "webhook", "add", "ftp://example.org/x", "--region", "青禾县",
                                  "--graph", settings.graph_url])
        assert bad.exit_code == 2 and "is not an http:// or https:// URL" in bad.stderr

        after_ingest(store, ingest_statutes(store, [amendment], workers=1), summarise=False)
        assert len(received) == 1
        headers, body = received[0]
        assert headers["x-lawgraph-event"] == "breaks"
        assert hmac.compare_digest(headers["x-lawgraph-signature"],
                                   "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest())
        sent = json.loads(body)["breaks"]
        mine = [b for b in _all(store) if b["department"] == hook["department"] and not b["confidential"]]
        assert sorted(b["id"] for b in sent) == sorted(b["id"] for b in mine) and len(mine) > 5
        assert {b["status"] for b in sent} == {"待处理"}
        listed = {h["url"].rsplit("/", 1)[1]: h for h in json.loads(runner.invoke(
            app, ["breaks", "webhook", "list", "--graph", settings.graph_url]).stdout)}
        assert (listed["hook"]["last_status"], listed["hook"]["last_count"], listed["hook"]["delivered"]) == (
            204, len(mine), len(mine))
        assert listed["nobody"]["last_status"] is None and listed["nobody"]["last_error"]  # recorded, not raised
        assert all("secret" not in h for h in listed.values())
        # recomputing the same amendment finds nothing new: nothing is sent
        after_ingest(store, ingest_statutes(store, [amendment], workers=1), summarise=False)
        assert len(received) == 1
        gone = runner.invoke(app, ["breaks", "webhook", "remove", hook["id"], "--graph", settings.graph_url])
        assert gone.exit_code == 0
        again = runner.invoke(app, ["breaks", "webhook", "remove", hook["id"], "--graph", settings.graph_url])
        assert again.exit_code == 2 and "no webhook" in again.stderr
    finally:
        server.shutdown()
        server.server_close()


def test_a_table_import_recomputes_only_the_laws_it_concerns(store: GraphStore, tmp_path: Path) -> None:
    from lawgraph.analysis.tracking import laws_touched, track_laws
    from lawgraph.ingest.enforcement.load import ingest_benchmarks
    from lawgraph.ingest.enforcement.read import Defaults

    amendment = _county_before_the_amendment(store, tmp_path)
    after_ingest(store, ingest_statutes(store, [amendment], workers=1))
    amended = {str(r["id"]) for r in store.run("laws/amended_laws")}
    table = tmp_path / "benchmarks_农业农村.csv"
    import csv

    rows = list(csv.reader((SAMPLE / "county" / "benchmarks_农业农村.csv").open(encoding="utf-8")))
    rows[1][7] += "（经复核）"  # one circumstance reworded: that benchmark is written again
    with table.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    report = ingest_benchmarks(store, [table], Defaults(region="江北省/临川市/青禾县", department="青禾县农业农村局"))
    assert report.ok and report.written >= 1
    laws = laws_touched(store, report.owners, report.laws)
    # the laws its bases cite, and the laws it had breaks on: not every amended law of the graph …
    assert "农产品质量安全法" in laws and amended - set(laws)
    narrowed = track_laws(store, laws, "test: narrowed")
    assert {r.law for r in narrowed} <= set(laws)
    # … and enough: recomputing every amended law afterwards finds nothing more to change
    full = track_laws(store, None, "test: everything")
    assert {r.law for r in full} == amended
    assert all(not (r.new or r.changed or r.closed or r.reopened) for r in full), [r.summary() for r in full]


def test_breaks_stored_before_the_compact_detail_read_and_recompute_the_same(store: GraphStore,
                                                                             tmp_path: Path) -> None:
    """A break stored before 2026-12-01 (the whole impact break as its detail, an unversioned content hash) is shown
    as before, and a recomputation that finds it unchanged keeps it: not `changed` because the hash changed form."""
    amendment = _county_before_the_amendment(store, tmp_path)
    after_ingest(store, ingest_statutes(store, [amendment], workers=1))
    expected = impact(store, "农产品质量安全法", OLD, NEW)["breaks"]
    stored = {s["id"]: s for s in _all(store)}
    legacy = []
    for b in expected:
        bid = repo.break_id("农产品质量安全法", OLD, NEW, b)
        if bid in stored and bid not in {row["id"] for row in legacy}:
            row = {**b, "confidential": False}
            props = repo.record("农产品质量安全法", OLD, NEW, row)
            # as lawgraph stored them until 2026-12-01
            props["detail"] = json.dumps({k: v for k, v in row.items() if k not in repo.TEXTS}, ensure_ascii=False)
            shown = {k: row.get(k) for k in ("unit_new", "evidence", "fix", "suggested", "new_text", "confidential",
                                             "department", "owner", "power", "tier", "case", "needs_review")}
            props["hash"] = hashlib.sha1(json.dumps(shown, ensure_ascii=False, sort_keys=True).encode()
                                         ).hexdigest()[:16]
            legacy.append({"id": bid, "props": props})
    amendment_params = {"law": "农产品质量安全法", "old": OLD, "new": NEW, "at": "2026-11-30T00:00:00.000+00:00"}
    store.write("breaks/upsert", legacy, **amendment_params)
    again = {s["id"]: s for s in _all(store)}
    assert again == stored
    report = track(store, "农产品质量安全法", OLD, NEW, "test: recompute after the upgrade")
    assert (len(report.new), len(report.changed), len(report.closed), report.kept) == (0, 0, 0, len(stored))
    # a legacy break whose content did change is reported changed, and stored in the compact form from then on
    first = legacy[0]
    first["props"]["hash"] = "0123456789abcdef"
    store.write("breaks/upsert", [first], **amendment_params)
    report = track(store, "农产品质量安全法", OLD, NEW, "test: recompute a changed one")
    assert report.changed == [first["id"]] and report.kept == len(stored) - 1
    raw = store.run("breaks/by_ids", ids=[first["id"]])[0]["row"]
    assert raw["hash"].startswith("2:") and json.loads(raw["detail"])["v"] == 2


def test_the_summary_counts_what_the_pages_list_per_department_and_kind(store: GraphStore, tmp_path: Path,
                                                                         settings: Settings) -> None:
    """`breakSummary` (the workbench's 修法影响 overview) and `breaks summary --law` count exactly the open breaks the
    pages list: per kind, per amendment and per department by status; readers none on 涉密 powers. The breaks of no
    department (here a notice's) come under their issuer's name, and `breaks(department:)` lists them by that key."""
    from collections import Counter

    from lawgraph.analysis.tracking import track_laws
    from lawgraph.ingest.documents import ingest_documents
    from tests.conftest import sample_with_secret_powers

    assert load_sample(store, sample_with_secret_powers(tmp_path, "NY02004")).ok
    notice = tmp_path / "通知.txt"
    notice.write_text("青禾县农业农村局关于农产品生产记录检查的通知\n青农发〔2020〕5号\n各乡镇：\n依照《中华人民共和国农产品质量安全法》"
                      "第四十七条，对未建立农产品生产记录的予以查处；依照《行政处罚法》第四十二条组织听证。\n青禾县农业农村局\n2020年6月1日\n", encoding="utf-8")
    assert ingest_documents(store, [notice]).ok
    track_laws(store, None, "test")
    rows = _all(store)
    for bid, status in zip([r["id"] for r in rows[:3]], ("已处理", "已处理", "不适用"), strict=True):
        repo.set_status(store, bid, status, "test")
    rows = _all(store)
    editor = "lg_editor_for_the_summary"
    keys = [ApiKey(name="法制科", role="editor", sha256=hashlib.sha256(editor.encode()).hexdigest())]
    api = create_app(settings.model_copy(update={"anonymous_role": "reader", "api_keys": keys}), store=store)
    query = """query ($l: String, $r: String) { breakSummary(law: $l, region: $r) { total kinds { kind count }
        amendments { law fromVersion toVersion count }
        departments { key departmentId departmentName region pending done notApplicable oldestPending } } }"""
    with TestClient(api) as client:
        def ask(headers: dict[str, str], **variables: str) -> dict[str, Any]:
            body = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers).json()
            assert "errors" not in body, body
            return dict(body["data"]["breakSummary"])

        seen = {"editor": ask({"X-API-Key": editor}, l="农产品质量安全法"), "reader": ask({}, l="农产品质量安全法")}
        for who, found in seen.items():
            listed = rows if who == "editor" else _all(store, confidential=False)
            assert found["total"] == len(listed) > 20
            assert {k["kind"]: k["count"] for k in found["kinds"]} == Counter(r["kind"] for r in listed)
            assert found["amendments"] == [{"law": "农产品质量安全法", "fromVersion": OLD, "toVersion": NEW,
                                            "count": len(listed)}]
            per = {d["key"]: (d["pending"], d["done"], d["notApplicable"]) for d in found["departments"]}
            assert per == {key: tuple(sum(1 for r in listed if _key(r) == key and r["status"] == s)
                                      for s in ("待处理", "已处理", "不适用"))
                           for key in {_key(r) for r in listed}}
            pendings = [d["pending"] for d in found["departments"]]
            assert pendings == sorted(pendings, reverse=True)  # most 待处理 first
        assert seen["editor"]["total"] > seen["reader"]["total"]  # the 涉密 power's breaks
        # the notice's break has no department: it comes under its issuer, and is listed by that key
        issued = [r for r in rows if r.get("department") is None]
        assert [r["kind"] for r in issued] == ["citing_document"]
        named = [d["key"] for d in seen["editor"]["departments"] if d["departmentId"] is None]
        assert named == [issued[0]["department_name"]]
        page = client.post("/graphql", json={"query": """query ($d: String) { breaks(law: "农产品质量安全法", department: $d,
            first: 100) { edges { node { id } } } }""", "variables": {"d": named[0]}}).json()
        assert "errors" not in page, page
        assert [e["node"]["id"] for e in page["data"]["breaks"]["edges"]] == [issued[0]["id"]]
        # a region narrows it; a law without breaks has none; an unknown region is an error naming it
        county = ask({"X-API-Key": editor}, l="农产品质量安全法", r="青禾县")
        assert county["total"] == sum(1 for r in rows if (r.get("region") or "").endswith("青禾县")) > 0
        assert ask({}, l="无此法")["total"] == 0
        # without a law: every tracked amendment, here also 行政处罚法's (the notice's 第四十二条 of 2017)
        everything = ask({"X-API-Key": editor})
        assert {a["law"] for a in everything["amendments"]} == {"农产品质量安全法", "行政处罚法"}
        assert everything["total"] > len(rows)
        unknown = client.post("/graphql", json={"query": query, "variables": {"r": "无此县"}}).json()
        assert "无此县" in unknown["errors"][0]["message"]
    # the CLI's summary of one law gives the same departments
    cli = runner.invoke(app, ["breaks", "summary", "--law", "农产品质量安全法", "--json", "--graph", settings.graph_url])
    assert cli.exit_code == 0, cli.output
    assert {(d["department"], d["pending"], d["done"], d["not_applicable"]) for d in json.loads(cli.stdout)} == {
        (d["departmentId"], d["pending"], d["done"], d["notApplicable"]) for d in seen["editor"]["departments"]}


def _key(row: dict[str, Any]) -> str:
    """The summary's key of a break: its department's id, or the name it is listed under."""
    return str(row.get("department") or row.get("department_name") or "")
