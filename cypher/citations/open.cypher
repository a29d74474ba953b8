// Every stored citation that is not cleanly resolved, with the citing unit and its law and version.
// params: none
MATCH (s:Paragraph)-[:HAS_CITATION]->(c:Citation)
MATCH (v:LawVersion {id: s.version_id})
RETURN c.id AS id, s.id AS citing_paragraph, c.source AS source, s.version_id AS version_id, v.law_id AS law_id, v.title AS citing_title,
       coalesce(v.effective, v.date) AS at, c.text AS text, c.start AS start, c.end AS end, c.law AS law,
       c.article AS article, c.paragraph AS paragraph, c.item AS item, c.sub_item AS sub_item,
       c.version_note AS version_note, c.status AS status, c.reason AS reason, c.suggested AS suggested,
       c.relative AS relative
