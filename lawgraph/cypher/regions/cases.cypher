// The typical cases decided in a region or in a region below it.
// params: $id, $prefix ($id followed by '/')
MATCH (c:Case)-[:IN]->(g:Region)
WHERE g.id = $id OR g.id STARTS WITH $prefix
RETURN c.id AS id, g.id AS region
ORDER BY id
