// The stored state of versions: whether complete and the hash of their content.
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})
RETURN v.id AS id, v.complete AS complete, v.content_hash AS hash, v.norm_hash AS norm_hash
