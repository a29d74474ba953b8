// Powers for the overlap analysis: those held in a region or below ($region), plus those held exactly in the
// regions above it ($above, for 交叉重复 between a township and its county); everything when $region is null.
// Confidential (涉密) powers only when $confidential is true (editors and admins).
// params: $region, $above, $confidential
MATCH (d:Department)-[:HOLDS]->(p:Power)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/') OR d.region IN $above)
  AND ($confidential OR coalesce(p.confidential, false) = false)
RETURN p.id AS id, p.code AS code, p.name AS name, p.category AS category,
       d.id AS department, d.name AS department_name, d.region AS region,
       [(p)-[b:BASED_ON]->(u) | {unit: u.id, text: b.text}] AS bases,
       [(p)-[g:DELEGATED_TO]->(r:Region) | {region: r.id, kind: g.kind, act: g.act, date: g.date}] AS delegations
