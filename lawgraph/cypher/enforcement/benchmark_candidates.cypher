// Benchmarks that may apply to a power in a region: those of powers with the same code (or, without a
// code, the same name) held by departments in the region or any region above it, with the region's
// rank (4 = 乡镇街道 … 1 = 省) so the nearest level wins; the lower-level choice is made in Python.
// params: $region, $code, $power_name
MATCH (g:Region {id: $region})-[:PART_OF*0..4]->(a:Region)<-[:IN]-(d:Department)-[:HOLDS]->(p:Power)
WHERE ($code IS NOT NULL AND p.code = $code) OR ($code IS NULL AND p.name = $power_name)
MATCH (b:DiscretionBenchmark)-[:FOR]->(p)
OPTIONAL MATCH (b)-[:ADOPTS]->(t:DiscretionBenchmark)
RETURN b.id AS id, b.effective AS effective, b.expires AS expires, b.adopts AS adopts, t.id AS target,
       a.id AS region, a.rank AS rank, d.id AS department, d.name AS department_name, p.id AS power,
       coalesce(p.confidential, false) AS confidential
