// Paragraphs (款) under their article.
// params: $rows (list of {id, parent, props})
UNWIND $rows AS r
MATCH (a:Article {id: r.parent})
MERGE (p:Paragraph {id: r.id})
SET p += r.props
MERGE (a)-[:HAS_PARAGRAPH]->(p)
