// Breaks written or refreshed by a recomputation: content and `open`; the status is set only on creation (待处理),
// so legal staff's 已处理 / 不适用 survive every recomputation of the same break.
// params: $rows (list of {id, props, at})
UNWIND $rows AS r
MERGE (k:Break {id: r.id})
ON CREATE SET k.status = '待处理', k.created_at = r.at
SET k += r.props, k.open = true, k.closed_reason = null, k.closed_at = null
