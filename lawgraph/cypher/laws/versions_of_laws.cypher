// Every stored version of the given laws, for status refresh and version matching (and, at ingest, whether a text
// read again is stored already: complete, hash).
// params: $law_ids (list of law ids)
UNWIND $law_ids AS law_id
MATCH (l:Law {id: law_id})-[:HAS_VERSION]->(v:LawVersion)
RETURN l.id AS law_id, v.id AS id, v.date AS date, v.date_precision AS precision,
       v.effective AS effective, v.norm_hash AS norm_hash, v.repealed AS repealed, v.complete AS complete,
       v.content_hash AS hash
