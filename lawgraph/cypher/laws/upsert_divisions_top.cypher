// Top-level divisions (编, or 章 when a law has no 编) under their version.
// params: $rows (list of {id, parent, props})
UNWIND $rows AS r
MATCH (v:LawVersion {id: r.parent})
MERGE (d:Division {id: r.id})
SET d += r.props
MERGE (v)-[:HAS_DIVISION]->(d)
