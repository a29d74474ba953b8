// The versions that open breaks of a law against $newest start from: a recomputation syncs those amendments too,
// so that breaks on a text nothing rests on any more are closed, not left open.
// params: $law, $newest
MATCH (k:Break {law: $law})
WHERE k.open AND k.to_version = $newest
RETURN DISTINCT k.from_version AS id
