// Regions merged into a region of the same path that already exists: their sub-regions, departments and cases
// move to it, then the merged-away region is deleted.
// params: $rows (list of {old, new})
UNWIND $rows AS r
MATCH (a:Region {id: r.old})
MATCH (b:Region {id: r.new})
OPTIONAL MATCH (c:Region)-[:PART_OF]->(a)
WITH a, b, collect(c) AS children
OPTIONAL MATCH (m)-[:IN]->(a)
WITH a, b, children, collect(m) AS members
FOREACH (c IN children | MERGE (c)-[:PART_OF]->(b))
FOREACH (m IN members | MERGE (m)-[:IN]->(b))
DETACH DELETE a
