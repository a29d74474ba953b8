// The cases decided on tiers, one row per (tier, case), for the tier → cases loader.
// params: $ids (list of tier ids)
UNWIND $ids AS id
MATCH (c:Case)-[:APPLIED_TIER]->(t:Tier {id: id})
RETURN id AS tier, c.id AS case
ORDER BY c.date DESC, c.id
