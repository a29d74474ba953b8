// Powers, benchmarks and 三张清单 entries deleted with their tiers and open bases (a region deleted with --cascade).
// params: $ids (list of item ids)
UNWIND $ids AS id
MATCH (o:Grounded {id: id})
OPTIONAL MATCH (o)-[:HAS_TIER]->(t:Tier)
OPTIONAL MATCH (o)-[:HAS_OPEN_BASIS]->(b:OpenBasis)
DETACH DELETE t, b, o
