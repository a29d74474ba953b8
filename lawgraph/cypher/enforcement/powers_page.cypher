// A page of power ids (their number: enforcement/powers_count), filtered by region (the region or below), the regions of one level
// ($regions: the ids at 省/市/县/乡镇街道, or null), department id, category and name text; confidential (涉密)
// powers only when $confidential is true (editors and admins). With a basis status: powers_page_status.
// Sorted and cut in the store (collecting every id to slice the list cost twice as much at 50,000 powers).
// params: $region, $regions, $department, $category, $search, $confidential, $skip, $limit
MATCH (d:Department)-[:HOLDS]->(p:Power)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($regions IS NULL OR d.region IN $regions)
  AND ($department IS NULL OR d.id = $department)
  AND ($category IS NULL OR p.category = $category)
  AND ($search IS NULL OR p.name CONTAINS $search OR p.code = $search)
  AND ($confidential OR coalesce(p.confidential, false) = false)
RETURN p.id AS id
ORDER BY id
SKIP $skip LIMIT $limit
