// A page of a document's paragraphs, in order.
// params: $id (document id), $skip, $limit
MATCH (d:Document {id: $id})-[:HAS_PARAGRAPH]->(p:DocParagraph)
RETURN p.id AS id, p.number AS number, p.line AS line, p.text AS text, p.original AS original
ORDER BY p.number
SKIP $skip
LIMIT $limit
