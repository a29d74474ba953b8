// Export: the relationships leaving the next page of nodes after the id $after (a node without any gives one
// row with a null type, so that the page's last id is always seen).
// params: $after, $batch
MATCH (a)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $batch
OPTIONAL MATCH (a)-[r]->(b)
RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props
