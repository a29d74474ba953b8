// Open breaks counted by department, status, kind and amendment (law, from and to version), with the oldest of each
// count — folded by graph.repos.breaks.overview into the 司法局's overview (who has not acted); of one law's
// amendments when $law is given, in $region and below when given; confidential (涉密) items only when $confidential
// is true. Breaks of no department (citing statutes and documents) come under a null department and the name they
// are listed under (立法 / 法制机构, a document's issuer).
// reply: plain (every column a string, an integer or null)
// params: $law, $region, $confidential
MATCH (k:Break)
WHERE k.open AND ($law IS NULL OR k.law = $law)
  AND ($region IS NULL OR k.region = $region OR k.region STARTS WITH ($region + '/'))
OPTIONAL MATCH (p:Power {id: k.power})
WITH k, p
WHERE $confidential OR (coalesce(k.confidential, false) = false AND coalesce(p.confidential, false) = false)
WITH k.department AS department, k.department_name AS name, k.region AS region, k.status AS status, k.kind AS kind,
     k.law AS law, k.from_version AS from_version, k.to_version AS to_version, count(k) AS count,
     min(k.created_at) AS oldest
RETURN department, name, region, status, kind, law, from_version, to_version, count, oldest
