// Laws whose new versions an ingest wrote, linked and aligned, and whose breaks are still to be tracked
// (analysis.amendments.after_ingest clears the mark once it has tracked them: an ingest cut off in between leaves
// it, and the next follow-up tracks them then).
// params: $ids (list of law ids)
UNWIND $ids AS id
MATCH (l:Law {id: id})
SET l.follow_up = true
