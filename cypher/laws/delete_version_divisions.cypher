// Removes the 编/章/节 divisions of one version (before it is rewritten).
// params: $version_id
MATCH (v:LawVersion {id: $version_id})-[:HAS_DIVISION*1..5]->(d:Division)
DETACH DELETE d
