// A benchmark or list entry FOR the power it applies to.
// params: $rows (list of {owner, power})
UNWIND $rows AS r
MATCH (o:Grounded {id: r.owner})
MATCH (p:Power {id: r.power})
MERGE (o)-[:FOR]->(p)
