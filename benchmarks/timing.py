"""Timing helper shared by the benchmarks."""

from __future__ import annotations

import statistics
import time


def median_us(fn, batches: int = 21, per: int = 200) -> float:
    """Median time of one call of ``fn`` in µs, over ``batches`` batches of ``per`` calls."""
    times = []
    for _ in range(batches):
        t = time.perf_counter()
        for _ in range(per):
            fn()
        times.append((time.perf_counter() - t) / per)
    return statistics.median(times) * 1e6
