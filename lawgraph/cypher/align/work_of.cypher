// The work-level id of one article.
// params: $id
MATCH (a:Article {id: $id})
RETURN a.work AS work
