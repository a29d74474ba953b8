// Open bases that now resolve (their BASED_ON edges have been written).
// params: $ids (list of OpenBasis ids)
UNWIND $ids AS id
MATCH (b:OpenBasis {id: id})
DETACH DELETE b
