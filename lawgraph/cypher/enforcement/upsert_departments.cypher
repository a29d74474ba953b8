// Departments in their region.
// params: $rows (list of {id, name, code, region})
UNWIND $rows AS r
MATCH (g:Region {id: r.region})
MERGE (d:Department {id: r.id})
SET d.name = r.name, d.code = coalesce(r.code, d.code), d.region = r.region
MERGE (d)-[:IN]->(g)
