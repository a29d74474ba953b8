"""FalkorDB backend through the native `falkordb` client (never its Bolt listener)."""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import urlparse

from falkordb import FalkorDB
from falkordb.exceptions import SchemaVersionMismatchException
from falkordb.query_result import parse_scalar
from redis.exceptions import BusyLoadingError, RedisError, ResponseError
from redis.exceptions import ConnectionError as RedisConnectionError

from lawgraph.config import Settings
from lawgraph.errors import StoreError
from lawgraph.graph import gcpause, queries
from lawgraph.graph.backends import falkordb_bulk
from lawgraph.graph.bulk import BulkUnsuitable, NewGraph
from lawgraph.graph.store import Progress, Row, batched

_ALREADY = ("already indexed", "already exists", "already created")
log = logging.getLogger("lawgraph.store")


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# the compact result format's scalar types (FalkorDB's ResultSetScalarTypes)
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10
_PLAIN = (_NULL, _STRING, _INTEGER)  # a null cell is [1, None]: its raw value is the value


def _value(kind: int, raw: Any, graph: Any) -> Any:
    """One cell of a compact result (`kind`, `raw`), straight to plain Python (what `_plain(parse_scalar(cell))`
    gives, in one pass: strings, numbers, lists and maps are most of what lawgraph reads, and the client's generic
    parser plus a second walk cost a third of a large read). Nodes, edges, paths and the rest go to the client's
    parser."""
    if kind == _ARRAY:
        return [r if k in _PLAIN else _value(k, r, graph) for k, r in raw]
    if kind == _DOUBLE:
        return float(raw)
    if kind == _MAP:
        return {raw[i]: _value(raw[i + 1][0], raw[i + 1][1], graph) for i in range(0, len(raw), 2)}
    if kind == _BOOLEAN:
        return raw == "true"
    if kind in _PLAIN:
        return raw
    return _plain(parse_scalar([kind, raw], graph))


def _answered(response: list[Any], graph: Any) -> bool:
    """Whether a GRAPH.QUERY reply has rows (header, rows, statistics) rather than statistics alone; an error in it
    is raised."""
    if response and isinstance(response[0], ResponseError):
        if str(response[0]) == "version mismatch":
            graph.schema.refresh(response[1])
        raise response[0]
    if isinstance(response[-1], ResponseError):
        raise response[-1]
    return len(response) >= 3 and bool(response[0])


def _rows(response: list[Any], graph: Any) -> list[Row]:
    """The rows of a GRAPH.QUERY --compact reply (header, rows, statistics; or statistics alone)."""
    if not _answered(response, graph):
        return []
    header = [col[1] for col in response[0]]
    width = len(header)
    out: list[Row] = []
    append, plain = out.append, _PLAIN
    for row in response[1]:
        if len(row) != width:
            raise StoreError(f"FalkorDB returned a row of {len(row)} values for {width} columns")
        # nulls, strings and integers (most cells) are their raw value: no call per cell for them (and no strict
        # zip: the width is checked above)
        append(dict(zip(header, [raw if kind in plain else _value(kind, raw, graph) for kind, raw in row])))  # noqa: B905
    return out


def _plain_rows(response: list[Any], graph: Any, floats: tuple[str, ...] = (),
                lists: tuple[str, ...] = ()) -> list[Row]:
    """The rows of a GRAPH.QUERY reply in the verbose format (header of names, rows of values), for a query whose
    columns are all strings, integers or nulls (`// reply: plain`): those arrive as themselves; the `floats` columns
    (floats or nulls) and the `lists` columns (lists of strings without ", ", or nulls) as text, read back here."""
    if not _answered(response, graph):
        return []
    header = response[0]
    width = len(header)
    out: list[Row] = []
    append = out.append
    for row in response[1]:
        if len(row) != width:
            raise StoreError(f"FalkorDB returned a row of {len(row)} values for {width} columns")
        append(dict(zip(header, row)))  # noqa: B905 (the width is checked above)
    for name in floats:
        for found in out:
            if found[name] is not None:
                found[name] = float(found[name])
    for name in lists:
        for found in out:
            text = found[name]
            if text is None:
                continue
            if not (isinstance(text, str) and text.startswith("[") and text.endswith("]")):
                raise StoreError(f"FalkorDB sent {text!r} in column {name!r}, declared a list (`// reply: plain; "
                                 "lists: …`): the query or the stored data does not match its declaration")
            found[name] = text[1:-1].split(", ") if len(text) > 2 else []  # "[a, b]"; "[]"
    return out


def _unsent(exc: BaseException) -> bool:
    """Whether a connection error came before the command was sent: the server was still loading its data
    (BusyLoadingError), or no connection could be made (redis-py's "Error N connecting to …"). Such a write can be
    sent again."""
    return isinstance(exc, BusyLoadingError) or " connecting to " in str(exc)


def _literal(value: Any) -> str:
    """A parameter value as a Cypher literal for the CYPHER header, in one pass (the client's
    stringify_param_value plus a walk replacing NULs cost more than the server's write of a large batch). Strings
    quoted with backslash and quote escaped; NUL bytes become U+FFFD (FalkorDB's header parser ends a string at a NUL,
    and the query then fails to parse; lawgraph never stores NULs: texts are cleaned on the way in); map keys in
    backticks."""
    kind = type(value)
    if kind is str:
        if "\\" in value or '"' in value or "\x00" in value:
            value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\x00", "\ufffd")
        return f'"{value}"'
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return repr(value)
    if kind is float:
        if not math.isfinite(value):
            raise StoreError(f"cannot send {value!r} to FalkorDB: a number in a query must be finite")
        return repr(value)
    if kind is dict:
        return "{" + ",".join(f"`{_key(k)}`:{_literal(v)}" for k, v in value.items()) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join(map(_literal, value)) + "]"
    if isinstance(value, str):  # subclasses: a str enum (its value, not its name), an int enum, a mapping …
        return _literal(str.__str__(value))
    if isinstance(value, bool):
        return _literal(bool(value))
    if isinstance(value, int):
        return _literal(int(value))
    if isinstance(value, float):
        return _literal(float(value))
    if isinstance(value, Mapping):
        return _literal(dict(value))
    if isinstance(value, list | tuple):
        return _literal(list(value))
    raise StoreError(f"cannot send a {kind.__name__} as a query parameter to FalkorDB")


def _key(key: Any) -> str:
    text = str(key)
    if not text or "`" in text:
        raise StoreError(f"a map key sent to FalkorDB must be non-empty and without backticks: {text!r}")
    return text


def _header(params: Mapping[str, Any]) -> str:
    """The CYPHER header carrying `params` (empty without parameters)."""
    if not params:
        return ""
    return "CYPHER " + " ".join(f"`{_key(k)}`={_literal(v)}" for k, v in params.items()) + " "


def _one_ahead(calls: Iterable[Callable[[], object]], thread: str,
               finished: Callable[[int], None] | None = None) -> None:
    """Run `calls` one after another in a sender thread; the iterable makes each call (serialising a batch,
    encoding a command) while the server runs the one before, so the two overlap. `finished(n)` after the n-th
    call has run. A failure is raised once the call running meanwhile has ended."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix=thread) as sender:
        pending: Future[object] | None = None
        sent = 0
        for call in calls:
            if pending is not None:
                pending.result()
                if finished:
                    finished(sent)
            pending = sender.submit(call)
            sent += 1
        if pending is not None:
            pending.result()
            if finished:
                finished(sent)


def _refused(exc: ResponseError) -> bool:
    """True when FalkorDB refused a GRAPH.BULK command for its form (an unknown command, a bulk format or count it
    does not take), not for the server's state (out of memory, read-only, loading, busy, not allowed …)."""
    text = str(exc).lower()
    return "unknown command" in text or "bulk" in text or "parsing" in text


class FalkorStore:
    """A GraphStore over one FalkorDB graph key."""

    backend = "falkordb"

    def __init__(self, db: FalkorDB, settings: Settings, *, where: str) -> None:
        self._db = db
        self._settings = settings
        self._graph = db.select_graph(settings.graph_name)
        self._where = where
        self._token_key = f"lawgraph:generation:{settings.graph_name}"
        self.round_trips = 0
        self._counting = threading.Lock()  # queries may come from several threads at once (a page and its count)
        # set for the embedded server of `lawgraph serve` (backends.embedded.open_embedded's restart_crashed): after
        # a lost connection, start the server again if it crashed (its data is in its append-only file); True when
        # one answers now
        self.revive: Callable[[], bool] | None = None
        self.revived = 0  # queries that found it answering again after a lost connection
        self.plain_replies = True  # `// reply: plain` queries in the verbose format (off: all compact, for tests)

    @classmethod
    def from_url(cls, url: str, settings: Settings) -> FalkorStore:
        """Connect to `falkordb://host:port`."""
        parsed = urlparse(url)
        try:
            db = FalkorDB(host=parsed.hostname or "localhost", port=parsed.port or 6379,
                          password=parsed.password, username=parsed.username)
        except (RedisError, OSError) as exc:
            raise StoreError(f"FalkorDB at {url} is unreachable ({exc}); is the server running?") from exc
        return cls(db, settings, where=url)

    @classmethod
    def from_socket(cls, socket_path: str, settings: Settings) -> FalkorStore:
        """Connect through a unix socket (the embedded server)."""
        try:
            db = FalkorDB(unix_socket_path=socket_path)
        except (RedisError, OSError) as exc:
            raise StoreError(f"the embedded FalkorDB at {socket_path} is unreachable ({exc}); "
                             "see `lawgraph db status`") from exc
        return cls(db, settings, where=f"unix:{socket_path}")

    def _query(self, text: str, params: dict[str, Any], name: str, *, writes: bool = False,
               plain: bool = False, floats: tuple[str, ...] = (), lists: tuple[str, ...] = ()) -> list[Row]:
        """One GRAPH.QUERY; after one that `writes`, a new write token (`_written`). A `plain` query's reply comes
        in the verbose format (see graph.queries). When the connection was lost and the embedded server answers
        again (`revive`), a read is sent once more, and so is a write that never reached the server (`_unsent`)."""
        query = _header(params) + text
        for attempt in (1, 2):
            with self._counting:
                self.round_trips += 1
            graph = self._graph
            try:
                with self._write_token(writes), gcpause.paused():  # (a large reply: many small lists)
                    if plain and self.plain_replies:
                        return _plain_rows(graph.execute_command("GRAPH.QUERY", graph.name, query), graph, floats,
                                           lists)
                    return _rows(graph.execute_command("GRAPH.QUERY", graph.name, query, "--compact"), graph)
            except (ResponseError, SchemaVersionMismatchException) as exc:
                raise StoreError(f"query {name!r} failed on FalkorDB ({self._where}): {exc}") from exc
            except (RedisConnectionError, OSError) as exc:
                revived, why = self._revived(exc)
                if not revived:
                    raise StoreError(f"FalkorDB at {self._where} is unreachable ({exc}){why}; check `lawgraph db "
                                     "status`") from exc
                if attempt == 2 or (writes and not _unsent(exc)):
                    raise StoreError(
                        f"the connection to the embedded FalkorDB server ({self._where}) was lost during query "
                        f"{name!r}; the server answers again (started anew from its append-only file if it had "
                        "stopped), but "
                        + ("whether this write was applied is unknown: run the same command again (ingest and "
                           "uploads are idempotent)" if writes else "the query failed twice: see the server's log "
                           "(`lawgraph db status` names it)")) from exc
            except RedisError as exc:
                raise StoreError(
                    f"FalkorDB at {self._where} is unreachable ({exc}); check `lawgraph db status`") from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _revived(self, exc: BaseException) -> tuple[bool, str]:
        """After a lost connection: whether the embedded server answers again (started anew if it had crashed), and
        if not, why (what starting it again said), for the error."""
        if self.revive is None:
            return False, ""
        try:
            answers = self.revive()
        except Exception as failed:  # (StoreError quoting the server's log; OSError from the lock, mkdir, Popen)
            return False, f"; starting it again failed: {failed}"
        if answers:
            # the idle pooled connections lead to the server that was lost: closed, so that the query sent again
            # (and the next ones) connect anew, not meet a reset of the old socket
            with contextlib.suppress(RedisError, OSError):
                self._db.connection.connection_pool.disconnect(inuse_connections=False)
            with self._counting:
                self.revived += 1
            log.warning("the connection to the embedded FalkorDB server (%s) was lost (%s); the server answers "
                        "again (started anew if it had crashed: see its log)", self._where, exc)
        return answers, "" if answers else "; it is not running (stopped with `lawgraph db stop`?)"

    def run(self, name: str, **params: Any) -> list[Row]:
        query = queries.get(name, self._settings.cypher_dir)
        # (a writing query sent as a read: FalkorDB runs it all the same, and it counts as a write)
        return self._query(query.text, params, name, writes=query.writes, plain=query.plain, floats=query.floats,
                           lists=query.lists)

    def execute(self, name: str, **params: Any) -> list[Row]:
        return self._query(queries.get(name, self._settings.cypher_dir).text, params, name, writes=True)

    # The write token (graph.readcache): a key beside the graph, set anew after every writing GRAPH.QUERY, GRAPH.BULK
    # or clear, by whichever process wrote (all write through this class); the server's run id is part of what
    # generation() gives, so a restart (which may have lost the last token set, not the write) changes it too.
    _UNSETTLED = "unsettled:"

    def generation(self) -> str | None:
        """The graph's write token and the server's run id; made when missing. None — keep nothing — when the server
        cannot be read, or while a write whose outcome is unknown may still be running (`_unsettled`)."""
        try:
            connection = self._db.connection
            pipe = connection.pipeline(transaction=False)
            pipe.get(self._token_key)
            pipe.execute_command("INFO", "server")
            token, server = pipe.execute()
            if token is None:
                connection.set(self._token_key, secrets.token_hex(8), nx=True)
                token = connection.get(self._token_key)
        except (RedisError, OSError):
            return None
        if token is None:
            return None
        text = token.decode() if isinstance(token, bytes) else str(token)
        if text.startswith(self._UNSETTLED):
            return None
        return f"{server.get('run_id', '') if isinstance(server, dict) else ''}:{text}"

    @contextlib.contextmanager
    def _write_token(self, writes: bool = True) -> Iterator[None]:
        """Around a command that `writes`: a new token after it (`_written`), also when the server refused it
        (FalkorDB applies a command whole or not at all); an unsettled one when its outcome is unknown (no reply,
        an interruption: `_unsettled`)."""
        if not writes:
            yield
            return
        try:
            yield
        except (ResponseError, SchemaVersionMismatchException):
            self._written()
            raise
        except BaseException:
            self._unsettled()
            raise
        self._written()

    def _written(self) -> None:
        """After a write's reply: a new token, so that a reader that sees it reads what the write left. A token that
        cannot be set is an error: the write is done, but readers elsewhere would keep rows from before it."""
        failure: Exception | None = None
        for _ in range(3):
            try:
                self._db.connection.set(self._token_key, secrets.token_hex(8))
                return
            except (RedisError, OSError) as exc:
                failure = exc
        raise StoreError(f"a write to FalkorDB ({self._where}) was done, but its write token could not be set "
                         f"({failure}): restart `lawgraph serve` (or set LAWGRAPH_KEEP_READS=false) so that it does "
                         "not answer from rows read before the write")

    def _unsettled(self) -> None:
        """After a write whose reply never came (a connection lost): the server may still be running it, so nothing
        is kept for the next five minutes (a token readers do not keep under, which then lapses)."""
        with contextlib.suppress(RedisError, OSError):  # an unreachable server: nobody reads it either
            self._db.connection.set(self._token_key, self._UNSETTLED + secrets.token_hex(8), ex=300)

    def write(self, name: str, rows: Sequence[Mapping[str, Any]], *, batch: int | None = None,
              **params: Any) -> int:
        """Batched write. The next batch's parameters are serialised (in Python, `_header`) while the server runs
        the previous batch, so the two overlap. Each batch sets a new write token after it."""
        text = queries.get(name, self._settings.cypher_dir).text
        chunks = list(batched(rows, batch or self._settings.batch_size))
        if len(chunks) <= 1:
            for chunk in chunks:
                self._query(text, {**params, "rows": chunk}, name, writes=True)
            return len(rows)
        _one_ahead((functools.partial(self._query, _header({**params, "rows": chunk}) + text, {}, name, writes=True)
                    for chunk in chunks), "lawgraph-write")
        return len(rows)

    def apply_schema(self) -> None:
        for statement in queries.schema_statements("falkordb", self._settings.cypher_dir):
            try:
                self._graph.query(statement)
            except ResponseError as exc:
                if not any(marker in str(exc).lower() for marker in _ALREADY):
                    raise StoreError(f"schema statement failed on FalkorDB: {statement!r}: {exc}") from exc
            except (RedisError, OSError) as exc:
                raise StoreError(f"FalkorDB at {self._where} is unreachable ({exc}); is the server running?") from exc

    def empty(self) -> bool:
        """True when the graph holds no node."""
        return not self.run("admin/any_node")

    def create_graph(self, graph: NewGraph, *, progress: Progress | None = None) -> None:
        """Write `graph` into this empty graph with GRAPH.BULK: the key is made anew (empty, then the indexes,
        which the bulk insert keeps up to date), then the nodes and relationships are sent in commands of whole
        segments of about 32 MB (falkordb_bulk.COMMAND_BYTES), each encoded while the server runs the one before.
        The server numbers the nodes in the order it creates them, so the load checks at the end that the graph
        holds its nodes and no other: a node written meanwhile by anything else would have shifted the numbers.
        (A node created and deleted meanwhile would not show in the count; the README asks for no other writer.)
        On any failure the graph is emptied again (it was empty) and the error raised: BulkUnsuitable when the
        graph cannot be put in the format, the server refused the load, or the graph is no longer empty when the
        load starts (then nothing was touched)."""
        name = self._settings.graph_name
        total = graph.node_count() + graph.edge_count()
        if not self.empty():  # something came since the caller looked: its key is not made anew
            raise BulkUnsuitable(f"graph {name!r} is no longer empty")
        try:
            self._bulk([name, "BEGIN", 0, 0, 0, 0], fresh=True)
            self.apply_schema()
            sizes: list[int] = []  # nodes and relationships of each command, as they are encoded

            def sends() -> Iterator[Callable[[], object]]:
                for command in falkordb_bulk.commands(graph):
                    sizes.append(command.nodes + command.edges)
                    yield functools.partial(self._bulk, command.args(name))

            _one_ahead(sends(), "lawgraph-bulk",
                       (lambda sent: progress("store", sum(sizes[:sent]), total)) if progress else None)
            held = int(self.run("admin/count_nodes")[0]["nodes"])
            if held != graph.node_count():
                raise StoreError(
                    f"something else wrote to graph {name!r} on {self._where} during a first load in bulk "
                    f"({held} nodes instead of {graph.node_count()}), so its relationships cannot be trusted; the "
                    "graph was emptied again: stop every other writer (`lawgraph serve`, other ingests) and ingest "
                    "again")
        except BaseException:
            with contextlib.suppress(StoreError, RedisError, OSError):
                self.clear()
            raise

    def _bulk(self, args: list[Any], *, fresh: bool = False) -> None:
        with self._counting:
            self.round_trips += 1
        try:
            with self._write_token():
                if fresh:  # a new key: the one there (an empty graph and its indexes) goes
                    self._drop_key()
                self._graph.execute_command("GRAPH.BULK", *args)
        except ResponseError as exc:
            if _refused(exc):  # a format or limit this server does not take: UNWIND instead
                raise BulkUnsuitable(f"FalkorDB ({self._where}) refused the bulk load: {exc}") from exc
            raise StoreError(f"the bulk load into FalkorDB ({self._where}) failed: {exc}; the graph is emptied "
                             "again: see the server's log (`lawgraph db status` names it), then ingest again") from exc
        except (RedisError, OSError) as exc:
            raise StoreError(
                f"FalkorDB at {self._where} is unreachable ({exc}); check `lawgraph db status`"
            ) from exc

    def ping(self) -> bool:
        try:
            return bool(self._db.connection.ping())
        except (RedisError, OSError):
            return False

    def clear(self) -> None:
        # Deleting the graph key is faster than DETACH DELETE of every node, and avoids a FalkorDB
        # 4.16 fault: after a mass DETACH DELETE, later property reads failed ("undefined attribute").
        self.round_trips += 1
        with self._write_token():
            self._drop_key()
            self.apply_schema()

    def _drop_key(self) -> None:
        """Delete the graph's key (a graph not there is no error) and forget the client's view of it."""
        try:
            self._graph.delete()
        except ResponseError as exc:
            if "empty key" not in str(exc).lower() and "invalid graph" not in str(exc).lower():
                raise StoreError(f"could not clear graph {self._settings.graph_name!r}: {exc}") from exc
        self._graph = self._db.select_graph(self._settings.graph_name)

    def close(self) -> None:
        with contextlib.suppress(RedisError, OSError):
            self._db.connection.close()
