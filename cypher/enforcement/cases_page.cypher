// A page of cases, newest first, filtered by region (or below), power id and title text.
// params: $region, $power, $search, $skip, $limit
MATCH (c:Case)-[:DECIDED_BY]->(d:Department)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($power IS NULL OR (c)-[:APPLIED]->(:Power {id: $power}))
  AND ($search IS NULL OR c.title CONTAINS $search)
OPTIONAL MATCH (c)-[:APPLIED]->(p:Power)
OPTIONAL MATCH (c)-[:APPLIED_TIER]->(t:Tier)
RETURN c {.*} AS found, d {.id, .name, .region} AS department, p.id AS power, t.id AS tier
ORDER BY c.date DESC, c.id
SKIP $skip
LIMIT $limit
