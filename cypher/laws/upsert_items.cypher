// Items (项) under their paragraph.
// params: $rows (list of {id, parent, props})
UNWIND $rows AS r
MATCH (p:Paragraph {id: r.parent})
MERGE (i:Item {id: r.id})
SET i += r.props
MERGE (p)-[:HAS_ITEM]->(i)
