// Every open citation (unresolved, ambiguous, stale) in a policy document, for `lawgraph citations report`.
// params: none
MATCH (d:Document)-[:HAS_PARAGRAPH]->(s:DocParagraph)-[:HAS_CITATION]->(c:Citation)
RETURN c.status AS status, c.reason AS reason, c.text AS text, c.law AS law, c.relative AS relative,
       c.article AS article, c.source AS source, d.title AS citing_title, c.resolved AS resolved,
       c.suggested AS suggested
ORDER BY c.status, d.title, c.source
