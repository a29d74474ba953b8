// A page of one version's articles in order, with the total.
// params: $version_id, $skip, $limit
MATCH (v:LawVersion {id: $version_id})-[:HAS_ARTICLE]->(a:Article)
WITH a ORDER BY a.ordinal, a.id
WITH collect(a.id) AS ids
RETURN size(ids) AS total, ids[$skip..($skip + $limit)] AS page
