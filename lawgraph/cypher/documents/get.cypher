// One document by id.
// params: $id
MATCH (d:Document {id: $id})
RETURN d.id AS id, d.title AS title, d.issuer AS issuer, d.number AS number, d.date AS date, d.path AS path,
       d.script AS script, d.paragraph_count AS paragraph_count
