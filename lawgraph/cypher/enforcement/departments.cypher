// Departments by id with their region, for the department loader.
// params: $ids (list of department ids)
UNWIND $ids AS id
MATCH (d:Department {id: id})-[:IN]->(g:Region)
RETURN d.id AS id, d.name AS name, d.code AS code, g.id AS region
