// Indexes for FalkorDB (range indexes; uniqueness is kept by MERGE on deterministic ids).
// Applied at start; "already indexed" answers are ignored, so this is idempotent.
// params: none
CREATE INDEX FOR (n:Law) ON (n.id);
CREATE INDEX FOR (n:Law) ON (n.title);
CREATE INDEX FOR (n:LawVersion) ON (n.id);
CREATE INDEX FOR (n:Division) ON (n.id);
CREATE INDEX FOR (n:Article) ON (n.id);
CREATE INDEX FOR (n:Article) ON (n.number);
CREATE INDEX FOR (n:Article) ON (n.work);
CREATE INDEX FOR (n:Paragraph) ON (n.id);
CREATE INDEX FOR (n:Item) ON (n.id);
CREATE INDEX FOR (n:SubItem) ON (n.id)
;
CREATE INDEX FOR (n:Citation) ON (n.id);
CREATE INDEX FOR (n:Citation) ON (n.status);
CREATE INDEX FOR (n:Citation) ON (n.law_key)
;
CREATE INDEX FOR (n:Region) ON (n.id);
CREATE INDEX FOR (n:Region) ON (n.name);
CREATE INDEX FOR (n:Department) ON (n.id);
CREATE INDEX FOR (n:Power) ON (n.id);
CREATE INDEX FOR (n:Power) ON (n.code);
CREATE INDEX FOR (n:Power) ON (n.name);
CREATE INDEX FOR (n:Grounded) ON (n.id);
CREATE INDEX FOR (n:DiscretionBenchmark) ON (n.id);
CREATE INDEX FOR (n:Tier) ON (n.id);
CREATE INDEX FOR (n:ListEntry) ON (n.id);
CREATE INDEX FOR (n:OpenBasis) ON (n.id);
CREATE INDEX FOR (n:OpenBasis) ON (n.law_key);
CREATE INDEX FOR (n:AlignmentReview) ON (n.id);
CREATE INDEX FOR (n:Case) ON (n.id);
CREATE INDEX FOR (n:AuditEntry) ON (n.at);
CREATE INDEX FOR (n:Break) ON (n.id);
CREATE INDEX FOR (n:Break) ON (n.law);
CREATE INDEX FOR (n:Break) ON (n.department);
CREATE INDEX FOR (n:Break) ON (n.owner);
CREATE INDEX FOR (n:Document) ON (n.id);
CREATE INDEX FOR (n:Document) ON (n.number);
CREATE INDEX FOR (n:DocParagraph) ON (n.id);
CREATE INDEX FOR (n:DocRef) ON (n.id);
CREATE INDEX FOR (n:Webhook) ON (n.id)
;
// marks nodes while `lawgraph db import` runs (removed at its end)
CREATE INDEX FOR (n:Imported) ON (n.id)
