// Benchmark only: the index the raw MERGE uses, as the real labels have one.
// params: none
CREATE INDEX FOR (n:RawNode) ON (n.id)
