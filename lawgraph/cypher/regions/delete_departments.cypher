// Departments deleted (a region deleted with --cascade, after what they hold).
// params: $ids (list of department ids)
UNWIND $ids AS id
MATCH (d:Department {id: id})
DETACH DELETE d
