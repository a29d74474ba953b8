"""Neo4j 5 backend through the official `neo4j` driver, with managed transactions.

`execute_read` / `execute_write` retry transient errors (leader switch, deadlock) on a cluster reached with
`neo4j://` routing: writes go to the leader, reads may go to a follower. Every session of one store shares the
driver's bookmark manager, so a read that follows a write sees it (causal consistency across sessions).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from neo4j import Driver, GraphDatabase, ManagedTransaction, Query
from neo4j.exceptions import AuthError, ClientError, DriverError, Neo4jError, ServiceUnavailable

from lawgraph.config import Settings
from lawgraph.errors import StoreError
from lawgraph.graph import queries
from lawgraph.graph.store import Row, batched

_ALREADY = ("EquivalentSchemaRuleAlreadyExists", "already exists")
_CONSTRAINT = re.compile(r"CREATE CONSTRAINT (\w+)")


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):  # neo4j.time.Date / DateTime
        return value.iso_format()
    return value


class Neo4jStore:
    """A GraphStore over one Neo4j database."""

    backend = "neo4j"

    def __init__(self, url: str, settings: Settings) -> None:
        self._settings = settings
        self._database = settings.neo4j_database
        self._url = url
        self.round_trips = 0
        self._counting = threading.Lock()  # queries may come from several threads at once (a page and its count)
        auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password else None
        try:
            # notifications off: "property does not exist" on a fresh graph is expected, not a warning to log
            self._driver: Driver = GraphDatabase.driver(url, auth=auth, notifications_min_severity="OFF",
                                                      max_transaction_retry_time=settings.neo4j_retry_seconds)
        except (ValueError, Neo4jError, DriverError) as exc:
            raise StoreError(f"cannot open Neo4j at {url}: {exc}; check LAWGRAPH_GRAPH_URL") from exc
        # one bookmark manager for every session of this store: reads see the writes before them
        self._bookmarks = GraphDatabase.bookmark_manager()

    def _session(self) -> Any:
        return self._driver.session(database=self._database, bookmark_manager=self._bookmarks)

    def _text(self, name: str) -> str:
        return queries.get(name, self._settings.cypher_dir).text

    def _call(self, write: bool, name: str, text: str, params: dict[str, Any]) -> list[Row]:
        def work(tx: ManagedTransaction) -> list[Row]:
            return [dict(record) for record in tx.run(text, params)]

        with self._counting:
            self.round_trips += 1
        try:
            with self._session() as session:
                rows = session.execute_write(work) if write else session.execute_read(work)
        except AuthError as exc:
            raise StoreError(f"Neo4j at {self._url} refused the credentials: {exc.message}; check "
                             "LAWGRAPH_NEO4J_USER and LAWGRAPH_NEO4J_PASSWORD") from exc
        except ServiceUnavailable as exc:
            raise StoreError(f"Neo4j at {self._url} is unreachable: {exc}; is the server running?") from exc
        except Neo4jError as exc:
            raise StoreError(f"query {name!r} failed on Neo4j: {exc}") from exc
        except DriverError as exc:
            raise StoreError(f"Neo4j at {self._url}: {exc}") from exc
        return [{k: _plain(v) for k, v in row.items()} for row in rows]

    def generation(self) -> None:
        """None: no token is kept on Neo4j (a cluster has no one place every write passes), so reads are not kept."""
        return None

    def run(self, name: str, **params: Any) -> list[Row]:
        return self._call(False, name, self._text(name), params)

    def execute(self, name: str, **params: Any) -> list[Row]:
        return self._call(True, name, self._text(name), params)

    def write(self, name: str, rows: Sequence[Mapping[str, Any]], *, batch: int | None = None,
              **params: Any) -> int:
        text = self._text(name)
        for chunk in batched(rows, batch or self._settings.batch_size):
            self._call(True, name, text, {**params, "rows": chunk})
        return len(rows)

    def apply_schema(self) -> None:
        """Create the constraints and indexes (idempotent). A constraint that cannot be made — e.g. an index
        already holds its label and property, or the data break uniqueness — is an error naming it, never
        silently skipped: afterwards every constraint the schema names must exist."""
        statements = queries.schema_statements("neo4j", self._settings.cypher_dir)
        try:
            with self._session() as session:
                for statement in statements:
                    try:
                        session.run(Query(statement)).consume()
                    except ClientError as exc:
                        if isinstance(exc, AuthError):  # a ClientError too: wrong credentials, not a schema clash
                            raise
                        if not any(marker in str(exc) for marker in _ALREADY):
                            raise StoreError(f"schema statement failed on Neo4j: {statement!r}: {exc.message}; "
                                             "drop the conflicting index or constraint, or fix the duplicate "
                                             "data, then run again") from exc
                made = {row["name"] for row in session.run("SHOW CONSTRAINTS YIELD name RETURN name")}
        except AuthError as exc:
            raise StoreError(f"Neo4j at {self._url} refused the credentials: {exc.message}; check "
                             "LAWGRAPH_NEO4J_USER and LAWGRAPH_NEO4J_PASSWORD") from exc
        except (ServiceUnavailable, DriverError, OSError) as exc:
            raise StoreError(f"Neo4j at {self._url} is unreachable: {exc}; is the server running?") from exc
        wanted = {m.group(1) for m in (_CONSTRAINT.match(s) for s in statements) if m}
        missing = sorted(wanted - made)
        if missing:
            raise StoreError(f"Neo4j at {self._url} lacks the constraints {', '.join(missing)} after the schema "
                             "ran (an existing index or constraint on the same label and property may prevent "
                             "them); drop it and run again")

    def ping(self) -> bool:
        try:
            self._driver.verify_connectivity()
        except (Neo4jError, DriverError, OSError):
            return False
        return True

    def clear(self) -> None:
        """Delete everything, 10,000 nodes a transaction."""
        while self.execute("admin/clear", batch=10_000)[0]["deleted"]:
            pass

    def close(self) -> None:
        self._driver.close()
