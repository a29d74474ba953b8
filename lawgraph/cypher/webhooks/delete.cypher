// Removes a webhook; says whether there was one.
// params: $id
OPTIONAL MATCH (w:Webhook {id: $id})
WITH w, w IS NOT NULL AS found
DETACH DELETE w
RETURN found
