// Drop the ALIGNED edges leaving the articles of a version (before aligning it again).
// params: $id
MATCH (v:LawVersion {id: $id})-[:HAS_ARTICLE]->(:Article)-[e:ALIGNED]->()
DELETE e
