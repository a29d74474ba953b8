// Laws marked by laws/mark_follow_up whose breaks have not been tracked yet, with the version each mark names.
// params: none
MATCH (l:Law)
WHERE l.follow_up IS NOT NULL
RETURN l.id AS id, l.follow_up AS to
ORDER BY id
