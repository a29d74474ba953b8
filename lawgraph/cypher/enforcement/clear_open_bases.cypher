// Before a power, benchmark or list entry is rewritten: drop its unresolved bases.
// params: $ids (list of ids)
UNWIND $ids AS id
MATCH (n:Grounded {id: id})-[:HAS_OPEN_BASIS]->(o:OpenBasis)
DETACH DELETE o
