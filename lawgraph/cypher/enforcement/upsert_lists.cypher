// 三张清单 entries (不予处罚 / 减轻处罚 / 从轻处罚) issued by a department.
// params: $rows (list of {id, department, props})
UNWIND $rows AS r
MATCH (d:Department {id: r.department})
MERGE (e:ListEntry:Grounded {id: r.id})
SET e += r.props
MERGE (d)-[:ISSUED]->(e)
