// Marks a document as completely written (its content digest, set last: see ingest.documents).
// params: $id, $digest
MATCH (d:Document {id: $id})
SET d.digest = $digest
