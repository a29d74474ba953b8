// Powers held by a department (HOLDS); `props` holds every scalar and list property.
// params: $rows (list of {id, department, props})
UNWIND $rows AS r
MATCH (d:Department {id: r.department})
MERGE (p:Power:Grounded {id: r.id})
SET p += r.props
MERGE (d)-[:HOLDS]->(p)
