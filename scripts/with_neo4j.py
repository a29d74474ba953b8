"""Run a command against a throwaway Neo4j 5.26 server (tools/neo4j-server): build the launcher with Maven if
needed, start it on a free loopback port with a random password in a fresh folder, wait until Bolt answers, run
the command with LAWGRAPH_GRAPH_URL / LAWGRAPH_NEO4J_PASSWORD set, then stop the server (it stops when its stdin
closes) and remove the folder. Exit status: the command's.

    python scripts/with_neo4j.py [--scheme neo4j|bolt] [--heap 1g] -- pytest -q
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "tools" / "neo4j-server"
JAR = LAUNCHER / "target" / "neo4j-server.jar"
READY = "NEO4J READY"


def build() -> None:
    """Build the launcher (thin jar + target/lib) unless it is there and newer than its sources."""
    sources = [LAUNCHER / "pom.xml", *LAUNCHER.glob("src/**/*.java")]
    if JAR.exists() and (LAUNCHER / "target" / "lib").is_dir() and \
            JAR.stat().st_mtime >= max(p.stat().st_mtime for p in sources):
        return
    print("== building tools/neo4j-server (Maven)", flush=True)
    subprocess.run(["mvn", "-q", "-B", "package"], cwd=LAUNCHER, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(folder: Path, password: str, heap: str, pagecache: str) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    log = open(folder / "server.log", "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        ["java", "-Xms64m", f"-Xmx{heap}", "-XX:+UseSerialGC", "-jar", str(JAR), "--port", str(port),
         "--password", password, "--dir", str(folder / "db"), "--pagecache", pagecache],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = threading.Event()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.write(line)
            log.flush()
            if line.startswith(READY):
                ready.set()
        log.close()

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + 180
    while not ready.wait(0.5):
        if proc.poll() is not None or time.monotonic() > deadline:
            stop(proc)
            tail = (folder / "server.log").read_text(encoding="utf-8", errors="replace")[-3000:]
            raise SystemExit(f"the Neo4j server did not start (exit {proc.returncode}); its log ends:\n{tail}")
    return proc, port


def stop(proc: subprocess.Popen[str]) -> None:
    """Close the server's stdin (it shuts down cleanly), then wait; kill it if it hangs."""
    try:
        if proc.stdin:
            proc.stdin.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scheme", default="bolt", choices=["bolt", "neo4j"])
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="256m")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    build()
    folder = Path(tempfile.mkdtemp(prefix="lg-neo4j-", dir="/tmp"))
    password = secrets.token_urlsafe(12)
    started = time.monotonic()
    proc, port = start(folder, password, args.heap, args.pagecache)
    print(f"== Neo4j 5.26 ready on {args.scheme}://127.0.0.1:{port} in {time.monotonic() - started:.1f} s",
          flush=True)
    env = {**os.environ, "LAWGRAPH_GRAPH_URL": f"{args.scheme}://127.0.0.1:{port}",
           "LAWGRAPH_NEO4J_USER": "neo4j", "LAWGRAPH_NEO4J_PASSWORD": password, "LAWGRAPH_NEO4J_DATABASE": "neo4j"}
    try:
        return subprocess.run(command, env=env, check=False).returncode
    finally:
        stop(proc)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
