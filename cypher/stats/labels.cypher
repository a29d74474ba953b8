// Node counts per label.
// params: none
MATCH (n)
RETURN labels(n)[0] AS label, count(*) AS count
