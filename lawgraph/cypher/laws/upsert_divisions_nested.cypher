// Divisions inside another division (分编 in 编, 章 in 编, 节 in 章 …).
// params: $rows (list of {id, parent, props})
UNWIND $rows AS r
MATCH (p:Division {id: r.parent})
MERGE (d:Division {id: r.id})
SET d += r.props
MERGE (p)-[:HAS_DIVISION]->(d)
