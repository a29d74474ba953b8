// Save (replace) the reviewed article alignment between two versions of a law: the rows as JSON, who and when.
// params: $row ({id, law, old, new, rows, by, at})
MERGE (r:AlignmentReview {id: $row.id})
SET r.law = $row.law, r.old = $row.old, r.new = $row.new, r.rows = $row.rows, r.by = $row.by, r.at = $row.at
