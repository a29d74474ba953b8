// The stored breaks of one amendment (law, old version → new version): ids, content hashes, open or not — to
// sync a recomputation.
// params: $law, $old, $new
MATCH (k:Break {law: $law})
WHERE k.from_version = $old AND k.to_version = $new
RETURN k.id AS id, k.hash AS hash, k.status AS status, k.open AS open
