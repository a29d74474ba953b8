// Deletes up to $batch nodes (and their relationships) and says how many; run until it answers 0, so that a
// province-sized graph is not deleted in one transaction. Tests, benchmarks and `db import --replace` only.
// params: $batch
MATCH (n)
WITH n
LIMIT $batch
DETACH DELETE n
RETURN count(*) AS deleted
