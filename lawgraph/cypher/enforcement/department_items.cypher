// What departments hold and issue: power ids, benchmark ids, list entry ids and case ids, per department.
// params: $ids (list of department ids)
UNWIND $ids AS id
MATCH (d:Department {id: id})
RETURN d.id AS id, [(d)-[:HOLDS]->(p:Power) | p.id] AS powers,
       [(d)-[:ISSUED]->(b:DiscretionBenchmark) | b.id] AS benchmarks,
       [(d)-[:ISSUED]->(e:ListEntry) | e.id] AS lists,
       [(c:Case)-[:DECIDED_BY]->(d) | c.id] AS cases
