// The cases decided on the tiers of some benchmarks (few next to the tiers themselves).
// params: $ids (list of benchmark ids)
UNWIND $ids AS id
MATCH (b:DiscretionBenchmark {id: id})-[:HAS_TIER]->(t:Tier)<-[:APPLIED_TIER]-(c:Case)
RETURN t.id AS tier, c.id AS id, c.title AS title, c.date AS date, c.fine AS fine
ORDER BY t.id, c.id
