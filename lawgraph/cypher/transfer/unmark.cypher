// Import, last step: up to $batch imported nodes lose their :Imported mark; run until it answers 0.
// params: $batch
MATCH (n:Imported)
WITH n
LIMIT $batch
REMOVE n:Imported
RETURN count(*) AS unmarked
