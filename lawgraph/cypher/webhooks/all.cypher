// Every webhook with its last delivery.
// params: none
MATCH (w:Webhook)
RETURN w {.*} AS row
ORDER BY w.created_at, w.id
