// A page of powers, filtered by region (the region or below), department id, category and name text;
// confidential (涉密) powers only when $confidential is true (editors and admins).
// params: $region, $department, $category, $search, $confidential, $skip, $limit
MATCH (d:Department)-[:HOLDS]->(p:Power)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($department IS NULL OR d.id = $department)
  AND ($category IS NULL OR p.category = $category)
  AND ($search IS NULL OR p.name CONTAINS $search OR p.code = $search)
  AND ($confidential OR coalesce(p.confidential, false) = false)
RETURN p.id AS id
ORDER BY p.id
SKIP $skip
LIMIT $limit
