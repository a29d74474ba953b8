// Constraints and indexes for Neo4j 5; IF NOT EXISTS makes this idempotent.
// params: none
CREATE CONSTRAINT law_id IF NOT EXISTS FOR (n:Law) REQUIRE n.id IS UNIQUE;
CREATE INDEX law_title IF NOT EXISTS FOR (n:Law) ON (n.title);
CREATE CONSTRAINT law_version_id IF NOT EXISTS FOR (n:LawVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT division_id IF NOT EXISTS FOR (n:Division) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE INDEX article_number IF NOT EXISTS FOR (n:Article) ON (n.number);
CREATE INDEX article_work IF NOT EXISTS FOR (n:Article) ON (n.work);
CREATE CONSTRAINT paragraph_id IF NOT EXISTS FOR (n:Paragraph) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT item_id IF NOT EXISTS FOR (n:Item) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT subitem_id IF NOT EXISTS FOR (n:SubItem) REQUIRE n.id IS UNIQUE
;
CREATE CONSTRAINT citation_id IF NOT EXISTS FOR (n:Citation) REQUIRE n.id IS UNIQUE;
CREATE INDEX citation_status IF NOT EXISTS FOR (n:Citation) ON (n.status);
CREATE INDEX citation_law_key IF NOT EXISTS FOR (n:Citation) ON (n.law_key)
;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE CONSTRAINT department_id IF NOT EXISTS FOR (n:Department) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT power_id IF NOT EXISTS FOR (n:Power) REQUIRE n.id IS UNIQUE;
CREATE INDEX power_code IF NOT EXISTS FOR (n:Power) ON (n.code);
CREATE INDEX power_name IF NOT EXISTS FOR (n:Power) ON (n.name);
CREATE CONSTRAINT grounded_id IF NOT EXISTS FOR (n:Grounded) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT benchmark_id IF NOT EXISTS FOR (n:DiscretionBenchmark) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tier_id IF NOT EXISTS FOR (n:Tier) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT list_entry_id IF NOT EXISTS FOR (n:ListEntry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT open_basis_id IF NOT EXISTS FOR (n:OpenBasis) REQUIRE n.id IS UNIQUE;
CREATE INDEX open_basis_law_key IF NOT EXISTS FOR (n:OpenBasis) ON (n.law_key);
CREATE CONSTRAINT alignment_review_id IF NOT EXISTS FOR (n:AlignmentReview) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT case_id IF NOT EXISTS FOR (n:Case) REQUIRE n.id IS UNIQUE;
CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditEntry) ON (n.at);
CREATE CONSTRAINT break_id IF NOT EXISTS FOR (n:Break) REQUIRE n.id IS UNIQUE;
CREATE INDEX break_law IF NOT EXISTS FOR (n:Break) ON (n.law);
CREATE INDEX break_department IF NOT EXISTS FOR (n:Break) ON (n.department);
CREATE INDEX break_owner IF NOT EXISTS FOR (n:Break) ON (n.owner);
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE INDEX document_number IF NOT EXISTS FOR (n:Document) ON (n.number);
CREATE CONSTRAINT doc_paragraph_id IF NOT EXISTS FOR (n:DocParagraph) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT doc_ref_id IF NOT EXISTS FOR (n:DocRef) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT webhook_id IF NOT EXISTS FOR (n:Webhook) REQUIRE n.id IS UNIQUE
;
// marks nodes while `lawgraph db import` runs (removed at its end)
CREATE INDEX imported_id IF NOT EXISTS FOR (n:Imported) ON (n.id)
