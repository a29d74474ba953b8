// Content hashes of cases already stored.
// params: $ids (list of ids)
UNWIND $ids AS id
MATCH (n:Case {id: id})
RETURN n.id AS id, n.hash AS hash
