// Unresolved or ambiguous citations naming one of the given laws (by normalised name), to try again.
// params: $keys (list of law ids)
UNWIND $keys AS key
MATCH (c:Citation {law_key: key})
WHERE c.status IN ['unresolved', 'ambiguous']
MATCH (s:Paragraph)-[:HAS_CITATION]->(c)
WITH c, s, s.version_id AS owner  // bound first: looked up by its index, not a join per key
MATCH (v:LawVersion {id: owner})
RETURN c.id AS id, s.id AS citing_paragraph, c.source AS source, coalesce(v.effective, v.date) AS at, c.text AS text, c.start AS start,
       c.end AS end, c.law AS law, c.article AS article, c.paragraph AS paragraph, c.item AS item,
       c.sub_item AS sub_item, c.version_note AS version_note
