"""Laws, versions and their units: writes (batched UNWIND) and reads."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from lawgraph.domain import ids
from lawgraph.graph.bulk import BulkUnsuitable, NewGraph, Node
from lawgraph.graph.records import Row, VersionRows
from lawgraph.graph.repos import citations as citation_repo
from lawgraph.graph.store import GraphStore, Progress, bulk_loader, first

BATCH = 2000
CHUNK_ROWS = 50_000
UNIT_QUERIES = (
    ("divisions_top", "laws/upsert_divisions_top"),
    ("divisions_nested", "laws/upsert_divisions_nested"),
    ("articles", "laws/upsert_articles"),
)
ARTICLE_BATCH = 500
# a first load into an empty graph of at least this many units (条/款/项/目) takes the store's bulk path where it
# has one (FalkorDB); a smaller one is written with UNWIND, which needs no new key and no new indexes
BULK_LEAST = 20_000
CHINA = "中华人民共和国"


@dataclass
class Written:
    """What write_versions wrote: the ids of the versions, and whether through the store's bulk path."""

    ids: list[str]
    bulk: bool = False
    # stored already with the same text, but an earlier ingest was cut off before it linked their citations and
    # aligned them (laws/mark_linked): their links were cleared; link and align them again
    resumed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def versions_of_laws(store: GraphStore, *, law_ids: list[str]) -> dict[str, list[Row]]:
    """Return the stored versions of each law, by law id. Runs laws/versions_of_laws."""
    out: dict[str, list[Row]] = defaultdict(list)
    for start in range(0, len(law_ids), 5000):
        for row in store.run("laws/versions_of_laws", law_ids=law_ids[start:start + 5000]):
            out[row["law_id"]].append(row)
    return dict(out)


def write_versions(store: GraphStore, *, versions: list[VersionRows], progress: Progress | None = None,
                   resume: bool = True) -> Written:
    """Write versions that are new, changed or incomplete; skip those stored with the same hash.

    Returns the ids of the versions written, and (with `resume`, when the caller links what it writes) those
    stored by an ingest cut off before it linked them, whose citations are cleared for linking again. Runs
    laws/version_states, laws/clear_version_links, laws/delete_version_*, laws/upsert_*, laws/complete_versions;
    into an empty graph, at least BULK_LEAST units go through the store's bulk path (`_bulk_write`) when it has
    one.
    """
    states: dict[str, Row] = {}
    ids = [v.version_id for v in versions]
    for start in range(0, len(ids), 5000):
        for row in store.run("laws/version_states", ids=ids[start:start + 5000]):
            states[row["id"]] = row
    todo: list[VersionRows] = []
    stale: list[str] = []
    resumed: list[str] = []
    for version in versions:
        state = states.get(version.version_id)
        if state and state.get("complete") and state.get("hash") == version.content_hash:
            if resume and state.get("linked") is False:
                resumed.append(version.version_id)
            continue
        if state:  # changed text, or a write cut off by a crash: start this version afresh
            stale.append(version.version_id)
        todo.append(version)
    for start in range(0, len(resumed), 50):  # first: the edges kept below are then only those to restore
        store.execute("laws/clear_version_links", ids=resumed[start:start + 50])
    kept: list[Row] = []
    for start in range(0, len(stale), 50):
        kept += store.run("laws/edges_into_versions", ids=stale[start:start + 50])
        store.execute("laws/delete_version_units", ids=stale[start:start + 50])
        store.execute("laws/delete_version_divisions", ids=stale[start:start + 50])
    warnings: list[str] = []
    if not stale and not resumed and _bulk_write(store, todo, progress, warnings):
        return Written([v.version_id for v in todo], bulk=True)
    total = sum(v.units + len(v.divisions_top) + len(v.divisions_nested) for v in todo)
    done = 0
    # Versions are written a chunk at a time and marked complete after each chunk, so a crash
    # leaves at most one chunk to redo.
    for chunk in _chunks(todo, CHUNK_ROWS):
        store.write("laws/upsert_laws", _unique([v.law for v in chunk]))
        store.write("laws/upsert_versions", [v.version for v in chunk])
        for key, query in UNIT_QUERIES:
            rows = [row for v in chunk for row in getattr(v, key)]
            if key == "divisions_nested":
                # a level at a time: FalkorDB's MERGE reads all its rows before it creates any, so a 节 whose
                # 章 (itself in a 编) is in the same query would find no parent and be lost
                for level in _levels(rows):
                    store.write(query, level, batch=BATCH)
            else:
                store.write(query, rows, batch=ARTICLE_BATCH if key == "articles" else BATCH)
            done += sum(v.units for v in chunk) if key == "articles" else len(rows)
            if progress:
                progress("store", done, total)
        _complete(store, chunk)
    if kept:
        _restore(store, kept, {unit for v in todo for unit in v.unit_ids()})
    return Written([v.version_id for v in todo], resumed=resumed, warnings=warnings)


def _complete(store: GraphStore, versions: list[VersionRows]) -> None:
    """Mark `versions` completely written (and not yet linked). Runs laws/complete_versions."""
    store.write("laws/complete_versions", [{"id": v.version_id, "hash": v.content_hash} for v in versions])


def mark_linked(store: GraphStore, version_ids: list[str]) -> None:
    """Mark versions as linked and aligned after their writing (see Written.resumed). Runs laws/mark_linked."""
    for start in range(0, len(version_ids), 5000):
        store.execute("laws/mark_linked", ids=version_ids[start:start + 5000])


def mark_follow_up(store: GraphStore, marks: dict[str, str]) -> None:
    """Mark laws (id → their newest version) whose breaks are still to be tracked after an ingest (cleared by
    `clear_follow_up`). Runs laws/mark_follow_up."""
    rows = [{"id": law, "to": to} for law, to in sorted(marks.items())]
    store.write("laws/mark_follow_up", rows, batch=5000)


def follow_ups(store: GraphStore) -> dict[str, str]:
    """The laws marked by `mark_follow_up` and not cleared since, with the version each mark names. Runs
    laws/follow_ups."""
    return {str(r["id"]): str(r["to"]) for r in store.run("laws/follow_ups")}


def clear_follow_up(store: GraphStore, marks: dict[str, str]) -> None:
    """The follow-up of these marks done; a law marked again since with another version keeps its mark. Runs
    laws/clear_follow_up."""
    store.write("laws/clear_follow_up", [{"id": law, "to": to} for law, to in sorted(marks.items())], batch=5000)


def _bulk_write(store: GraphStore, todo: list[VersionRows], progress: Progress | None, warnings: list[str]
                ) -> bool:
    """Write `todo` through the store's bulk path when it has one, the graph is empty and there is enough of it;
    False when it did not (nothing was written; a warning says why when the store refused). The versions are
    marked complete only after every unit is in (laws/complete_versions), as on the UNWIND path: a load cut off
    is redone by the next ingest. Runs admin/any_node, admin/count_nodes and laws/complete_versions."""
    loader = bulk_loader(store)
    if loader is None or sum(v.units for v in todo) < BULK_LEAST or not loader.empty():
        return False
    graph = new_graph(todo)
    if graph is None:
        return False
    try:
        loader.create_graph(graph, progress=progress)
    except BulkUnsuitable as exc:  # the graph is empty again: written with UNWIND
        warnings.append(f"store: not loaded in bulk ({exc}); written with UNWIND instead")
        return False
    _complete(store, todo)
    return True


def new_graph(todo: list[VersionRows]) -> NewGraph | None:
    """The graph the UNWIND path would write for `todo` into an empty store, node for node and relationship for
    relationship: a law's title and level as laws/upsert_laws leaves them chunk after chunk (`_unique`, then the
    title of the national law); a version's properties with `complete` false; a nested division only under a
    parent of a shallower level (they are written a level at a time); an article linked to its division where that
    exists. None when the UNWIND path would merge two rows into one node (two versions or two divisions with one
    id): that is left to it. Each version is a segment of its own (NewGraph.cut), the laws one before them."""
    graph = NewGraph()
    laws: dict[str, Row] = {}
    for chunk in _chunks(todo, CHUNK_ROWS):
        for row in _unique([v.law for v in chunk]):
            held = laws.get(row["id"])
            if held is None:
                laws[row["id"]] = {"title": row["title"], "level": row["level"]}
            else:
                if row["title"].startswith(CHINA) or held["title"] is None:
                    held["title"] = row["title"]
                held["level"] = row["level"]
    law_nodes = {law_id: graph.add("Law", law_id, props) for law_id, props in laws.items()}
    versions: dict[str, Node] = {}
    divisions: dict[str, Node] = {}
    depths: dict[str, int] = {}  # a division's level as laws/upsert_divisions_nested writes them (-1: top)
    for v in todo:  # a segment each (NewGraph.cut): the version, its divisions and units, the edges into them
        if v.version_id in versions:
            return None
        graph.cut()
        versions[v.version_id] = graph.add("LawVersion", v.version_id, v.version["props"])
        graph.link("HAS_VERSION", law_nodes[v.law_id], versions[v.version_id])
        for top, rows in ((True, v.divisions_top), *((False, level) for level in _levels(v.divisions_nested))):
            for row in rows:
                depth = -1 if top else row["id"].count(".")
                parent = versions[v.version_id] if top else divisions.get(row["parent"])
                if row["id"] in divisions:
                    return None
                if parent is None or (not top and depths[row["parent"]] >= depth):
                    continue  # laws/upsert_divisions_nested, a level at a time, finds no parent: nothing written
                depths[row["id"]] = depth
                divisions[row["id"]] = graph.add("Division", row["id"], row["props"])
                graph.link("HAS_DIVISION", parent, divisions[row["id"]])
        version = versions[v.version_id]
        for article in v.articles:
            unit = graph.add("Article", article["id"], article["props"])
            graph.link("HAS_ARTICLE", version, unit)
            division = divisions.get(article["division_id"]) if article["division_id"] else None
            if division is not None:
                graph.link("HAS_ARTICLE", division, unit)
            for paragraph in article.get("paragraphs", []):
                p = graph.add("Paragraph", paragraph["id"], paragraph["props"])
                graph.link("HAS_PARAGRAPH", unit, p)
                for item in paragraph.get("items", []):
                    i = graph.add("Item", item["id"], item["props"])
                    graph.link("HAS_ITEM", p, i)
                    for sub in item.get("subitems", []):
                        graph.link("HAS_SUBITEM", i, graph.add("SubItem", sub["id"], sub["props"]))
    return graph


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


def _levels(rows: list[Row]) -> list[list[Row]]:
    """Nested divisions grouped by depth (the dots in their ids), shallowest first."""
    by_depth: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_depth[row["id"].count(".")].append(row)
    return [by_depth[depth] for depth in sorted(by_depth)]


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
        if current is None or row["title"].startswith(CHINA):
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


def law_named(store: GraphStore, law: str) -> Row | None:
    """The law a user names by its title (with or without 《》) or its id, or None. Runs laws/find_law."""
    return find_law(store, law_id=ids.law_key(law), title=law.strip("《》 "))


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
