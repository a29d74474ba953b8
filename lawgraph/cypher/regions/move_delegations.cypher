// Delegations to a region that is merged away, copied to the region it is merged into (before it is absorbed).
// params: $rows (list of {old, new})
UNWIND $rows AS r
MATCH (p:Power)-[y:DELEGATED_TO]->(a:Region {id: r.old})
MATCH (b:Region {id: r.new})
MERGE (p)-[z:DELEGATED_TO]->(b)
SET z.kind = y.kind, z.act = y.act, z.date = y.date
