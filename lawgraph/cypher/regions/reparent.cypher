// A region's PART_OF link set to its (new) parent; none for a province.
// params: $id, $parent (null for a province)
MATCH (g:Region {id: $id})
OPTIONAL MATCH (g)-[x:PART_OF]->(:Region)
DELETE x
WITH DISTINCT g
OPTIONAL MATCH (p:Region {id: $parent})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (g)-[:PART_OF]->(p))
