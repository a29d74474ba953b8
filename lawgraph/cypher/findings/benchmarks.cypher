// Benchmarks of a region (or below), and those issued exactly in the regions above it ($above, for comparing a
// lower level's benchmark with the upper one it follows), with their tiers, bases, power and adopted benchmark.
// Benchmarks of confidential (涉密) powers only when $confidential is true (editors and admins).
// params: $region, $above, $confidential
MATCH (d:Department)-[:ISSUED]->(b:DiscretionBenchmark)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above
OPTIONAL MATCH (b)-[:FOR]->(p:Power)
WITH d, b, p
WHERE $confidential OR coalesce(p.confidential, false) = false
OPTIONAL MATCH (b)-[:ADOPTS]->(a:DiscretionBenchmark)
RETURN b.id AS id, b.code AS code, b.conduct AS conduct, b.adopts AS adopts, b.effective AS effective,
       d.id AS department, d.name AS department_name, d.region AS region, p.id AS power, p.category AS category,
       a.id AS adopted, [(b)-[:HAS_TIER]->(t:Tier) | t {.*}] AS tiers,
       [(b)-[x:BASED_ON]->(u) | {unit: u.id, status: x.status, text: x.text}] AS bases
