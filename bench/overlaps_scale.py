"""权力交叉 at province scale: precision / recall of overlap detection against planted overlaps, run time and
peak RSS, as the province grows from 10k to 50k to 200k powers in 1,300 departments; and which text similarity
works (jieba tokens vs character bigrams vs MinHash), measured on the same candidate pairs.

    .venv/bin/pip install -e '.[bench]'   # jieba, for the comparison
    .venv/bin/python -m bench.overlaps_scale [--sizes 10000,50000,200000] [--runs 3]

The province (generated straight into the store with the import queries): 100 counties, each with ten
departments (农业农村局 … 文化和旅游局) holding size/1000 powers each, a 行政审批服务局 and two townships. Every
county's department of one kind holds the same list — as real lists are — whose names and bases come from
real penalty clauses (items and paragraphs) of the corpus's 行政法, 经济法, 社会法 and 行政法规 folders:
"对<conduct>的行政处罚" on that unit. The departments' first powers also cite a general clause of 行政处罚法.
Planted per county:
- overlaps: ~1 in 10 of a department's powers also held by another department, 40 % with the same name and
  unit, 30 % reworded on the same unit, 30 % reworded on a different basis (found by text only); one in five of
  them held by a third department as well (a group of three);
- 交叉重复: township powers copied from the county, half of them handed down by 委托/赋权 (legitimate), half not;
- legitimate stage splits: the 行政审批服务局 holds 行政许可 on the units of some departments' 处罚.
Precision and recall count pairs: planted pairs (within a group, all pairs) against pairs reported as overlaps.
Also times `lawgraph check` (all rules) once per size: the generated powers are discretionary with no
benchmark, so F07 reports every one of them. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lawgraph.analysis import overlaps as ov
from lawgraph.analysis.findings import check
from lawgraph.config import Settings
from lawgraph.domain.normalize import compact
from lawgraph.graph.backends import embedded
from lawgraph.graph.repos.alignment import version_units
from lawgraph.graph.repos.citations import BASED_ON, write_cites
from lawgraph.graph.store import GraphStore, open_store
from lawgraph.ingest.enforcement.load import write_places
from lawgraph.ingest.load import ingest_statutes

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "lawrefbook"
KINDS = ["农业农村局", "市场监督管理局", "生态环境分局", "综合行政执法局", "应急管理局", "自然资源局",
         "住房和城乡建设局", "交通运输局", "水利局", "文化和旅游局"]
APPROVAL = "行政审批服务局"
COUNTIES = 100
FOLDERS = ("行政法", "经济法", "社会法", "行政法规")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_CLAUSE = re.compile(r"^(?:[^，。；]{0,30}违反[^，。；]*规定[，,])?([^。；，]{6,50}?)的[，,](?:由|处|责令|没收|依法)")
_PENALTY = ("罚款", "处罚", "吊销", "责令停产停业", "没收")


def conduct_pool(store: GraphStore) -> tuple[list[tuple[str, str]], str]:
    """(unit id, conduct) of penalty items and paragraphs, one per distinct conduct, near-duplicates dropped;
    and the unit id of a general clause (行政处罚法)."""
    found: list[tuple[str, str]] = []
    general = ""
    for row in store.run("laws/catalogue"):
        units = version_units(store, row["version_id"])
        if row["law_id"] == "行政处罚法":
            general = next((a.id for a in units if a.number == "28"), units[0].id)
        for article in units:
            for paragraph in article.children:
                if not any(word in paragraph.text for word in _PENALTY):
                    continue
                if paragraph.children:
                    for item in paragraph.children:
                        text = _ITEM.sub("", item.text.strip()).rstrip("；;。，,的")
                        if 6 <= len(text) <= 50:
                            found.append((item.id, text))
                else:
                    match = _CLAUSE.match(paragraph.text.strip())
                    if match:
                        found.append((paragraph.id, match.group(1)))
    seen: set[str] = set()
    unique = []
    for unit, text in sorted(found):
        if compact(text) not in seen:
            seen.add(compact(text))
            unique.append((unit, text))
    # near-duplicates (the same conduct in two laws) would be true overlaps nobody planted: keep one
    holders = [ov.Holder(id=str(n), code=None, name=t, category="行政处罚", department=str(n), department_name="",
                         region="x", bases={u: ""}, delegations=[]) for n, (u, t) in enumerate(unique)]
    similarity = ov.Similarity(holders)
    pairs, _ = ov.candidates(holders)
    drop = {max(i, j) for i, j in pairs if similarity.dice(holders[i], holders[j]) >= ov.SAME_ARTICLE}
    return [p for n, p in enumerate(unique) if n not in drop], general


SWAPS = [("未按照规定", "未依照规定"), ("擅自", "未经批准"), ("或者", "或"), ("不按照", "未按照"),
         ("未取得", "未依法取得"), ("未经", "没有经过"), ("违反规定", "违规"), ("有关", "相关")]


def reword(text: str, rng: random.Random) -> str:
    """A paraphrase as another department would write it: synonyms, a dropped list element, a subject."""
    out = text
    for old, new in rng.sample(SWAPS, len(SWAPS)):
        if old in out:
            out = out.replace(old, new, 1)
            break
    parts = out.split("、")
    if len(parts) > 2:
        del parts[rng.randrange(1, len(parts))]
        out = "、".join(parts)
    if rng.random() < 0.5:
        out = rng.choice(["单位", "经营者", "当事人", "生产经营单位"]) + out
    return out


def power_row(pid: str, department: str, name: str, category: str = "行政处罚") -> dict[str, Any]:
    return {"id": pid, "department": department, "props": {"name": name, "code": pid.rsplit("#", 1)[1],
                                                          "category": category, "discretionary": True,
                                                          "hash": "bench"}}


def generate(store: GraphStore, size: int, pool: list[tuple[str, str]], general: str,
             rng: random.Random) -> tuple[set[frozenset[str]], set[frozenset[str]], int]:
    """Write the province; returns the planted overlap pairs, the planted legitimate pairs and the number of
    departments."""
    per = max(1, size // (COUNTIES * len(KINDS)))
    if len(pool) < len(KINDS) * per + 300:
        raise SystemExit(f"the conduct pool has {len(pool)} entries; {len(KINDS) * per + 300} needed")
    spare = pool[len(KINDS) * per:]  # other bases for the reworded-elsewhere copies
    places = []
    powers: list[dict[str, Any]] = []
    bases: list[dict[str, Any]] = []
    delegations: list[dict[str, Any]] = []
    truth: set[frozenset[str]] = set()
    legit: set[frozenset[str]] = set()

    def add(pid: str, department: str, name: str, units: list[str], category: str = "行政处罚") -> None:
        powers.append(power_row(pid, department, name, category))
        bases.extend({"owner": pid, "target": u, "text": u, "role": "罚则依据", "status": "resolved",
                      "suggested": None, "position": n} for n, u in enumerate(units))

    for c in range(COUNTIES):
        county = f"江北省/市{c % 10}/县{c}"
        names = [*KINDS, APPROVAL]
        places += [(county.split("/"), f"县{c}{k}", None) for k in names]
        places += [([*county.split("/"), f"镇{c}-{t}"], f"镇{c}-{t}人民政府", None) for t in range(2)]
        department = {k: f"{county}/县{c}{k}" for k in names}
        used: set[tuple[int, int]] = set()

        def pick(used: set[tuple[int, int]] = used, department: dict[str, str] = department
                 ) -> tuple[int, int, str, str, str] | None:
            """A county power not planted yet: (kind, index, unit, conduct, power id), or None when taken."""
            t, k = rng.randrange(len(KINDS)), rng.randrange(per)
            if (t, k) in used:
                return None
            used.add((t, k))
            unit, text = pool[t * per + k]
            return t, k, unit, text, f"{department[KINDS[t]]}#T{t}{k:04d}"
        for t, kind in enumerate(KINDS):
            for k in range(per):
                unit, text = pool[t * per + k]
                units = [unit, general] if k == 0 else [unit]
                add(f"{department[kind]}#T{t}{k:04d}", department[kind], f"对{text}的行政处罚", units)
        # planted overlaps
        for n in range(max(1, per // 10) * 2):
            picked = pick()
            if picked is None:
                continue
            t, k, unit, text, source = picked
            group = [source]
            others = rng.sample([x for x in range(len(KINDS)) if x != t], 2 if rng.random() < 0.2 else 1)
            for m, o in enumerate(others):
                mode = rng.random()
                pid = f"{department[KINDS[o]]}#X{t}{k:04d}-{m}"
                if mode < 0.4:
                    add(pid, department[KINDS[o]], f"对{text}的行政处罚", [unit])
                elif mode < 0.7:
                    add(pid, department[KINDS[o]], f"对{reword(text, rng)}的行政处罚", [unit])
                else:
                    other = spare[(c * 97 + n * 7 + m) % len(spare)][0]
                    add(pid, department[KINDS[o]], f"对{reword(text, rng)}的处罚", [other])
                group.append(pid)
            truth |= {frozenset({a, b}) for a in group for b in group if a < b}
        # townships: copies of county powers, half handed down (legitimate), half not (交叉重复)
        for town in range(2):
            region = f"{county}/镇{c}-{town}"
            held = f"{region}/镇{c}-{town}人民政府"
            for n in range(max(2, per // 20)):
                picked = pick()
                if picked is None:
                    continue
                t, k, unit, text, source = picked
                pid = f"{held}#T{t}{k:04d}"
                add(pid, held, f"对{text}的行政处罚", [unit])
                if n % 2 == 0:
                    delegations.append({"power": source, "region": region, "kind": rng.choice(["委托", "赋权"]),
                                        "act": f"县{c}政发〔2023〕{n + 1}号", "date": "2023-03-01"})
                    legit.add(frozenset({source, pid}))
                else:
                    truth.add(frozenset({source, pid}))
        # stage splits: the approval bureau's permits on the units of some punishments
        for _ in range(max(1, per // 20)):
            picked = pick()
            if picked is None:
                continue
            t, k, unit, text, source = picked
            pid = f"{department[APPROVAL]}#S{t}{k:04d}"
            add(pid, department[APPROVAL], f"{text[:12]}许可", [unit], category="行政许可")
            legit.add(frozenset({source, pid}))
    write_places(store, places)
    for start in range(0, len(powers), 20_000):
        store.write("enforcement/upsert_powers", powers[start:start + 20_000])
    write_cites(store, bases, queries=BASED_ON)
    if delegations:
        store.write("enforcement/delegate", delegations)
    return truth, legit, len(places)


def score(result: dict[str, Any], truth: set[frozenset[str]], legit: set[frozenset[str]]) -> dict[str, float]:
    found = {frozenset({p["a"], p["b"]}) for g in result["groups"] for p in g["pairs"]}
    marked = {frozenset({p["a"], p["b"]}) for p in result["legitimate"]}
    hit = len(found & truth)
    return {"precision": hit / len(found) if found else 0.0, "recall": hit / len(truth) if truth else 0.0,
            "found": len(found), "planted": len(truth), "legit_marked": len(marked & legit) / len(legit),
            "legit_reported": len(found & legit)}


def compare_methods(store: GraphStore, truth: set[frozenset[str]]) -> None:
    """Text alone, on the candidate pairs the blocking produces: the best threshold's P/R/F1 per method, and
    the time per 10,000 pairs."""
    import jieba  # type: ignore[import-untyped,import-not-found,unused-ignore]

    jieba.setLogLevel(60)
    holders = ov.holders_from(store.run("overlaps/powers", region=None, above=[], confidential=True))
    pairs, _ = ov.candidates(holders)
    pairs_list = sorted(pairs)
    labels = [frozenset({holders[i].id, holders[j].id}) in truth for i, j in pairs_list]
    similarity = ov.Similarity(holders)
    tokens = {h.id: frozenset(w for w in jieba.lcut(h.core) if w.strip()) for h in holders}
    signature = ov.signatures(holders)

    def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
        return len(a & b) / len(a | b) if a or b else 0.0

    methods: dict[str, Callable[[int, int], float]] = {
        "char bigrams, IDF Dice": lambda i, j: similarity.dice(holders[i], holders[j]),
        "char bigrams, Jaccard": lambda i, j: jaccard(holders[i].grams, holders[j].grams),
        "MinHash (20 perms)": lambda i, j: float((signature[i] == signature[j]).mean()),
        "jieba tokens, Jaccard": lambda i, j: jaccard(tokens[holders[i].id], tokens[holders[j].id]),
    }
    print(f"\ntext alone on {len(pairs_list)} candidate pairs ({sum(labels)} planted):")
    print(f"{'method':<24} {'threshold':>9} {'P':>6} {'R':>6} {'F1':>6} {'µs/pair':>8}")
    for name, fn in methods.items():
        start = time.perf_counter()
        values = [fn(i, j) for i, j in pairs_list]
        per_pair = (time.perf_counter() - start) / max(1, len(values)) * 1e6
        best = (0.0, 0.0, 0.0, 0.0)
        for step in range(5, 100, 5):
            cut = step / 100
            chosen = [label for v, label in zip(values, labels, strict=True) if v >= cut]
            tp = sum(chosen)
            p = tp / len(chosen) if chosen else 0.0
            r = tp / sum(labels) if sum(labels) else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            if f1 > best[3]:
                best = (cut, p, r, f1)
        print(f"{name:<24} {best[0]:>9.2f} {best[1]:>6.3f} {best[2]:>6.3f} {best[3]:>6.3f} {per_pair:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000,200000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare-at", type=int, default=50000, help="size at which to compare text methods")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'powers':>8} {'depts':>6} {'load s':>7} {'run s p50':>9} {'per 1k':>7} {'cands':>8} {'P':>6} {'R':>6} "
          f"{'found':>6} {'planted':>7} {'legit ok':>8} {'RSS MB':>7} {'server MB':>9}")
    baseline: float | None = None
    for size in sizes:
        directory = Path(tempfile.mkdtemp(prefix="lgo-", dir="/tmp"))
        try:
            store = open_store(Settings(graph_url=f"embedded:{directory}", batch_size=5000))
            assert ingest_statutes(store, [CORPUS / folder for folder in FOLDERS], workers=1).ok
            pool, general = conduct_pool(store)
            rng = random.Random(7)
            start = time.perf_counter()
            truth, legit, departments = generate(store, size, pool, general, rng)
            load = time.perf_counter() - start
            total = int(store.run("enforcement/powers_count", region=None, department=None, category=None,
                                  search=None, confidential=True, regions=None)[0]["total"])
            times = []
            result: dict[str, Any] = {}
            for _ in range(args.runs):
                start = time.perf_counter()
                result = ov.overlaps(store)
                times.append(time.perf_counter() - start)
            figures = score(result, truth, legit)
            start = time.perf_counter()
            checked = check(store)
            checking = time.perf_counter() - start
            run = statistics.median(times)
            per_k = run / total * 1000
            baseline = baseline or per_k
            print(f"{total:>8} {departments:>6} {load:>7.1f} {run:>9.2f} {per_k:>7.3f} "
                  f"{result['stats']['candidates']:>8} {figures['precision']:>6.3f} {figures['recall']:>6.3f} "
                  f"{figures['found']:>6} {figures['planted']:>7} {figures['legit_marked']:>8.3f} "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:>7.0f} "
                  f"{embedded.server_peak_kb(directory) / 1024:>9.0f}   (s per 1k powers ×{per_k / baseline:.2f}); "
                  f"lawgraph check: {checking:.1f} s, {len(checked['findings'])} findings", flush=True)
            if size == args.compare_at:
                compare_methods(store, truth)
            store.close()
        finally:
            embedded.stop_server(directory)
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
