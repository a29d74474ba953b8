// The documents a document names, linked (target, with its title) or not.
// params: $id (document id)
MATCH (d:Document {id: $id})-[:NAMES]->(r:DocRef)
OPTIONAL MATCH (t:Document {id: r.target})
RETURN r.text AS text, r.paragraph AS paragraph, r.number AS number, r.target AS target, t.title AS title
ORDER BY r.id
