// Versions no longer in force (superseded or repealed), for filters on basis status.
// params: none
MATCH (v:LawVersion)
WHERE v.status IN ['superseded', 'repealed']
RETURN v.id AS id
