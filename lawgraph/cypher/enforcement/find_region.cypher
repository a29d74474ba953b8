// Regions whose id (path) or name is the key.
// params: $key
MATCH (g:Region)
WHERE g.id = $key OR g.name = $key
RETURN g.id AS id, g.name AS name, g.level AS level
ORDER BY g.id
LIMIT 20
