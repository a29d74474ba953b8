// Which of the given powers are 涉密 (confidential): breaks on them, or on what rests on them, are for editors only.
// params: $ids (list of power ids)
UNWIND $ids AS id
MATCH (p:Power {id: id})
WHERE coalesce(p.confidential, false)
RETURN p.id AS id
