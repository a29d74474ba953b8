// Policy document paragraphs that cite one of the given units, with the citing document: one part per level of unit,
// each starting from the unit's id index (an unlabelled unit made both stores scan every node). Sorted by the caller.
// reply: plain (every column a string, an integer or null)
// params: $articles, $paragraphs, $items, $subitems (lists of unit ids)
UNWIND $articles AS id
MATCH (u:Article {id: id})<-[c:CITES]-(s:DocParagraph)<-[:HAS_PARAGRAPH]-(d:Document)
RETURN u.id AS unit, c.source AS source, c.start AS start, c.text AS text, c.status AS status, d.id AS document,
       d.title AS title, d.number AS number, d.issuer AS issuer, d.date AS date
UNION ALL
UNWIND $paragraphs AS id
MATCH (u:Paragraph {id: id})<-[c:CITES]-(s:DocParagraph)<-[:HAS_PARAGRAPH]-(d:Document)
RETURN u.id AS unit, c.source AS source, c.start AS start, c.text AS text, c.status AS status, d.id AS document,
       d.title AS title, d.number AS number, d.issuer AS issuer, d.date AS date
UNION ALL
UNWIND $items AS id
MATCH (u:Item {id: id})<-[c:CITES]-(s:DocParagraph)<-[:HAS_PARAGRAPH]-(d:Document)
RETURN u.id AS unit, c.source AS source, c.start AS start, c.text AS text, c.status AS status, d.id AS document,
       d.title AS title, d.number AS number, d.issuer AS issuer, d.date AS date
UNION ALL
UNWIND $subitems AS id
MATCH (u:SubItem {id: id})<-[c:CITES]-(s:DocParagraph)<-[:HAS_PARAGRAPH]-(d:Document)
RETURN u.id AS unit, c.source AS source, c.start AS start, c.text AS text, c.status AS status, d.id AS document,
       d.title AS title, d.number AS number, d.issuer AS issuer, d.date AS date
