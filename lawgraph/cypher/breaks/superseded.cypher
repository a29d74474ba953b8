// The open breaks of a law's amendments to a version other than $newest: the law was amended again since, and what
// rested on the older text is tracked against the newest one now.
// params: $law, $newest
MATCH (k:Break {law: $law})
WHERE k.open AND k.to_version <> $newest
RETURN k.id AS id, k.from_version AS from_version, k.to_version AS to_version
