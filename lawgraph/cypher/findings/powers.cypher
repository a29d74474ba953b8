// Powers of a region (or below; all when $region is null) with their bases, open bases and case dates, for the checks.
// Confidential (涉密) powers only when $confidential is true (editors and admins).
// params: $region, $confidential
MATCH (d:Department)-[:HOLDS]->(p:Power)
WHERE ($region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/'))
  AND ($confidential OR coalesce(p.confidential, false) = false)
RETURN p.id AS id, p.code AS code, p.name AS name, p.category AS category, p.discretionary AS discretionary,
       d.id AS department, d.name AS department_name, d.region AS region,
       [(p)-[b:BASED_ON]->(u) | {unit: u.id, status: b.status, text: b.text}] AS bases,
       [(p)-[:HAS_OPEN_BASIS]->(o:OpenBasis) | {text: o.text, status: o.status, reason: o.reason}] AS open_bases,
       [(c:Case)-[:APPLIED]->(p) | c.date] AS case_dates
