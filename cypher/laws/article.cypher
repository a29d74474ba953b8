// One article of one version, with its paragraphs, items and sub-items.
// params: $version_id, $number
MATCH (v:LawVersion {id: $version_id})-[:HAS_ARTICLE]->(a:Article)
WHERE a.number = $number
RETURN a {.id, .number, .label, .ordinal, .text, .norm, .version_id, .law_id} AS article,
       [(a)-[:HAS_PARAGRAPH]->(p:Paragraph) | p {.id, .number, .text, .norm,
           items: [(p)-[:HAS_ITEM]->(i:Item) | i {.id, .number, .text, .norm,
               subitems: [(i)-[:HAS_SUBITEM]->(s:SubItem) | s {.id, .number, .text}]}]}] AS paragraphs
