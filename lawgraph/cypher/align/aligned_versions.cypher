// Whether the articles of a version already have ALIGNED edges (to the next version).
// params: $id
MATCH (v:LawVersion {id: $id})-[:HAS_ARTICLE]->(a:Article)
OPTIONAL MATCH (a)-[e:ALIGNED]->()
RETURN count(a) AS articles, count(e) AS aligned, count(a.work) AS with_work
