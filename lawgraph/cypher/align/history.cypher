// Every expression of one work-level article across the versions of its law, oldest first, with the
// alignment edges that leave each (to the next version).
// params: $work
MATCH (v:LawVersion)-[:HAS_ARTICLE]->(a:Article {work: $work})
RETURN v.id AS version_id, v.date AS date, v.effective AS effective, a.id AS id, a.number AS number,
       a.text AS text,
       [(a)-[e:ALIGNED]->(b:Article) | {id: b.id, number: b.number, kind: e.kind, similarity: e.similarity}] AS next
ORDER BY coalesce(v.effective, v.date), v.id
