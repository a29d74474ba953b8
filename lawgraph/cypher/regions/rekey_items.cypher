// New ids for powers, benchmarks and 三张清单 entries whose department's id changed; a power's region with them.
// params: $rows (list of {old, new, region})
UNWIND $rows AS r
MATCH (o:Grounded {id: r.old})
SET o.id = r.new, o.region = CASE WHEN o.region IS NULL THEN NULL ELSE r.region END
