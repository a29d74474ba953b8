// A law by id (normalised short title) or exact title.
// params: $id, $title
MATCH (l:Law)
WHERE l.id = $id OR l.title = $title
RETURN l.id AS id, l.title AS title, l.level AS level
LIMIT 2
