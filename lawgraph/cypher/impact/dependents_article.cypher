// Powers, benchmarks and list entries whose basis (BASED_ON) is one of the given Article units, with the department
// that holds or issued them and, for a benchmark or list entry, the power it is for. `kind` is power, benchmark or
// list_entry. With $confidential false, 涉密 owners (or owners of a 涉密 power) are left out. Few, narrow columns: on
// FalkorDB the reply's size, not the match, is most of the time (the departments come from impact/departments).
// reply: plain (every column a string, an integer or null)
// params: $ids (list of unit ids), $confidential (boolean)
UNWIND $ids AS id
MATCH (u:Article {id: id})
WITH u
MATCH (o:Grounded)-[b:BASED_ON]->(u)
MATCH (d:Department)-[:HOLDS|ISSUED]->(o)
OPTIONAL MATCH (o)-[:FOR]->(p:Power)
WITH u, o, b, d, p
WHERE $confidential OR NOT coalesce(o.confidential, p.confidential, false)
RETURN u.id AS unit, o.id AS owner,
       CASE WHEN o:Power THEN 'power' WHEN o:DiscretionBenchmark THEN 'benchmark' ELSE 'list_entry' END AS kind,
       coalesce(o.name, o.conduct) AS name, o.code AS code, o.kind AS list_kind, d.id AS department,
       b.text AS text, p.id AS power, p.name AS power_name
