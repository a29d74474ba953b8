// What an article cites (from its paragraphs) and what cites it or any unit inside it: statute paragraphs
// and document paragraphs (those carry the citing document's id and title).
// params: $id (article id)
MATCH (a:Article {id: $id})
OPTIONAL MATCH (a)-[:HAS_PARAGRAPH]->(p:Paragraph)-[out:CITES]->(t)
WITH a, collect(DISTINCT {text: out.text, source: out.source, target: t.id, status: out.status}) AS cites
OPTIONAL MATCH (a)-[:HAS_PARAGRAPH|HAS_ITEM|HAS_SUBITEM*0..3]->(u)<-[inc:CITES]-(src)
RETURN cites, collect(DISTINCT {text: inc.text, source: inc.source, target: u.id, status: inc.status,
                                document: src.document_id, document_title: src.document_title}) AS cited_by
