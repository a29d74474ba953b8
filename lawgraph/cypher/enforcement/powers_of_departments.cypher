// Id, code and name of the powers of some departments (to link benchmarks, list entries and cases).
// params: $departments (list of department ids)
UNWIND $departments AS id
MATCH (d:Department {id: id})-[:HOLDS]->(p:Power)
RETURN d.id AS department, p.id AS id, p.code AS code, p.name AS name
