"""Breaking a long 公文 title into lines: GB/T 9704 §7.3.3 asks for a trapezoid or diamond, never a
flat-topped block, and not splitting a word or a name across lines."""

from __future__ import annotations

from app.core.text import text_width

# At 22 pt a line of the 156 mm text area holds 20 characters.
TITLE_LINE_CHARS = 20

# Good places to end a line: after these...
_BREAK_AFTER = ("关于", "年度", "年", "局", "办", "室", "院", "府", "委", "会", "厅", "部", "中心", "政府")
# ...and before these.
_BREAK_BEFORE = ("关于", "法治", "的报告", "情况", "工作", "推进", "建设")


def break_title(title: str, line_chars: int = TITLE_LINE_CHARS) -> str:
    """The title with newlines where its lines should break (no newline if it fits on one line)."""
    title = "".join(title.split()) if not any(c.isascii() and c.isalpha() for c in title) else " ".join(title.split())
    if text_width(title) <= line_chars:
        return title
    lines = -(-int(text_width(title) + 0.5) // line_chars)  # ceil
    if lines > 3:
        return title  # not a title any more; let the word processor wrap it
    best: tuple[float, list[int]] | None = None
    for cuts in _cut_candidates(len(title), lines, line_chars):
        score = _score(title, cuts)
        if best is None or score < best[0]:
            best = (score, cuts)
    if best is None or best[0] == float("inf"):
        return title
    parts, start = [], 0
    for cut in [*best[1], len(title)]:
        parts.append(title[start:cut])
        start = cut
    return "\n".join(parts)


def _cut_candidates(n: int, lines: int, line_chars: int):
    if lines == 2:
        for a in range(max(1, n - line_chars), min(n, line_chars + 1)):
            yield [a]
    else:
        for a in range(1, min(n, line_chars + 1)):
            for b in range(a + 1, min(n, a + line_chars + 1)):
                if n - b <= line_chars:
                    yield [a, b]


def _score(title: str, cuts: list[int]) -> float:
    """Lower is better. Word integrity (词意完整) comes first, then the shape."""
    bounds = [0, *cuts, len(title)]
    widths = [text_width(title[bounds[i] : bounds[i + 1]]) for i in range(len(bounds) - 1)]
    if max(widths) > TITLE_LINE_CHARS:
        return float("inf")
    score = 0.0
    if len(widths) == 2:
        # Trapezoid: preferably the upper line a little longer than the lower.
        upper, lower = widths
        score += abs(upper - lower - 2) * 0.5 + (2.0 if lower > upper else 0.0)
    else:
        # Diamond: the middle line the longest.
        a, b, c = widths
        score += abs(a - c) * 0.5 + max(0.0, a - b) * 2.0 + max(0.0, c - b) * 2.0
    for cut in cuts:
        before, after = title[:cut], title[cut:]
        natural = any(before.endswith(w) for w in _BREAK_AFTER) or any(after.startswith(w) for w in _BREAK_BEFORE)
        if not natural:
            score += 10.0  # may split a word: only where no natural break fits
        if after[:1] in "，。、；：）》”" or before[-1:] in "（《“":
            score += 20.0
        if before[-1:].isascii() and after[:1].isascii() and before[-1:].isalnum():
            score += 20.0  # never split 2024 or a Latin word
    return score
