// The ids of the benchmarks issued for some powers (FOR), to load them beside the powers of a page.
// params: $ids (list of power ids)
UNWIND $ids AS id
MATCH (:Power {id: id})<-[:FOR]-(b:DiscretionBenchmark)
RETURN DISTINCT b.id AS id
