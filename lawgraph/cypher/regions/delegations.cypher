// Powers held elsewhere that are delegated to a region or to a region below it (委托 / 下放).
// params: $id, $prefix ($id followed by '/')
MATCH (p:Power)-[:DELEGATED_TO]->(g:Region)
WHERE g.id = $id OR g.id STARTS WITH $prefix
RETURN p.id AS power, g.id AS region
ORDER BY power
