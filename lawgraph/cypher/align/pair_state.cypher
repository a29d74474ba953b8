// The content hashes of two versions and the reviewed alignment between them, if any (rows as JSON, and when):
// together the key of a cached alignment.
// params: $ids (list of version ids), $review (the review id: "<old version id>→<new version id>")
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})
OPTIONAL MATCH (r:AlignmentReview {id: $review})
RETURN v.id AS id, v.norm_hash AS hash, r.rows AS review, r.at AS reviewed_at, r.source AS review_source,
       r.document AS review_document
