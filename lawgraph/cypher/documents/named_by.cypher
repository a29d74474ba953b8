// The documents in the graph that name a document.
// params: $id (document id)
MATCH (o:Document)-[:REFERS_TO]->(d:Document {id: $id})
RETURN o.id AS id, o.title AS title, o.number AS number, o.date AS date
ORDER BY o.id
