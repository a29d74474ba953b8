// Citation counts by status: resolved ones are CITES edges, the others Citation nodes.
// params: none
MATCH ()-[r:CITES]->()
RETURN coalesce(r.status, 'resolved') AS status, count(*) AS count
UNION ALL
MATCH (c:Citation)
WHERE c.status <> 'stale'
RETURN c.status AS status, count(*) AS count
