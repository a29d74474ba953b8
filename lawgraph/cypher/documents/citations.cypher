// Every citation in a document: resolved and stale ones as CITES edges (with the cited unit and its law),
// open ones as Citation nodes with their reason.
// params: $id (document id)
MATCH (d:Document {id: $id})-[:HAS_PARAGRAPH]->(p:DocParagraph)
OPTIONAL MATCH (p)-[e:CITES]->(t)
WITH d, p, collect({text: e.text, start: e.start, target: t.id, status: e.status}) AS cited
OPTIONAL MATCH (p)-[:HAS_CITATION]->(c:Citation)
RETURN p.id AS paragraph, p.number AS number, cited,
       collect({text: c.text, start: c.start, law: c.law, status: c.status, reason: c.reason,
                suggested: c.suggested, resolved: c.resolved}) AS open
ORDER BY p.number
