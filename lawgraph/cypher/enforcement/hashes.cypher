// Content hashes of powers, benchmarks and list entries already stored (rows whose hash matches are skipped).
// params: $ids (list of ids)
UNWIND $ids AS id
MATCH (n:Grounded {id: id})
RETURN n.id AS id, n.hash AS hash
