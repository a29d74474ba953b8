// Cases by id with their department, power (and whether it is 涉密) and tier, for the case loader.
// params: $ids (list of case ids)
UNWIND $ids AS id
MATCH (c:Case {id: id})-[:DECIDED_BY]->(d:Department)
OPTIONAL MATCH (c)-[:APPLIED]->(p:Power)
OPTIONAL MATCH (c)-[:APPLIED_TIER]->(t:Tier)
RETURN c {.*} AS found, d {.id, .name, .region} AS department, p.id AS power, t.id AS tier,
       coalesce(p.confidential, false) AS confidential
