// Links every named document that is in the graph: REFERS_TO from the naming document, DocRef.target set.
// A 文号 matches the document's number; a title matches one of its title keys.
// params: none
MATCH (src:Document)-[:NAMES]->(r:DocRef)
WHERE r.target IS NULL
MATCH (d:Document)
WHERE d.id <> src.id AND ((r.number IS NOT NULL AND d.number = r.number)
      OR (r.number IS NULL AND size([k IN r.keys WHERE k IN d.keys]) > 0))
SET r.target = d.id
MERGE (src)-[:REFERS_TO]->(d)
RETURN count(r) AS linked
