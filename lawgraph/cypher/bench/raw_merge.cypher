// Benchmark only: the store's own batched UNWIND … MERGE, to compare lawgraph's ingest rate with.
// params: $rows (list of {id, text})
UNWIND $rows AS r
MERGE (n:RawNode {id: r.id})
SET n.text = r.text, n.norm = r.text
