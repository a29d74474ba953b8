// Drop the ALIGNED edges leaving the paragraphs of a version.
// params: $id
MATCH (v:LawVersion {id: $id})-[:HAS_ARTICLE]->(:Article)-[:HAS_PARAGRAPH]->(:Paragraph)-[e:ALIGNED]->()
DELETE e
