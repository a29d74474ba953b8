"""The workbench in Chromium: time to first data and to fully rendered for the 法规, 修法影响, 职权目录 and power
pages, p50 over `--loads` fresh loads each, on the sample and on the sample plus a generated county of `--powers`
powers; and the bytes of the assets a first visit transfers.

    .venv/bin/python -m bench.workbench [--loads 7] [--powers 20000] [--province 10000 [--base-tree DIR]
                                        [--rounds 2] [--only-province]]

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
from urllib.parse import quote, urlencode

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
TIMEOUT_MS = 120_000  # a page not rendered by then fails the bench (--timeout)
POWER = quote("江北省/临川市/青禾县/青禾县农业农村局#NY02003", safe="")
PAGES = {  # page → (route, what is there when it is fully rendered)
    "法规 (a law: 沿革 and articles)": ("#/law/农产品质量安全法", "ul.articles li"),
    "修法影响 (农产品质量安全法, all breaks)": ("#/impact?law=农产品质量安全法", "article.break"),
    "职权目录 (first page of 50)": ("#/powers", "table.powers tbody tr"),
    "power page (NY02003)": (f"#/power/{POWER}", "table.tiers tbody tr"),
}


def _serve(graph: str, tree: Path = REPO) -> tuple[subprocess.Popen[bytes], str]:
    """`lawgraph serve` from `tree` (this one, or a worktree of an earlier commit with its workbench built)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    keys = [{"name": "bench", "role": "editor", "sha256": hashlib.sha256(KEY.encode()).hexdigest()}]
    env = {**os.environ, "LAWGRAPH_RATE_PER_MINUTE": "100000000", "PYTHONPATH": str(tree),
           "LAWGRAPH_API_KEYS": json.dumps(keys)}
    proc = subprocess.Popen([sys.executable, "-m", "lawgraph.cli.main", "serve", "--graph", graph, "--port", str(port)],
                            env=env, cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=5):
                return proc, base
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("lawgraph serve did not start")


def measure(browser: Browser, base: str, loads: int,
            pages: dict[str, tuple[str, str]] | None = None) -> dict[str, tuple[float, float, int]]:
    """Page → (p50 first data ms, p50 rendered ms, GraphQL requests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_label("API 密钥").fill(KEY)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("heading", name="法规").wait_for()
    page.close()
    out = {}
    for name, (route, ready) in (pages or PAGES).items():
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
            tab.locator(ready).first.wait_for(timeout=TIMEOUT_MS)
            expect(tab.locator("main")).not_to_contain_text("加载中", timeout=TIMEOUT_MS)
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


def province(browser: Browser, folder: Path, size: int, loads: int, rounds: int,
             base_tree: Path | None) -> dict[str, dict[str, tuple[float, float, int]]]:
    """The 修法影响 pages on the sample + a generated province (its amendment's breaks tracked): the overview and the
    busiest department's breaks; served from this tree and from `base_tree` alternately, medians over the rounds."""
    import random

    from bench.impact_scale import populate, prepare
    from lawgraph.graph.repos import breaks

    store = open_store(Settings(graph_url=f"embedded:{folder}", batch_size=5000))
    assert load_sample(store, REPO / "data" / "sample").ok
    hot, cold = prepare(store, statutes=False)
    rng = random.Random(11)
    populate(store, 0, size, set(rng.sample(range(size), min(3000, size))), hot, cold, rng)
    track_laws(store, ["农产品质量安全法"], "bench")
    overview = breaks.overview(store, law="农产品质量安全法")
    busy = max(overview["departments"], key=lambda d: d["pending"])
    store.close()
    embedded.settle(folder)
    print(f"province: {size:,} powers, {overview['total']:,} open breaks of 农产品质量安全法 in "
          f"{len(overview['departments'])} departments; the busiest: {busy['department']} ({busy['pending']})")
    chosen = urlencode({"law": "农产品质量安全法", "department": busy["department"]})
    pages = {"修法影响 (农产品质量安全法: the overview)": ("#/impact?law=农产品质量安全法",
                                                   "article.break, #impact-choose"),
             "修法影响 (the busiest department)": (f"#/impact?{chosen}", "article.break")}
    trees = {"this tree": REPO, **({f"{base_tree.name} (before)": base_tree} if base_tree else {})}
    seen: dict[str, list[dict[str, tuple[float, float, int]]]] = {label: [] for label in trees}
    try:
        for _ in range(rounds):
            for label, tree in trees.items():
                server, base = _serve(f"embedded:{folder}", tree)
                try:
                    seen[label].append(measure(browser, base, loads, pages))
                    print(f"  {label}: " + ", ".join(f"{name} {done:,.0f} ms" for name, (_, done, _) in
                                                      seen[label][-1].items()), flush=True)
                finally:
                    server.terminate()
                    server.wait(timeout=30)
    finally:
        embedded.stop_server(folder)
    out = {}
    for label, runs in seen.items():
        out[f"province ({size:,} powers), {label}"] = {
            name: (statistics.median(r[name][0] for r in runs), statistics.median(r[name][1] for r in runs),
                   runs[-1][name][2]) for name in pages}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--powers", type=int, default=20_000)
    parser.add_argument("--province", type=int, default=0,
                        help="also the sample + bench.impact_scale's province of this many powers (10000: 13,025 "
                             "breaks of 农产品质量安全法's amendment), its 修法影响 pages only")
    parser.add_argument("--base-tree", type=Path, default=None,
                        help="a worktree of an earlier commit (its workbench built: `npx tsc -p web`): the province's "
                             "pages are also served from it, alternately with this tree, `--rounds` times each")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only-province", action="store_true", help="skip the sample and the county")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a page may take to render")
    args = parser.parse_args()
    global TIMEOUT_MS
    TIMEOUT_MS = int(args.timeout * 1000)
    work = Path(tempfile.mkdtemp(prefix="lgw-", dir="/tmp"))
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    results: dict[str, dict[str, tuple[float, float, int]]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            print(f"Chromium {browser.version}")
            for label, extra in () if args.only_province else (
                    ("sample", 0), (f"sample + {args.powers:,}-power county", args.powers)):
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
            if args.province:
                results.update(province(browser, work / "province", args.province, args.loads, args.rounds,
                                        args.base_tree))
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n| page | graph | first data p50 ms | fully rendered p50 ms | GraphQL requests |\n|---|---|---|---|---|")
    for label, pages in results.items():
        for name, (first, done, calls) in pages.items():
            print(f"| {name} | {label} | {first:,.0f} | {done:,.0f} | {calls} |")


if __name__ == "__main__":
    main()
