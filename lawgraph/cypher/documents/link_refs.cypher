// Links every named document that is in the graph: REFERS_TO from the naming document, DocRef.target set. A 文号
// matches the document's number; a title one of its title keys. Only when exactly one document matches: a plan's
// title re-issued by many counties stays open rather than linked to all of them.
// params: none
MATCH (src:Document)-[:NAMES]->(r:DocRef)
WHERE r.target IS NULL
MATCH (d:Document)
WHERE d.id <> src.id AND ((r.number IS NOT NULL AND d.number = r.number)
      OR (r.number IS NULL AND size([k IN r.keys WHERE k IN d.keys]) > 0))
WITH src, r, collect(d) AS found
WHERE size(found) = 1
WITH src, r, found[0] AS d
SET r.target = d.id
MERGE (src)-[:REFERS_TO]->(d)
RETURN count(r) AS linked
