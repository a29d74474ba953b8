// The follow-up of these laws done (their breaks tracked): the mark of laws/mark_follow_up removed.
// params: $ids (list of law ids)
UNWIND $ids AS id
MATCH (l:Law {id: id})
REMOVE l.follow_up
