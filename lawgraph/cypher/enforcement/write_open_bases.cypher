// Bases that did not resolve to a unit (unknown law, no article, ambiguous, a number not in the text),
// kept as OpenBasis nodes on their owner so they are reported, never dropped.
// params: $rows (list of {owner, id, props})
UNWIND $rows AS r
MATCH (o:Grounded {id: r.owner})
MERGE (b:OpenBasis {id: r.id})
SET b += r.props
MERGE (o)-[:HAS_OPEN_BASIS]->(b)
