// How many named documents are not in the graph (yet).
// params: none
MATCH (r:DocRef)
WHERE r.target IS NULL
RETURN count(r) AS open
