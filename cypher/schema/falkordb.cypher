// Indexes for FalkorDB (range indexes; uniqueness is kept by MERGE on deterministic ids).
// Applied at start; "already indexed" answers are ignored, so this is idempotent.
// params: none
CREATE INDEX FOR (n:Law) ON (n.id);
CREATE INDEX FOR (n:Law) ON (n.title);
CREATE INDEX FOR (n:LawVersion) ON (n.id);
CREATE INDEX FOR (n:Division) ON (n.id);
CREATE INDEX FOR (n:Article) ON (n.id);
CREATE INDEX FOR (n:Article) ON (n.number);
CREATE INDEX FOR (n:Paragraph) ON (n.id);
CREATE INDEX FOR (n:Item) ON (n.id);
CREATE INDEX FOR (n:SubItem) ON (n.id)
;
CREATE INDEX FOR (n:Citation) ON (n.id);
CREATE INDEX FOR (n:Citation) ON (n.status);
CREATE INDEX FOR (n:Citation) ON (n.law_key)
