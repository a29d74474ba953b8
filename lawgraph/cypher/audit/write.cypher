// One audit entry per mutation: who, when, what, with which result.
// params: $row ({id, at, who, role, action, file, ok, counts, errors})
CREATE (a:AuditEntry {id: $row.id})
SET a.at = $row.at, a.who = $row.who, a.role = $row.role, a.action = $row.action, a.file = $row.file,
    a.ok = $row.ok, a.counts = $row.counts, a.errors = $row.errors
