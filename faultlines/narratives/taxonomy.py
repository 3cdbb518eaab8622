"""The narrative taxonomy: SemEval-2025 T10 labels plus the regional extension and users' own narratives.

* SemEval-2025 Task 10 subtask 2 (Ukraine war ``URW:`` and climate ``CC:``):
  the label names only, shipped in ``resources/semeval2025_*.txt``; the
  trained heads in ``classify.py`` predict them.
* The regional extension ``resources/regional.toml`` (prefix ``CA:``) and
  user files in the same layout: narratives with a definition and example
  phrasings, detected few-shot by similarity to the vectors of those texts.

User files: ``--taxonomy PATH`` of the CLI, else the ``FAULTLINES_NARRATIVES``
environment variable (one or more paths joined by ``os.pathsep``), else
``$XDG_CONFIG_HOME/faultlines/narratives.toml`` (``~/.config/...``) when it
exists. ``faultlines narratives reload`` validates them, embeds the
definitions and examples with the shared encoder and writes the
:class:`Prototypes` to the cache directory (``FAULTLINES_NARRATIVES_CACHE``,
else ``$XDG_CACHE_HOME/faultlines``); the analyzer reads that cache, or the
prototypes shipped in ``model/`` when no reload ever ran.
"""
from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError

HERE = Path(__file__).parent
RESOURCES = HERE / "resources"
MODEL_DIR = HERE / "model"
SHIPPED_FILES = (RESOURCES / "regional.toml", RESOURCES / "background.toml")
OTHER = "Other"
# "PREFIX: Name": a short prefix of the taxonomy's own; URW and CC belong to SemEval.
_NAME = re.compile(r"^([A-Za-z][A-Za-z0-9_-]{0,15}): \S.*$")
RESERVED_PREFIXES = ("URW", "CC")
_NARRATIVE_KEYS = {"name", "definition", "examples_en", "examples_ru", "threshold", "subnarrative", "cues_en", "cues_ru",
                   "cast"}
# SemEval-2025 T10 subtask 1: three main roles and the fine roles of each
MAIN_ROLES = ("Protagonist", "Antagonist", "Innocent")
FINE_ROLES: dict[str, tuple[str, ...]] = {
    "Protagonist": ("Guardian", "Martyr", "Peacemaker", "Rebel", "Underdog", "Virtuous"),
    "Antagonist": ("Instigator", "Conspirator", "Tyrant", "Foreign Adversary", "Traitor", "Spy", "Saboteur",
                   "Corrupt", "Incompetent", "Terrorist", "Deceiver", "Bigot"),
    "Innocent": ("Forgotten", "Exploited", "Victim", "Scapegoat"),
}
# who a narrative casts: an entity's canonical name, "bloc:<bloc>" (every entity of the bloc) or "most:<bloc>"
# (the bloc's most mentioned entity in the article)
_WHO = re.compile(r"^(?:(?:bloc|most):[a-z_]+|[^:\s][^:]*)$")
_SUB_KEYS = {"name", "definition", "examples_en", "examples_ru"}
_BACKGROUND_KEYS = {"examples_en", "examples_ru"}
# the taxonomy file error: one line naming the file, the entry and the fix
TAXONOMY_ERROR = "FL113"


@lru_cache(maxsize=1)
def semeval_labels() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(narratives, subnarratives) of SemEval-2025 T10 subtask 2, ``Other`` included, as the scorer lists them."""
    def read(name: str) -> tuple[str, ...]:
        text = (RESOURCES / name).read_text(encoding="utf-8")
        return tuple(line.strip() for line in text.splitlines() if line.strip())

    return read("semeval2025_narratives.txt"), read("semeval2025_subnarratives.txt")


def narrative_of(subnarrative: str) -> str:
    """The narrative a full subnarrative name belongs to ("URW: A: B" -> "URW: A")."""
    return subnarrative.rsplit(": ", 1)[0] if subnarrative != OTHER else OTHER


@dataclass(frozen=True)
class Subnarrative:
    name: str  # full: "<narrative>: <sub>"
    definition: str
    examples: tuple[tuple[str, str], ...]  # (language, text)


@dataclass(frozen=True)
class Narrative:
    name: str
    definition: str
    examples: tuple[tuple[str, str], ...]
    subnarratives: tuple[Subnarrative, ...] = ()
    threshold: float | None = None
    source: str = ""
    # (language, patterns): a single sentence may carry the narrative when it matches every pattern
    cues: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # (who, main role, fine role): the roles an article pushing the narrative casts its entities in
    casts: tuple[tuple[tuple[str, ...], str, str], ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    """The few-shot narratives (regional extension + user files), in file order, and the background texts."""

    narratives: tuple[Narrative, ...]
    background: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]
    fingerprint: str

    def names(self) -> list[str]:
        return [n.name for n in self.narratives]


def _fail(path: Path | str, message: str) -> InputError:
    return InputError(str(path), message, code=TAXONOMY_ERROR)


def _strings(path, where: str, key: str, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"{where}: {key} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _examples(path, where: str, entry: dict) -> tuple[tuple[str, str], ...]:
    examples = tuple(("en", t) for t in _strings(path, where, "examples_en", entry.get("examples_en")))
    examples += tuple(("ru", t) for t in _strings(path, where, "examples_ru", entry.get("examples_ru")))
    if len(examples) < 2:
        raise _fail(path, f"{where}: needs at least two examples (examples_en / examples_ru)")
    return examples


def _known_keys(path, where: str, entry: dict, known: set[str]) -> None:
    extra = sorted(set(entry) - known)
    if extra:
        raise _fail(path, f"{where}: unknown key(s) {', '.join(extra)} (known: {', '.join(sorted(known))})")


def _cues(path, where: str, entry: dict) -> tuple[tuple[str, tuple[str, ...]], ...]:
    found = []
    for lang in ("en", "ru"):
        patterns = _strings(path, where, f"cues_{lang}", entry.get(f"cues_{lang}"))
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise _fail(path, f"{where}: cues_{lang}: {pattern!r} is not a regular expression ({exc})") from None
        if patterns:
            found.append((lang, patterns))
    return tuple(found)


def _casts(path, where: str, entry: dict) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    raw = entry.get("cast", [])
    if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
        raise _fail(path, f"{where}: write cast as a list of {{ who = [...], role = ..., fine = ... }} tables")
    found = []
    for c in raw:
        _known_keys(path, f"{where}: cast", c, {"who", "role", "fine"})
        who = _strings(path, f"{where}: cast", "who", c.get("who"))
        bad = [w for w in who if not _WHO.match(w)]
        if not who or bad:
            raise _fail(path, f"{where}: cast: who must list canonical names, 'bloc:<bloc>' or 'most:<bloc>'"
                              + (f" (not {bad[0]!r})" if bad else ""))
        role, fine = c.get("role"), c.get("fine")
        if role not in MAIN_ROLES or fine not in FINE_ROLES[role]:
            raise _fail(path, f"{where}: cast: role must be one of {', '.join(MAIN_ROLES)} and fine one of its fine "
                              f"roles ({role!r}, {fine!r})")
        found.append((who, role, fine))
    return tuple(found)


def _definition(path, where: str, entry: dict) -> str:
    definition = entry.get("definition")
    if not isinstance(definition, str) or not definition.strip():
        raise _fail(path, f"{where}: missing definition")
    return definition.strip()


def parse_taxonomy(text: str, path: Path | str = "<string>") -> tuple[list[Narrative], list[tuple[str, str]]]:
    """The narratives and background texts of one taxonomy file; InputError (FL113) naming every bad entry, one line
    each."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"narrative", "background"})
    if unknown:
        raise _fail(path, f"unknown top-level key(s) {', '.join(unknown)}: write each narrative as a [[narrative]] table")
    background: list[tuple[str, str]] = []
    if "background" in data:
        table = data["background"]
        if not isinstance(table, dict) or set(table) - _BACKGROUND_KEYS:
            raise _fail(path, "background: write one [background] table with examples_en / examples_ru lists")
        background = [("en", t) for t in _strings(path, "background", "examples_en", table.get("examples_en"))]
        background += [("ru", t) for t in _strings(path, "background", "examples_ru", table.get("examples_ru"))]
    entries = data.get("narrative", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise _fail(path, "write each narrative as a [[narrative]] table")
    out: list[Narrative] = []
    seen: set[str] = set()
    problems: list[str] = []  # every bad entry, one line each
    for i, entry in enumerate(entries, 1):
        try:
            name = entry.get("name")
            where = f"narrative {i}" + (f" ({name!r})" if isinstance(name, str) else "")
            if not isinstance(name, str) or not name.strip():
                raise _fail(path, f"{where}: missing name")
            name = " ".join(name.split())
            match = _NAME.match(name)
            if not match:
                raise _fail(path, f"{where}: name must read 'PREFIX: Name' with a prefix of your own, e.g. 'CA: ...'")
            if match.group(1).upper() in RESERVED_PREFIXES or name == OTHER:
                raise _fail(path, f"{where}: the prefix {match.group(1)}: belongs to the SemEval taxonomy; use a prefix of your own")
            _known_keys(path, where, entry, _NARRATIVE_KEYS)
            if name in seen:
                raise _fail(path, f"{where}: duplicate narrative name")
            seen.add(name)
            definition = _definition(path, where, entry)
            examples = _examples(path, where, entry)
            threshold = entry.get("threshold")
            if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))
                                          or not 0 < threshold < 1):
                raise _fail(path, f"{where}: threshold must be a number between 0 and 1")
            subs = []
            raw_subs = entry.get("subnarrative", [])
            if not isinstance(raw_subs, list):
                raise _fail(path, f"{where}: write each subnarrative as a [[narrative.subnarrative]] table")
            sub_seen: set[str] = set()
            for j, sub in enumerate(raw_subs, 1):
                sub_name = sub.get("name") if isinstance(sub, dict) else None
                sub_where = f"{where}, subnarrative {j}" + (f" ({sub_name!r})" if isinstance(sub_name, str) else "")
                if not isinstance(sub_name, str) or not sub_name.strip():
                    raise _fail(path, f"{sub_where}: missing name")
                sub_name = " ".join(sub_name.split())
                if sub_name.startswith(name + ": "):  # the full name was given
                    sub_name = sub_name[len(name) + 2:]
                if ": " in sub_name or sub_name == OTHER:
                    raise _fail(path, f"{sub_where}: a subnarrative name must not contain ': ' or be 'Other'")
                _known_keys(path, sub_where, sub, _SUB_KEYS)
                if sub_name in sub_seen:
                    raise _fail(path, f"{sub_where}: duplicate subnarrative name")
                sub_seen.add(sub_name)
                subs.append(Subnarrative(f"{name}: {sub_name}", _definition(path, sub_where, sub),
                                         _examples(path, sub_where, sub)))
            out.append(Narrative(name, definition, examples, tuple(subs),
                                 None if threshold is None else float(threshold), str(path), _cues(path, where, entry),
                                 _casts(path, where, entry)))
        except InputError as exc:
            problems.append(exc.reason)
    if problems:
        raise _fail(path, "".join([problems[0]] + [f"\n{path}: {p}" for p in problems[1:]]))
    return out, background


def user_taxonomy_paths(explicit: Sequence[Path | str] | None = None) -> list[Path]:
    """The user's taxonomy files: ``explicit``, else FAULTLINES_NARRATIVES, else the default file if it exists."""
    if explicit:
        return [Path(p).expanduser() for p in explicit]
    env = os.environ.get("FAULTLINES_NARRATIVES")
    if env:
        return [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    default = default_user_file()
    return [default] if default.exists() else []


def default_user_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "faultlines" / "narratives.toml"


def cache_dir() -> Path:
    """Where ``reload`` writes the prototypes: FAULTLINES_NARRATIVES_CACHE, else $XDG_CACHE_HOME/faultlines."""
    env = os.environ.get("FAULTLINES_NARRATIVES_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "faultlines"


def load_taxonomy(user_files: Iterable[Path | str] = (), *, shipped: Sequence[Path] = SHIPPED_FILES) -> Taxonomy:
    """The shipped regional narratives and background plus each user file, validated (InputError FL113 on the
    first problem)."""
    paths = [Path(p) for p in shipped] + [Path(p) for p in user_files]
    narratives: list[Narrative] = []
    background: list[tuple[str, str]] = []
    where: dict[str, str] = {}
    semeval = set(semeval_labels()[0])
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise _fail(path, "taxonomy file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise _fail(path, f"cannot read the taxonomy file: {exc}") from None
        found, extra_background = parse_taxonomy(text, path)
        background += extra_background
        for narrative in found:
            if narrative.name in where or narrative.name in semeval:
                first = where.get(narrative.name, "the SemEval taxonomy")
                raise _fail(path, f"narrative {narrative.name!r} is already defined in {first}")
            where[narrative.name] = str(path)
            narratives.append(narrative)
    return Taxonomy(tuple(narratives), tuple(background), tuple(str(p) for p in paths), fingerprint(paths))


def fingerprint(paths: Sequence[Path]) -> str:
    """A digest of the taxonomy files' names and contents (missing files count as empty)."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b""
        digest.update(Path(path).name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:16]
