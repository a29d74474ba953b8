// The id (path from the top) of every region, to settle the regions a table names before anything is written.
// params: none
MATCH (g:Region)
RETURN g.id AS id
ORDER BY id
