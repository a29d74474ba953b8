// Deletes every node and relationship. Tests and benchmarks only.
// params: none
MATCH (n)
DETACH DELETE n
