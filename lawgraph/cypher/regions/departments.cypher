// The departments of a region and of the regions below it.
// params: $id, $prefix ($id followed by '/')
MATCH (d:Department)-[:IN]->(g:Region)
WHERE g.id = $id OR g.id STARTS WITH $prefix
RETURN d.id AS id, d.name AS name, g.id AS region
ORDER BY id
