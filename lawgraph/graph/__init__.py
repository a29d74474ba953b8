"""lawgraph's store layer: settings, the GraphStore protocol, backends, named queries, repositories."""
