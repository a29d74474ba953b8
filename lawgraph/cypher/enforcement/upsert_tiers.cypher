// The tiers of a benchmark in order (HAS_TIER); merged by id so that cases keep their APPLIED_TIER edges.
// params: $rows (list of {benchmark, id, props})
UNWIND $rows AS r
MATCH (b:DiscretionBenchmark {id: r.benchmark})
MERGE (t:Tier {id: r.id})
SET t += r.props
MERGE (b)-[:HAS_TIER]->(t)
