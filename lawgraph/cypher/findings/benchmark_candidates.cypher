// Every benchmark issued for a power held in a region (or below, or in the regions above it: $above), with the
// power's code and name and the holder's region rank — the candidates of "the benchmark in force" for many
// powers at once (the choice is made in Python, as enforcement/benchmark_candidates does for one power).
// params: $region, $above
MATCH (d:Department)-[:HOLDS]->(p:Power)<-[:FOR]-(b:DiscretionBenchmark)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above
MATCH (d)-[:IN]->(a:Region)
RETURN b.id AS id, b.effective AS effective, b.expires AS expires, b.adopts AS adopts, a.id AS region,
       a.rank AS rank, d.id AS department, p.id AS power, p.code AS code, p.name AS name
