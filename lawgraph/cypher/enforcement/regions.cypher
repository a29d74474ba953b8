// Every region with its parent, children and departments, top level first.
// params: none
MATCH (g:Region)
OPTIONAL MATCH (g)-[:PART_OF]->(up:Region)
RETURN g.id AS id, g.name AS name, g.level AS level, g.rank AS rank, up.id AS parent,
       [(c:Region)-[:PART_OF]->(g) | c.id] AS children,
       [(d:Department)-[:IN]->(g) | d {.id, .name, .code}] AS departments
ORDER BY g.rank, g.id
