// Creates or updates LawVersion nodes under their Law; `props` holds every stored property. A text loaded here is
// the published one: a mark that lawgraph derived the version from an amending act is cleared (laws/mark_derived).
// params: $rows (list of {id, law_id, props})
UNWIND $rows AS r
MATCH (l:Law {id: r.law_id})
MERGE (v:LawVersion {id: r.id})
SET v += r.props
REMOVE v.derived_from, v.derived_path
MERGE (l)-[:HAS_VERSION]->(v)
