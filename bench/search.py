"""Search benchmark: top-20 over synthetic libraries of 1k / 10k / 50k phrases, p50 and p95 latency.

The libraries are synthesised from the real shipped phrases: each synthetic phrase joins clauses of
real phrases of one section kind, so the character n-gram statistics are those of real reports.
Run: `uv run python bench/search.py` (prints a Markdown table for docs/performance.md).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.model import SectionKind
from app.library.phrase import Phrase, PhraseKind, Provenance, phrase_id
from app.library.search import PhraseIndex
from app.library.shipped import load_phrases
from app.library.user import Mark
from bench.timing import p95

SIZES = (1_000, 10_000, 50_000)
QUERIES = [
    ("法律顾问", None, ""),
    ("源头治理", SectionKind.PLANS, "加强信访问题源头治理"),
    ("宣传", SectionKind.MEASURES, "积极开展宣传"),
    ("培训", SectionKind.PLANS, "提升干部法治素养"),
    ("第一责任人", SectionKind.RESPONSIBILITY, ""),
    ("信访工作条例", None, ""),
    ("积案化解", SectionKind.MEASURES, "推进积案化解"),
    ("依法分类处理信访诉求", SectionKind.MEASURES, ""),
    ("普法", None, "学法普法"),
    ("不足", SectionKind.SHORTCOMINGS, ""),
    ("学法不够深入系统", SectionKind.SHORTCOMINGS, ""),
    ("下一步", SectionKind.PLANS, ""),
    ("法治化", None, ""),
    ("信访", SectionKind.MEASURES, ""),
    ("依法", None, ""),
    ("重大决策合法性审查", None, ""),
    ("律师参与信访", SectionKind.MEASURES, "依托第三方机制"),
    ("述法", SectionKind.RESPONSIBILITY, ""),
    ("队伍建设", SectionKind.PLANS, ""),
    ("", SectionKind.SHORTCOMINGS, "工作人员法治水平仍需提高"),
]
RUNS_PER_QUERY = 25


def synthesise(real: list[Phrase], size: int, seed: int = 2024) -> list[Phrase]:
    rng = random.Random(seed)
    by_section: dict[SectionKind | None, list[list[str]]] = {}
    for p in real:
        clauses = [c for c in p.text.rstrip("。").replace("。", "，").split("，") if c]
        by_section.setdefault(p.section, []).append(clauses)
    sections = sorted(by_section, key=lambda s: s.value if s else "")
    out = list(real)
    while len(out) < size:
        section = rng.choice(sections)
        pool = by_section[section]
        n = rng.randint(2, 5)
        text = "，".join(rng.choice(rng.choice(pool)) for _ in range(n)) + "。"
        kind = PhraseKind.SENTENCE
        out.append(
            Phrase(
                id=phrase_id(kind, f"{len(out)}{text}"),
                text=text,
                kind=kind,
                section=section,
                topics=(),
                sources=[Provenance(f"synthetic-{len(out) % 500}.txt")],
            )
        )
    return out[:size]


def bench(size: int, real: list[Phrase], runs: int = RUNS_PER_QUERY) -> tuple[float, float, float, float]:
    """Index build (s), then p50, p95 and max of a top-20 search (ms) over a library of `size` phrases."""
    phrases = synthesise(real, size)
    t0 = time.perf_counter()
    rng = random.Random(size)
    marks = {p.id: Mark(starred=True, uses=rng.randint(0, 9)) for p in rng.sample(phrases, 30)}
    index = PhraseIndex(phrases, marks)
    build = time.perf_counter() - t0
    for query, section, heading in QUERIES:  # warm-up
        index.search(query, section=section, item_heading=heading)
    times = []
    for _ in range(runs):
        for query, section, heading in QUERIES:
            t = time.perf_counter()
            hits = index.search(query, section=section, item_heading=heading, limit=20)
            times.append(time.perf_counter() - t)
            assert hits, query
    return build, statistics.median(times) * 1000, p95(times) * 1000, max(times) * 1000


def main() -> None:
    real = load_phrases()
    print(f"real phrases: {len(real)}; queries: {len(QUERIES)} × {RUNS_PER_QUERY} runs per size")
    print("| phrases | index build (s) | p50 (ms) | p95 (ms) | max (ms) |")
    print("|---:|---:|---:|---:|---:|")
    for size in SIZES:
        build, p50, p95, worst = bench(size, real)
        print(f"| {size:,} | {build:.2f} | {p50:.2f} | {p95:.2f} | {worst:.2f} |")


if __name__ == "__main__":
    main()
