// The reviewed article alignment between two versions, if any: rows as JSON, who and when, and whether legal
// staff (review) or an amending act (official, with the act as document) gave it.
// params: $id (the review id)
MATCH (r:AlignmentReview {id: $id})
RETURN r.rows AS rows, r.by AS by, r.at AS at, r.source AS source, r.document AS document
