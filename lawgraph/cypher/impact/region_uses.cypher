// Which upper-level benchmarks a region uses: adopted by a benchmark issued in the region (or below), or
// inherited — a power held in the region (or below) with the benchmark's code and no benchmark of that code
// issued there. One row per benchmark id given.
// params: $ids (list of benchmark ids), $region
UNWIND $ids AS id
MATCH (u:DiscretionBenchmark {id: id})
OPTIONAL MATCH (d:Department)-[:HOLDS]->(p:Power {code: u.code})
WHERE d.region = $region OR d.region STARTS WITH ($region + '/')
WITH id, u, collect(p.id) AS powers
OPTIONAL MATCH (e:Department)-[:ISSUED]->(b:DiscretionBenchmark {code: u.code})
WHERE e.region = $region OR e.region STARTS WITH ($region + '/')
WITH id, u, powers, collect(b.id) AS own
RETURN id, powers, own,
       [(x:Department)-[:ISSUED]->(a:DiscretionBenchmark)-[:ADOPTS]->(u)
        WHERE x.region = $region OR x.region STARTS WITH ($region + '/') | a.id] AS adopted_by
