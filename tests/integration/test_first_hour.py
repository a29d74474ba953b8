"""A new user's first hour: each stumble seen on a fresh clone, kept from coming back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from lawgraph.cli.main import app
from lawgraph.config import Settings, data_home, describe_store, load_settings
from lawgraph.graph.repos import enforcement as repo
from lawgraph.graph.store import GraphStore
from lawgraph.ingest.enforcement.load import ingest_powers, settle_region
from lawgraph.ingest.enforcement.read import Defaults, read_powers
from lawgraph.ingest.sample import load_sample
from lawgraph.ingest.statutes.parse import parse_statute
from lawgraph.ingest.statutes.read import read_source
from tests.conftest import SAMPLE

runner = CliRunner()
COUNTY = "江北省/临川市/青禾县"


def _commands(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    if hasattr(command, "commands"):  # a group (typer ships its own click)
        for name, sub in command.commands.items():
            found += _commands(sub, (*path, name))
    return found


def test_help_of_every_command_and_sub_command() -> None:
    paths = _commands(typer.main.get_command(app))
    assert ("ingest", "powers") in paths and ("db", "status") in paths and len(paths) > 25
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output


def test_region_option_help_is_not_read_as_markup() -> None:
    result = runner.invoke(app, ["ingest", "powers", "--help"])
    assert result.exit_code == 0 and "乡镇" in result.output


def test_default_store_is_one_per_user(tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("LAWGRAPH_GRAPH_URL", raising=False)
        patch.setenv("XDG_DATA_HOME", str(tmp_path))
        patch.chdir(tmp_path)
        assert data_home() == tmp_path / "lawgraph"
        assert load_settings().graph_url == f"embedded:{tmp_path / 'lawgraph' / 'store'}"
        status = runner.invoke(app, ["db", "status"])
        assert status.exit_code == 1  # not running: it says so, and which store
        shown = json.loads(status.stdout)
        assert shown["store"] == f"the embedded store at {tmp_path / 'lawgraph' / 'store'}"
        assert shown["running"] is False
        patch.delenv("XDG_DATA_HOME")
        patch.setenv("HOME", str(tmp_path / "home"))
        assert load_settings().graph_url == f"embedded:{tmp_path / 'home' / '.local' / 'share' / 'lawgraph' / 'store'}"


def test_not_found_names_the_store(store: GraphStore, settings: Settings) -> None:
    result = runner.invoke(app, ["law", "show", "某某不存在法", "--graph", settings.graph_url])
    assert result.exit_code == 2
    assert f"(looked in {describe_store(settings.graph_url)})" in result.output


def test_db_status_names_the_store_in_use(store: GraphStore, settings: Settings) -> None:
    result = runner.invoke(app, ["db", "status", "--graph", settings.graph_url])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["store"] == describe_store(settings.graph_url) and shown["running"] is True


def test_settle_region_rules() -> None:
    known = {"江北省", "江北省/临川市", "江北省/临川市/青禾县", "江北省/临川市/白沙镇", "江北省/东江市",
             "江北省/东江市/白沙镇"}
    assert settle_region(["青禾县"], known) == ["江北省", "临川市", "青禾县"]
    assert settle_region(["临川市", "青禾县"], known) == ["江北省", "临川市", "青禾县"]
    assert settle_region(["江北省", "临川市", "新县"], known) == ["江北省", "临川市", "新县"]
    assert settle_region(["辽宁省", "沈阳市"], known) == ["辽宁省", "沈阳市"]
    ambiguous = settle_region(["白沙镇"], known)
    assert isinstance(ambiguous, str) and "江北省/临川市/白沙镇" in ambiguous and "江北省/东江市/白沙镇" in ambiguous
    unknown = settle_region(["青山县"], known)
    assert isinstance(unknown, str) and "unknown region '青山县'" in unknown and "full path" in unknown


def test_a_region_given_by_name_resolves_to_the_existing_one(store: GraphStore, tmp_path: Path) -> None:
    assert load_sample(store, SAMPLE).ok
    table = tmp_path / "powers_new.csv"
    table.write_text("职权编码,职权名称,职权类型,罚则依据\nNY99001,对测试行为的处罚,行政处罚,\n", encoding="utf-8")
    regions_before = {r["id"] for r in store.run("enforcement/region_ids")}
    report = ingest_powers(store, [table], Defaults(region="青禾县", department="青禾县农业农村局"))
    assert report.ok, report.errors
    assert repo.find_power(store, "NY99001")["id"] == f"{COUNTY}/青禾县农业农村局#NY99001"
    assert {r["id"] for r in store.run("enforcement/region_ids")} == regions_before  # no new top-level 青禾县
    # an unknown bare name creates nothing and says what to give
    refused = ingest_powers(store, [table], Defaults(region="青山县", department="青山县农业农村局"))
    assert not refused.ok and report.records == 1
    assert any("powers_new.csv" in e and "unknown region '青山县'" in e for e in refused.errors), refused.errors
    assert {r["id"] for r in store.run("enforcement/region_ids")} == regions_before


def test_versions_dated_by_their_text_not_only_their_file_name() -> None:
    statute = parse_statute(read_source(SAMPLE / "statutes" / "食品安全法_2015.txt"))
    assert (statute.date.isoformat() if statute.date else None, statute.date_precision) == ("2015-10-01", "effective")


def test_zhifa_zhuti_is_a_department_column(tmp_path: Path) -> None:
    table = tmp_path / "powers.csv"
    table.write_text("行政区划,执法主体,职权名称,职权类型\n江北省/临川市/青禾县,青禾县农业农村局,对某行为的处罚,行政处罚\n",
                     encoding="utf-8")
    result = read_powers(table, Defaults())
    assert not result.errors, result.errors
    assert [r.department for r in result.records] == ["青禾县农业农村局"]


def test_benchmark_show_is_text_unless_json(store: GraphStore, settings: Settings) -> None:
    assert load_sample(store, SAMPLE).ok
    benchmarks = repo.power(store, f"{COUNTY}/青禾县农业农村局#NY02001")["benchmarks"]
    assert benchmarks, "the sample's NY02001 has a benchmark"
    bench_id = benchmarks[0]["id"]
    text = runner.invoke(app, ["benchmark", "show", bench_id, "--graph", settings.graph_url])
    assert text.exit_code == 0, text.output
    assert not text.stdout.lstrip().startswith("{") and "→" in text.stdout
    data = runner.invoke(app, ["benchmark", "show", bench_id, "--json", "--graph", settings.graph_url])
    assert json.loads(data.stdout)["benchmark"]["id"] == bench_id


def test_sample_warnings_can_be_listed(store: GraphStore, settings: Settings) -> None:
    result = runner.invoke(app, ["ingest", "sample", str(SAMPLE), "--warnings", "--graph", settings.graph_url])
    assert result.exit_code == 0, result.output
    report = load_sample(store, SAMPLE)
    for warning in report.warnings:
        assert f"warning: {warning}" in result.output
    quiet = runner.invoke(app, ["ingest", "sample", str(SAMPLE), "--graph", settings.graph_url])
    assert "warning:" not in quiet.output
