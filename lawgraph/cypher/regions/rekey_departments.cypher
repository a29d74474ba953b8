// New ids for departments whose region was renamed, moved or merged (a department's id begins with its region's).
// params: $rows (list of {old, new, region})
UNWIND $rows AS r
MATCH (d:Department {id: r.old})
SET d.id = r.new, d.region = r.region
