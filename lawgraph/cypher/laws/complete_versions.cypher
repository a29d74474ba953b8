// Marks versions as completely written, with their content hash (a crash before this is redone).
// params: $rows (list of {id, hash})
UNWIND $rows AS r
MATCH (v:LawVersion {id: r.id})
SET v.complete = true, v.content_hash = r.hash
