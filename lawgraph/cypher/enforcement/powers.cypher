// Powers with their department, region, bases (resolved and open), delegations, benchmarks, list entries
// and cases: one row per id found (a page, or a single power). Each list is gathered by an OPTIONAL MATCH and
// collect rather than a pattern comprehension: on FalkorDB six comprehensions per row cost twice as much for a
// page of 50. A map projection of a missing node is a map of nulls on FalkorDB, hence the CASEs. The order within
// a list is the order of the matches (graph.repos.enforcement.powers sorts all but the delegations).
// params: $ids (list of power ids)
UNWIND $ids AS id
WITH DISTINCT id
MATCH (d:Department)-[:HOLDS]->(p:Power {id: id})
MATCH (d)-[:IN]->(g:Region)
OPTIONAL MATCH (p)-[x:BASED_ON]->(u)
WITH d, g, p, collect(CASE WHEN u IS NULL THEN null ELSE {unit: u.id, text: x.text, role: x.role, status: x.status,
                                                            position: x.position, unit_text: u.text} END) AS bases
OPTIONAL MATCH (p)-[:HAS_OPEN_BASIS]->(o:OpenBasis)
WITH d, g, p, bases, collect(CASE WHEN o IS NULL THEN null ELSE o {.*} END) AS open_bases
OPTIONAL MATCH (p)-[y:DELEGATED_TO]->(t:Region)
WITH d, g, p, bases, open_bases,
     collect(CASE WHEN t IS NULL THEN null ELSE {region: t.id, kind: y.kind, act: y.act, date: y.date} END)
     AS delegations
OPTIONAL MATCH (b:DiscretionBenchmark)-[:FOR]->(p)
WITH d, g, p, bases, open_bases, delegations,
     collect(CASE WHEN b IS NULL THEN null ELSE b {.id, .conduct, .effective, .expires, .adopts} END) AS benchmarks
OPTIONAL MATCH (i:Department)-[:ISSUED]->(e:ListEntry)-[:FOR]->(p)
WITH d, g, p, bases, open_bases, delegations, benchmarks,
     collect(CASE WHEN e IS NULL THEN null ELSE e {.id, .kind, .conduct, .first_offence, .high_risk,
                                                   department: i.id} END) AS lists
OPTIONAL MATCH (c:Case)-[:APPLIED]->(p)
RETURN p {.*} AS power, d {.id, .name, .code} AS department, g {.id, .name, .level} AS region, bases, open_bases,
       delegations, benchmarks, lists,
       collect(CASE WHEN c IS NULL THEN null ELSE c {.id, .title, .date, .fine} END) AS cases
