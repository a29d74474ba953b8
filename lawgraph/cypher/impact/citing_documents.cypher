// Policy document paragraphs that cite one of the given units (any level: article, paragraph, item), with the
// citing document. Starts from the documents' CITES edges: there are few next to the statutes'.
// params: $ids (list of unit ids)
MATCH (d:Document)-[:HAS_PARAGRAPH]->(s:DocParagraph)-[c:CITES]->(u)
WHERE u.id IN $ids
RETURN u.id AS unit, c.source AS source, c.text AS text, c.status AS status, d.id AS document, d.title AS title,
       d.number AS number, d.issuer AS issuer, d.date AS date
ORDER BY d.id, c.source, c.start
