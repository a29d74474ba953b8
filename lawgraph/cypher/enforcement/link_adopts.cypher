// A lower level's benchmark that applies an upper level's benchmark directly (ADOPTS).
// params: $rows (list of {benchmark, target})
UNWIND $rows AS r
MATCH (b:DiscretionBenchmark {id: r.benchmark})
MATCH (t:DiscretionBenchmark {id: r.target})
MERGE (b)-[:ADOPTS]->(t)
