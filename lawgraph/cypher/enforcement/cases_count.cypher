// How many cases enforcement/cases_page pages through (the same filters).
// params: $region, $department, $power, $search, $confidential
MATCH (c:Case)-[:DECIDED_BY]->(d:Department)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($department IS NULL OR d.id = $department)
  AND ($power IS NULL OR (c)-[:APPLIED]->(:Power {id: $power}))
  AND ($search IS NULL OR c.title CONTAINS $search)
  AND ($confidential OR NOT (c)-[:APPLIED]->(:Power {confidential: true}))
RETURN count(c) AS total
