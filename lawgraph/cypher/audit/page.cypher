// A page of the audit log, newest first.
// params: $skip, $limit
MATCH (a:AuditEntry)
RETURN a {.*} AS entry
ORDER BY a.at DESC, a.id DESC
SKIP $skip
LIMIT $limit
