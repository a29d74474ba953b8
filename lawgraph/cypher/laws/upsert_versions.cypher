// Creates or updates LawVersion nodes under their Law; `props` holds every stored property.
// params: $rows (list of {id, law_id, props})
UNWIND $rows AS r
MATCH (l:Law {id: r.law_id})
MERGE (v:LawVersion {id: r.id})
SET v += r.props
MERGE (l)-[:HAS_VERSION]->(v)
