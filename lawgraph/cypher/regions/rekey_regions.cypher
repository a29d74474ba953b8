// New ids (paths) and names for regions that are renamed or moved.
// params: $rows (list of {old, new, name})
UNWIND $rows AS r
MATCH (g:Region {id: r.old})
SET g.id = r.new, g.name = r.name
