// A page of case ids, newest first (their number: enforcement/cases_count), filtered by region (or below), department id, power id
// and title text; cases on confidential (涉密) powers only when $confidential is true (editors and admins).
// params: $region, $department, $power, $search, $confidential, $skip, $limit
MATCH (c:Case)-[:DECIDED_BY]->(d:Department)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($department IS NULL OR d.id = $department)
  AND ($power IS NULL OR (c)-[:APPLIED]->(:Power {id: $power}))
  AND ($search IS NULL OR c.title CONTAINS $search)
  AND ($confidential OR NOT (c)-[:APPLIED]->(:Power {confidential: true}))
RETURN c.id AS id
ORDER BY c.date DESC, c.id
SKIP $skip LIMIT $limit
