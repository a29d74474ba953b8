// Per department: open breaks by status, and the oldest one still 待处理 — for the 司法局's overview (who has not
// acted); of one law's amendments when $law is given, in $region and below when given; confidential (涉密) items only
// when $confidential is true. Breaks of no department (citing statutes and documents) come under a null department
// and the name they are listed under (立法 / 法制机构, a document's issuer).
// params: $law, $region, $confidential
MATCH (k:Break)
WHERE k.open AND ($law IS NULL OR k.law = $law)
  AND ($region IS NULL OR k.region = $region OR k.region STARTS WITH ($region + '/'))
OPTIONAL MATCH (p:Power {id: k.power})
WITH k, p
WHERE $confidential OR (coalesce(k.confidential, false) = false AND coalesce(p.confidential, false) = false)
WITH k.department AS department, k.department_name AS name, k.region AS region,
     sum(CASE WHEN k.status = '待处理' THEN 1 ELSE 0 END) AS pending,
     sum(CASE WHEN k.status = '已处理' THEN 1 ELSE 0 END) AS done,
     sum(CASE WHEN k.status = '不适用' THEN 1 ELSE 0 END) AS not_applicable,
     min(CASE WHEN k.status = '待处理' THEN k.created_at ELSE null END) AS oldest_pending
RETURN department, name, region, pending, done, not_applicable, oldest_pending
ORDER BY pending DESC, department
