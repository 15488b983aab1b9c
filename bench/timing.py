"""The benchmarks' one way of timing: a median over repeated runs after a warm-up, and a p95."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(run: Callable[[], object], repeat: int, warm: int = 1) -> float:
    for _ in range(warm):
        run()  # fonts, caches and compiled templates warmed once, as a running program has them
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]
