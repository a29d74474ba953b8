// How many laws match the same filters as laws/search_laws.
// params: $search, $level
MATCH (l:Law)
WHERE ($search IS NULL OR l.title CONTAINS $search OR l.id CONTAINS $search)
  AND ($level IS NULL OR l.level = $level)
RETURN count(l) AS total
