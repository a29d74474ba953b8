// The tiers of the benchmarks resting (BASED_ON) on some units (the affected ones with a successor in the new text:
// the tiers of a benchmark on a deleted unit are not checked), the fields the range checks read, as plain columns:
// one part per level of unit, each from the unit's id index, so this read needs only the affected units and runs
// beside impact/dependents_*. A benchmark resting on units of two levels comes twice (the caller keeps one, and
// puts each benchmark's tiers in order). This is the impact's largest reply (12,000 rows for 3,000 benchmarks), and
// on FalkorDB its size, not the match, is most of its time: so no benchmark column (a tier's id is its benchmark's
// id, '#' and its ordinal), and plain cells (the verbose format, see graph.queries; the penalty types are a fixed
// vocabulary, none with ", "; joining them in the query instead cost FalkorDB half the query's time).
// The cases decided on the tiers come from impact/tier_cases: a pattern comprehension per tier made this query five
// times slower on FalkorDB.
// Only benchmarks issued in $region (or below it), or above it ($above: the regions above, nearest first) — a
// superset of those the caller checks (an upper benchmark counts when the region uses it); all of them when
// $region is null. (The issuer is matched after the benchmarks: in one pattern FalkorDB's planner started from
// every Department, twenty times slower.)
// reply: plain; floats: fine_min, fine_max, multiple_min, multiple_max, percent_min, percent_max; lists: types
// params: $articles, $paragraphs, $items (lists of unit ids), $region (string or null), $above (list of region ids)
UNWIND $articles AS id
MATCH (:Article {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)<-[:ISSUED]-(d:Department)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above
WITH b
MATCH (b)-[:HAS_TIER]->(t:Tier)
RETURN t.id AS id, t.name AS name, t.outcome AS outcome,
       t.types AS types,
       t.fine_min AS fine_min, t.fine_max AS fine_max, t.multiple_min AS multiple_min, t.multiple_max AS multiple_max,
       t.multiple_base AS multiple_base, t.percent_min AS percent_min, t.percent_max AS percent_max,
       t.percent_base AS percent_base
UNION ALL
UNWIND $paragraphs AS id
MATCH (:Paragraph {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)<-[:ISSUED]-(d:Department)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above
WITH b
MATCH (b)-[:HAS_TIER]->(t:Tier)
RETURN t.id AS id, t.name AS name, t.outcome AS outcome,
       t.types AS types,
       t.fine_min AS fine_min, t.fine_max AS fine_max, t.multiple_min AS multiple_min, t.multiple_max AS multiple_max,
       t.multiple_base AS multiple_base, t.percent_min AS percent_min, t.percent_max AS percent_max,
       t.percent_base AS percent_base
UNION ALL
UNWIND $items AS id
MATCH (:Item {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)<-[:ISSUED]-(d:Department)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above
WITH b
MATCH (b)-[:HAS_TIER]->(t:Tier)
RETURN t.id AS id, t.name AS name, t.outcome AS outcome,
       t.types AS types,
       t.fine_min AS fine_min, t.fine_max AS fine_max, t.multiple_min AS multiple_min, t.multiple_max AS multiple_max,
       t.multiple_base AS multiple_base, t.percent_min AS percent_min, t.percent_max AS percent_max,
       t.percent_base AS percent_base
