// Discretion benchmarks issued by a department (ISSUED).
// params: $rows (list of {id, department, props})
UNWIND $rows AS r
MATCH (d:Department {id: r.department})
MERGE (b:DiscretionBenchmark:Grounded {id: r.id})
SET b += r.props
MERGE (d)-[:ISSUED]->(b)
