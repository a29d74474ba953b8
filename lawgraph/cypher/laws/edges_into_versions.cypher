// Before versions are rewritten: the BASED_ON edges (from powers, benchmarks, list entries) and the CITES
// edges (from other versions' paragraphs) that point into their units, so they can be put back on the units
// of the new text — a re-ingested statute must not silently cut what rests on it.
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})-[:HAS_ARTICLE]->(a:Article)
MATCH (a)-[:HAS_PARAGRAPH|HAS_ITEM|HAS_SUBITEM*0..3]->(u)
MATCH (n)-[e:BASED_ON|CITES]->(u)
WHERE NOT (n.id STARTS WITH (id + '/'))
RETURN type(e) AS type, n.id AS owner, u.id AS unit, properties(e) AS props
