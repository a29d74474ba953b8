"""The workbench in a real headless Chromium (Debian's chromium, driven by Playwright with `executable_path`)
against `lawgraph serve` on the sample: login, the pages, no console error, no request leaving the machine,
roles (readers see no 涉密 power and cannot set a status; editors can), CSRF refusal and logout."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect, sync_playwright

from lawgraph.config import Settings
from lawgraph.graph.repos import breaks as break_repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.documents import ingest_documents
from lawgraph.ingest.sample import load_sample
from tests.conftest import free_port, sample_with_secret_powers, wait_ready

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
READER, EDITOR, ADMIN = "lg_reader_key_for_the_workbench", "lg_editor_key_for_the_workbench", "lg_admin_key_for_wb"
SECRET = "NY02004"  # made 涉密 in this test's sample
NOTICE_TITLE = "青禾县农业农村局关于做好农产品质量安全执法工作的通知"
NOTICE = "doc:青农发〔2020〕5号"



@pytest.fixture(scope="module")
def sample_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_with_secret_powers(tmp_path_factory.mktemp("wb"), SECRET)


@pytest.fixture
def server(store: GraphStore, settings: Settings, sample_tree: Path) -> Iterator[str]:
    """`lawgraph serve` on the sample (with its 涉密 power), amendment breaks tracked; stopped at the end."""
    from lawgraph.analysis.tracking import track_laws

    assert load_sample(store, sample_tree).ok
    notice = sample_tree.parent / "青农发通知.txt"
    notice.write_text(f"{NOTICE_TITLE}\n青农发〔2020〕5号\n各乡镇农业综合服务站：\n"
                      "依照《中华人民共和国农产品质量安全法》第四十七条，对未建立农产品生产记录的予以查处；"
                      "依照《行政处罚法》第四十二条组织听证。\n按照国办发〔2018〕118号要求公示执法信息。\n"
                      "青禾县农业农村局\n2020年6月1日\n", encoding="utf-8")
    assert ingest_documents(store, [notice]).ok  # before the breaks are tracked: its citing_document break too
    track_laws(store, None, "test")
    keys = [{"name": "王科员", "role": "reader", "sha256": hashlib.sha256(READER.encode()).hexdigest()},
            {"name": "法制科", "role": "editor", "sha256": hashlib.sha256(EDITOR.encode()).hexdigest()},
            {"name": "管理员", "role": "admin", "sha256": hashlib.sha256(ADMIN.encode()).hexdigest()}]
    port = free_port()
    env = {**os.environ, "LAWGRAPH_API_KEYS": json.dumps(keys), "LAWGRAPH_PUBLIC_VIEW": "true"}
    env.pop("LAWGRAPH_ANONYMOUS_ROLE", None)
    proc = subprocess.Popen([sys.executable, "-m", "lawgraph.cli.main", "serve", "--graph", settings.graph_url,
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base, proc)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        found = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield found
        found.close()


class Watch:
    """Console errors and requests to anything but the server, on one page."""

    def __init__(self, page: Page, base: str) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []
        host = urlparse(base).netloc
        page.on("console", lambda m: self._console(m))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self._request(r, host))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, request: Request, host: str) -> None:
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != host:
            self.outside.append(request.url)


def _login(page: Page, base: str, key: str) -> None:
    page.goto(base + "/")
    page.get_by_label("API 密钥").fill(key)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="法规").wait_for()


def test_reader_reads_laws_articles_and_impact(server: str, browser: Browser, store: GraphStore) -> None:
    page = browser.new_page()
    watch = Watch(page, server)
    page.goto(server + "/")
    page.get_by_label("API 密钥").fill("wrong-key")
    page.get_by_role("button", name="登录").click()
    page.locator("#login-error").filter(has_text="unknown API key").wait_for()
    watch.errors.clear()  # the refused login above is the one error expected (its 401)
    _login(page, server, READER)
    assert "王科员（reader）" in page.locator("#nav").inner_text()
    page.get_by_label("全文").fill("农药残留")  # full-text search in the articles in force
    page.get_by_role("button", name="搜索").click()
    expect(page.locator("#law-results [role=status]")).to_contain_text("含「农药残留」")
    assert page.locator("#law-results li a").count() >= 1
    page.goto(server + "/#/laws?level=行政法规")
    expect(page.locator("#law-results tbody tr")).not_to_have_count(0)
    assert all(level == "行政法规" for level in page.locator("#law-results tbody tr td:nth-child(2)").all_inner_texts())
    page.goto(server + "/#/laws")
    page.locator("#law-results table").wait_for()
    # 法规: search, a law's 沿革, an article and what rests on it
    page.get_by_label("搜索法规").fill("农产品质量安全法")
    page.get_by_role("button", name="搜索").click()
    page.get_by_role("link", name="中华人民共和国农产品质量安全法").click()
    page.get_by_role("heading", name="沿革").wait_for()
    timeline = page.locator(".timeline li")
    assert timeline.count() == 2 and "2018-10-26" in timeline.nth(0).inner_text()
    page.goto(server + "/#/law/农产品质量安全法?asOf=2020-01-01")
    page.get_by_role("link", name="第四十七条").click()
    page.get_by_role("heading", name="依据本条的职权", exact=False).wait_for()
    rests = page.locator(".rests").inner_text()
    assert "青禾县农业农村局" in rests and "NY02001" in rests
    # 修法影响: the tracked breaks of 2018 → 2022, exactly as stored, none on the 涉密 power for a reader
    page.goto(server + "/#/impact?law=农产品质量安全法&region=")
    page.locator("#impact-summary").wait_for()
    shown = page.locator("article.break")
    readable = break_repo.page(store, law="农产品质量安全法", confidential=False, limit=10_000)[0]
    assert shown.count() == readable > 20
    assert SECRET not in page.locator("#impact-body").inner_text()
    assert page.locator("article.break select").count() == 0  # readers cannot set a status
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Excel（.xlsx）").click()
    sheet = waiting.value
    assert sheet.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook

    saved = Path(sheet.path()).with_suffix(".xlsx")
    shutil.copyfile(sheet.path(), saved)  # the download is stored without a suffix
    workbook = load_workbook(saved, read_only=True)
    cells = " ".join(str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "青禾县农业农村局" in cells and SECRET not in cells  # the reader's report leaves the 涉密 power out
    markdown = page.request.get(server + str(page.get_by_role("link", name="Markdown（.md）").get_attribute("href")))
    assert markdown.status == 200
    markdown = markdown.text()
    assert "青禾县农业农村局" in markdown and SECRET not in markdown
    assert not watch.errors, watch.errors
    assert not watch.outside, watch.outside
    # logout ends the session: the API refuses the old cookie
    page.get_by_role("button", name="退出").click()
    page.get_by_label("API 密钥").wait_for()
    answer = page.request.post(server + "/graphql", data={"query": "{ me { name } }"})
    assert answer.status == 401


AXE = Path(__file__).resolve().parents[2] / "web" / "node_modules" / "axe-core" / "axe.min.js"


def _axe(page: Page) -> list[str]:
    """Serious or critical accessibility violations on the page (axe-core, from web/'s pinned dev dependencies)."""
    page.add_script_tag(path=str(AXE))
    found: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in found["violations"]
            if v["impact"] in ("serious", "critical")]


def test_every_page_passes_axe_and_works_from_the_keyboard(server: str, browser: Browser) -> None:
    context = browser.new_context(bypass_csp=True)  # only to inject axe-core; the app itself needs no exception
    page = context.new_page()
    page.goto(server + "/")
    assert _axe(page) == []  # the login page
    expect(page.get_by_label("API 密钥")).to_be_focused()  # the key field has the focus: type, then Enter
    page.keyboard.type(ADMIN)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="法规").wait_for()
    for route, heading in (("#/laws?q=法", "法规"), ("#/law/农产品质量安全法?asOf=2020-01-01", "中华人民共和国农产品质量安全法"),
                           ("#/article/农产品质量安全法/47?asOf=2020-01-01", "农产品质量安全法 第四十七条"),
                           ("#/compare?law=农产品质量安全法&from=2018&to=2022", "新旧对照"),
                           ("#/impact?law=农产品质量安全法", "修法影响"), ("#/powers", "职权目录"),
                           (f"#/power/{quote('江北省/临川市/青禾县/青禾县农业农村局#NY01002', safe='')}", "动物诊疗许可证核发"),
                           ("#/oversight?region=青禾县", "监督"), ("#/import", "导入"), ("#/audit", "审计"),
                           ("#/documents", "规范性文件"), (f"#/document/{quote(NOTICE, safe='')}", NOTICE_TITLE),
                           ("public#/", "行政职权目录（公示）"),
                           (f"public#/power/{quote('江北省/临川市/青禾县/青禾县农业农村局#NY01002', safe='')}", "动物诊疗许可证核发")):
        page.goto(f"{server}/{route}")
        page.get_by_role("heading", name=heading).wait_for()
        page.locator("main").filter(has_not_text="加载中").wait_for()
        assert _axe(page) == [], route
    context.close()


def test_editor_sets_a_status_and_csrf_is_refused(server: str, browser: Browser, store: GraphStore,
                                                  sample_tree: Path) -> None:
    page = browser.new_page()
    watch = Watch(page, server)
    _login(page, server, EDITOR)
    page.goto(server + "/#/impact?law=农产品质量安全法")
    card = page.locator("article.break").first
    card.wait_for()
    # exactly the planted breaks of data/sample/PLANTED.md (tests/integration/test_impact.py's EXPECTED), by kind,
    # and the notice this test loads, which cites 2018 第四十七条 (renumbered): one citing_document break
    from tests.integration.test_impact import EXPECTED

    expect(page.locator("article.break")).to_have_count(len(EXPECTED) + 1)
    for kind in {k[0] for k in EXPECTED}:
        assert page.locator(f'article.break[data-kind="{kind}"]').count() == sum(1 for k in EXPECTED if k[0] == kind)
    expect(page.locator('article.break[data-kind="citing_document"]')).to_contain_text(NOTICE_TITLE)
    break_id = str(card.get_attribute("data-break"))
    card.locator("select").select_option("已处理")
    card.locator("input").fill("已改为引用新条文")
    card.get_by_role("button", name="保存状态").click()
    card.locator("[role=status]").filter(has_text="已保存").wait_for()
    stored: dict[str, Any] = break_repo.get(store, break_id)
    assert (stored["status"], stored["status_by"], stored["note"]) == ("已处理", "法制科", "已改为引用新条文")
    # the same mutation from the page's cookies without the CSRF token is refused
    forged = page.request.post(server + "/graphql", data={
        "query": f'mutation {{ setBreakStatus(id: "{break_id}", status: "待处理") {{ status }} }}'})
    assert forged.status == 403 and "CSRF" in forged.text()
    assert break_repo.get(store, break_id)["status"] == "已处理"
    assert SECRET in page.locator("#impact-body").inner_text()  # editors see the 涉密 power's breaks
    # another pair of versions than the newest amendment: computed on request, no statuses to set
    from lawgraph.ingest.load import ingest_statutes
    from tests.conftest import corpus

    assert ingest_statutes(store, [corpus() / "versions" / "食品安全法_2009.txt"], workers=1).ok  # a third version
    page.goto(server + "/#/impact?law=食品安全法")
    expect(page.get_by_label("旧版本")).to_have_value("2015-10-01")  # the newest amendment by default
    page.get_by_label("旧版本").select_option("2009-06-01")
    page.get_by_label("新版本").select_option("2015-10-01")
    page.get_by_role("button", name="查看").click()
    expect(page.locator("#impact-body")).to_contain_text("按需计算")
    assert page.locator("#impact-body select").count() == 0
    page.goto(server + "/#/impact?law=农产品质量安全法&from=2018-10-26&to=2022-09-02")
    expect(page.locator("article.break")).to_have_count(len(EXPECTED) + 1)  # the tracked pair, named: the same
    page.goto(server + "/#/impact?law=农产品质量安全法")
    # a change of the hash only re-renders the page in place: the cards of the page before are still there until
    # it has, and expanding one of them raced with their replacement. A reload leaves only the new page's cards
    page.reload()
    page.locator("article.break").first.wait_for()
    # the chain behind a break, expanded node by node: 法律 → 条款 → 条文 and 职权 → 裁量基准 → 档次 → 案例
    case_card = page.locator('article.break[data-kind="case_precedent"]').first
    case_card.locator("summary", has_text="关系链").click()
    chain = case_card.locator("ul.chain").first
    chain.get_by_role("button", name="展开 农产品质量安全法@2018-10-26").click()
    chain.locator(".node-条款 > button.expand").first.click()
    expect(chain.locator(".node-条文")).to_have_count(1)
    chain.locator(".node-职权 > button.expand").first.click()
    chain.locator(".node-裁量基准 > button.expand").first.click()
    expect(chain.locator(".node-档次").first).to_be_visible()
    tiers = chain.locator(".node-档次 > button.expand")
    for i in range(tiers.count()):
        tiers.nth(i).click()
    expect(chain.locator(".node-案例").first).to_be_visible()
    # a newer version of 农产品质量安全法 lands: 2018 → 2022 is no longer the newest amendment, and its breaks are
    # computed on request, each card with the texts of its units (read once per unit from the answer's `texts`)
    text = (sample_tree / "statutes" / "农产品质量安全法(2022-09-02).md").read_text(encoding="utf-8")
    assert "修订）" in text
    later = sample_tree.parent / "newer" / "农产品质量安全法(2025-01-01).md"
    later.parent.mkdir(exist_ok=True)
    later.write_text(text.replace("修订）", "修订\n\n2025年1月1日 测试用修正）", 1), encoding="utf-8")
    assert ingest_statutes(store, [later], workers=1).ok
    with page.expect_request(lambda r: r.url.endswith("/graphql") and "amendmentImpact" in (r.post_data or "")) \
            as asked:
        page.goto(server + "/#/impact?law=农产品质量安全法&from=2018-10-26&to=2022-09-02")
    query = asked.value.post_data or ""
    assert "texts { unit text }" in query and "oldText" not in query and "newText" not in query  # (the texts once)
    expect(page.locator("#impact-body")).to_contain_text("按需计算")
    expect(page.locator("article.break")).to_have_count(len(EXPECTED) + 1)  # the same breaks, no statuses
    renumbered = page.locator('article.break[data-kind="basis_renumbered"]', has_text="NY02001").first
    texts = renumbered.locator(".texts p")
    expect(texts.nth(0)).to_contain_text("二千元以下")
    expect(texts.nth(1)).to_contain_text("二千元以上二万元以下")
    assert not watch.errors and not watch.outside, (watch.errors, watch.outside)


def test_compare_versions_and_a_review_changes_the_impact(server: str, browser: Browser, store: GraphStore) -> None:
    page = browser.new_page()
    watch = Watch(page, server)
    _login(page, server, EDITOR)
    page.goto(server + "/#/compare?law=农产品质量安全法&from=2018&to=2022")
    caption = page.locator("table.compare caption")
    caption.wait_for()
    assert "2018-10-26 → 2022-09-02" in caption.inner_text() and "已核对 0 行" in caption.inner_text()
    assert page.locator("tr.row").count() > 80 and page.locator("tr.changed del, tr.changed ins").count() > 10
    page.get_by_role("button", name="下一处变化").click()
    expect(page.locator("tr.changed").first).to_be_focused()
    # only the changed rows
    page.get_by_label("只看有变化的条文").check()
    page.get_by_role("button", name="对照").click()
    expect(page.locator("tr.same")).to_have_count(0)
    before = {b["id"] for b in break_repo.page(store, law="农产品质量安全法", limit=10_000)[1]}
    # the editor corrects 2018 第五十条: split into 第七十条 and 第七十一条
    row = page.locator('tr[data-old="50"]').first
    row.locator("summary").click()
    row.get_by_label("第 50 条的对应类型").select_option("split")
    row.get_by_label("第 50 条对应的新条号（拆分时用逗号分隔）").fill("70，71")
    row.get_by_role("button", name="保存").click()
    expect(page.locator("table.compare caption")).to_contain_text("已核对 2 行")
    expect(page.locator('tr[data-old="50"][data-new="70"] .reviewed')).to_have_text("已核对")
    after = {b["id"] for b in break_repo.page(store, law="农产品质量安全法", limit=10_000)[1]}
    assert after != before  # the tracked breaks followed the review
    page.goto(server + "/#/impact?law=农产品质量安全法")
    page.locator("#impact-summary").wait_for()
    expect(page.locator("article.break")).to_have_count(len(after))
    assert not watch.errors and not watch.outside, (watch.errors, watch.outside)


def test_a_provinces_amendment_is_worked_one_department_at_a_time(server: str, browser: Browser,
                                                                   store: GraphStore) -> None:
    """Hundreds of breaks: the tracked 修法影响 view shows the counts per kind and per department (who has not acted)
    and no cards until a department is chosen; that department's breaks come a page at a time, narrowed by status;
    the notice's break, which has no department, is listed under its issuer."""
    import random

    from bench.impact_scale import populate, prepare
    from lawgraph.analysis.tracking import track_laws

    hot, cold = prepare(store, statutes=False)  # the generated province's 1,000 departments; the units to cite
    rng = random.Random(5)
    populate(store, 0, 200, set(range(200)), hot, cold, rng)  # 200 departments, a power and a benchmark each
    busy = "江北省/市0/县0/局0"
    populate(store, 200, 240, set(range(200, 240)), hot, cold, rng, department_of=lambda n: busy)
    track_laws(store, ["农产品质量安全法"], "test")
    overview = break_repo.overview(store, law="农产品质量安全法")
    mine, _ = break_repo.page(store, law="农产品质量安全法", department=busy, limit=1)
    assert overview["total"] > 200 and mine > 2 * 50
    page = browser.new_page()
    watch = Watch(page, server)
    _login(page, server, EDITOR)
    page.goto(server + "/#/impact?law=农产品质量安全法")
    expect(page.locator("#impact-choose")).to_contain_text(f"共 {overview['total']} 项")
    assert page.locator("article.break").count() == 0
    rows = page.locator("table.departments tbody tr")
    expect(rows).to_have_count(len(overview["departments"]))
    kinds = {k["kind"]: k["count"] for k in overview["kinds"]}
    assert {str(r.get_attribute("data-kind")): int(r.locator("td").nth(1).inner_text())
            for r in page.locator("table.counts tbody tr").all()} == kinds
    row = page.locator(f'table.departments tr[data-department="{busy}"]')
    assert row.locator("td").nth(2).inner_text() == str(mine)  # all 待处理
    row.get_by_role("link").click()
    shown = page.locator("#impact-shown")
    expect(shown).to_have_text(f"已显示 50 / {mine} 项")
    expect(page.locator("article.break")).to_have_count(50)
    # only its 待处理 ones; one set 已处理 on the first page leaves that list, and the pages after it miss nothing
    page.get_by_label("处理状态", exact=True).select_option("待处理")
    expect(page.locator("article.break")).to_have_count(50)
    card = page.locator("article.break").first
    card.locator("select").select_option("已处理")
    card.get_by_role("button", name="保存状态").click()
    card.locator("[role=status]").filter(has_text="已保存").wait_for()
    expect(shown).to_have_text(f"已显示 49 / {mine - 1} 项")
    expect(row.locator("td").nth(2)).to_have_text(str(mine - 1))  # the department's row follows
    expect(row.locator("td").nth(3)).to_have_text("1")
    more = page.get_by_role("button", name="加载更多")
    while more.is_visible():
        seen = page.locator("article.break").count()
        more.click()
        expect(page.locator("article.break")).not_to_have_count(seen)
    expect(shown).to_have_text(f"已显示 {mine - 1} / {mine - 1} 项")
    cards = page.locator("article.break")
    listed = [str(cards.nth(i).get_attribute("data-break")) for i in range(cards.count())]
    everything = break_repo.page(store, law="农产品质量安全法", department=busy, limit=1000)[1]
    assert sorted(listed) == sorted(b["id"] for b in everything)  # each once, none missed
    # a power's breaks under one heading, across pages
    powers = page.locator("#impact-department h3.power-name")
    assert powers.count() == len(set(powers.all_inner_texts())) == len({b["power"] for b in everything})
    page.get_by_label("处理状态", exact=True).select_option("已处理")
    expect(page.locator("article.break")).to_have_count(1)
    expect(shown).to_have_text("已显示 1 / 1 项")
    # the notice's break has no department: it is listed under its issuer
    page.goto(server + "/#/impact?law=农产品质量安全法")
    page.locator("#impact-choose").wait_for()
    page.locator('table.departments tr[data-department="青禾县农业农村局"]').get_by_role("link").click()  # the issuer
    expect(page.locator("article.break")).to_have_count(1)
    expect(page.locator('article.break[data-kind="citing_document"]')).to_contain_text(NOTICE_TITLE)
    assert not watch.errors and not watch.outside, (watch.errors, watch.outside)


def _sheet_text(page: Page, link: str) -> str:
    """Download the form behind `link` and return every cell's text."""
    from openpyxl import load_workbook

    with page.expect_download() as waiting:
        page.get_by_role("link", name=link).click()
    saved = Path(waiting.value.path()).with_suffix(".xlsx")
    shutil.copyfile(waiting.value.path(), saved)
    book = load_workbook(saved, read_only=True)
    return " ".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)


def test_power_directory_and_a_power_page(server: str, browser: Browser) -> None:
    page = browser.new_page()
    watch = Watch(page, server)
    _login(page, server, READER)
    page.goto(server + "/#/powers")
    page.locator("#power-count").wait_for()
    page.get_by_label("类别").select_option("行政处罚")
    page.get_by_label("搜索").fill("农产品")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("#power-count")).not_to_have_text("共 0 项")
    listed = page.locator("table.powers tbody").inner_text()
    assert "NY02003" in listed and SECRET not in listed  # the 涉密 power is not there for a reader
    page.get_by_role("link", name="对销售不符合农产品质量安全标准的农产品的行政处罚", exact=False).first.click()
    page.get_by_role("heading", name="依据").wait_for()
    body = page.locator("main").inner_text()
    assert "《中华人民共和国农产品质量安全法》" in body and "青禾县农业农村局" in body
    page.locator("ul.bases a").first.click()  # a basis leads to the article as cited
    page.get_by_role("heading", name="依据本条的职权", exact=False).wait_for()
    page.go_back()
    page.get_by_role("heading", name="依据").wait_for()
    assert page.locator("table.tiers tbody tr").count() >= 3  # the benchmark in force, tier by tier
    assert "未登记办理流程" in body  # no steps stored for this one
    permit = "江北省/临川市/青禾县/青禾县农业农村局#NY01002"
    page.goto(f"{server}/#/power/{quote(permit, safe='')}")
    page.get_by_role("heading", name="流程图").wait_for()
    steps = page.locator("ol.flow li")
    expect(steps).to_have_count(4)  # the 流程图 from the stored steps: 受理 → 审查 → 决定 → 送达
    assert "受理" in steps.nth(0).inner_text() and "送达" in steps.nth(3).inner_text()
    page.goto(server + f"/#/powers?q={SECRET}")
    expect(page.locator("#power-count")).to_have_text("共 0 项")
    page.goto(server + "/#/powers?region=江北省/临川市/青禾县")
    page.locator("#power-count").wait_for()
    forms = {name: _sheet_text(page, name) for name in ("《行政职权目录》", "《项目职权依据明细表》", "《行政职权统计表》")}
    assert "NY02003" in forms["《行政职权目录》"] and "罚则依据" in forms["《行政职权目录》"]
    # the basis quoted in full, and whether the text cited is the version in force (2018 农产品质量安全法: not)
    assert "否（所引文本已被修改或废止）" in forms["《项目职权依据明细表》"] and "农产品质量安全法@2018-10-26" in forms["《项目职权依据明细表》"]
    assert "行政处罚" in forms["《行政职权统计表》"] and "合计" in forms["《行政职权统计表》"]
    assert all(SECRET not in text for text in forms.values())  # a reader's forms leave the 涉密 power out
    assert not watch.errors and not watch.outside, (watch.errors, watch.outside)


def test_oversight_page(server: str, browser: Browser) -> None:
    page = browser.new_page()
    watch = Watch(page, server)
    _login(page, server, READER)
    page.goto(server + "/#/oversight?region=青禾县")
    page.get_by_role("heading", name="裁量基准覆盖率").wait_for()
    groups = page.locator("section.overlap")
    assert groups.count() >= 2 and "ZF02001" in page.locator("main").inner_text()
    assert "赋权" in page.locator("main").inner_text()  # the legitimate sharing, listed apart with its act
    rules = page.locator("details.rule summary")
    assert rules.count() >= 5 and rules.first.inner_text().startswith("F0")
    rules.first.click()
    assert page.locator("details.rule[open] tbody tr").count() >= 1
    assert page.locator("table.coverage tbody tr").count() >= 3
    assert SECRET not in page.locator("main").inner_text()
    assert not watch.errors and not watch.outside, (watch.errors, watch.outside)


def test_editor_upload_shows_row_errors_and_writes_the_good_rows(server: str, browser: Browser, store: GraphStore,
                                                                 tmp_path: Path) -> None:
    from lawgraph.graph.repos import enforcement as repo

    table = tmp_path / "powers_upload.csv"
    table.write_text("职权编码,职权名称,职权类型,罚则依据\nNY99001,对测试行为的处罚,行政处罚,\nNY99002,,行政处罚,\n",
                     encoding="utf-8")
    page = browser.new_page()
    watch = Watch(page, server)
    _login(page, server, EDITOR)
    page.get_by_role("link", name="导入").click()
    page.get_by_label("类型", exact=True).select_option("powers")
    page.get_by_label("文件", exact=True).set_input_files(str(table))
    page.get_by_label("地区", exact=True).fill("江北省/临川市/青禾县")
    page.get_by_label("部门", exact=True).fill("青禾县农业农村局")
    page.get_by_role("button", name="上传").click()
    alert = page.locator("#import-result [role=alert]")
    alert.wait_for()
    assert "1 处错误" in alert.inner_text() and "其余 1 条已写入" in alert.inner_text()
    problem = page.locator("table.problems tbody tr").first.inner_text()
    assert "powers_upload.csv" in problem and "3" in problem  # the file and its row
    assert repo.find_power(store, "NY99001")["name"] == "对测试行为的处罚"  # the good row was written
    assert not watch.errors and not watch.outside, (watch.errors, watch.outside)
    # a reader has no 导入
    reader = browser.new_page()
    _login(reader, server, READER)
    assert reader.get_by_role("link", name="导入").count() == 0
    reader.goto(server + "/#/import")
    reader.get_by_text("导入需要编辑（editor）权限").wait_for()
    reader.goto(server + "/#/audit")
    reader.get_by_text("审计日志只对管理员（admin）开放").wait_for()
    # the admin sees the upload in the audit log, and the keys by name and role only
    admin = browser.new_page()
    _login(admin, server, ADMIN)
    admin.get_by_role("link", name="审计").click()
    expect(admin.locator("table.audit tbody")).to_contain_text("upload_powers")
    keys = admin.locator("main ul").last.inner_text()
    assert "法制科（editor）" in keys and EDITOR not in admin.content()


def test_public_view_shows_the_directory_and_nothing_else(server: str, browser: Browser, store: GraphStore,
                                                          settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from lawgraph.api.app import create_app

    page = browser.new_page()  # no login: the public
    watch = Watch(page, server)
    page.goto(server + "/public")
    count = page.locator("#public-count")
    count.wait_for()
    total = int(store.run("enforcement/powers_count", region=None, department=None, category=None, search=None,
                          confidential=False, regions=None)[0]["total"])
    expect(count).to_have_text(f"共 {total} 项")
    hrefs = [page.locator("a").nth(i).get_attribute("href") or "" for i in range(page.locator("a").count())]
    assert all(h.startswith("#") for h in hrefs), hrefs  # no link leaves the 公示 view
    page.get_by_label("搜索").fill(SECRET)
    page.get_by_role("button", name="查询").click()
    expect(count).to_have_text("共 0 项")
    permit = "江北省/临川市/青禾县/青禾县农业农村局#NY01002"
    page.goto(f"{server}/public#/power/{quote(permit, safe='')}")
    page.get_by_role("heading", name="流程图").wait_for()
    assert page.locator("ol.flow li").count() == 4 and "《中华人民共和国动物防疫法》" in page.locator("main").inner_text()
    secret = next(r["id"] for r in store.run("regions/items", id="江北省", prefix="江北省/") if r["id"].endswith(SECRET))
    page.goto(f"{server}/public#/power/{quote(secret, safe='')}")
    page.get_by_text("没有这项职权").wait_for()
    # the public schema has nothing else; the workbench's API still needs a key
    other = page.request.post(server + "/public/graphql", data={"query": "{ breaks { totalCount } }"})
    assert "Cannot query field 'breaks'" in other.text()
    assert page.request.post(server + "/graphql", data={"query": "{ me { name } }"}).status == 401
    assert not watch.errors and not watch.outside, (watch.errors, watch.outside)
    with TestClient(create_app(settings, store=store)) as client:  # off unless the setting says so
        assert client.get("/public").status_code == 404


def test_documents_page_shows_what_a_notice_cites(server: str, browser: Browser) -> None:
    page = browser.new_page()
    watch = Watch(page, server)
    _login(page, server, READER)
    page.get_by_role("link", name="规范性文件").click()
    page.get_by_role("heading", name="规范性文件").wait_for()
    page.get_by_label("查找").fill("青农发")
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name=NOTICE_TITLE).click()
    page.get_by_role("heading", name=NOTICE_TITLE).wait_for()
    rows = page.locator("table.citations tbody tr")
    expect(rows).to_have_count(2)
    first = rows.nth(0).inner_text()
    # written in 2020: 第四十七条 of the 2018 text, linked to that article as it stood then
    assert "已对应" in first and "农产品质量安全法@2018-10-26/47" in first
    expect(page.get_by_text("国办发〔2018〕118号（未导入）")).to_be_visible()
    page.get_by_role("link", name="农产品质量安全法@2018-10-26/47").click()
    page.get_by_role("heading", name="农产品质量安全法 第四十七条").wait_for()
    expect(page.locator(".rests")).to_contain_text(f"文件《{NOTICE_TITLE}》")
    assert not watch.errors, watch.errors
    assert not watch.outside, watch.outside
