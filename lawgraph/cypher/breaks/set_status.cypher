// Legal staff set a break's status (待处理 / 已处理 / 不适用): who, when and a note.
// params: $id, $status, $by, $at, $note
MATCH (k:Break {id: $id})
SET k.status = $status, k.status_by = $by, k.status_at = $at, k.note = $note
RETURN k {.*} AS row
