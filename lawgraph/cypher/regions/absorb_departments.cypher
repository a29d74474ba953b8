// Departments merged into the department of the same name in the region they are merged into: what they hold and
// issued, and the cases they decided, move to it; then the merged-away department is deleted.
// params: $rows (list of {old, new})
UNWIND $rows AS r
MATCH (a:Department {id: r.old})
MATCH (b:Department {id: r.new})
OPTIONAL MATCH (a)-[:HOLDS]->(p)
WITH a, b, collect(p) AS held
OPTIONAL MATCH (a)-[:ISSUED]->(o)
WITH a, b, held, collect(o) AS issued
OPTIONAL MATCH (c)-[:DECIDED_BY]->(a)
WITH a, b, held, issued, collect(c) AS decided
FOREACH (p IN held | MERGE (b)-[:HOLDS]->(p))
FOREACH (o IN issued | MERGE (b)-[:ISSUED]->(o))
FOREACH (c IN decided | MERGE (c)-[:DECIDED_BY]->(b))
SET b.code = coalesce(b.code, a.code)
DETACH DELETE a
