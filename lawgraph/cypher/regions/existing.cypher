// Which of the given ids exist, by kind — to find collisions before regions are renamed or merged.
// params: $regions, $departments, $items (lists of ids)
OPTIONAL MATCH (g:Region) WHERE g.id IN $regions
WITH collect(g.id) AS regions
OPTIONAL MATCH (d:Department) WHERE d.id IN $departments
WITH regions, collect(d.id) AS departments
OPTIONAL MATCH (o:Grounded) WHERE o.id IN $items
RETURN regions, departments, collect(o.id) AS items
