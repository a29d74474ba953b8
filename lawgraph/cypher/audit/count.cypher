// How many audit entries there are.
// params: none
MATCH (a:AuditEntry)
RETURN count(a) AS total
