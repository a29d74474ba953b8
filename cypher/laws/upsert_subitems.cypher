// Sub-items (目) under their item.
// params: $rows (list of {id, parent, props})
UNWIND $rows AS r
MATCH (i:Item {id: r.parent})
MERGE (s:SubItem {id: r.id})
SET s += r.props
MERGE (i)-[:HAS_SUBITEM]->(s)
