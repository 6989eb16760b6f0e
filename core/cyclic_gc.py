"""Python's cycle collector paused for the length of a large load.

A load allocates millions of objects that live until it ends (validated models, planned
versions, rows, quads) and frees them by reference counting. Each burst of allocations
still sets off collections of the oldest generation, which walk the whole heap and find
next to nothing (19 full collections, 20 objects collected, in a 20,000-claim load): a
fifth of the load's CPU (BENCHMARKS.md, "The cycle collector paused during a load").
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside, back as it was after (so these nest); the cycles made
    inside are collected by the next collection after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
