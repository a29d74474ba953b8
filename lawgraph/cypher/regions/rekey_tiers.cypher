// New ids for the tiers of benchmarks whose id changed.
// params: $rows (list of {old, new})
UNWIND $rows AS r
MATCH (t:Tier {id: r.old})
SET t.id = r.new
