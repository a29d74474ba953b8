"""Screenshots of the workbench's pages for docs/ (README's tour): the bundled sample in a throwaway embedded
store, `lawgraph serve` on a free port, Debian's chromium through Playwright, an editor's login.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

REPO = Path(__file__).resolve().parent.parent
KEY = "lg_screenshots_admin"
PAGES = {
    "laws": "#/laws?q=法",
    "law": "#/law/农产品质量安全法?asOf=2020-01-01",
    "article": "#/article/农产品质量安全法/47?asOf=2020-01-01",
    "compare": "#/compare?law=农产品质量安全法&from=2018&to=2022&changed=1",
    "impact": "#/impact?law=农产品质量安全法&region=青禾县",
    "powers": "#/powers?category=行政许可",
    "oversight": "#/oversight?region=青禾县",
    "import": "#/import",
    "audit": "#/audit",
    "public": "public#/",
    "power": "#/power/%E6%B1%9F%E5%8C%97%E7%9C%81%2F%E4%B8%B4%E5%B7%9D%E5%B8%82%2F%E9%9D%92%E7%A6%BE%E5%8E%BF%2F"
             "%E9%9D%92%E7%A6%BE%E5%8E%BF%E5%86%9C%E4%B8%9A%E5%86%9C%E6%9D%91%E5%B1%80%23NY01002",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="lgshot-", dir="/tmp"))
    graph = f"embedded:{folder}"
    lawgraph = [sys.executable, "-m", "lawgraph.cli.main"]
    env = {**os.environ, "LAWGRAPH_API_KEYS": json.dumps(
        [{"name": "法制科", "role": "admin", "sha256": hashlib.sha256(KEY.encode()).hexdigest()}]),
           "LAWGRAPH_PUBLIC_VIEW": "true"}
    subprocess.run([*lawgraph, "ingest", "sample", "--graph", graph], check=True, env=env, capture_output=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([*lawgraph, "serve", "--graph", graph, "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{base}/readyz", timeout=5):
                    break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/")
            page.screenshot(path=str(args.out / "login.png"))
            page.get_by_label("API 密钥").fill(KEY)
            page.get_by_role("button", name="登录").click()
            page.get_by_role("heading", name="法规").wait_for()
            for name, route in PAGES.items():
                page.goto(f"{base}/{route}")
                page.locator("main h1").first.wait_for()  # the page has drawn (each navigation starts empty)
                expect(page.locator("main")).not_to_contain_text("加载中", timeout=30_000)
                page.screenshot(path=str(args.out / f"{name}.png"), full_page=False)
                print(f"wrote {args.out / f'{name}.png'}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run([*lawgraph, "db", "stop", "--graph", graph], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
