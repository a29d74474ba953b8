// A region and every region below it (ids are paths, so the ones under 江北省/临川市 start with 江北省/临川市/).
// params: $id, $prefix ($id followed by '/')
MATCH (g:Region)
WHERE g.id = $id OR g.id STARTS WITH $prefix
RETURN g.id AS id, g.name AS name, g.level AS level
ORDER BY id
