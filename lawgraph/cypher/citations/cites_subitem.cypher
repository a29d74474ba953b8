// CITES edges from the citing paragraph (款) to a cited SubItem, with the citing span; `source` is the
// id of the exact citing unit (the paragraph itself, or one of its items or sub-items).
// params: $rows (list of {paragraph, target, source, text, start, end, status})
UNWIND $rows AS r
MATCH (s:Paragraph {id: r.paragraph})
MATCH (t:SubItem {id: r.target})
CREATE (s)-[:CITES {source: r.source, text: r.text, start: r.start, end: r.end, status: r.status}]->(t)
