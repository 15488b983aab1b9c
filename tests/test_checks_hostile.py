"""Property-based: whatever text a draft holds, the checks finish, every location quotes its excerpt, and
every fix applies and undoes exactly."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.checks import Part, apply_fix, get_text, run_checks
from app.core.model import Draft, Item, Meta, Paragraph, Section, SectionKind

# Pieces that trip the rules: years, counts and rates, list markers, quotes, brackets, spaces, names.
BITS = [
    "2023年，",
    "2024年",
    "2025年，我们将",
    "化解74件，",
    "85件，",
    "化解率78.1%",
    "其中",
    "来信369件，",
    "共计",
    "一是",
    "二是",
    "三是",
    "（一）",
    "1、",
    "“",
    "”",
    '"',
    "'",
    "(",
    ")",
    "《",
    "》",
    "》、《",
    ", ",
    ".",
    " ",
    "\n",
    "XX",
    "某某",
    "{单位}",
    "晋城市信访局",
    "重庆市江北区信访办",
    "《信访条例》",
    "党的二十大",
    "二十届三中全会",
    "十九届六中全会",
    "依法依规依法依规",
    "的的",
    "法治政府建设实施纲要（2022—2025年）",
    "习总书记",
    "2023年05月09日",
    "。",
    "，",
    "；",
    "120%",
]
text = st.lists(st.one_of(st.sampled_from(BITS), st.text(max_size=8)), max_size=14).map("".join)


def draft_of(texts: list[str], headings: list[str], kinds: list[SectionKind]) -> Draft:
    draft = Draft(meta=Meta(unit_name="宜昌市信访局", year=2024, title=texts[0] if texts else ""))
    draft.preamble = [Paragraph(t) for t in texts]
    for n, kind in enumerate(kinds):
        draft.sections.append(
            Section(
                kind,
                headings[n % len(headings)] if headings else "",
                preamble=[Paragraph(t) for t in texts[:1]],
                items=[
                    Item(h, [Paragraph(t) for t in texts], children=[Item(h, [Paragraph(texts[-1])])]) for h in headings
                ]
                if texts
                else [],
            )
        )
    return draft


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(text, min_size=1, max_size=4),
    st.lists(text, max_size=3),
    st.lists(st.sampled_from(list(SectionKind)), max_size=4),
)
def test_checks_on_any_text_locate_their_excerpts_and_their_fixes_undo(texts, headings, kinds):
    draft = draft_of(texts, headings, kinds)
    findings = run_checks(draft, sources=())
    for f in findings:
        if f.location is not None and f.location.ref.part is not Part.DATE:
            assert get_text(draft, f.location.ref)[f.location.start : f.location.end] == f.excerpt
    for f in findings:
        if f.fix is None:
            continue
        before = copy.deepcopy(draft)
        undo = apply_fix(draft, f.fix)  # each fix on the text it was made for: never a conflict
        apply_fix(draft, undo)
        assert draft == before
