// The versions among $ids that something outside the law rests on: a power, benchmark or list entry (BASED_ON),
// a policy document paragraph or another law's paragraph (CITES) pointing at one of its articles, paragraphs or
// items. A law's own citations of itself (ids starting with $prefix, the law id and '@') do not count.
// params: $ids (list of version ids), $prefix
UNWIND $ids AS id
MATCH (:LawVersion {id: id})-[:HAS_ARTICLE]->(:Article)<-[:BASED_ON|CITES]-(x)
WHERE NOT x.id STARTS WITH $prefix
RETURN DISTINCT id
UNION
UNWIND $ids AS id
MATCH (:LawVersion {id: id})-[:HAS_ARTICLE]->(:Article)-[:HAS_PARAGRAPH]->(:Paragraph)<-[:BASED_ON|CITES]-(x)
WHERE NOT x.id STARTS WITH $prefix
RETURN DISTINCT id
UNION
UNWIND $ids AS id
MATCH (:LawVersion {id: id})-[:HAS_ARTICLE]->(:Article)-[:HAS_PARAGRAPH]->(:Paragraph)-[:HAS_ITEM]->(:Item)
      <-[:BASED_ON|CITES]-(x)
WHERE NOT x.id STARTS WITH $prefix
RETURN DISTINCT id
