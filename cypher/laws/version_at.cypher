// The version of a law in force on a date (ISO string): the latest whose start (effective date,
// else its date) is on or before $at.
// params: $law_id, $at
MATCH (l:Law {id: $law_id})-[:HAS_VERSION]->(v:LawVersion)
WITH v, coalesce(v.effective, v.date) AS starts
WHERE starts IS NOT NULL AND starts <= $at
RETURN v.id AS id, v.date AS date, v.effective AS effective, v.status AS status, starts
ORDER BY starts DESC, v.date DESC
LIMIT 1
