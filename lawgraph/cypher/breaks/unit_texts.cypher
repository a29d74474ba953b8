// The texts of some articles, paragraphs and items, as the alignment compares them: a paragraph with its items
// (returned apart, with their ordinals, for the caller to append in order). For the statute texts of stored breaks.
// params: $articles, $paragraphs, $items (lists of unit ids)
UNWIND $articles AS id
MATCH (u:Article {id: id})
RETURN u.id AS id, u.text AS text, [] AS items
UNION ALL
UNWIND $paragraphs AS id
MATCH (u:Paragraph {id: id})
RETURN u.id AS id, u.text AS text, [(u)-[:HAS_ITEM]->(i:Item) | [i.ordinal, i.text]] AS items
UNION ALL
UNWIND $items AS id
MATCH (u:Item {id: id})
RETURN u.id AS id, u.text AS text, [] AS items
