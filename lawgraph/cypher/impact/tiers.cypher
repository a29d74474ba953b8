// The tiers of some benchmarks, the fields the range checks read, as plain columns (the cases decided on them come
// from impact/tier_cases: a pattern comprehension per tier made this query five times slower on FalkorDB).
// params: $ids (list of benchmark ids)
UNWIND $ids AS id
MATCH (b:DiscretionBenchmark {id: id})-[:HAS_TIER]->(t:Tier)
RETURN b.id AS benchmark, t.id AS id, t.name AS name, t.outcome AS outcome, t.types AS types,
       t.fine_min AS fine_min, t.fine_max AS fine_max, t.multiple_min AS multiple_min,
       t.multiple_max AS multiple_max, t.multiple_base AS multiple_base, t.percent_min AS percent_min,
       t.percent_max AS percent_max, t.percent_base AS percent_base
