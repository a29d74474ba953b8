// Creates or updates Document nodes.
// params: $rows (list of {id, props})
UNWIND $rows AS r
MERGE (d:Document {id: r.id})
SET d += r.props
