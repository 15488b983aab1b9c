"""The shipped phrase library: `resources/phrases.json`, built from `resources/samples/` by
`fzbg library build`. The build is deterministic (sorted inputs, content-derived ids, sorted JSON), so
rebuilding from the same samples gives the same bytes."""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path

from app.core.atomic import write_bytes_atomic
from app.core.errors import UserError
from app.library.phrase import Phrase
from app.render.pack import REPO_ROOT

RESOURCES = REPO_ROOT / "resources"
SAMPLES = RESOURCES / "samples"
SHIPPED_LIBRARY = RESOURCES / "phrases.json"
FORMAT_VERSION = 1
_NOT_REPORTS = ("SOURCES", "README")


def build_phrases(samples: Path = SAMPLES) -> list[Phrase]:
    """The phrases of every sample report, generalised with the names `samples.toml` lists for it."""
    # The importer and extractor are for building only; the window loads the finished JSON without them.
    from app.importer import import_report
    from app.library.extract import extract_phrases, merge_near_duplicates
    from app.library.generalise import UnitNames

    manifest_path = samples / "samples.toml"
    manifest = tomllib.loads(manifest_path.read_text("utf-8")) if manifest_path.is_file() else {}
    phrases: list[Phrase] = []
    files = sorted(
        p
        for p in samples.iterdir()
        if p.suffix.lower() in (".txt", ".md", ".docx") and p.stem.upper() not in _NOT_REPORTS
    )
    for path in files:
        imported = import_report(path)
        meta = imported.draft.meta
        facts = manifest.get(path.name, {})
        names = UnitNames.derive(
            str(facts.get("unit", meta.unit_name)),
            int(facts.get("year", meta.year)),
            aliases=[*facts.get("aliases", []), meta.unit_name] if meta.unit_name else facts.get("aliases", []),
            regions=facts.get("regions", []),
        )
        phrases.extend(extract_phrases(imported, names, report=path.name))
    return merge_near_duplicates(phrases)


def library_json(phrases: list[Phrase]) -> bytes:
    data = {"format_version": FORMAT_VERSION, "phrases": [p.to_dict() for p in phrases]}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def build_library(samples: Path = SAMPLES, target: Path = SHIPPED_LIBRARY) -> list[Phrase]:
    phrases = build_phrases(samples)
    write_bytes_atomic(target, library_json(phrases))
    target.chmod(0o644)  # a shipped resource, readable by every user
    return phrases


def load_phrases(path: Path = SHIPPED_LIBRARY) -> list[Phrase]:
    return list(_load(path, path.stat().st_mtime_ns if path.is_file() else 0))


@cache
def _load(path: Path, mtime_ns: int) -> tuple[Phrase, ...]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise UserError("找不到随程序提供的短语库，请运行“fzbg library build”生成。") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"随程序提供的短语库“{path}”已损坏：{exc}。") from exc
    if data.get("format_version") != FORMAT_VERSION:
        raise UserError(f"短语库“{path}”的格式版本 {data.get('format_version')} 不受支持。")
    return tuple(Phrase.from_dict(d, shipped=True) for d in data["phrases"])
