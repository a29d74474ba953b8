// Regions by id with their parent, children and departments, for the region loader.
// params: $ids (list of region ids)
UNWIND $ids AS id
MATCH (g:Region {id: id})
OPTIONAL MATCH (g)-[:PART_OF]->(up:Region)
RETURN g.id AS id, g.name AS name, g.level AS level, up.id AS parent,
       [(c:Region)-[:PART_OF]->(g) | c.id] AS children,
       [(d:Department)-[:IN]->(g) | d {.id, .name, .code}] AS departments
