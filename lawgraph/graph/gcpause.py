"""Python's cyclic garbage collector held off while a large result is received and built.

Reading thousands of rows creates hundreds of thousands of small containers (a compact FalkorDB reply nests every
value in a list; each row becomes a dict). Each of them counts towards the collector's thresholds, so a large read
set off several full collections of the whole heap (spaCy's tables, the schema, …) while it was being parsed:
measured on bench.impact_scale's 10k province, hiredis parsed the 4 MB tier reply in 45–50 ms with the collector
off against 150–300 ms with it on, and an on-demand impact took 550 ms against 910 ms. Nothing here is cyclic
garbage worth collecting mid-read; reference counting still frees almost everything at once.

Re-entrant and thread-safe: the first block to enter switches the collector off, the last to leave switches it back
on (its thresholds then decide when it runs, as usual). In a busy server, pauses of different threads can overlap
without a gap for a long time: once the collector has been off for `HELD_AT_MOST` seconds, the next block to leave
runs a collection itself, so cyclic garbage never builds up for longer than that. While a `long` pause is open the
bound is LONG_AT_MOST: one job that builds and frees a large heap by reference counting (a statute ingest) is not
held up, once it has run for HELD_AT_MOST, by a full collection of everything it holds (1.6 s for the whole corpus);
a long pause's own end never collects (the next block to leave does).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

HELD_AT_MOST = 30.0  # seconds the collector may stay off while pauses overlap
LONG_AT_MOST = 300.0  # the same while a long pause is open (an ingest of the whole corpus takes 30–45 s)

_lock = threading.Lock()
_depth = 0
_resume = False  # whether the collector was on when the outermost pause began
_since = 0.0  # when the collector was last switched off, or last run during overlapping pauses
_long = 0  # long pauses open: while any is, the bound is LONG_AT_MOST


@contextmanager
def paused(*, long: bool = False) -> Iterator[None]:
    """Hold the cyclic collector off for the block (see the module's docstring); `long`: no collection inside it
    for LONG_AT_MOST seconds rather than HELD_AT_MOST, and none when it ends."""
    global _depth, _resume, _since, _long
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            _since = time.monotonic()
            gc.disable()
        _depth += 1
        _long += long
    try:
        yield
    finally:
        collect = False
        with _lock:
            _depth -= 1
            _long -= long
            if _depth == 0:
                if _resume:
                    gc.enable()
            elif _resume and not long and time.monotonic() - _since > (LONG_AT_MOST if _long else HELD_AT_MOST):
                _since = time.monotonic()
                collect = True
        if collect:  # outside the lock: the other threads' blocks go on meanwhile
            gc.collect()
