// Powers with their department, region, bases (resolved and open), delegations, benchmarks, list entries
// and cases: one row per id found (a page, or a single power).
// params: $ids (list of power ids)
UNWIND $ids AS id
MATCH (d:Department)-[:HOLDS]->(p:Power {id: id})
MATCH (d)-[:IN]->(g:Region)
RETURN p {.*} AS power, d {.id, .name, .code} AS department, g {.id, .name, .level} AS region,
       [(p)-[x:BASED_ON]->(u) | {unit: u.id, text: x.text, role: x.role, status: x.status, position: x.position,
                                 unit_text: u.text}] AS bases,
       [(p)-[:HAS_OPEN_BASIS]->(o:OpenBasis) | o {.*}] AS open_bases,
       [(p)-[y:DELEGATED_TO]->(t:Region) | {region: t.id, kind: y.kind, act: y.act, date: y.date}] AS delegations,
       [(b:DiscretionBenchmark)-[:FOR]->(p) | b {.id, .conduct, .effective, .expires, .adopts}] AS benchmarks,
       [(i:Department)-[:ISSUED]->(e:ListEntry)-[:FOR]->(p) | e {.id, .kind, .conduct, .first_offence, .high_risk,
                                                                    department: i.id}] AS lists,
       [(c:Case)-[:APPLIED]->(p) | c {.id, .title, .date, .fine}] AS cases
