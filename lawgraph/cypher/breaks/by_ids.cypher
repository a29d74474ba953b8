// Breaks by id, every property.
// params: $ids
UNWIND $ids AS id
MATCH (k:Break {id: id})
RETURN k {.*} AS row
