// The follow-up of these laws done (their breaks tracked): the mark of laws/mark_follow_up removed — unless another
// ingest has marked the law again since, with another version (then that one is still to follow up).
// params: $rows (list of {id, to})
UNWIND $rows AS r
MATCH (l:Law {id: r.id})
WHERE l.follow_up = r.to
REMOVE l.follow_up
