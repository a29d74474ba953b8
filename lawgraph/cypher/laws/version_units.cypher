// The article, paragraph and item numbers of versions, for resolving citations to unit ids.
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})-[:HAS_ARTICLE]->(a:Article)
OPTIONAL MATCH (a)-[:HAS_PARAGRAPH]->(p:Paragraph)
OPTIONAL MATCH (p)-[:HAS_ITEM]->(i:Item)
RETURN v.id AS version_id, a.number AS article, p.number AS paragraph, i.number AS item, i.ordinal AS ordinal
