// A page of laws, filtered by a text in the title and by level, ordered by id.
// params: $search, $level, $skip, $limit
MATCH (l:Law)
WHERE ($search IS NULL OR l.title CONTAINS $search OR l.id CONTAINS $search)
  AND ($level IS NULL OR l.level = $level)
RETURN l.id AS id, l.title AS title, l.level AS level
ORDER BY l.id
SKIP $skip
LIMIT $limit
