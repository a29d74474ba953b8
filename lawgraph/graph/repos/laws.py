"""Laws, versions and their units: writes (batched UNWIND) and reads."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from lawgraph.graph.records import Row, VersionRows
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.store import GraphStore, first

Progress = Callable[[str, int, int], None]

BATCH = 2000
CHUNK_ROWS = 50_000
UNIT_QUERIES = (
    ("divisions_top", "laws/upsert_divisions_top"),
    ("divisions_nested", "laws/upsert_divisions_nested"),
    ("articles", "laws/upsert_articles"),
)
ARTICLE_BATCH = 500


def versions_of_laws(store: GraphStore, *, law_ids: list[str]) -> dict[str, list[Row]]:
    """Return the stored versions of each law, by law id. Runs laws/versions_of_laws."""
    out: dict[str, list[Row]] = defaultdict(list)
    for start in range(0, len(law_ids), 5000):
        for row in store.run("laws/versions_of_laws", law_ids=law_ids[start:start + 5000]):
            out[row["law_id"]].append(row)
    return dict(out)


def write_versions(store: GraphStore, *, versions: list[VersionRows], progress: Progress | None = None
                   ) -> list[str]:
    """Write versions that are new, changed or incomplete; skip those stored with the same hash.

    Returns the ids of the versions written. Runs laws/version_states, laws/delete_version_*, laws/upsert_*,
    laws/complete_versions.
    """
    states: dict[str, Row] = {}
    ids = [v.version_id for v in versions]
    for start in range(0, len(ids), 5000):
        for row in store.run("laws/version_states", ids=ids[start:start + 5000]):
            states[row["id"]] = row
    todo: list[VersionRows] = []
    stale: list[str] = []
    for version in versions:
        state = states.get(version.version_id)
        if state and state.get("complete") and state.get("hash") == version.content_hash:
            continue
        if state:  # changed text, or a write cut off by a crash: start this version afresh
            stale.append(version.version_id)
        todo.append(version)
    kept: list[Row] = []
    for start in range(0, len(stale), 50):
        kept += store.run("laws/edges_into_versions", ids=stale[start:start + 50])
        store.execute("laws/delete_version_units", ids=stale[start:start + 50])
        store.execute("laws/delete_version_divisions", ids=stale[start:start + 50])
    total = sum(v.units + len(v.divisions_top) + len(v.divisions_nested) for v in todo)
    done = 0
    # Versions are written a chunk at a time and marked complete after each chunk, so a crash
    # leaves at most one chunk to redo.
    for chunk in _chunks(todo, CHUNK_ROWS):
        store.write("laws/upsert_laws", _unique([v.law for v in chunk]))
        store.write("laws/upsert_versions", [v.version for v in chunk])
        for key, query in UNIT_QUERIES:
            rows = [row for v in chunk for row in getattr(v, key)]
            store.write(query, rows, batch=ARTICLE_BATCH if key == "articles" else BATCH)
            done += sum(v.units for v in chunk) if key == "articles" else len(rows)
            if progress:
                progress("store", done, total)
        store.write("laws/complete_versions", [{"id": v.version_id, "hash": v.content_hash} for v in chunk])
    if kept:
        _restore(store, kept, {unit for v in todo for unit in v.unit_ids()})
    return [v.version_id for v in todo]


def _restore(store: GraphStore, kept: list[Row], units: set[str]) -> None:
    """Put BASED_ON and CITES edges back on the units of the rewritten versions (ids follow the numbering, so a
    unit that is still there has the same id). A basis whose unit is gone becomes an open basis on its owner
    (reported by `lawgraph check`, F03), never dropped; a statute's citation whose unit is gone is left to citation
    linking, which re-resolves open citations; a policy document's becomes an open Citation with the reason."""
    bases: list[Row] = []
    cites: list[Row] = []
    documents: list[Row] = []
    gone: list[Row] = []
    lost: list[Row] = []
    for row in kept:
        props = dict(row["props"] or {})
        from_document = row["type"] == "CITES" and str(row["owner"]).startswith("doc:")
        if row["unit"] not in units:
            if from_document:  # a policy document's citation of a unit gone: kept open, with the reason
                lost.append({"paragraph": row["owner"], "id": f"{row['owner']}#gone:{row['unit']}", "props": {
                    "source": props.get("source"), "text": props.get("text"), "start": props.get("start"),
                    "end": props.get("end"), "status": "unresolved", "resolved": None,
                    "law_key": row["unit"].split("@", 1)[0],
                    "reason": f"{row['unit']} is not in the re-ingested text of its version; cite the unit anew"}})
            elif row["type"] == "BASED_ON":
                gone.append({"owner": row["owner"], "id": f"{row['owner']}#gone:{row['unit']}", "props": {
                    "text": props.get("text"), "role": props.get("role"), "position": props.get("position"),
                    "status": "unresolved", "law_id": row["unit"].split("@", 1)[0],
                    "reason": f"{row['unit']} is not in the re-ingested text of its version; cite the unit anew"}})
            continue
        if row["type"] == "BASED_ON":
            bases.append({"owner": row["owner"], "target": row["unit"], "text": props.get("text"),
                          "role": props.get("role"), "status": props.get("status"),
                          "suggested": props.get("suggested"), "position": props.get("position")})
        else:
            (documents if from_document else cites).append({
                "paragraph": row["owner"], "target": row["unit"], "source": props.get("source"),
                "text": props.get("text"), "start": props.get("start"), "end": props.get("end"),
                "status": props.get("status")})
    citation_repo.write_cites(store, bases, queries=citation_repo.BASED_ON)
    citation_repo.write_cites(store, cites)
    citation_repo.write_cites(store, documents, queries=citation_repo.DOC_CITES)
    if gone:
        store.write("enforcement/write_open_bases", gone)
    if lost:
        store.write("documents/write_open", lost)


def _chunks(versions: list[VersionRows], size: int) -> list[list[VersionRows]]:
    chunks: list[list[VersionRows]] = []
    current: list[VersionRows] = []
    rows = 0
    for version in versions:
        current.append(version)
        rows += version.units
        if rows >= size:
            chunks.append(current)
            current, rows = [], 0
    if current:
        chunks.append(current)
    return chunks


def _unique(rows: list[Row]) -> list[Row]:
    seen: dict[str, Row] = {}
    for row in rows:
        current = seen.get(row["id"])
        if current is None or row["title"].startswith("中华人民共和国"):
            seen[row["id"]] = row
    return list(seen.values())


def refresh_status(store: GraphStore, *, law_ids: list[str], today: date | None = None) -> None:
    """Recompute every version's status of the given laws from the dates of all their versions.

    The latest version that has started is `in_force` (or `repealed`), later ones `not_yet_in_force`,
    earlier ones `superseded` with `in_force_until` the next one's start. Runs laws/set_version_status.
    """
    today_s = (today or date.today()).isoformat()
    rows: list[Row] = []
    for _law_id, versions in versions_of_laws(store, law_ids=law_ids).items():
        ordered = sorted(versions, key=lambda v: (v.get("effective") or v.get("date") or "", v["id"]))
        started = [v for v in ordered if (v.get("effective") or v.get("date") or "") <= today_s]
        current = started[-1]["id"] if started else None
        for index, version in enumerate(ordered):
            nxt = ordered[index + 1] if index + 1 < len(ordered) else None
            until = (nxt.get("effective") or nxt.get("date")) if nxt else None
            if (version.get("effective") or version.get("date") or "") > today_s:
                status = "not_yet_in_force"
            elif version["id"] == current:
                status = "repealed" if version.get("repealed") else "in_force"
            else:
                status = "superseded"
            rows.append({"id": version["id"], "status": status, "until": until})
    if rows:
        store.write("laws/set_version_status", rows)


def find_law(store: GraphStore, *, law_id: str, title: str) -> Row | None:
    """Return the law with id `law_id` or title `title`, or None. Runs laws/find_law."""
    return first(store.run("laws/find_law", id=law_id, title=title))


def law_versions(store: GraphStore, *, law_id: str) -> list[Row]:
    """Return the versions of a law, oldest first. Runs laws/law_versions."""
    return store.run("laws/law_versions", law_id=law_id)


def version_at(store: GraphStore, *, law_id: str, at: date) -> Row | None:
    """Return the version of a law in force on `at`, or None. Runs laws/version_at."""
    return first(store.run("laws/version_at", law_id=law_id, at=at.isoformat()))


def search_laws(store: GraphStore, *, search: str | None, level: str | None, skip: int, limit: int
                ) -> tuple[list[Row], int]:
    """Return a page of laws and the total count. Runs laws/search_laws and laws/count_laws."""
    rows = store.run("laws/search_laws", search=search, level=level, skip=skip, limit=limit)
    total = first(store.run("laws/count_laws", search=search, level=level))
    return rows, int(total["total"]) if total else 0


def _assemble(rows: list[Row]) -> dict[str, Row]:
    """Articles with their paragraphs, items and sub-items in order, from laws/article(s) rows."""
    articles: dict[str, Row] = {}
    paragraphs: dict[str, Row] = {}
    items: dict[str, Row] = {}
    for row in rows:
        article_id = row["article"]["id"]
        if article_id not in articles:
            articles[article_id] = {**row["article"], "paragraphs": []}
        # an OPTIONAL MATCH miss projects to null (Neo4j) or to a map of nulls (FalkorDB)
        p, i, s = (x if x and x.get("id") else None for x in (row["paragraph"], row["item"], row["subitem"]))
        if p and p["id"] not in paragraphs:
            paragraphs[p["id"]] = {**p, "items": []}
            articles[article_id]["paragraphs"].append(paragraphs[p["id"]])
        if p and i and i["id"] not in items:
            items[i["id"]] = {**i, "subitems": []}
            paragraphs[p["id"]]["items"].append(items[i["id"]])
        if i and s and all(x["id"] != s["id"] for x in items[i["id"]]["subitems"]):
            items[i["id"]]["subitems"].append(s)
    for article in articles.values():
        article["paragraphs"].sort(key=lambda p: p["number"])
        for paragraph in article["paragraphs"]:
            paragraph["items"].sort(key=lambda i: i["ordinal"])
            for item in paragraph["items"]:
                item["subitems"].sort(key=lambda s: s["ordinal"])
    return articles


def article(store: GraphStore, *, version_id: str, number: str) -> Row | None:
    """Return an article with its paragraphs, items and sub-items, or None. Runs laws/article."""
    found = _assemble(store.run("laws/article", version_id=version_id, number=number))
    return next(iter(found.values()), None)


def articles(store: GraphStore, ids: list[str]) -> dict[str, Row]:
    """Articles by id with their paragraphs, items and sub-items (one query for all). Runs laws/articles."""
    return _assemble(store.run("laws/articles", ids=ids))


def versions(store: GraphStore, ids: list[str]) -> dict[str, Row]:
    """Law versions by id, with their law (one query). Runs laws/versions."""
    return {row["id"]: row for row in store.run("laws/versions", ids=ids)}


def grounded(store: GraphStore, ids: list[str]) -> dict[str, list[Row]]:
    """What rests on each article (or a unit inside it): [{owner, kind, unit, confidential}] per article id. Runs
    laws/grounded."""
    out: dict[str, list[Row]] = {article_id: [] for article_id in ids}
    for row in store.run("laws/grounded", ids=ids):
        labels = set(row["labels"])
        kind = "power" if "Power" in labels else "benchmark" if "DiscretionBenchmark" in labels else "list_entry"
        out[row["article"]].append({"owner": row["owner"], "kind": kind, "unit": row["unit"],
                                    "confidential": bool(row["confidential"])})
    return out


def in_force_versions(store: GraphStore, at: date) -> list[str]:
    """Ids of the versions in force on `at`, one per law: the latest whose effective date (else date) is on or
    before `at`. Runs laws/catalogue."""
    day = at.isoformat()
    best: dict[str, tuple[str, str]] = {}
    for row in store.run("laws/catalogue"):
        start = row["effective"] or row["date"] or ""
        if start <= day and (row["law_id"] not in best or start >= best[row["law_id"]][0]):
            best[row["law_id"]] = (start, row["version_id"])
    return sorted(version for _, version in best.values())


def stats(store: GraphStore) -> dict[str, dict[str, int]]:
    """Return node counts per label and relationship counts per type. Runs stats/*."""
    nodes = {r["label"]: int(r["count"]) for r in store.run("stats/labels")}
    rels = {r["type"]: int(r["count"]) for r in store.run("stats/relationships")}
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}
