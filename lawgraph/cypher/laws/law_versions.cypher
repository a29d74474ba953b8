// The versions of one law, oldest first, with their article counts.
// params: $law_id
MATCH (l:Law {id: $law_id})-[:HAS_VERSION]->(v:LawVersion)
RETURN v.id AS id, v.date AS date, v.date_precision AS date_precision, v.effective AS effective,
       v.status AS status, v.in_force_until AS in_force_until, v.history AS history,
       v.article_count AS article_count, v.source AS source, v.derived_from AS derived_from, v.title AS title
ORDER BY v.date, v.id
