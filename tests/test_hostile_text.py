"""Property-based: whatever text a user pastes, composing the document either works with that text
shown literally, or fails with a clear message; it is never evaluated as a template."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.draft_file import dumps, loads
from app.core.model import Draft, Item, Meta, Paragraph, Section, SectionKind
from app.core.text import clean_text, split_paragraphs
from app.render.blocks import blocks_text
from app.render.compose import compose
from app.render.pack import load_pack

JINJA_BITS = ["{{", "}}", "{%", "%}", "{#", "#}", "{{ 7*7 }}", "{% raw %}", "{{ self }}", "{{ emit('title','x') }}"]
MARKUP_BITS = ["&", "<", ">", '"', "'", "&amp;", "<w:t>", "]]>", "\t", "\n", "\r", "\x00", "\x0b", "\ufeff", "😀"]

hostile_text = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(JINJA_BITS + MARKUP_BITS)), max_size=12).map(
    "".join
)


def draft_with(texts: list[str], headings: list[str]) -> Draft:
    pack = load_pack("regulation")
    draft = pack.new_draft("某县信访局", "我局", 2025)
    draft.meta = Meta(unit_name=texts[0][:30] if texts else "", year=2025, addressee=headings[0] if headings else "")
    draft.preamble = [Paragraph(t) for t in texts]
    draft.sections.append(
        Section(
            SectionKind.CUSTOM,
            headings[-1] if headings else "",
            items=[Item(h, [Paragraph(t) for t in texts]) for h in headings],
        )
    )
    return draft


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_text, min_size=1, max_size=5), st.lists(hostile_text, max_size=4))
def test_any_text_composes_and_appears_literally(texts: list[str], headings: list[str]) -> None:
    draft = loads(dumps(draft_with(texts, headings)))  # through the file, as a user's draft would come
    blocks = compose(draft)
    document = blocks_text(blocks)
    for text in texts:
        for line in split_paragraphs(text):
            assert line in document
    assert "49" not in document or any("49" in clean_text(t) for t in texts + headings)
    for block in blocks:
        for run in block.runs:
            assert clean_text(run.text) == run.text


def test_a_hundred_thousand_character_paragraph_composes_whole() -> None:
    blocks = compose(draft_with(["长" * 100_000], ["一项"]))
    assert max(len(b.text) for b in blocks) >= 100_000


def test_thousands_of_items_compose_and_number_on() -> None:
    blocks = compose(draft_with(["短。"], [f"第{i}项" for i in range(3000)]))
    assert "（三千）第2999项" in [b.text for b in blocks]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(hostile_text)
def test_cleaning_leaves_printable_text_alone_and_changes_only_what_it_must(text: str) -> None:
    import re

    slow = re.sub(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]",
        "",
        re.sub("\r\n|\r|\u2028|\u2029|\x0b|\x0c|\x85", "\n", text),
    )
    assert clean_text(text) == slow  # the fast path for printable text agrees with the full cleaning
