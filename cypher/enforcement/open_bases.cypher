// Bases that did not resolve (unresolved or ambiguous) and name a law: to try again when statutes arrive.
// params: none
MATCH (o:Grounded)-[:HAS_OPEN_BASIS]->(b:OpenBasis)
WHERE b.status IN ['unresolved', 'ambiguous'] AND b.law IS NOT NULL
RETURN o.id AS owner, b.id AS id, b {.*} AS props
