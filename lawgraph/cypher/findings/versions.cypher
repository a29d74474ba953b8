// Every version's level and status, to judge the bases that point into it.
// params: none
MATCH (v:LawVersion)
RETURN v.id AS id, v.level AS level, v.status AS status, v.title AS title
