// As powers_page, keeping only the powers whose bases have a status: `open` (a basis that did not resolve),
// `outdated` (a basis in one of $outdated, the versions no longer in force) or `current` (neither).
// params: $region, $regions, $department, $category, $search, $confidential, $status, $outdated, $skip, $limit
MATCH (d:Department)-[:HOLDS]->(p:Power)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($regions IS NULL OR d.region IN $regions)
  AND ($department IS NULL OR d.id = $department)
  AND ($category IS NULL OR p.category = $category)
  AND ($search IS NULL OR p.name CONTAINS $search OR p.code = $search)
  AND ($confidential OR coalesce(p.confidential, false) = false)
WITH p, size([(p)-[:HAS_OPEN_BASIS]->(o:OpenBasis) | o]) > 0 AS open,
     any(v IN [(p)-[:BASED_ON]->(u) | u.version_id] WHERE v IN $outdated) AS outdated
WHERE ($status = 'open' AND open) OR ($status = 'outdated' AND outdated)
   OR ($status = 'current' AND NOT open AND NOT outdated)
WITH p ORDER BY p.id
WITH collect(p.id) AS ids
RETURN size(ids) AS total, ids[$skip..($skip + $limit)] AS page
