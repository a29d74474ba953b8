// List entries (三张清单) by id with their issuer and power (and whether it is 涉密), for the list entry loader.
// params: $ids (list of entry ids)
UNWIND $ids AS id
MATCH (d:Department)-[:ISSUED]->(e:ListEntry {id: id})
OPTIONAL MATCH (e)-[:FOR]->(p:Power)
RETURN e {.*} AS entry, d.id AS department, p.id AS power, coalesce(p.confidential, false) AS confidential,
       [(e)-[x:BASED_ON]->(u) | {unit: u.id, text: x.text, role: x.role, status: x.status}] AS bases
