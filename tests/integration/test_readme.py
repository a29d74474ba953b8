"""Every `lawgraph …` example in the README runs as written, in the README's order, from a folder laid out like
the repository (data/, docs/ and ../shared beside it) — against an embedded store of its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import CORPUS, REPO

BLOCK = re.compile(r"```bash\n(.*?)```", re.S)


def examples() -> list[str]:
    """The README's `lawgraph` command lines, comments dropped."""
    found = []
    for block in BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("lawgraph "):
                found.append(re.sub(r"\s+#\s.*$", "", line).strip())
    return found


def test_the_readme_has_examples_for_every_command_group() -> None:
    groups = {line.split()[1] for line in examples()}
    assert {"db", "ingest", "law", "stats", "cite", "citations", "power", "benchmark", "align", "impact", "overlaps",
            "check"} <= groups


def test_every_readme_example_runs_as_written() -> None:
    assert (CORPUS / "versions").is_dir(), f"the shared corpus is expected at {CORPUS}"
    root = Path(tempfile.mkdtemp(prefix="lgr-", dir="/tmp"))
    here = root / "repo"
    here.mkdir()
    for name in ("data", "docs"):
        (here / name).symlink_to(REPO / name)
    (root / "shared").symlink_to(CORPUS.parent)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LAWGRAPH_", "NEO4J_"))}
    env["LAWGRAPH_GRAPH_URL"] = f"embedded:{root / 'db'}"
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '')}"
    failed = []
    try:
        for line in examples():
            done = subprocess.run(["bash", "-c", line], cwd=here, env=env, capture_output=True, text=True,
                                  timeout=600)
            if done.returncode != 0:
                failed.append(f"{line}\n  exit {done.returncode}: {done.stderr.strip()[-600:]}")
    finally:
        subprocess.run([str(Path(sys.executable).parent / "lawgraph"), "db", "stop"], env=env, capture_output=True,
                       timeout=60)
        shutil.rmtree(root, ignore_errors=True)
    assert failed == [], "\n".join(failed)
