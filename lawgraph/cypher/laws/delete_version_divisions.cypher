// Removes the 编/章/节 divisions of versions (before they are rewritten).
// params: $ids (list of version ids)
UNWIND $ids AS id
MATCH (v:LawVersion {id: id})-[:HAS_DIVISION*1..5]->(d:Division)
DETACH DELETE d
