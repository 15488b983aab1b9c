"""A pack's short strings: plain variables filled in without Jinja, the same as Jinja would fill them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.core.errors import TemplateError
from app.core.model import Meta
from app.render.jinja_env import render_with_jinja
from app.render.pack import list_packs
from app.render.pack_text import meta_context, render_pack_string

META = Meta(unit_name="晋城市信访局", self_ref="我局", year=2025)


def test_every_shipped_pack_string_reads_as_jinja_renders_it() -> None:
    strings = []
    for pack in list_packs():
        strings += [
            pack.title,
            pack.preamble_help,
            *(s.heading for s in pack.sections),
            *(s.help for s in pack.sections),
        ]
    strings = [s for s in strings if s]
    assert any("{{" in s for s in strings)
    for source in strings:
        assert render_pack_string(source, META) == render_with_jinja(source, meta_context(META)), source


def test_plain_variables_are_filled_in() -> None:
    assert render_pack_string("{{ year }}年{{unit_name}}，{{ next_year }}年", META) == "2025年晋城市信访局，2026年"
    assert render_pack_string("{{ unit_name }}", Meta(year=2025)) == "本单位"


def test_a_unit_name_of_nothing_printable_is_no_name() -> None:
    # Saved and reopened, "\x7f" is an empty name: the title must not change with the round trip.
    for blank in ("\x7f", " \x00 ", "\u3000"):
        assert render_pack_string("{{ unit_name }}关于", Meta(unit_name=blank, year=2025)) == "本单位关于"


def test_expressions_and_filters_still_go_through_jinja() -> None:
    assert render_pack_string("{{ year + 2 }}年", META) == "2027年"
    assert render_pack_string("{% if year > 2024 %}新{% endif %}{{ year|string }}", META) == "新2025"


def test_an_unknown_name_fails_as_in_jinja() -> None:
    with pytest.raises(TemplateError, match="无法生成"):
        render_pack_string("{{ yaer }}年", META)


def test_a_users_unit_name_is_text_even_when_it_looks_like_a_template() -> None:
    meta = Meta(unit_name="{{ year }}{% raw %}局", year=2025)
    assert render_pack_string("{{ unit_name }}报告", meta) == "{{ year }}{% raw %}局报告"


def test_filling_in_a_new_drafts_headings_does_not_load_jinja() -> None:
    code = (
        "import sys\n"
        "from app.render.pack import load_pack\n"
        "draft = load_pack('regulation').new_draft('晋城市信访局')\n"
        "assert draft.sections[0].heading.endswith('主要举措和成效'), draft.sections[0].heading\n"
        "print('jinja2' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
