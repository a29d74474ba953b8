// The cases decided on the tiers of the benchmarks resting (BASED_ON) on some units (few next to the tiers
// themselves): one part per level of unit, as in impact/tiers. A case can come twice (the caller keeps one).
// params: $articles, $paragraphs, $items (lists of unit ids)
UNWIND $articles AS id
MATCH (:Article {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)-[:HAS_TIER]->(t:Tier)<-[:APPLIED_TIER]-(c:Case)
RETURN t.id AS tier, c.id AS id, c.title AS title, c.date AS date, c.fine AS fine
UNION ALL
UNWIND $paragraphs AS id
MATCH (:Paragraph {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)-[:HAS_TIER]->(t:Tier)<-[:APPLIED_TIER]-(c:Case)
RETURN t.id AS tier, c.id AS id, c.title AS title, c.date AS date, c.fine AS fine
UNION ALL
UNWIND $items AS id
MATCH (:Item {id: id})<-[:BASED_ON]-(b:DiscretionBenchmark)
WITH DISTINCT b
MATCH (b)-[:HAS_TIER]->(t:Tier)<-[:APPLIED_TIER]-(c:Case)
RETURN t.id AS tier, c.id AS id, c.title AS title, c.date AS date, c.fine AS fine
