"""The workbench in Chromium: time to first data and to fully rendered for the 法规, 修法影响, 职权目录 and power
pages, p50 over `--loads` fresh loads each, on the sample and on the sample plus a generated county of `--powers`
powers; and the bytes of the assets a first visit transfers.

    .venv/bin/python -m bench.workbench [--loads 7] [--powers 20000]

Each load opens the page's URL in a new tab of a logged-in browser (the session cookie is kept; every asset is
revalidated: the workbench sends `Cache-Control: no-cache`). "First data" is when the first GraphQL answer the page
needs (after `me`) has arrived; "fully rendered" is when the page's content is in the DOM and no 加载中 is left.
Debian's chromium through Playwright (`executable_path`), `lawgraph serve` on loopback, an embedded store.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, Response, expect, sync_playwright

from bench.import_powers import generate
from lawgraph.analysis.tracking import track_laws
from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.store import open_store
from lawgraph.ingest.enforcement.load import ingest_powers
from lawgraph.ingest.enforcement.read import Defaults
from lawgraph.ingest.sample import load_sample

REPO = Path(__file__).resolve().parent.parent
KEY = "lg_bench_workbench_editor"
POWER = quote("江北省/临川市/青禾县/青禾县农业农村局#NY02003", safe="")
PAGES = {  # page → (route, what is there when it is fully rendered)
    "法规 (a law: 沿革 and articles)": ("#/law/农产品质量安全法", "ul.articles li"),
    "修法影响 (农产品质量安全法, all breaks)": ("#/impact?law=农产品质量安全法", "article.break"),
    "职权目录 (first page of 50)": ("#/powers", "table.powers tbody tr"),
    "power page (NY02003)": (f"#/power/{POWER}", "table.tiers tbody tr"),
}


def _serve(graph: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "LAWGRAPH_RATE_PER_MINUTE": "100000000", "LAWGRAPH_API_KEYS": json.dumps(
        [{"name": "bench", "role": "editor", "sha256": hashlib.sha256(KEY.encode()).hexdigest()}])}
    proc = subprocess.Popen([sys.executable, "-m", "lawgraph.cli.main", "serve", "--graph", graph, "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("lawgraph serve did not start")


def measure(browser: Browser, base: str, loads: int) -> dict[str, tuple[float, float, int]]:
    """Page → (p50 first data ms, p50 rendered ms, GraphQL requests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_label("API 密钥").fill(KEY)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="法规").wait_for()
    page.close()
    out = {}
    for name, (route, ready) in PAGES.items():
        firsts, rendered, calls = [], [], 0
        for _ in range(loads):
            tab = context.new_page()
            answers: list[float] = []

            def seen(response: Response, into: list[float] = answers) -> None:
                if response.url.endswith("/graphql"):
                    into.append(time.perf_counter())

            tab.on("response", seen)
            start = time.perf_counter()
            tab.goto(f"{base}/{route}")
            tab.locator(ready).first.wait_for(timeout=120_000)
            expect(tab.locator("main")).not_to_contain_text("加载中", timeout=120_000)
            done = time.perf_counter()
            data = answers[1] if len(answers) > 1 else answers[0]  # answers[0] is `me`
            firsts.append((data - start) * 1000)
            rendered.append((done - start) * 1000)
            calls = len(answers)
            tab.close()
        out[name] = (statistics.median(firsts), statistics.median(rendered), calls)
    context.close()
    return out


def assets(browser: Browser, base: str) -> tuple[int, int]:
    """(bytes, files) of the page shell, scripts and styles a first visit loads."""
    context = browser.new_context()
    page = context.new_page()
    sizes: dict[str, int] = {}

    def seen(response: Response) -> None:
        if response.url.startswith(base) and "/graphql" not in response.url:
            sizes[response.url] = len(response.body())

    page.on("response", seen)
    page.goto(base + "/")
    page.get_by_label("API 密钥").wait_for()
    context.close()
    return sum(sizes.values()), len(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--powers", type=int, default=20_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lgw-", dir="/tmp"))
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    results: dict[str, dict[str, tuple[float, float, int]]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            print(f"Chromium {browser.version}")
            for label, extra in (("sample", 0), (f"sample + {args.powers:,}-power county", args.powers)):
                folder = work / f"db{extra}"
                store = open_store(Settings(graph_url=f"embedded:{folder}"))
                assert load_sample(store, REPO / "data" / "sample").ok
                if extra:
                    table = work / "county.xlsx"
                    generate(table, extra)
                    assert ingest_powers(store, [table], Defaults(region="江北省/临川市/青禾县")).ok
                track_laws(store, None, "bench")
                store.close()
                server, base = _serve(f"embedded:{folder}")
                try:
                    if not extra:
                        size, files = assets(browser, base)
                        print(f"assets of a first visit: {size / 1024:.1f} KiB in {files} files (uncompressed)")
                    results[label] = measure(browser, base, args.loads)
                finally:
                    server.terminate()
                    server.wait(timeout=30)
                    embedded.stop_server(folder)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n| page | graph | first data p50 ms | fully rendered p50 ms | GraphQL requests |\n|---|---|---|---|---|")
    for label, pages in results.items():
        for name, (first, done, calls) in pages.items():
            print(f"| {name} | {label} | {first:,.0f} | {done:,.0f} | {calls} |")


if __name__ == "__main__":
    main()
