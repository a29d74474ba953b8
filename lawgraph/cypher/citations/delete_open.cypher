// Removes Citation nodes (after they resolved on a later run).
// params: $ids (list of citation ids)
UNWIND $ids AS id
MATCH (c:Citation {id: id})
DETACH DELETE c
