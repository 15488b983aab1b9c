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


def paired_medians(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float, float]:
    """Two runs taken in turns, so a busy moment of the machine hits both alike: the median of each and the
    median of their ratio pair by pair (steadier than the ratio of the medians when the machine is busy)."""
    first(), second()  # warm-up, as median_seconds does
    a, b = [], []
    for n in range(repeat):
        order = ((first, a), (second, b)) if n % 2 == 0 else ((second, b), (first, a))
        for run, times in order:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b), statistics.median(x / y for x, y in zip(a, b, strict=True))
