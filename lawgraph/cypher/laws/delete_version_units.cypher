// Removes the articles, paragraphs, items, sub-items and open citations of versions (before they are rewritten).
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})-[:HAS_ARTICLE]->(a:Article)
OPTIONAL MATCH (a)-[:HAS_PARAGRAPH]->(p:Paragraph)
OPTIONAL MATCH (p)-[:HAS_ITEM]->(i:Item)
OPTIONAL MATCH (i)-[:HAS_SUBITEM]->(s:SubItem)
OPTIONAL MATCH (p)-[:HAS_CITATION]->(c:Citation)
DETACH DELETE c, s, i, p, a
