// The paragraphs of a document, in order (text normalised for matching; `original` as written).
// params: $rows (list of {document, title, id, number, line, text, original})
UNWIND $rows AS r
MATCH (d:Document {id: r.document})
MERGE (p:DocParagraph {id: r.id})
SET p.document_id = r.document, p.document_title = r.title, p.number = r.number, p.line = r.line, p.text = r.text, p.original = r.original
MERGE (d)-[:HAS_PARAGRAPH]->(p)
