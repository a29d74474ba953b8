// A page of breaks, newest amendment first (then by department and power: a power's breaks together), filtered by
// law, region (and below), department (its id; for the breaks of no department — citing statutes and documents —
// the name they are listed under), status and open; confidential (涉密) items only when $confidential is true.
// Returns the total and the page's rows.
// params: $law, $region, $department, $status, $open, $since, $confidential, $skip, $limit
MATCH (k:Break)
WHERE ($law IS NULL OR k.law = $law)
  AND ($region IS NULL OR k.region = $region OR k.region STARTS WITH ($region + '/'))
  AND ($department IS NULL OR k.department = $department OR (k.department IS NULL AND k.department_name = $department))
  AND ($status IS NULL OR k.status = $status)
  AND ($open IS NULL OR k.open = $open)
  AND ($since IS NULL OR k.created_at > $since)
OPTIONAL MATCH (p:Power {id: k.power})
WITH k, p
WHERE $confidential OR (coalesce(k.confidential, false) = false AND coalesce(p.confidential, false) = false)
WITH k ORDER BY k.to_version DESC, k.department, k.power, k.kind, k.id
WITH collect(k) AS found
RETURN size(found) AS total,
       [k IN found[$skip..($skip + $limit)] | k {.*}] AS rows
