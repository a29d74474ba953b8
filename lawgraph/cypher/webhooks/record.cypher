// The outcome of a delivery to a webhook: HTTP status (null when none came), the error, when, how many breaks.
// params: $id, $status, $error, $at, $count
MATCH (w:Webhook {id: $id})
SET w.last_status = $status, w.last_error = $error, w.last_at = $at, w.last_count = $count,
    w.delivered = coalesce(w.delivered, 0) + CASE WHEN $error IS NULL THEN $count ELSE 0 END
