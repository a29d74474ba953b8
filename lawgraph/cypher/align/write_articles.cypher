// ALIGNED edges between Article units of two versions of one law, with the kind of change and the similarity.
// params: $rows (list of {old, new, kind, similarity, confidence, needs_review, source, document})
UNWIND $rows AS r
MATCH (a:Article {id: r.old})
MATCH (b:Article {id: r.new})
MERGE (a)-[e:ALIGNED]->(b)
SET e.kind = r.kind, e.similarity = r.similarity, e.confidence = r.confidence, e.needs_review = r.needs_review,
    e.source = r.source, e.document = r.document
