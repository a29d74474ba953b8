// Every law with its versions: the name and version catalogue citation resolution works from.
// params: none
MATCH (l:Law)-[:HAS_VERSION]->(v:LawVersion)
RETURN l.id AS law_id, l.title AS title, v.id AS version_id, v.date AS date, v.effective AS effective
