// The texts of every article, paragraph and item of one version, for aligning two versions: one row per unit
// (level 0 article, 1 paragraph, 2 item) with its parent's id, so that no text is sent more than once (one row
// per item repeated its article's whole text on every row). The caller orders and nests them.
// params: $id
MATCH (:LawVersion {id: $id})-[:HAS_ARTICLE]->(a:Article)
RETURN 0 AS level, a.id AS id, null AS parent, a.number AS number, a.ordinal AS ordinal, a.text AS text
UNION ALL
MATCH (:LawVersion {id: $id})-[:HAS_ARTICLE]->(a:Article)-[:HAS_PARAGRAPH]->(p:Paragraph)
RETURN 1 AS level, p.id AS id, a.id AS parent, p.number AS number, p.number AS ordinal, p.text AS text
UNION ALL
MATCH (:LawVersion {id: $id})-[:HAS_ARTICLE]->(:Article)-[:HAS_PARAGRAPH]->(p:Paragraph)-[:HAS_ITEM]->(i:Item)
RETURN 2 AS level, i.id AS id, p.id AS parent, i.number AS number, i.ordinal AS ordinal, i.text AS text
