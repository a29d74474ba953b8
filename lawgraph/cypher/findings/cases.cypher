// Cases of a region (or below) with the power and tier they applied, for the checks. Cases on confidential (涉密)
// powers only when $confidential is true (editors and admins).
// params: $region, $confidential
MATCH (c:Case)-[:DECIDED_BY]->(d:Department)
WHERE $region IS NULL OR d.region = $region OR d.region STARTS WITH ($region + '/')
OPTIONAL MATCH (c)-[:APPLIED_TIER]->(t:Tier)
OPTIONAL MATCH (c)-[:APPLIED]->(p:Power)
WITH c, d, t, p
WHERE $confidential OR coalesce(p.confidential, false) = false
RETURN c.id AS id, c.title AS title, c.date AS date, c.fine AS fine, d.id AS department, d.name AS department_name,
       d.region AS region, p.id AS power, p.name AS power_name, t.id AS tier, t.name AS tier_name,
       t.fine_min AS fine_min, t.fine_max AS fine_max
