"""Memory habits for bulk work: reading an archive, grouping and exporting 100k posts."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many acyclic objects.

    Each collection walks every live container object, so a bulk load of 100k records triggers
    collections whose cost grows with the heap: measured on 100k tweets, reading took 3.5 s with
    the collector running and 1.6 s without. Parsed JSON and frozen posts hold no reference cycles,
    so nothing is left for the collector to find; the previous state is restored afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
