// Before a case is rewritten: drop its links to power, tier, department and region.
// params: $ids (list of ids)
UNWIND $ids AS id
MATCH (c:Case {id: id})-[l:APPLIED|APPLIED_TIER|DECIDED_BY|IN]->()
DELETE l
