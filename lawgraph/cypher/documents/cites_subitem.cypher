// CITES edges from a document paragraph to a cited SubItem, with the citing span and status (resolved, or
// stale with the older unit).
// params: $rows (list of {paragraph, target, source, text, start, end, status})
UNWIND $rows AS r
MATCH (s:DocParagraph {id: r.paragraph})
MATCH (t:SubItem {id: r.target})
CREATE (s)-[:CITES {source: r.source, text: r.text, start: r.start, end: r.end, status: r.status}]->(t)
