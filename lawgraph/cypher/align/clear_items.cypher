// Drop the ALIGNED edges leaving the items of a version.
// params: $id
MATCH (v:LawVersion {id: $id})-[:HAS_ARTICLE]->(:Article)-[:HAS_PARAGRAPH]->(:Paragraph)-[:HAS_ITEM]->(:Item)-[e:ALIGNED]->()
DELETE e
