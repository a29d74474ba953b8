// What rests on articles (BASED_ON the article or a paragraph, item or sub-item inside it): powers, benchmarks
// and list entries, one row per owner and unit, for the article loader's reverse edge; `confidential` when the
// power (the owner, or the power a benchmark or list entry is for) is 涉密.
// params: $ids (list of article ids)
UNWIND $ids AS id
MATCH (a:Article {id: id})-[:HAS_PARAGRAPH|HAS_ITEM|HAS_SUBITEM*0..3]->(u)
MATCH (n:Grounded)-[:BASED_ON]->(u)
RETURN id AS article, n.id AS owner, labels(n) AS labels, u.id AS unit,
       coalesce(n.confidential, head([(n)-[:FOR]->(p:Power) | p.confidential]), false) AS confidential
