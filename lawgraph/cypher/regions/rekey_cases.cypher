// The region recorded on typical cases whose region was renamed, moved or merged (their IN link follows the node).
// params: $rows (list of {id, region})
UNWIND $rows AS r
MATCH (c:Case {id: r.id})
SET c.region = r.region
