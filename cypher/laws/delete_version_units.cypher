// Removes the articles, paragraphs, items and sub-items of one version (before it is rewritten).
// params: $version_id
MATCH (v:LawVersion {id: $version_id})-[:HAS_ARTICLE]->(a:Article)
OPTIONAL MATCH (a)-[:HAS_PARAGRAPH]->(p:Paragraph)
OPTIONAL MATCH (p)-[:HAS_ITEM]->(i:Item)
OPTIONAL MATCH (i)-[:HAS_SUBITEM]->(s:SubItem)
DETACH DELETE s, i, p, a
