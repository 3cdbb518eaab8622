"""Readers for the SemEval-2023 Task 3 and PTC corpora, and article-level splits.

Offsets index the article file read as UTF-8 with no newline translation
(``newline=""``), as the shared-task labels do. A paragraph is one non-empty
line; its number is the 1-based line number, as in the subtask-3 files.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

RESOURCES = Path(__file__).parent / "resources"


def _read_list(name: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines() if line.strip())


TECHNIQUES: tuple[str, ...] = _read_list("techniques.txt")
FRAMES: tuple[str, ...] = _read_list("frames.txt")
GENRES: tuple[str, ...] = ("reporting", "opinion", "satire")

# PTC's 14 labels on the 23-technique scheme. Merged PTC classes map to every
# technique they merged: a PTC "Whataboutism,Straw_Men,Red_Herring" span is
# evidence of each of the three, so it counts for all three.
PTC_MAP: dict[str, tuple[str, ...]] = {
    "Appeal_to_Authority": ("Appeal_to_Authority",),
    "Appeal_to_fear-prejudice": ("Appeal_to_Fear-Prejudice",),
    "Bandwagon,Reductio_ad_hitlerum": ("Appeal_to_Popularity", "Guilt_by_Association"),
    "Black-and-White_Fallacy": ("False_Dilemma-No_Choice",),
    "Causal_Oversimplification": ("Causal_Oversimplification",),
    "Doubt": ("Doubt",),
    "Exaggeration,Minimisation": ("Exaggeration-Minimisation",),
    "Flag-Waving": ("Flag_Waving",),
    "Loaded_Language": ("Loaded_Language",),
    "Name_Calling,Labeling": ("Name_Calling-Labeling",),
    "Repetition": ("Repetition",),
    "Slogans": ("Slogans",),
    "Thought-terminating_Cliches": ("Conversation_Killer",),
    "Whataboutism,Straw_Men,Red_Herring": ("Whataboutism", "Straw_Man", "Red_Herring"),
}

_ARTICLE = re.compile(r"article(\d+)\.txt$")


@dataclass(frozen=True)
class Span:
    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    line: int  # 1-based line number in the article file
    start: int
    end: int
    text: str


@dataclass
class Article:
    id: str
    text: str
    lang: str = "en"
    paragraphs: list[Paragraph] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    # line -> techniques (only lines present in the gold paragraph file)
    paragraph_labels: dict[int, tuple[str, ...]] = field(default_factory=dict)
    genre: str | None = None
    frames: tuple[str, ...] = ()


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def split_paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines with their 1-based line numbers and character offsets."""
    out: list[Paragraph] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        body = line.rstrip("\r")
        if body.strip():
            out.append(Paragraph(number, pos, pos + len(body), body))
        pos += len(line) + 1
    return out


def article_id(path: Path) -> str | None:
    m = _ARTICLE.search(path.name)
    return m.group(1) if m else None


def read_articles(directory: Path, lang: str = "en") -> dict[str, Article]:
    arts: dict[str, Article] = {}
    for path in sorted(Path(directory).glob("article*.txt")):
        aid = article_id(path)
        if aid is None:
            continue
        text = read_text(path)
        arts[aid] = Article(aid, text, lang, split_paragraphs(text))
    return arts


def _tsv(path: Path) -> Iterable[list[str]]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if line:
                yield line.split("\t")


def load_semeval(root: Path, lang: str, split: str = "train") -> list[Article]:
    """SemEval-2023 T3 articles of one language with every label the folder has."""
    base = Path(root) / lang
    arts = read_articles(base / f"{split}-articles", lang)
    span_dir = base / f"{split}-labels-spans"
    if span_dir.is_dir():
        for path in sorted(span_dir.glob("*.txt")):
            for cols in _tsv(path):
                if len(cols) >= 4 and cols[0] in arts and cols[1] in TECHNIQUES:
                    arts[cols[0]].spans.append(Span(cols[1], int(cols[2]), int(cols[3])))
    for cols in _tsv(base / f"{split}-labels-paragraphs.txt"):
        if cols[0] in arts:
            labels = tuple(t for t in (cols[2].split(",") if len(cols) > 2 else []) if t)
            arts[cols[0]].paragraph_labels[int(cols[1])] = labels
    for cols in _tsv(base / f"{split}-labels-genre.txt"):
        if cols[0] in arts and len(cols) > 1:
            arts[cols[0]].genre = cols[1].strip()
    for cols in _tsv(base / f"{split}-labels-frames.txt"):
        if cols[0] in arts and len(cols) > 1:
            arts[cols[0]].frames = tuple(f for f in cols[1].split(",") if f in FRAMES)
    return [arts[k] for k in sorted(arts)]


def load_ptc(root: Path, split: str = "dev") -> list[Article]:
    """PTC v2 articles with technique spans mapped onto the 23-technique scheme."""
    base = Path(root)
    arts = read_articles(base / f"{split}-articles", "en")
    for path in sorted((base / f"{split}-labels-task-flc-tc").glob("*.labels")):
        for cols in _tsv(path):
            if len(cols) >= 4 and cols[0] in arts:
                for tech in PTC_MAP.get(cols[1], ()):
                    arts[cols[0]].spans.append(Span(tech, int(cols[2]), int(cols[3])))
    return [arts[k] for k in sorted(arts)]


def semeval_root(data: Path) -> Path:
    """Accept either ``../shared/datasets`` or its ``semeval2023_task3`` folder."""
    data = Path(data)
    return data / "semeval2023_task3" if (data / "semeval2023_task3").is_dir() else data


def ptc_root(data: Path) -> Path:
    data = Path(data)
    return data / "ptc_semeval2020_task11" if (data / "ptc_semeval2020_task11").is_dir() else data


def fold_of(article: str, folds: int, seed: int = 13) -> int:
    """Deterministic article-level fold (a hash, so adding articles moves no others)."""
    h = hashlib.sha1(f"{seed}:{article}".encode()).digest()
    return int.from_bytes(h[:4], "big") % folds


def labelled_paragraphs(art: Article) -> list[tuple[Paragraph, tuple[str, ...]]]:
    """Paragraphs with gold labels: from the paragraph file, else derived from spans."""
    out = []
    for p in art.paragraphs:
        if art.paragraph_labels:
            if p.line not in art.paragraph_labels:
                continue
            labels = art.paragraph_labels[p.line]
        else:
            labels = tuple(sorted({s.technique for s in art.spans if s.start < p.end and s.end > p.start}))
        out.append((p, labels))
    return out
