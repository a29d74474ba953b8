// 三张清单 entries of a region (or below) with their bases, for the checks. Entries on confidential (涉密) powers
// only when $confidential is true (editors and admins).
// params: $region, $confidential
MATCH (d:Department)-[:ISSUED]->(e:ListEntry)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/')
OPTIONAL MATCH (e)-[:FOR]->(p:Power)
WITH d, e, collect(coalesce(p.confidential, false)) AS secret
WHERE $confidential OR NOT true IN secret
RETURN e.id AS id, e.kind AS kind, e.conduct AS conduct, e.code AS code, e.high_risk AS high_risk,
       d.id AS department, d.name AS department_name, d.region AS region,
       [(e)-[x:BASED_ON]->(u) | {unit: u.id, status: x.status, text: x.text}] AS bases
