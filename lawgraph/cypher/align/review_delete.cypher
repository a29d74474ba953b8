// Drop the reviewed alignment between two versions (the automatic one applies again); returns how many went.
// params: $id (the review id)
MATCH (r:AlignmentReview {id: $id})
DELETE r
RETURN count(*) AS deleted
