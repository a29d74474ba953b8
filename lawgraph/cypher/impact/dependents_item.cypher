// Powers, benchmarks and list entries whose basis (BASED_ON) is one of the given Item units, with the
// department that holds or issued them and, for a benchmark or list entry, the power it is for; `confidential`
// when the power (the owner's, or the owner itself) is 涉密.
// params: $ids (list of unit ids)
UNWIND $ids AS id
MATCH (u:Item {id: id})
WITH u
MATCH (o:Grounded)-[b:BASED_ON]->(u)
MATCH (d:Department)-[:HOLDS|ISSUED]->(o)
OPTIONAL MATCH (o)-[:FOR]->(p:Power)
RETURN u.id AS unit, o.id AS owner, labels(o) AS labels, coalesce(o.name, o.conduct) AS name, o.code AS code,
       o.kind AS list_kind, d.id AS department, d.name AS department_name, d.region AS region,
       b.text AS text, b.role AS role, p.id AS power, p.name AS power_name,
       coalesce(o.confidential, p.confidential, false) AS confidential
