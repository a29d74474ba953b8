// Sets each version's status (in_force, superseded, not_yet_in_force, repealed) and its end date.
// params: $rows (list of {id, status, until})
UNWIND $rows AS r
MATCH (v:LawVersion {id: r.id})
SET v.status = r.status, v.in_force_until = r.until
