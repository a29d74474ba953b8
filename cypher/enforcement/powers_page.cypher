// A page of power ids and the total, filtered by region (the region or below), department id, category,
// level of the holder's region (省/市/县/乡镇街道), name text and basis status: `open` (a basis that did not
// resolve), `outdated` (a basis in one of $outdated, the versions no longer in force) or `current` (neither);
// confidential (涉密) powers only when $confidential is true (editors and admins).
// params: $region, $department, $category, $level, $search, $status, $outdated, $confidential, $skip, $limit
MATCH (d:Department)-[:HOLDS]->(p:Power)
MATCH (d)-[:IN]->(g:Region)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($department IS NULL OR d.id = $department)
  AND ($category IS NULL OR p.category = $category)
  AND ($level IS NULL OR g.level = $level)
  AND ($search IS NULL OR p.name CONTAINS $search OR p.code = $search)
  AND ($confidential OR coalesce(p.confidential, false) = false)
WITH p, size([(p)-[:HAS_OPEN_BASIS]->(o:OpenBasis) | o]) > 0 AS open,
     any(v IN [(p)-[:BASED_ON]->(u) | u.version_id] WHERE v IN $outdated) AS outdated
WHERE $status IS NULL OR ($status = 'open' AND open) OR ($status = 'outdated' AND outdated)
   OR ($status = 'current' AND NOT open AND NOT outdated)
WITH p ORDER BY p.id
WITH collect(p.id) AS ids
RETURN size(ids) AS total, ids[$skip..($skip + $limit)] AS page
