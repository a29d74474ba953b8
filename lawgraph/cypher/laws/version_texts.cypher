// The texts of every article, paragraph and item of one version, one row per item (or paragraph), for
// aligning two versions.
// params: $id
MATCH (v:LawVersion {id: $id})-[:HAS_ARTICLE]->(a:Article)
OPTIONAL MATCH (a)-[:HAS_PARAGRAPH]->(p:Paragraph)
OPTIONAL MATCH (p)-[:HAS_ITEM]->(i:Item)
RETURN a.id AS article_id, a.number AS article, a.ordinal AS ordinal, a.text AS article_text,
       p.id AS paragraph_id, p.number AS paragraph, p.text AS paragraph_text,
       i.id AS item_id, i.number AS item, i.ordinal AS item_ordinal, i.text AS item_text
ORDER BY ordinal, paragraph, item_ordinal
