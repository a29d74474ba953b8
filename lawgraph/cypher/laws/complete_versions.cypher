// Marks versions as completely written, with their content hash (a crash before this is redone), and as not yet
// linked: their citations and alignment follow (laws/mark_linked; a crash before that is resumed).
// params: $rows (list of {id, hash})
UNWIND $rows AS r
MATCH (v:LawVersion {id: r.id})
SET v.complete = true, v.content_hash = r.hash, v.linked = false
