// The stored state of versions: whether complete, the hash of their content, and whether their citations were
// linked and their versions aligned after they were written (laws/mark_linked).
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})
RETURN v.id AS id, v.complete AS complete, v.content_hash AS hash, v.norm_hash AS norm_hash, v.linked AS linked
