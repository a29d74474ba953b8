// Benchmarks with their issuer, power (and whether it is 涉密), adopted benchmark, tiers (ordered by the caller)
// and bases (in the order of the matches): one row per id found. Lists gathered by OPTIONAL MATCH and collect, as
// in enforcement/powers (a missing node's map projection is a map of nulls on FalkorDB, hence the CASEs).
// params: $ids (list of benchmark ids)
UNWIND $ids AS id
WITH DISTINCT id
MATCH (d:Department)-[:ISSUED]->(b:DiscretionBenchmark {id: id})
OPTIONAL MATCH (b)-[:FOR]->(p:Power)
OPTIONAL MATCH (b)-[:ADOPTS]->(a:DiscretionBenchmark)
WITH d, b, p, head(collect(a.id)) AS adopted
OPTIONAL MATCH (b)-[:HAS_TIER]->(t:Tier)
WITH d, b, p, adopted, collect(CASE WHEN t IS NULL THEN null ELSE t {.*} END) AS tiers
OPTIONAL MATCH (b)-[x:BASED_ON]->(u)
WITH d, b, p, adopted, tiers,
     collect(CASE WHEN u IS NULL THEN null ELSE {unit: u.id, text: x.text, role: x.role, status: x.status} END) AS bases
OPTIONAL MATCH (b)-[:HAS_OPEN_BASIS]->(o:OpenBasis)
RETURN b {.*} AS benchmark, d {.id, .name, .region} AS department, p.id AS power,
       coalesce(p.confidential, false) AS confidential, adopted, tiers, bases,
       collect(CASE WHEN o IS NULL THEN null ELSE o {.*} END) AS open_bases
