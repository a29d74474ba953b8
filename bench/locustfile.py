"""Locust users for bench/load_api.py: one scenario per run, chosen by LAWGRAPH_SCENARIO."""

from __future__ import annotations

import os

from locust import HttpUser, constant, task

KEY = os.environ.get("LAWGRAPH_BENCH_KEY", "")
QUERIES = {
    "power": """{ power(id: "NY02003", region: "青禾县") { name department { name }
        bases { unit text role unitText } } }""",
    "page50": """{ powers(region: "青禾县", first: 50) { totalCount edges { node { id name
        department { name } bases { unit } benchmarks { id tiers { name conditions fine { min max } } } } } } }""",
    "impact": """{ amendmentImpact(law: "农产品质量安全法", from: "2018", to: "2022") {
        affectedUnits summary { kind count } breaks { kind department { name } evidence } } }""",
}
SCENARIO = os.environ.get("LAWGRAPH_SCENARIO", "power")


class GraphQLUser(HttpUser):
    """A client sending one kind of query back to back."""

    wait_time = constant(0)

    @task
    def query(self) -> None:
        with self.client.post("/graphql", json={"query": QUERIES[SCENARIO]}, name=SCENARIO,
                              headers={"Authorization": f"Bearer {KEY}"}, catch_response=True) as response:
            if response.status_code != 200 or "errors" in response.json():
                response.failure(response.text[:200])
