// Removes what was stored for a document before it is written again: its paragraphs with their citations
// (CITES edges and open Citation nodes), the documents it named and its REFERS_TO links. The Document node
// itself stays, so links from other documents keep pointing at it.
// params: $id (document id)
MATCH (d:Document {id: $id})
OPTIONAL MATCH (d)-[:HAS_PARAGRAPH]->(p:DocParagraph)
OPTIONAL MATCH (p)-[:HAS_CITATION]->(c:Citation)
OPTIONAL MATCH (d)-[:NAMES]->(r:DocRef)
DETACH DELETE c, r, p
WITH DISTINCT d
OPTIONAL MATCH (d)-[e:REFERS_TO]->()
DELETE e
