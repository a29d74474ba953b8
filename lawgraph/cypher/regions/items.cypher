// What the departments of a region (and of the regions below it) hold or issued — powers, benchmarks, 三张清单
// entries — with the ids of their tiers and open bases, whose ids begin with the item's id.
// params: $id, $prefix ($id followed by '/')
MATCH (d:Department)-[:IN]->(g:Region)
WHERE g.id = $id OR g.id STARTS WITH $prefix
MATCH (d)-[:HOLDS|ISSUED]->(o:Grounded)
RETURN o.id AS id, d.id AS department,
       [(o)-[:HAS_TIER]->(t:Tier) | t.id] AS tiers,
       [(o)-[:HAS_OPEN_BASIS]->(b:OpenBasis) | b.id] AS bases
ORDER BY id
