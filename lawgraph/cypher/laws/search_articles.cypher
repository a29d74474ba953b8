// A page of articles whose text contains $search, in the versions $versions (those in force on a date),
// ordered by law and article; with the total in the same row set.
// params: $search, $versions, $skip, $limit
MATCH (v:LawVersion)-[:HAS_ARTICLE]->(a:Article)
WHERE v.id IN $versions AND a.text CONTAINS $search
WITH a ORDER BY a.law_id, a.ordinal, a.id
WITH collect(a.id) AS ids
RETURN size(ids) AS total, ids[$skip..($skip + $limit)] AS page
