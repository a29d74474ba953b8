// Bases that did not resolve (unresolved or ambiguous) and name one of the laws $keys (graph.ids.law_key of
// the name; bases written before law_key was stored have none and are returned for the caller to check):
// to try again when those statutes arrive.
// params: $keys (list of law keys)
MATCH (o:Grounded)-[:HAS_OPEN_BASIS]->(b:OpenBasis)
WHERE b.status IN ['unresolved', 'ambiguous'] AND b.law IS NOT NULL AND (b.law_key IS NULL OR b.law_key IN $keys)
RETURN o.id AS owner, b.id AS id, b {.*} AS props
