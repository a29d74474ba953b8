"""Import a generated 20,000-power county list (.xlsx): rows/s and peak RSS, read-only vs full import,
and a second, unchanged run (every row skipped by its content hash).

    .venv/bin/python -m bench.import_powers [--powers 20000] [--runs 3]

The list is generated (seeded): 20 departments of one county, names, type codes, multi-line
sub-items, and bases drawn from the citations of the sample county (some quoting the article after
the number, as real lists do), so every basis goes through the citation resolver against the bundled
statutes. Prints figures and ratios; asserts nothing (the machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl

from lawgraph.config import Settings
from lawgraph.graph.backends import embedded
from lawgraph.graph.store import open_store
from lawgraph.ingest.enforcement.load import ingest_powers
from lawgraph.ingest.enforcement.read import Defaults, read_powers
from lawgraph.ingest.load import ingest_statutes

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"
TYPES = ["01", "02", "02", "02", "03", "04", "05", "06", "07", "09", "行政处罚", "行政许可", "其他"]


def generate(path: Path, count: int, seed: int = 4) -> None:
    """Write a power list of `count` rows to an .xlsx file."""
    rng = random.Random(seed)
    with (SAMPLE / "county" / "powers_青禾县.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    bases = [r["设定依据"] or r["实施依据"] or r["罚则依据"] for r in rows]
    bases = [b for b in bases if b]
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("权责清单")
    sheet.append(["序号", "实施主体", "事项编码", "事项名称", "事项类型", "子项", "实施依据", "是否有裁量", "备注"])
    for n in range(1, count + 1):
        basis = rng.choice(bases)
        if rng.random() < 0.3:
            basis += "：违反本法规定的，由县级以上人民政府有关部门责令改正，依照本法第十条的规定处罚。"
        if rng.random() < 0.2:
            basis += "\n" + rng.choice(bases)
        sub = "\n".join(f"子项{i}" for i in range(rng.randint(0, 3)))
        sheet.append([n, f"青禾县第{n % 20 + 1}局", f"QH{n:06d}", f"对第{n}类违法行为的行政处罚", rng.choice(TYPES),
                      sub, basis, rng.choice(["是", "否"]), ""])
    book.save(path)



def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_once(table: Path, count: int) -> dict[str, float]:
    directory = Path(tempfile.mkdtemp(prefix="lgp-", dir="/tmp"))
    defaults = Defaults(region="江北省/临川市/青禾县")
    try:
        store = open_store(Settings(graph_url=f"embedded:{directory}"))
        assert ingest_statutes(store, [SAMPLE / "statutes"], workers=1).ok
        start = time.perf_counter()
        read = read_powers(table, defaults)
        read_s = time.perf_counter() - start
        assert not read.errors and len(read.records) == count
        start = time.perf_counter()
        report = ingest_powers(store, [table], defaults)
        import_s = time.perf_counter() - start
        assert report.ok and report.written == count
        start = time.perf_counter()
        again = ingest_powers(store, [table], defaults)
        again_s = time.perf_counter() - start
        assert again.written == 0 and again.unchanged == count
        store.close()
        server_mb = embedded.server_peak_kb(directory) / 1024
        return {"read_s": read_s, "import_s": import_s, "again_s": again_s, "server_mb": server_mb,
                "bases": sum(report.bases.values()), "resolved": report.bases.get("resolved", 0)}
    finally:
        embedded.stop_server(directory)
        shutil.rmtree(directory, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--powers", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lgx-", dir="/tmp"))
    try:
        table = work / "powers.xlsx"
        start = time.perf_counter()
        generate(table, args.powers)
        print(f"generated {args.powers} powers in {time.perf_counter() - start:.1f} s "
              f"({table.stat().st_size / 1e6:.1f} MB .xlsx)")
        runs = [run_once(table, args.powers) for _ in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for key in ("read_s", "import_s", "again_s"):
        values = [r[key] for r in runs]
        print(f"{key:<9} median {statistics.median(values):6.2f} s   runs {', '.join(f'{v:.2f}' for v in values)}")
    read_s = statistics.median(r["read_s"] for r in runs)
    import_s = statistics.median(r["import_s"] for r in runs)
    again_s = statistics.median(r["again_s"] for r in runs)
    print(f"rows/s: read {args.powers / read_s:,.0f}   full import {args.powers / import_s:,.0f}   "
          f"unchanged re-run {args.powers / again_s:,.0f}")
    print(f"ratio read/import time {read_s / import_s:.2f}; re-run/import time {again_s / import_s:.2f}")
    print(f"bases per run {runs[0]['bases']:.0f} ({runs[0]['resolved']:.0f} resolved)")
    print(f"peak RSS: this process {_peak_mb():.0f} MB; FalkorDB server "
          f"{statistics.median(r['server_mb'] for r in runs):.0f} MB (median; sample statutes + 20k powers)")


if __name__ == "__main__":
    main()
