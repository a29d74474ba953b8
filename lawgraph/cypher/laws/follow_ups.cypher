// Laws marked by laws/mark_follow_up whose breaks have not been tracked yet.
// params: none
MATCH (l:Law)
WHERE l.follow_up = true
RETURN l.id AS id
ORDER BY id
