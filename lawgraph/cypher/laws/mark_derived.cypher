// Marks a version lawgraph made by applying an amending act to the text before (no published text was loaded).
// params: $id (version id), $act (the act's title), $path (the act's file)
MATCH (v:LawVersion {id: $id})
SET v.derived_from = $act, v.derived_path = $path
