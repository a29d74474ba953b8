"""The GraphQL types, one module per entity (laws, articles, regions, powers, bases, benchmarks, lists, cases,
impact, oversight, audit, mutations), and the generic connection every page is (connection)."""
