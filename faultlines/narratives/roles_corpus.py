"""SemEval-2025 T10 subtask 1 for the roles model: reading, training, cross-validation, official scoring, prediction.

Documents go through the same path as analysis (ingest → language → segment
→ nlp → the shared encoder with an on-disk cache), so training features equal
analysis features and cross-validation never re-encodes.

Offsets: the subtask-1 files count ``end`` inclusively and, in the Russian
files, mostly as if every newline were two characters; :func:`locate` finds
the mention in the text as read (the given offsets are echoed unchanged in
predictions, which is what the scorer keys on).
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from ..errors import FaultlinesError
from ..model import Document
from .roles import (
    ALL_FINE,
    MAIN_ROLES,
    MODEL_DIR,
    MentionContext,
    RoleModel,
    contexts_for,
)

LANG_DIRS = {"en": "EN", "ru": "RU"}
SCORER = "subtask1_scorer.py"
DEFAULT_CACHE = Path(".cache/encodings.sqlite")
# Chosen by 5-fold document cross-validation (seeds 7, 13, 21) on EN+RU; see docs/roles.md. The USE
# vectors help Russian but add noise to English at full weight, hence the down-weighted dense block.
DEFAULT_CONFIG: dict[str, Any] = {
    "C_main": 10.0, "C_fine": 10.0, "dense_weight": 0.3, "cross_weight": 0.3, "pca": 16, "min_count": 2,
    "entity_share": 0.5, "second_ratio": 1.01,
    # static word vectors (text.wordvec) of the governing word and the context lemmas, per language
    "word_vectors": {"en": "wordllama", "ru": "navec"}, "lexical_weight": 0.5,
}

Say = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass(frozen=True)
class MentionLine:
    """One line of a subtask-1 file; ``main``/``fines`` empty in a mentions-only file."""

    file: str
    mention: str
    start: int  # as given
    end: int  # as given (inclusive)
    main: str = ""
    fines: tuple[str, ...] = ()

    def row(self, main: str, fines: Sequence[str]) -> str:
        return "\t".join([self.file, self.mention, str(self.start), str(self.end), main, *fines])


class RolesDataError(FaultlinesError):
    """A subtask-1 mentions or annotation file that cannot be read, or names documents that are not there."""

    code = "FL120"


def semeval_root(data: Path) -> Path:
    data = Path(data)
    for cand in (data / "semeval2025_task10", data):
        if (cand / "scorers" / SCORER).exists() or (cand / "EN").is_dir():
            return cand
    raise FileNotFoundError(f"no semeval2025_task10 folder under {data}")


def read_lines(path: Path, *, labelled: bool) -> list[MentionLine]:
    """Lines ``FILE<TAB>mention<TAB>start<TAB>end[<TAB>main<TAB>fine…]``; a bad line raises with its number."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            parts = line.rstrip("\r\n").split("\t")
            if len(parts) < (5 if labelled else 4):
                raise RolesDataError(f"{path}:{n}: expected FILE<TAB>mention<TAB>start<TAB>end"
                                     f"{'<TAB>main<TAB>fine roles' if labelled else ''}, got {line.strip()[:80]!r}")
            if parts[:4] == ["article_id", "entity_mention", "start_offset", "end_offset"]:
                continue
            try:
                start, end = int(parts[2]), int(parts[3])
            except ValueError:
                raise RolesDataError(f"{path}:{n}: start and end must be integers, got {parts[2]!r} {parts[3]!r}") from None
            if start < 0 or end < start:
                raise RolesDataError(f"{path}:{n}: bad offsets {start} {end}")
            out.append(MentionLine(parts[0], parts[1], start, end, parts[4] if len(parts) > 4 else "",
                                   tuple(p for p in parts[5:] if p)))
    return out


def locate(text: str, mention: str, start: int, end: int) -> tuple[int, int]:
    """The mention's ``[start, end)`` in ``text``: the given offsets when they fit, else the nearest occurrence.

    The nearest occurrence is measured both plainly and as if newlines were
    two characters (the Russian files), or a byte-order mark one.
    """
    if text[start : end + 1] == mention:
        return start, end + 1
    occurrences = []
    i = text.find(mention)
    while i >= 0 and mention:
        occurrences.append(i)
        i = text.find(mention, i + 1)
    if not occurrences:
        low = text.lower()
        i = low.find(mention.lower())
        while i >= 0 and mention:
            occurrences.append(i)
            i = low.find(mention.lower(), i + 1)
    if not occurrences:
        s = min(max(0, start), len(text))
        return s, min(len(text), max(s, end + 1))

    def distance(i: int) -> int:
        shifted = i + text.count("\n", 0, i)
        return min(abs(i - start), abs(shifted - start), abs(i + 1 - start))

    best = min(occurrences, key=lambda i: (distance(i), i))
    return best, best + len(mention)


# --------------------------------------------------------------------------- documents


def prepare(paths: Sequence[Path], lang: str | None, cache: Path | None, say: Say = _quiet) -> list[Document]:
    """Read, segment, parse and encode files exactly as analysis does.

    ``lang`` forces the language; without it a document detected as neither
    English nor Russian is read as English (the task's documents are one or the other).
    """
    from ..ingest.files import read_text_file
    from ..pipeline import Pipeline, get_analyzer
    from ..settings import Settings
    from ..text.encode import DEFAULT_BACKEND, Encoder, encode_documents, shared_encoder

    settings = Settings()
    docs = list(Pipeline(("language", "segment"), settings).pipe(read_text_file(p, settings) for p in paths))
    for doc in docs:
        if lang is not None or doc.language not in ("en", "ru"):
            doc.language = lang or "en"
    say(f"parsing {len(docs)} documents")
    docs = get_analyzer("nlp", settings).pipe(docs)
    encoder = Encoder(DEFAULT_BACKEND, cache_path=Path(cache)) if cache else shared_encoder()
    say(f"encoding {len(docs)} documents (cached: {cache})")
    for doc, encoding in zip(docs, encode_documents(docs, encoder, sentences=True)):
        doc.work["encoding"] = encoding
    return docs


@dataclass
class Sample:
    """Gold mentions of one document with their contexts."""

    doc_id: str
    lang: str
    lines: list[MentionLine]
    contexts: list[MentionContext]


def samples_for(docs: Sequence[Document], lines: Sequence[MentionLine], lang: str) -> list[Sample]:
    from .entities import document_entities

    by_file: dict[str, list[MentionLine]] = {}
    for line in lines:
        by_file.setdefault(line.file, []).append(line)
    out = []
    for doc in docs:
        mine = by_file.get(Path(doc.source or doc.id).name, [])
        if not mine:
            continue
        spans = [locate(doc.text, x.mention, x.start, x.end) for x in mine]
        mentions, entities = document_entities(doc, spans)
        at = {(m.start, m.end): m for m in mentions if m.kind == "given"}
        chosen = [at[s] for s in spans]
        out.append(Sample(Path(doc.source or doc.id).name, lang, list(mine), contexts_for(doc, chosen, entities)))
    return out


def load_corpus(data: Path, langs: Sequence[str], cache: Path | None, say: Say = _quiet) -> list[Sample]:
    root = semeval_root(data)
    samples: list[Sample] = []
    for lang in langs:
        folder = root / LANG_DIRS[lang]
        lines = read_lines(folder / "subtask-1-annotations.txt", labelled=True)
        files = sorted({x.file for x in lines})
        missing = [f for f in files if not (folder / "raw-documents" / f).exists()]
        if missing:
            raise FileNotFoundError(f"{len(missing)} annotated documents missing under {folder / 'raw-documents'}")
        say(f"{lang}: {len(lines)} mentions in {len(files)} documents")
        docs = prepare([folder / "raw-documents" / f for f in files], lang, cache, say)
        samples += samples_for(docs, lines, lang)
    return samples


# --------------------------------------------------------------------------- training


def _rows(samples: Sequence[Sample]) -> tuple[list[MentionContext], list[MentionLine]]:
    contexts = [c for s in samples for c in s.contexts]
    lines = [x for s in samples for x in s.lines]
    return contexts, lines


def fit(samples: Sequence[Sample], config: dict[str, Any] | None = None) -> RoleModel:
    """Train both heads on the samples (deterministic: L-BFGS from zero, sorted vocabulary)."""
    from threadpoolctl import threadpool_limits

    # one BLAS thread: on a shared two-core machine, threads only fight (a fit takes 8x longer)
    with threadpool_limits(1, user_api="blas"):
        return _fit(samples, dict(DEFAULT_CONFIG, **(config or {})))


def _fit(samples: Sequence[Sample], cfg: dict[str, Any]) -> RoleModel:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    contexts, lines = _rows(samples)
    counts = Counter(w for c in contexts for w in set(c.words))
    vocabulary = {w: i for i, w in enumerate(sorted(w for w, n in counts.items() if n >= cfg["min_count"]))}
    docs = np.stack([c.document for c in contexts]).astype(np.float64)
    center = docs.mean(0)
    _, _, vt = np.linalg.svd(docs - center, full_matrices=False)
    projection = vt[: cfg["pca"]]
    # fixed signs: the largest coordinate of each direction positive
    projection *= np.sign(projection[np.arange(len(projection)), np.abs(projection).argmax(1)])[:, None]
    model = RoleModel(vocabulary, projection.astype(np.float32), center.astype(np.float32),
                      np.zeros((3, 0)), np.zeros(3), np.zeros((len(ALL_FINE), 0)), np.zeros(len(ALL_FINE)), cfg)
    X = model.features(contexts)
    d = X.shape[1]
    y_main = np.array([MAIN_ROLES.index(x.main) for x in lines])
    main = LogisticRegression(C=cfg["C_main"], max_iter=3000, tol=1e-6).fit(X, y_main)
    model.main_coef, model.main_intercept = _full(main, d, len(MAIN_ROLES))
    # fine: one row per (mention, fine role), weighted so each mention counts once
    rows, y_fine, weights = [], [], []
    for i, x in enumerate(lines):
        fines = [f for f in x.fines if f in ALL_FINE] or [_default_fine(x.main)]
        for f in fines:
            rows.append(i)
            y_fine.append(ALL_FINE.index(f))
            weights.append(1.0 / len(fines))
    fine = LogisticRegression(C=cfg["C_fine"], max_iter=3000, tol=1e-6).fit(
        sparse.csr_matrix(X)[rows], np.array(y_fine), sample_weight=np.array(weights))
    model.fine_coef, model.fine_intercept = _full(fine, d, len(ALL_FINE))
    return model


def _default_fine(main: str) -> str:
    return {"Protagonist": "Guardian", "Antagonist": "Instigator", "Innocent": "Victim"}[main]


def _full(clf, d: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients for all ``n`` classes (classes absent from training get a very low intercept)."""
    coef = np.zeros((n, d), dtype=np.float32)
    intercept = np.full(n, -30.0, dtype=np.float32)
    classes = list(clf.classes_)
    if len(classes) == 2:  # sklearn keeps one row for two classes
        coef[classes[1]], intercept[classes[1]] = clf.coef_[0], clf.intercept_[0]
        intercept[classes[0]] = 0.0
    else:
        for k, c in enumerate(classes):
            coef[c], intercept[c] = clf.coef_[k], clf.intercept_[k]
    return coef, intercept


def fold_of(names: Iterable[str], folds: int, seed: int) -> dict[str, int]:
    """Documents dealt round-robin into folds in a seeded hash order (balanced, reproducible)."""
    order = sorted(set(names), key=lambda n: hashlib.sha1(f"{seed}:{n}".encode()).hexdigest())
    return {n: i % folds for i, n in enumerate(order)}


# --------------------------------------------------------------------------- scoring


def scorer_path(data: Path) -> Path:
    path = semeval_root(data) / "scorers" / SCORER
    if not path.exists():
        raise FileNotFoundError(f"official scorer {SCORER} not found under {data}")
    return path


def official_score(gold: Path, pred: Path, scorer: Path) -> dict[str, float]:
    """EMR, micro precision/recall/F1 of fine roles and main-role accuracy, printed by the official scorer."""
    res = subprocess.run([sys.executable, str(scorer), "-g", str(gold), "-p", str(pred)],
                         capture_output=True, text=True, check=False)
    lines = [ln for ln in res.stdout.splitlines() if ln.count("\t") == 4]
    if res.returncode != 0 or not lines:
        raise FaultlinesError(f"scorer {SCORER} failed: {(res.stderr or res.stdout).strip()[-400:]}", code="FL602")
    emr, p, r, f1, acc = (float(v) for v in lines[-1].split("\t"))
    return {"emr": emr, "micro_precision": p, "micro_recall": r, "micro_f1": f1, "main_accuracy": acc}


def write_rows(rows: Iterable[str], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(row + "\n")


def cross_validate(samples: Sequence[Sample], folds: int, seed: int, scorer: Path, workdir: Path,
                   config: dict[str, Any] | None = None, say: Say = _quiet) -> dict[str, dict[str, Any]]:
    """Out-of-fold predictions (folds by document, both languages trained together) scored per language
    by the official scorer, beside the majority baseline of each training split."""
    fold = fold_of((s.doc_id for s in samples), folds, seed)
    predicted: dict[tuple[str, int], tuple[str, list[str]]] = {}
    baseline: dict[tuple[str, int], tuple[str, list[str]]] = {}
    for k in range(folds):
        train = [s for s in samples if fold[s.doc_id] != k]
        test = [s for s in samples if fold[s.doc_id] == k]
        if not test:
            continue
        model = fit(train, config)
        for lang in sorted({s.lang for s in test}):
            majority = _majority([x for s in train if s.lang == lang for x in s.lines])
            mine = [s for s in test if s.lang == lang]
            contexts, lines = _rows(mine)
            for x, (main, fines, _) in zip(lines, model.predict(contexts)):
                predicted[(x.file, id(x))] = (main, fines)
                baseline[(x.file, id(x))] = majority
        say(f"fold {k + 1}/{folds}: {len(test)} documents held out")
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    for lang in sorted({s.lang for s in samples}):
        lines = [x for s in samples if s.lang == lang for x in s.lines]
        gold = workdir / f"gold-{lang}.txt"
        write_rows((x.row(x.main, x.fines) for x in lines), gold)
        scores = {}
        for name, table in (("model", predicted), ("majority", baseline)):
            pred = workdir / f"pred-{name}-{lang}.txt"
            write_rows((x.row(*table[(x.file, id(x))]) for x in lines), pred)
            scores[name] = official_score(gold, pred, scorer)
        results[lang] = {"documents": len({x.file for x in lines}), "mentions": len(lines), **scores}
    return results


def _majority(lines: Sequence[MentionLine]) -> tuple[str, list[str]]:
    """Always the most frequent main role with its most frequent fine role (of the training split)."""
    main = Counter(x.main for x in lines).most_common(1)[0][0] if lines else "Antagonist"
    fines = Counter(f for x in lines if x.main == main for f in x.fines)
    return main, [fines.most_common(1)[0][0] if fines else _default_fine(main)]


def train_and_save(data: Path, langs: Sequence[str], cache: Path | None, out: Path = MODEL_DIR,
                   config: dict[str, Any] | None = None, say: Say = _quiet) -> list[Path]:
    samples = load_corpus(data, langs, cache, say)
    model = fit(samples, config)
    model.config = dict(model.config, trained_on={lang: sum(len(s.lines) for s in samples if s.lang == lang)
                                                  for lang in langs})
    return model.save(out)


# --------------------------------------------------------------------------- prediction in the task format


def predict_file(documents: Path, mentions: Path, lang: str | None, cache: Path | None,
                 model: RoleModel, say: Say = _quiet) -> list[str]:
    """Subtask-1 rows for every line of a mentions file (``FILE<TAB>mention<TAB>start<TAB>end``)."""
    lines = read_lines(mentions, labelled=False)
    files = list(dict.fromkeys(x.file for x in lines))
    unknown = [f for f in files if not (documents / f).is_file()]
    if unknown:
        raise RolesDataError(f"{len(unknown)} file(s) of {mentions} not in {documents}: {', '.join(unknown[:5])}")
    docs = prepare([documents / f for f in files], lang, cache, say)
    rows_of: dict[int, str] = {}
    for doc in docs:
        samples = samples_for([doc], lines, doc.language)
        for sample in samples:
            for x, (main, fines, _) in zip(sample.lines, model.predict(sample.contexts)):
                rows_of[id(x)] = x.row(main, fines)
    return [rows_of[id(x)] for x in lines]


def dump(results: dict[str, Any]) -> str:
    return json.dumps(results, indent=2, ensure_ascii=False)

