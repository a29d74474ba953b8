// Relationship counts per type.
// params: none
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
