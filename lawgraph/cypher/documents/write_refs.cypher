// Other documents a document names, by 文号 (number) or title (keys), as DocRef nodes until linked.
// params: $rows (list of {document, id, paragraph, text, number, keys})
UNWIND $rows AS r
MATCH (d:Document {id: r.document})
MERGE (x:DocRef {id: r.id})
SET x.document_id = r.document, x.paragraph = r.paragraph, x.text = r.text, x.number = r.number, x.keys = r.keys,
    x.target = null
MERGE (d)-[:NAMES]->(x)
