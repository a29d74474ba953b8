// Marks versions whose citations were linked and whose law's versions were aligned after they were written; an
// ingest cut off before this links them again (laws.write_versions: resumed).
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})
SET v.linked = true
