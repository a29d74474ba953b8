// The tiers of some benchmarks with the cases decided on each.
// params: $ids (list of benchmark ids)
UNWIND $ids AS id
MATCH (b:DiscretionBenchmark {id: id})-[:HAS_TIER]->(t:Tier)
RETURN b.id AS benchmark, t {.*} AS tier,
       [(c:Case)-[:APPLIED_TIER]->(t) | c {.id, .title, .date, .fine}] AS cases
