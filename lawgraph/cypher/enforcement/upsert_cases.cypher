// Typical cases: decided by a department in a region, applying a power and, where known, a tier.
// params: $rows (list of {id, department, region, power, tier, props})
UNWIND $rows AS r
MATCH (d:Department {id: r.department})
MATCH (g:Region {id: r.region})
MERGE (c:Case {id: r.id})
SET c += r.props
MERGE (c)-[:DECIDED_BY]->(d)
MERGE (c)-[:IN]->(g)
WITH c, r
OPTIONAL MATCH (p:Power {id: r.power})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (c)-[:APPLIED]->(p))
WITH c, r
OPTIONAL MATCH (t:Tier {id: r.tier})
FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | MERGE (c)-[:APPLIED_TIER]->(t))
