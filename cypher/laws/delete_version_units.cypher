// Removes the articles, paragraphs, items and sub-items of versions (before they are rewritten).
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})-[:HAS_ARTICLE]->(a:Article)
OPTIONAL MATCH (a)-[:HAS_PARAGRAPH]->(p:Paragraph)
OPTIONAL MATCH (p)-[:HAS_ITEM]->(i:Item)
OPTIONAL MATCH (i)-[:HAS_SUBITEM]->(s:SubItem)
DETACH DELETE s, i, p, a
