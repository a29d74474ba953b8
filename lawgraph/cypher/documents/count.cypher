// How many documents match the same filter as documents/search.
// params: $search
MATCH (d:Document)
WHERE $search IS NULL OR d.title CONTAINS $search OR d.number CONTAINS $search OR d.issuer CONTAINS $search
RETURN count(d) AS total
