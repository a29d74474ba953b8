// The tiers of some benchmarks (the fields the range checks read) with the cases decided on each.
// params: $ids (list of benchmark ids)
UNWIND $ids AS id
MATCH (b:DiscretionBenchmark {id: id})-[:HAS_TIER]->(t:Tier)
RETURN b.id AS benchmark,
       t {.id, .name, .outcome, .types, .fine_min, .fine_max, .multiple_min, .multiple_max, .multiple_base,
          .percent_min, .percent_max, .percent_base} AS tier,
       [(c:Case)-[:APPLIED_TIER]->(t) | c {.id, .title, .date, .fine}] AS cases
