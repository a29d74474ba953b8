// The work-level identity of articles (like Akoma Ntoso's wId): the same across versions of a law.
// params: $rows (list of {id, work})
UNWIND $rows AS r
MATCH (a:Article {id: r.id})
SET a.work = r.work
