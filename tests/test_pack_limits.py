"""Hostile template packs cannot hang the program or fill its memory (issue 21).

Each pack here does one thing a colleague's zip could do on purpose or by mistake. Each must be refused
with one sentence that names the pack and says what it did (太慢 / 输出过大 / 嵌套过深), within the limits of
app/render/limits.py: memory is traced (tracemalloc) around the render and must stay far below what the
pack asked for. The time limit is lowered for the tests that run out of it, so they end quickly; what
they show does not depend on how fast the machine is.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli.main import main
from app.core.draft_file import save_draft
from app.core.errors import TemplateError
from app.core.model import Draft, Item, Paragraph
from app.render import limits
from app.render.compose import compose
from app.render.docx_writer import render_docx
from app.render.limits import PackLimitError
from app.render.pack import BUILTIN_PACKS, TemplatePack, load_pack_from
from app.render.pack_import import import_pack_zip

PEAK_BYTES = 4 * limits.MAX_PRODUCED + 64 * 1024 * 1024  # what a render may hold, with room for the draft


def make_pack(root: Path, template: str, name: str = "恶意模板") -> TemplatePack:
    folder = root / name
    folder.mkdir(parents=True)
    source = BUILTIN_PACKS / "regulation"
    shutil.copy(source / "manifest.toml", folder)
    shutil.copy(source / "reference.docx", folder)
    (folder / "report.j2").write_text(template, encoding="utf-8")
    return load_pack_from(folder)


def small_draft(pack: TemplatePack) -> Draft:
    draft = pack.new_draft("某县信访局", "我局", 2025)
    draft.sections[0].items = [Item("事项", [Paragraph("段落。")])]
    return draft


def refused(pack: TemplatePack) -> PackLimitError:
    """Composes under tracemalloc; returns the limit error, after checking memory stayed bounded and the draft
    is as it was."""
    draft = small_draft(pack)
    before = copy.deepcopy(draft)
    tracemalloc.start()
    try:
        with pytest.raises(PackLimitError) as caught:
            compose(draft, pack)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert draft == before  # the template only reads the draft
    assert peak < PEAK_BYTES, f"{peak / 2**20:.0f} MiB held by a refused render"
    message = caught.value.message
    assert f"模板“{pack.id}”" in message and "\n" not in message and len(message) < 120, message
    return caught.value


@pytest.fixture
def short_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "TIME_LIMIT_S", 0.3)


SLOW = {
    "nested-loops": "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "nested-loops-over-text": "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% if a == b %}{% endif %}"
    "{% endfor %}{% endfor %}",
    "exponential-macros": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "recursive-loop": "{% for x in [1, 2] recursive %}{{ loop([1, 2] if loop.depth < 40 else []) }}{% endfor %}",
    "sorting-forever": "{% for a in range(100000) %}{% set b = range(100000)|list|sort %}{% endfor %}",
    # No loop and no call: line after line of searches through a long text (64 KB of template hold 2,000).
    "searching-line-after-line": "{% set s = 'ab' * 2000000 %}" + "{% if 'c' in s %}{% endif %}" * 2000,
    "testing-line-after-line": "{% set s = 'ab' * 2000000 %}" + "{% if 'c' is in s %}{% endif %}" * 2000,
}


@pytest.mark.parametrize("template", SLOW.values(), ids=SLOW.keys())
def test_a_pack_that_runs_too_long_is_stopped_at_the_time_limit(tmp_path: Path, short_deadline, template) -> None:
    error = refused(make_pack(tmp_path, template))
    assert error.kind == "slow" and "太慢" in error.message


BIG = {
    "string-times-ten-billion": "{{ emit('body', 'x' * 10**10) }}",
    "list-times-ten-billion": "{% set l = [1] * 10**10 %}",
    "power-tower": "{% set n = 9 ** (9 ** 9) %}",
    "squaring-in-a-loop": "{% set ns = namespace(n=3) %}{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    "doubling-by-concat": "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}",
    "doubling-by-plus": "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}",
    "many-distinct-big-strings": "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
    "{% set ns.l = ns.l + [('x' * 3000000) ~ i] %}{% endfor %}",
    "join-with-a-huge-separator": "{{ emit('body', range(10000)|map('string')|join('x' * 1000)) }}",
    "str-join-method": "{{ emit('body', ('y' * 1000).join(range(10000)|map('string'))) }}",
    "percent-width": "{{ emit('body', '%0999999999d' % 1) }}",
    "percent-star-width": "{{ emit('body', '%*d' % (999999999, 1)) }}",
    "format-method-width": "{{ emit('body', '{:>999999999}'.format(1)) }}",
    "format-nested-width": "{{ emit('body', '{:{w}}'.format(1, w=999999999)) }}",
    "format-filter": "{{ emit('body', '%999999999s'|format('x')) }}",
    "replace-empty": "{{ emit('body', ('x' * 3000000).replace('', 'yy')) }}",
    "replace-filter": "{{ emit('body', ('x' * 3000000)|replace('', 'yy')) }}",
    "center-filter": "{{ emit('body', 'x'|center(10**10)) }}",
    "ljust-method": "{{ emit('body', 'x'.ljust(10**10)) }}",
    "indent-filter": "{{ emit('body', ('a\n' * 1000000)|indent('x' * 1000)) }}",
    "batch-fill": "{% for b in [1]|batch(10**10, 'x') %}{% endfor %}",
    "printing-a-list-of-long-strings": "{% set l = ['x' * 3000000] * 1000000 %}{{ l }}",
    "emitting-a-list-of-long-strings": "{% set l = ['x' * 3000000] * 1000000 %}{{ emit('body', l) }}",
    "stringifying-a-list": "{% set l = ['x' * 3000000] * 1000000 %}{% set s = l|string %}",
    "printing-a-dict-view": "{% set d = dict.fromkeys(range(100000), 'x' * 3000000) %}{{ d.items() }}",
    "bytes-percent-width": "{{ emit('body', '%0999999999d'.encode() % 1) }}",
    "listing-a-long-text": "{% set l = ('中' * 3000000)|list %}",
    "splitting-a-long-text": "{% set l = ('中 ' * 1500000).split() %}",
    "splitting-lines": "{% set l = ('中\\n' * 1500000).splitlines() %}",
    "tojson-indent": "{{ emit('body', [[1, 2], [3]]|tojson(indent=10**9)) }}",
    "concatenating-a-list": "{% set l = ['x' * 3000000] * 1000000 %}{% set s = l ~ '' %}",
    "printing-whitespace-forever": "{% for a in range(100000) %}{% for b in range(100000) %}"
    + " " * 1000
    + "{% endfor %}{% endfor %}",
    "macro-output-in-loops": "{% macro m() %}{% for a in range(1000) %}" + " " * 1000 + "{% endfor %}{% endmacro %}"
    "{% for b in range(100000) %}{% set x = m() %}{% endfor %}",
    "emit-in-a-loop": "{% set s = 'x' * 3000000 %}{% for i in range(100000) %}{{ emit('body', s) }}{% endfor %}",
    "many-lists-of-numbers": "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
    "{% set ns.l = ns.l + [range(100000)|list] %}{% endfor %}",
    "slicing-copies": "{% set s = 'x' * 3000000 %}{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
    "{% set ns.l = ns.l + [s[i:]] %}{% endfor %}",
}


@pytest.mark.parametrize("template", BIG.values(), ids=BIG.keys())
def test_a_pack_that_makes_too_much_is_stopped_before_memory_fills(tmp_path: Path, monkeypatch, template) -> None:
    monkeypatch.setattr(limits, "TIME_LIMIT_S", 600.0)  # tracing memory slows the render: size must stop it
    error = refused(make_pack(tmp_path, template))
    assert error.kind == "big" and "输出过大" in error.message, error.message


DEEP = {
    "macro-recursion": "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}",
    "includes-itself": "{% include 'report.j2' %}",
    "imports-itself": "{% import 'report.j2' as me %}",
    "extends-itself": "{% extends 'report.j2' %}",
}


@pytest.mark.parametrize("template", DEEP.values(), ids=DEEP.keys())
def test_a_pack_that_recurses_is_stopped_at_its_depth(tmp_path: Path, template) -> None:
    error = refused(make_pack(tmp_path, template))
    assert error.kind == "deep" and "嵌套过深" in error.message, error.message


def test_a_pack_too_slow_once_is_not_run_again_until_it_changes(tmp_path: Path, short_deadline, monkeypatch) -> None:
    pack = make_pack(tmp_path, SLOW["nested-loops"])
    first = refused(pack)
    monkeypatch.setattr(limits, "TIME_LIMIT_S", 3600.0)  # a second run would now hang the test
    with pytest.raises(PackLimitError) as again:
        compose(small_draft(pack), pack)
    assert again.value is first
    template = pack.template_path
    template.write_text("{{ emit('body', '改好了') }}", encoding="utf-8")
    os.utime(template, ns=(template.stat().st_atime_ns, template.stat().st_mtime_ns + 10**9))
    assert [b.text for b in compose(small_draft(pack), pack)] == ["改好了"]


@pytest.mark.parametrize(
    "source",
    ["{{ 'x' * 10**10 }}", "{{ unit_name|center(10**10) }}", "{{ 9 ** (9 ** 9) }}", "{{ '%0999999999d' % year }}"],
)
def test_a_manifest_title_is_held_to_the_same_limits(tmp_path: Path, source: str) -> None:
    pack = make_pack(tmp_path, (BUILTIN_PACKS / "regulation" / "report.j2").read_text(encoding="utf-8"))
    manifest = pack.folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(re.sub(r"(?m)^title = .*$", lambda _: f"title = {source!r}", text), encoding="utf-8")
    pack = load_pack_from(pack.folder)
    with pytest.raises(PackLimitError, match="输出过大"):
        pack.default_title(small_draft(pack).meta)


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("{{ emit('body', 'x'.translate({120: 'y' * 1000})) }}", "不允许"),
        ("{{ emit('body', (1).to_bytes(10**10)) }}", "不允许"),
        ("{{ emit('body', ([[1]] * 1000)|sum(start=[])) }}", "不允许"),  # adds lists in quadratic time
        ("{{ emit('body', ('<' * 3000000)|striptags) }}", "striptags"),  # quadratic in C
        ("{{ emit('body', 'x'|wordwrap(1)) }}", "wordwrap"),
        ("{{ emit('body', lipsum(10**6)) }}", "lipsum"),
    ],
)
def test_what_only_amplifies_or_runs_unchecked_is_not_available(tmp_path: Path, template: str, says: str) -> None:
    with pytest.raises(TemplateError, match=says):
        compose(small_draft(pack := make_pack(tmp_path, template)), pack)


def test_a_template_file_too_large_to_compile_quickly_is_refused(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, "{{ emit('body', 'x') }}" * 4000)
    with pytest.raises(TemplateError, match="过大"):
        compose(small_draft(pack), pack)


def test_a_huge_value_where_a_role_belongs_is_not_printed_into_the_message(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, "{% set l = ['x' * 3000000] * 100000 %}{{ emit(l, 'x') }}")
    with pytest.raises(TemplateError, match="未知的段落类型") as caught:
        compose(small_draft(pack), pack)
    assert len(caught.value.message) < 100


# --- random hostile templates -----------------------------------------------------------------------------------

FUZZ_EXAMPLES = int(os.environ.get("FZBG_FUZZ_EXAMPLES", "40")) // 2
FUZZ_PRELUDE = (
    "{% set s = 'ab' %}{% set l = [1, 2, 3] %}{% set d = dict(a=1) %}{% set n = 7 %}{% set v = 1 %}"
    "{% set ns = namespace(v=1) %}{% macro m(x='') %}{{ x }}{% endmacro %}"
)
FUZZ_EXPRESSIONS = [
    "'x' * 3000000", "'中' * 1000000", "[s] * 100000", "s", "s ~ s", "[s] * 1000", "l + l", "d.items()",
    "range(100000)", "n * n", "n ** 3", "s|upper", "s|list", "l|join(s)", "s.split('x')", "s.replace('', 'yy')",
    "'%s%s' % (s, s)", "'{}{}'.format(s, s)", "l|map('string')|list", "l|sort", "s[1:]", "ns.v", "l|sum",
    "s.center(100)", "v", "draft.sections", "draft", "m()", "m(s)", "s|tojson", "l|batch(3)|list", "l|string",
]  # fmt: skip
FUZZ_STATEMENTS = [
    "{% set s = E %}", "{% set l = E %}", "{% set ns.v = E %}", "{% set n = E %}", "{{ emit('body', E) }}",
    "{% for v in E %}B{% endfor %}", "{% if E %}B{% endif %}", "{{ E }}",
]  # fmt: skip


@st.composite
def hostile_templates(draw: st.DrawFn, depth: int = 0) -> str:
    statement = draw(st.sampled_from(FUZZ_STATEMENTS)).replace("E", draw(st.sampled_from(FUZZ_EXPRESSIONS)))
    if "B" in statement:
        body = draw(st.lists(hostile_templates(depth + 1), min_size=1, max_size=3)) if depth < 3 else []
        statement = statement.replace("B", "".join(body))
    return statement


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.lists(hostile_templates(), min_size=1, max_size=6))
def test_any_mix_of_hostile_steps_renders_or_is_refused_in_one_sentence(tmp_path_factory, statements) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(limits, "TIME_LIMIT_S", 0.3)
        pack = make_pack(tmp_path_factory.mktemp("fuzz"), FUZZ_PRELUDE + "".join(statements))
        draft = small_draft(pack)
        before = copy.deepcopy(draft)
        tracemalloc.start()
        try:
            compose(draft, pack)
        except TemplateError as exc:  # refused: one sentence; anything else fails the test
            assert exc.message and "\n" not in exc.message and len(exc.message) < 400
        finally:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    assert peak < PEAK_BYTES and draft == before


# --- the largest real report is well inside the limits ---------------------------------------------------------


def test_the_largest_real_report_renders_well_inside_the_limits(tmp_path: Path, monkeypatch) -> None:
    from bench.drafts import draft_of_pages

    budgets: list[limits._Budget] = []
    original = limits._Budget.spend

    def spy(self, size: int) -> None:
        if not budgets or budgets[-1] is not self:
            budgets.append(self)
        original(self, size)

    monkeypatch.setattr(limits._Budget, "spend", spy)
    draft = draft_of_pages(120)
    blocks = compose(draft)
    assert len(blocks) > 400
    assert budgets and budgets[-1].produced * 20 < limits.MAX_PRODUCED, budgets[-1].produced
    assert max(len(b.text) for b in blocks) * 20 < limits.MAX_TEXT_CHARS


def test_the_limits_change_nothing_in_the_document(tmp_path: Path) -> None:
    """Every example, through every shipped pack, composes to the same blocks with and without the guards."""
    from app.core.draft_file import load_draft
    from app.render.pack import list_packs
    from bench.unguarded import unguarded

    examples = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.fzbg"))
    assert len(examples) >= 3
    for path in examples:
        draft = load_draft(path)
        for pack in list_packs():
            guarded = compose(draft, pack)
            with unguarded():
                assert compose(draft, pack) == guarded, (path.name, pack.id)


# --- reference.docx ------------------------------------------------------------------------------------------


def zip_bomb_docx(path: Path, inflated_mb: int = 256) -> Path:
    """A reference.docx whose document part inflates to `inflated_mb` MB of one repeated byte, really."""
    source = zipfile.ZipFile(BUILTIN_PACKS / "regulation" / "reference.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info))
        with out.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(inflated_mb):
                member.write(chunk)
    return path


def declared_bomb_docx(path: Path) -> Path:
    """A reference.docx whose document part declares 4 GB uncompressed in the zip's directory (the data is a
    few bytes: the directory lies, as a crafted bomb's may)."""
    zip_bomb_docx(path, inflated_mb=1)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    entry = data.find(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.find(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = (2**32 - 2).to_bytes(4, "little")  # uncompressed size
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo(name.decode()).file_size == 2**32 - 2
    return path


@pytest.mark.parametrize("make", [zip_bomb_docx, declared_bomb_docx], ids=["inflates-256-MB", "declares-4-GB"])
def test_a_reference_docx_that_is_a_zip_bomb_is_refused_before_it_is_opened(tmp_path: Path, make) -> None:
    pack = make_pack(tmp_path, (BUILTIN_PACKS / "regulation" / "report.j2").read_text(encoding="utf-8"))
    make(pack.reference_path)
    target = tmp_path / "报告.docx"
    target.write_bytes(b"the previous version")
    tracemalloc.start()
    try:
        with pytest.raises(PackLimitError, match="压缩炸弹") as caught:
            render_docx(small_draft(pack), target, pack)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024
    assert f"模板“{pack.id}”" in caught.value.message
    assert target.read_bytes() == b"the previous version"


def test_a_reference_docx_with_billion_laughs_expands_nothing(tmp_path: Path) -> None:
    """Entities declared in the reference's XML are not expanded (python-docx parses without resolving
    them): the render ends at once, with a document or one sentence, and memory stays small."""
    pack = make_pack(tmp_path, (BUILTIN_PACKS / "regulation" / "report.j2").read_text(encoding="utf-8"))
    source = zipfile.ZipFile(BUILTIN_PACKS / "regulation" / "reference.docx")
    laughs = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(pack.reference_path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = data.replace(b"?>", f"?><!DOCTYPE w:styles [{laughs}]>".encode(), 1)
                data = data.replace(b"<w:styles ", b"<w:styles data-x='&a9;' ", 1)
                assert b"<!DOCTYPE" in data and b"&a9;" in data
            out.writestr(info, data)
    tracemalloc.start()
    try:
        try:
            render_docx(small_draft(pack), tmp_path / "报告.docx", pack)
        except TemplateError as exc:
            assert "\n" not in exc.message
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


# --- the command line and pack import ------------------------------------------------------------------------


def test_the_command_line_exits_2_with_one_sentence(tmp_path: Path, capsys, short_deadline) -> None:
    pack = make_pack(tmp_path / "packs", SLOW["nested-loops"])
    draft = small_draft(pack)
    draft.meta.template_pack = pack.id
    save_draft(draft, tmp_path / "草稿.fzbg")
    packs = tmp_path / "packs"
    for command in (["render", str(tmp_path / "草稿.fzbg"), "-o", str(tmp_path / "out.docx")],
                    ["pdf", str(tmp_path / "草稿.fzbg"), "-o", str(tmp_path / "out.pdf")]):  # fmt: skip
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("app.render.pack.user_packs_dir", lambda: packs)
            assert main(command) == 2
        err = capsys.readouterr().err.strip()
        assert "太慢" in err and "恶意模板" in err and "\n" not in err and "Traceback" not in err, err
        assert not (tmp_path / "out.docx").exists() and not (tmp_path / "out.pdf").exists()


def hostile_zip(path: Path, template: str | None = None, reference: Path | None = None) -> Path:
    source = BUILTIN_PACKS / "regulation"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(source / "manifest.toml", "同事的模板/manifest.toml")
        zf.writestr("同事的模板/report.j2", template or (source / "report.j2").read_text(encoding="utf-8"))
        zf.write(reference or source / "reference.docx", "同事的模板/reference.docx")
    return path


@pytest.mark.parametrize(
    ("template", "says"),
    [
        (SLOW["nested-loops"], "太慢"),
        (BIG["string-times-ten-billion"], "输出过大"),
        (DEEP["includes-itself"], "嵌套过深"),
        # Harmless until a draft has items: the test draft has them at every level.
        ("{% for s in draft.sections %}{% for i in s.items %}{{ 'x' * 10**10 }}{% endfor %}{% endfor %}", "输出过大"),
    ],
)
def test_pack_import_test_renders_and_refuses_a_hostile_pack_with_the_reason(
    tmp_path: Path, capsys, short_deadline, template: str, says: str
) -> None:
    archive = hostile_zip(tmp_path / "同事的模板.zip", template)
    packs = tmp_path / "packs"
    with pytest.raises(TemplateError, match=says) as caught:
        import_pack_zip(archive, dest_root=packs)
    assert "同事的模板.zip" in caught.value.message and "未安装" in caught.value.message
    assert list(packs.iterdir()) == []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("app.render.pack_import.user_packs_dir", lambda: packs)
        assert main(["pack", "import", str(archive)]) == 2
    err = capsys.readouterr().err.strip()
    assert says in err and "\n" not in err
    assert list(packs.iterdir()) == []


def test_pack_import_refuses_a_reference_docx_zip_bomb(tmp_path: Path) -> None:
    bomb = declared_bomb_docx(tmp_path / "reference.docx")
    with pytest.raises(TemplateError, match="压缩炸弹"):
        import_pack_zip(hostile_zip(tmp_path / "p.zip", reference=bomb), dest_root=tmp_path / "packs")
    assert list((tmp_path / "packs").iterdir()) == []
