// The content hashes of versions (the cache key of an alignment).
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})
RETURN v.id AS id, v.norm_hash AS hash
