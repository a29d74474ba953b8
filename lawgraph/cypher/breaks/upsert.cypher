// Breaks written or refreshed by a recomputation of the amendment $law $old → $new: content and `open`; the status is
// set only on creation (待处理), so legal staff's 已处理 / 不适用 survive every recomputation of the same break. The
// amendment and the time are parameters of the batch, not repeated on each of thousands of rows.
// params: $rows (list of {id, props}), $law, $old, $new, $at (strings)
UNWIND $rows AS r
MERGE (k:Break {id: r.id})
ON CREATE SET k.status = '待处理', k.created_at = $at
SET k += r.props, k.law = $law, k.from_version = $old, k.to_version = $new, k.open = true,
    k.closed_reason = null, k.closed_at = null
