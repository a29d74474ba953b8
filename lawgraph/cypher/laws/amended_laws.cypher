// Laws with two versions or more (an amendment whose breaks are tracked).
// params: none
MATCH (l:Law)-[:HAS_VERSION]->(v:LawVersion)
WITH l, count(v) AS versions
WHERE versions > 1
RETURN l.id AS id
ORDER BY id
