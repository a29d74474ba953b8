// The version of a law in force on a date (ISO string): the latest whose start (effective date,
// else its date) is on or before $at. Same columns as laws/law_versions.
// params: $law_id, $at
MATCH (l:Law {id: $law_id})-[:HAS_VERSION]->(v:LawVersion)
WITH v, coalesce(v.effective, v.date) AS starts
WHERE starts IS NOT NULL AND starts <= $at
RETURN v.id AS id, v.date AS date, v.date_precision AS date_precision, v.effective AS effective,
       v.status AS status, v.in_force_until AS in_force_until, v.history AS history,
       v.article_count AS article_count, v.source AS source, v.derived_from AS derived_from, v.title AS title
ORDER BY starts DESC, v.date DESC
LIMIT 1
