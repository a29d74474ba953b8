// The reviewed article alignment between two versions, if any: rows as JSON, who and when.
// params: $id (the review id)
MATCH (r:AlignmentReview {id: $id})
RETURN r.rows AS rows, r.by AS by, r.at AS at
