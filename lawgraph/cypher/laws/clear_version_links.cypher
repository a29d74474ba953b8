// Before the citations of versions are linked again (an ingest cut off while linking them): the CITES edges
// leaving their paragraphs and the open citations of those paragraphs go, so that linking again adds no twin.
// Citations of these versions by other texts are left alone.
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (:LawVersion {id: id})-[:HAS_ARTICLE]->(:Article)-[:HAS_PARAGRAPH]->(p:Paragraph)
OPTIONAL MATCH (p)-[e:CITES]->()
DELETE e
WITH DISTINCT p
OPTIONAL MATCH (p)-[:HAS_CITATION]->(c:Citation)
DETACH DELETE c
