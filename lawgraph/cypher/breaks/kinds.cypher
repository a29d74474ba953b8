// Open breaks per kind and amendment (law, from and to version), under the filters of breaks/summary.
// params: $law, $region, $confidential
MATCH (k:Break)
WHERE k.open AND ($law IS NULL OR k.law = $law)
  AND ($region IS NULL OR k.region = $region OR k.region STARTS WITH ($region + '/'))
OPTIONAL MATCH (p:Power {id: k.power})
WITH k, p
WHERE $confidential OR (coalesce(k.confidential, false) = false AND coalesce(p.confidential, false) = false)
RETURN k.kind AS kind, k.law AS law, k.from_version AS from_version, k.to_version AS to_version, count(k) AS count
ORDER BY to_version DESC, law, count DESC, kind
