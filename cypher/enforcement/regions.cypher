// Every region with its parent and departments, top level first.
// params: none
MATCH (g:Region)
OPTIONAL MATCH (g)-[:PART_OF]->(up:Region)
RETURN g.id AS id, g.name AS name, g.level AS level, g.rank AS rank, up.id AS parent,
       [(d:Department)-[:IN]->(g) | d {.id, .name, .code}] AS departments
ORDER BY g.rank, g.id
