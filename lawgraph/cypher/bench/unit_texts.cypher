// Benchmark only: the stored texts of articles and paragraphs, to give the raw MERGE the same payload.
// params: none
MATCH (n:Paragraph)
RETURN n.text AS text, n.norm AS norm
