// Powers whose id or code is the key, or whose name is the key exactly.
// params: $key
MATCH (d:Department)-[:HOLDS]->(p:Power)
WHERE p.id = $key OR p.code = $key OR p.name = $key
RETURN p.id AS id, p.name AS name, p.code AS code, d.id AS department, d.region AS region,
       coalesce(p.confidential, false) AS confidential
ORDER BY p.id
LIMIT 50
