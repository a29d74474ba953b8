// Departments whose id or name is the key, with their region.
// params: $key
MATCH (d:Department)
WHERE d.id = $key OR d.name = $key
RETURN d.id AS id, d.name AS name, d.region AS region
ORDER BY id
LIMIT 20
