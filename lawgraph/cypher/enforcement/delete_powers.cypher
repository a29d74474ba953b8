// Powers withdrawn from a department's list (an explicit replace), with their open bases; benchmarks, list
// entries and cases that pointed at them stay, unlinked (the import reports them).
// params: $ids (list of power ids)
UNWIND $ids AS id
MATCH (p:Power {id: id})
OPTIONAL MATCH (p)-[:HAS_OPEN_BASIS]->(o:OpenBasis)
DETACH DELETE o, p
