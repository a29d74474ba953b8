// Benchmarks with their issuer, power (and whether it is 涉密), adopted benchmark, tiers (ordered by the caller)
// and bases: one row per id found.
// params: $ids (list of benchmark ids)
UNWIND $ids AS id
MATCH (d:Department)-[:ISSUED]->(b:DiscretionBenchmark {id: id})
OPTIONAL MATCH (b)-[:FOR]->(p:Power)
RETURN b {.*} AS benchmark, d {.id, .name, .region} AS department, p.id AS power,
       coalesce(p.confidential, false) AS confidential,
       head([(b)-[:ADOPTS]->(a:DiscretionBenchmark) | a.id]) AS adopted,
       [(b)-[:HAS_TIER]->(t:Tier) | t {.*}] AS tiers,
       [(b)-[x:BASED_ON]->(u) | {unit: u.id, text: x.text, role: x.role, status: x.status}] AS bases,
       [(b)-[:HAS_OPEN_BASIS]->(o:OpenBasis) | o {.*}] AS open_bases
