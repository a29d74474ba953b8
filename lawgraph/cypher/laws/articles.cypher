// Articles by id, one row per paragraph / item / sub-item (assembled by the caller), for the article loader.
// params: $ids (list of article ids)
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:HAS_PARAGRAPH]->(p:Paragraph)
OPTIONAL MATCH (p)-[:HAS_ITEM]->(i:Item)
OPTIONAL MATCH (i)-[:HAS_SUBITEM]->(s:SubItem)
RETURN a {.id, .number, .label, .ordinal, .text, .norm, .version_id, .law_id} AS article,
       p {.id, .number, .text, .norm} AS paragraph,
       i {.id, .number, .ordinal, .text, .norm} AS item,
       s {.id, .number, .ordinal, .text} AS subitem
