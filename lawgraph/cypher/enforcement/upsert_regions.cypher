// Regions (省 / 市 / 县 / 乡镇街道) and their PART_OF link to the parent region, written top level first.
// params: $rows (list of {id, name, level, rank, parent})
UNWIND $rows AS r
MERGE (g:Region {id: r.id})
SET g.name = r.name, g.level = r.level, g.rank = r.rank
WITH g, r
OPTIONAL MATCH (p:Region {id: r.parent})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (g)-[:PART_OF]->(p))
