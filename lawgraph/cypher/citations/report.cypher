// Every open citation (unresolved, ambiguous, stale) with the citing law, for `lawgraph citations report`.
// params: none
MATCH (s:Paragraph)-[:HAS_CITATION]->(c:Citation)
MATCH (v:LawVersion {id: s.version_id})
RETURN c.status AS status, c.reason AS reason, c.text AS text, c.law AS law, c.relative AS relative,
       c.article AS article, c.source AS source, v.title AS citing_title, c.resolved AS resolved,
       c.suggested AS suggested
ORDER BY c.status, v.title, c.source
