// Citation counts by status: resolved and stale ones are CITES edges, the others Citation nodes.
// params: none
MATCH ()-[r:CITES]->()
RETURN r.status AS status, count(*) AS count
UNION ALL
MATCH (c:Citation)
WHERE c.status <> 'stale'
RETURN c.status AS status, count(*) AS count
