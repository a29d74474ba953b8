// Whether the graph holds anything (import refuses a non-empty graph unless told to replace it).
// params: none
MATCH (n)
RETURN count(n) AS nodes
