// Regions deleted (after their departments and cases); delegations to them go with them.
// params: $ids (list of region ids)
UNWIND $ids AS id
MATCH (g:Region {id: id})
DETACH DELETE g
