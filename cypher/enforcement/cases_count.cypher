// How many cases match the filters of enforcement/cases_page.
// params: $region, $power, $search
MATCH (c:Case)-[:DECIDED_BY]->(d:Department)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($power IS NULL OR (c)-[:APPLIED]->(:Power {id: $power}))
  AND ($search IS NULL OR c.title CONTAINS $search)
RETURN count(c) AS total
