// Law versions by id, with their law, for the version loader.
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (l:Law)-[:HAS_VERSION]->(v:LawVersion {id: id})
RETURN v.id AS id, v.date AS date, v.effective AS effective, v.status AS status, v.history AS history,
       v.article_count AS article_count, v.source AS source, v.derived_from AS derived_from, l.id AS law_id, l.title AS law_title,
       l.level AS law_level
