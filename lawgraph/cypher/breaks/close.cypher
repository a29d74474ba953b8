// Breaks no longer found when their amendment was recomputed: closed (kept, with their status) and why.
// params: $ids, $reason, $at
UNWIND $ids AS id
MATCH (k:Break {id: id})
SET k.open = false, k.closed_reason = $reason, k.closed_at = $at
