"""The `lawgraph` CLI against the real store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from lawgraph.cli.main import app
from lawgraph.config import Settings
from lawgraph.graph.store import GraphStore
from tests.conftest import SAMPLE

runner = CliRunner()


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if hasattr(command, "commands"):
            found.extend(_commands(command, f"{prefix}{name} "))
    return found


def test_every_command_has_help_text() -> None:
    root = typer.main.get_command(app)
    assert hasattr(root, "commands")
    commands = _commands(root)
    assert {"ingest statutes", "stats", "law show", "db status", "db start", "db stop", "serve"} <= {
        n for n, _ in commands}
    for name, command in commands:
        assert (command.help or "").strip(), f"`lawgraph {name}` has no help text"


def test_ingest_stats_and_law_show(store: GraphStore, settings: Settings) -> None:
    graph = ["--graph", settings.graph_url]
    result = runner.invoke(app, ["ingest", "statutes", str(SAMPLE / "statutes"), *graph])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["errors"] == 0 and summary["versions_written"] == 19
    stats = json.loads(runner.invoke(app, ["stats", *graph]).stdout)
    assert stats["nodes"]["LawVersion"] == 19
    title = "《中华人民共和国农产品质量安全法》"
    shown = runner.invoke(app, ["law", "show", title, "--json", "--at", "2022-10-01", *graph])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["title"] == "中华人民共和国农产品质量安全法" and data["level"] == "法律"
    assert data["in_force_at"] == {"date": "2022-10-01", "version": "农产品质量安全法@2018-10-26"}
    assert [(v["date"], v["status"], v["article_count"]) for v in data["versions"]] == [
        ("2018-10-26", "superseded", 56), ("2022-09-02", "in_force", 81)]
    text = runner.invoke(app, ["law", "show", "农产品质量安全法", *graph])
    assert "in_force" in text.stdout and "81 articles" in text.stdout


def test_errors_are_clean(store: GraphStore, settings: Settings, tmp_path: Path) -> None:
    graph = ["--graph", settings.graph_url]
    missing = runner.invoke(app, ["law", "show", "不存在法", *graph])
    assert missing.exit_code == 2 and "no law titled '不存在法'" in missing.output
    assert "Traceback" not in missing.output
    bad_date = runner.invoke(app, ["law", "show", "不存在法", "--at", "yesterday", *graph])
    assert bad_date.exit_code == 2 and "not a date" in bad_date.output
    (tmp_path / "empty.md").write_text("")
    failed = runner.invoke(app, ["ingest", "statutes", str(tmp_path), *graph])
    assert failed.exit_code == 1
    assert "empty.md: the file is empty" in failed.output
    assert json.loads(failed.stdout)["errors"] == 1
    nowhere = runner.invoke(app, ["ingest", "statutes", str(tmp_path / "nope"), *graph])
    assert nowhere.exit_code == 2 and "no such file or folder" in nowhere.output
    bad_url = runner.invoke(app, ["stats", "--graph", "mysql://x"])
    assert bad_url.exit_code == 2 and "unknown graph URL" in bad_url.output


def test_db_commands(data_root: Path) -> None:
    graph = ["--graph", f"embedded:{data_root / 'cli-db'}"]
    assert runner.invoke(app, ["db", "status", *graph]).exit_code == 1
    started = runner.invoke(app, ["db", "start", *graph])
    assert started.exit_code == 0 and json.loads(started.stdout)["running"] is True
    status = runner.invoke(app, ["db", "status", *graph])
    assert status.exit_code == 0 and json.loads(status.stdout)["pid"]
    assert json.loads(runner.invoke(app, ["db", "stop", *graph]).stdout) == {"stopped": True}
    assert runner.invoke(app, ["db", "status", *graph]).exit_code == 1
    # status names any store; start and stop manage the embedded one only
    elsewhere = runner.invoke(app, ["db", "status", "--graph", "neo4j://127.0.0.1:9"])
    assert elsewhere.exit_code == 1
    assert json.loads(elsewhere.stdout)["store"] == "the store at neo4j://127.0.0.1:9"
    wrong = runner.invoke(app, ["db", "start", "--graph", "neo4j://127.0.0.1:9"])
    assert wrong.exit_code == 2 and "embedded store only" in wrong.output
