// Export: the next page of nodes after the id $after, in id order (every lawgraph node has a unique id).
// params: $after, $batch
MATCH (n)
WHERE n.id > $after
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.id
LIMIT $batch
