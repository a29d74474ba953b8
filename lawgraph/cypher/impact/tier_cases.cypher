// The cases decided on the tiers of the benchmarks resting (BASED_ON) on some units (few next to the tiers
// themselves), with the tier's name: one part per level of unit, as in impact/tiers. A case can come twice (the
// caller keeps one). The units are all the affected ones: impact/tiers reads only those with a successor, and the
// tiers of a benchmark resting on a deleted unit are named here, where they have cases.
// Only benchmarks issued in $region (or below it), or above it ($above: the regions above, nearest first) — a
// superset of those the caller checks (an upper benchmark counts when the region uses it); all of them when
// $region is null. (The issuer is matched after the benchmarks: in one pattern FalkorDB's planner started from
// every Department, twenty times slower.)
// params: $articles, $paragraphs, $items (lists of unit ids), $region (string or null), $above (list of region ids)
UNWIND $articles AS id
MATCH (:Article {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)<-[:ISSUED]-(d:Department)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above
WITH b
MATCH (b)-[:HAS_TIER]->(t:Tier)<-[:APPLIED_TIER]-(c:Case)
RETURN t.id AS tier, t.name AS tier_name, c.id AS id, c.title AS title, c.date AS date, c.fine AS fine
UNION ALL
UNWIND $paragraphs AS id
MATCH (:Paragraph {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)<-[:ISSUED]-(d:Department)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above
WITH b
MATCH (b)-[:HAS_TIER]->(t:Tier)<-[:APPLIED_TIER]-(c:Case)
RETURN t.id AS tier, t.name AS tier_name, c.id AS id, c.title AS title, c.date AS date, c.fine AS fine
UNION ALL
UNWIND $items AS id
MATCH (:Item {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)<-[:ISSUED]-(d:Department)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above
WITH b
MATCH (b)-[:HAS_TIER]->(t:Tier)<-[:APPLIED_TIER]-(c:Case)
RETURN t.id AS tier, t.name AS tier_name, c.id AS id, c.title AS title, c.date AS date, c.fine AS fine
