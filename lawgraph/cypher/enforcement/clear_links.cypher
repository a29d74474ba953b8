// Before a power, benchmark or list entry is rewritten: drop its outgoing bases, FOR, ADOPTS and delegations.
// params: $ids (list of ids)
UNWIND $ids AS id
MATCH (n:Grounded {id: id})-[l:BASED_ON|FOR|ADOPTS|DELEGATED_TO]->()
DELETE l
