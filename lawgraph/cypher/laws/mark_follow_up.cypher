// Laws whose new versions an ingest wrote, linked and aligned, and whose breaks are still to be tracked: each marked
// with its newest version (analysis.amendments.after_ingest clears a mark once it has tracked the law, if the mark
// is still the one it read: an ingest cut off in between leaves it, and the next follow-up tracks the law then).
// params: $rows (list of {id, to})
UNWIND $rows AS r
MATCH (l:Law {id: r.id})
SET l.follow_up = r.to
