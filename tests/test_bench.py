"""The benchmark script runs from a clean checkout and reports every figure of issue 7.

Only that the figures are there and plausible is checked here; their budgets are judged from
bench/results.json and docs/performance.md, never by a timed test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KEYS = [
    "startup_ratio",
    "startup_memory_ratio",
    "render30_ratio",
    "render120_ratio",
    "layout30_ratio",
    "search_p95_ms",
    "keystroke_p95_ms",
    "autosave_ms",
    "import30_s",
    "limits30_ratio",
    "limits120_ratio",
]


def test_the_quick_benchmark_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--output", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text("utf-8"))
    for key in KEYS:
        assert isinstance(figures[key], float) and figures[key] > 0, key
    assert "| `startup_ratio` |" in result.stdout  # the table a reader sees
