// BASED_ON edges from a power, benchmark or list entry to a cited SubItem, keeping the citation text,
// its role (设定依据 / 实施依据 / 罚则依据) and status (resolved, or stale: a superseded version's unit).
// params: $rows (list of {owner, target, text, role, status, suggested, position})
UNWIND $rows AS r
MATCH (o:Grounded {id: r.owner})
MATCH (t:SubItem {id: r.target})
CREATE (o)-[:BASED_ON {text: r.text, role: r.role, status: r.status, suggested: r.suggested,
                       position: r.position}]->(t)
