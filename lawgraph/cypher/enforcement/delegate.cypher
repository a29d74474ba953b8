// A power handed down to a township or street (委托 / 赋权) by a written act.
// params: $rows (list of {power, region, kind, act, date})
UNWIND $rows AS r
MATCH (p:Power {id: r.power})
MATCH (g:Region {id: r.region})
CREATE (p)-[:DELEGATED_TO {kind: r.kind, act: r.act, date: r.date}]->(g)
