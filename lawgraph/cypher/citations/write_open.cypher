// Citations that did not resolve cleanly (unresolved, ambiguous, stale), kept as Citation nodes on the
// citing paragraph so they can be reported, and resolved again when the cited law arrives.
// params: $rows (list of {paragraph, id, props})
UNWIND $rows AS r
MATCH (s:Paragraph {id: r.paragraph})
MERGE (c:Citation {id: r.id})
SET c += r.props
MERGE (s)-[:HAS_CITATION]->(c)
