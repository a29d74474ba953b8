// Citations in a document that did not resolve cleanly (unresolved, ambiguous, stale), kept as Citation nodes
// on the document paragraph, to report and to resolve again when the cited law arrives.
// params: $rows (list of {paragraph, id, props})
UNWIND $rows AS r
MATCH (s:DocParagraph {id: r.paragraph})
MERGE (c:Citation {id: r.id})
SET c += r.props
MERGE (s)-[:HAS_CITATION]->(c)
