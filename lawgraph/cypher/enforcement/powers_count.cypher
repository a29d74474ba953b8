// How many powers enforcement/powers_page pages through (the same filters).
// params: $region, $regions, $department, $category, $search, $confidential
MATCH (d:Department)-[:HOLDS]->(p:Power)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($regions IS NULL OR d.region IN $regions)
  AND ($department IS NULL OR d.id = $department)
  AND ($category IS NULL OR p.category = $category)
  AND ($search IS NULL OR p.name CONTAINS $search OR p.code = $search)
  AND ($confidential OR coalesce(p.confidential, false) = false)
RETURN count(p) AS total
