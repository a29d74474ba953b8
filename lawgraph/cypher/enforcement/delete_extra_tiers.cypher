// Tiers beyond a benchmark's current count (the table lost rows): removed.
// params: $rows (list of {benchmark, count})
UNWIND $rows AS r
MATCH (b:DiscretionBenchmark {id: r.benchmark})-[:HAS_TIER]->(t:Tier)
WHERE t.ordinal > r.count
DETACH DELETE t
