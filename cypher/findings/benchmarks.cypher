// Benchmarks of a region (or below) with their tiers, bases and power, for the checks.
// params: $region
MATCH (d:Department)-[:ISSUED]->(b:DiscretionBenchmark)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/')
OPTIONAL MATCH (b)-[:FOR]->(p:Power)
RETURN b.id AS id, b.code AS code, b.conduct AS conduct, b.adopts AS adopts, d.id AS department, d.name AS department_name,
       d.region AS region, p.id AS power, p.category AS category,
       [(b)-[:HAS_TIER]->(t:Tier) | t {.*}] AS tiers,
       [(b)-[x:BASED_ON]->(u) | {unit: u.id, status: x.status, text: x.text}] AS bases
