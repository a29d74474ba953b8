// One node's id, if the graph holds any: an empty answer means an empty graph (a first load may then take the
// store's bulk path, lawgraph.graph.store.bulk_loader).
// params: none
MATCH (n)
RETURN n.id AS id
LIMIT 1
