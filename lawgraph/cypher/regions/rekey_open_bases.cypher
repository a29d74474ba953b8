// New ids for the open bases of items whose id changed.
// params: $rows (list of {old, new})
UNWIND $rows AS r
MATCH (b:OpenBasis {id: r.old})
SET b.id = r.new
