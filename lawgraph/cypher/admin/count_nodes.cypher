// How many nodes the graph holds (after a bulk load: did anything else write meanwhile?).
// params: none
MATCH (n)
RETURN count(n) AS nodes
