// Statute paragraphs of other laws that cite one of the given Paragraph units (CITES), with the citing version.
// The WITH clauses keep the walk starting at the indexed unit (FalkorDB would otherwise scan articles).
// reply: plain (every column a string, an integer or null)
// params: $ids (list of unit ids), $law_id
UNWIND $ids AS id
MATCH (u:Paragraph {id: id})
WITH u
MATCH (s:Paragraph)-[c:CITES]->(u)
WITH u, s, c
MATCH (v:LawVersion)-[:HAS_ARTICLE]->(a:Article)-[:HAS_PARAGRAPH]->(s)
WHERE a.law_id <> $law_id
RETURN u.id AS unit, c.source AS source, c.text AS text, v.id AS version_id, v.title AS title,
       v.status AS status, a.number AS article
