// Articles (条) under their version, and under their innermost division where they have one.
// params: $rows (list of {id, version_id, division_id, props})
UNWIND $rows AS r
MATCH (v:LawVersion {id: r.version_id})
MERGE (a:Article {id: r.id})
SET a += r.props
MERGE (v)-[:HAS_ARTICLE]->(a)
WITH a, r
WHERE r.division_id IS NOT NULL
MATCH (d:Division {id: r.division_id})
MERGE (d)-[:HAS_ARTICLE]->(a)
