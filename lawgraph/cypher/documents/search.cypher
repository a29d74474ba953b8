// A page of documents, filtered by a text in the title, 文号 or issuer, newest first.
// params: $search, $skip, $limit
MATCH (d:Document)
WHERE $search IS NULL OR d.title CONTAINS $search OR d.number CONTAINS $search OR d.issuer CONTAINS $search
RETURN d.id AS id, d.title AS title, d.issuer AS issuer, d.number AS number, d.date AS date, d.path AS path,
       d.script AS script, d.paragraph_count AS paragraph_count
ORDER BY coalesce(d.date, '') DESC, d.id
SKIP $skip
LIMIT $limit
