// The powers held by departments, with what still points at each (benchmarks, list entries, cases), for
// replacing a department's list.
// params: $departments (list of department ids)
UNWIND $departments AS id
MATCH (d:Department {id: id})-[:HOLDS]->(p:Power)
RETURN p.id AS id, p.code AS code, p.name AS name, d.id AS department,
       [(b:DiscretionBenchmark)-[:FOR]->(p) | b.id] AS benchmarks,
       [(e:ListEntry)-[:FOR]->(p) | e.id] AS lists,
       [(c:Case)-[:APPLIED]->(p) | c.id] AS cases
