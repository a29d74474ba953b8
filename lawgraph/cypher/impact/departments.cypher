// The name and region of some departments (the dependents of an amendment's units name their departments by id).
// reply: plain (every column a string, an integer or null)
// params: $ids (list of department ids)
UNWIND $ids AS id
MATCH (d:Department {id: id})
RETURN d.id AS id, d.name AS name, d.region AS region
