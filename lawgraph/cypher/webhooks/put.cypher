// Registers (or replaces) a webhook: new breaks of a department, or of a region and below, are POSTed to `url`.
// params: $row ({id, url, department, region, secret, confidential, by, at})
MERGE (w:Webhook {id: $row.id})
SET w.url = $row.url, w.department = $row.department, w.region = $row.region, w.secret = $row.secret,
    w.confidential = $row.confidential, w.created_by = $row.by, w.created_at = $row.at
