// The laws with stored breaks on any of the given items (powers, benchmarks, list entries).
// params: $ids (list of owner ids)
UNWIND $ids AS id
MATCH (k:Break {owner: id})
RETURN DISTINCT k.law AS law
