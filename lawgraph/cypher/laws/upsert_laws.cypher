// Creates or updates Law nodes (the work, id = normalised title without 中华人民共和国).
// A title with the 中华人民共和国 prefix wins over a shorter one seen earlier.
// params: $rows (list of {id, title, level})
UNWIND $rows AS r
MERGE (l:Law {id: r.id})
ON CREATE SET l.title = r.title, l.level = r.level
ON MATCH SET l.title = CASE WHEN r.title STARTS WITH '中华人民共和国' OR l.title IS NULL THEN r.title ELSE l.title END,
             l.level = r.level
