// Typical cases deleted (a region deleted with --cascade).
// params: $ids (list of case ids)
UNWIND $ids AS id
MATCH (c:Case {id: id})
DETACH DELETE c
