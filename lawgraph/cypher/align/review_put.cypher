// Save (replace) the reviewed article alignment between two versions of a law: the rows as JSON, who and when.
// params: $row ({id, law, old, new, rows, by, at, source, document}); source: review | official (document: the act)
MERGE (r:AlignmentReview {id: $row.id})
SET r.law = $row.law, r.old = $row.old, r.new = $row.new, r.rows = $row.rows, r.by = $row.by, r.at = $row.at,
    r.source = $row.source, r.document = $row.document
