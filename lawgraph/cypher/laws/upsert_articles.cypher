// Articles (条) of versions with their paragraphs (款), items (项) and sub-items (目), one tree per row.
// Callers write a version's articles only after deleting what an earlier write of it left
// (laws/delete_version_units), so the units are created, not merged: no lookup below the version. A new node's
// properties are set whole (SET n = map): on FalkorDB 7–10 % less server time than merging them in (SET n += map).
// An article is also linked to its innermost division (编/章/节) where it has one.
// params: $rows (list of {id, version_id, division_id, props, paragraphs: [{id, props, items: [{id, props, subitems}]}]})
UNWIND $rows AS r
MATCH (v:LawVersion {id: r.version_id})
CREATE (v)-[:HAS_ARTICLE]->(a:Article)
SET a = r.props, a.id = r.id
WITH a, r
OPTIONAL MATCH (d:Division {id: r.division_id})
FOREACH (division IN CASE WHEN d IS NULL THEN [] ELSE [d] END | CREATE (division)-[:HAS_ARTICLE]->(a))
WITH a, r
UNWIND r.paragraphs AS pr
CREATE (a)-[:HAS_PARAGRAPH]->(p:Paragraph)
SET p = pr.props, p.id = pr.id
WITH p, pr
UNWIND pr.items AS ir
CREATE (p)-[:HAS_ITEM]->(i:Item)
SET i = ir.props, i.id = ir.id
WITH i, ir
UNWIND ir.subitems AS sr
CREATE (i)-[:HAS_SUBITEM]->(s:SubItem)
SET s = sr.props, s.id = sr.id
