// The stored digest and path of the given documents (to skip unchanged ones on re-ingest).
// params: $ids (list of document ids)
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN d.id AS id, d.digest AS digest, d.path AS path
