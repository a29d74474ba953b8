"""Python's cyclic garbage collector held off while a large result is received and built.

Reading thousands of rows creates hundreds of thousands of small containers (a compact FalkorDB reply nests every
value in a list; each row becomes a dict). Each of them counts towards the collector's thresholds, so a large read
set off several full collections of the whole heap (spaCy's tables, the schema, …) while it was being parsed:
measured on bench.impact_scale's 10k province, hiredis parsed the 4 MB tier reply in 45–50 ms with the collector
off against 150–300 ms with it on, and an on-demand impact took 550 ms against 910 ms. Nothing here is cyclic
garbage worth collecting mid-read; reference counting still frees everything at once, and the collector runs again
when the last paused block ends (re-entrant and thread-safe: the first to enter pauses, the last to leave resumes).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False  # whether the collector was on when the outermost pause began


@contextmanager
def paused() -> Iterator[None]:
    """Hold the cyclic collector off for the block (see the module's docstring)."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
