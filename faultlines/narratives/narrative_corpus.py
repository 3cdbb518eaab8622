"""SemEval-2025 T10 subtask 2 on disk: reading the corpus, training, cross-validation with the official scorer, prediction.

Documents go through the same path as analysis (ingest -> language ->
segment -> the shared encoder, with a disk cache), so training features
equal analysis features and cross-validation never re-encodes a paragraph.
"""
from __future__ import annotations

import csv
import importlib.util
import io
import tempfile
import time
from contextlib import redirect_stdout
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..errors import FaultlinesError
from ..model import Document
from ..text.encode import DEFAULT_BACKEND, Encoder, Encoding, encode_documents
from .narrative_heads import (
    HEADS_STEM,
    Config,
    NarrativeHeads,
    encoding_features,
    fit_heads,
    fold_of,
    in_domain,
)
from .regional import BACKGROUND_FILE, SHIPPED_STEM
from .taxonomy import MODEL_DIR, OTHER, Taxonomy, narrative_of

Say = Callable[[str], None]
LANG_DIRS = {"en": "EN", "ru": "RU"}
DEFAULT_CONFIG = Config()


def semeval_root(data: Path) -> Path:
    """The semeval2025_task10 folder under ``data`` (or ``data`` itself)."""
    data = Path(data)
    for cand in (data / "semeval2025_task10", data):
        if (cand / "scorers" / "subtask2_scorer.py").exists() or any((cand / d).is_dir() for d in LANG_DIRS.values()):
            return cand
    raise FileNotFoundError(f"no SemEval-2025 Task 10 corpus under {data} (expected semeval2025_task10/EN, RU, scorers)")


@dataclass
class LabelledDoc:
    doc: Document
    lang: str
    narratives: list[str]
    subnarratives: list[str]

    @property
    def file(self) -> str:
        return self.doc.meta.get("file", self.doc.id + ".txt")


def read_documents(files: Sequence[Path], settings=None) -> list[Document]:
    """Raw documents as the analyzer sees them: ingest + language + segment (file name kept in ``meta['file']``)."""
    from ..ingest.files import read_text_file
    from ..pipeline import Pipeline
    from ..settings import Settings

    settings = settings or Settings.from_env()
    docs = []
    for path in files:
        doc = read_text_file(path, settings)
        doc.meta["file"] = Path(path).name
        docs.append(doc)
    return list(Pipeline(("language", "segment"), settings).pipe(docs))


def read_annotations(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """FILE -> (narratives, subnarratives), as the official scorer reads them (csv, tab, universal newlines)."""
    out = {}
    with open(path, encoding="utf-8", newline=None) as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) >= 3:
                out[row[0]] = (list(dict.fromkeys(row[1].split(";"))), list(dict.fromkeys(row[2].split(";"))))
    return out


def load_corpus(data: Path, langs: Sequence[str], settings=None, limit: int | None = None) -> list[LabelledDoc]:
    """The labelled subtask-2 documents of each language (``limit``: the first N per language, for tests)."""
    root = semeval_root(data)
    items: list[LabelledDoc] = []
    for lang in langs:
        folder = root / LANG_DIRS[lang]
        labels = read_annotations(folder / "subtask-2-annotations.txt")
        names = sorted(labels)[:limit] if limit else sorted(labels)
        docs = read_documents([folder / "raw-documents" / n for n in names], settings)
        items += [LabelledDoc(d, lang, *labels[n]) for d, n in zip(docs, names)]
    return items


def encode(docs: Sequence[Document], backend: str, cache: Path | None) -> list[Encoding]:
    return encode_documents(list(docs), Encoder(backend, cache_path=Path(cache) if cache else None))


def features(encodings: Sequence[Encoding], config: Config) -> np.ndarray:
    return np.stack([encoding_features(e, config.features) for e in encodings])


def feature_matrix(docs: Sequence[Document], backend: str, cache: Path | None, config: Config) -> np.ndarray:
    """Feature rows of the documents; ``backend`` "e5+use" joins both encoders' rows (a comparison only:
    the pipeline has one encoder pass)."""
    return np.hstack([features(encode(docs, b, cache), config) for b in backend.split("+")])


# --------------------------------------------------------------------------- the official scorer


@lru_cache(maxsize=4)
def _scorer(path: str):
    spec = importlib.util.spec_from_file_location("semeval2025_subtask2_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_predictions(rows: Sequence[tuple[str, Sequence[str], Sequence[str]]], path: Path) -> None:
    """``FILE<TAB>narratives<TAB>subnarratives`` (``;``-separated), the subtask-2 format."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for name, narratives, subnarratives in rows:
            f.write(f"{name}\t{';'.join(narratives)}\t{';'.join(subnarratives)}\n")


def official_scores(gold: Sequence[tuple[str, Sequence[str], Sequence[str]]],
                    pred: Sequence[tuple[str, Sequence[str], Sequence[str]]], data: Path) -> dict[str, float]:
    """Samples-F1 coarse and fine (mean and sd) from ``subtask2_scorer.read_and_evaluate``.

    The scorer pairs gold and predicted rows by position, so both files are
    written here in the same document order.
    """
    scorers = semeval_root(data) / "scorers"
    if not (scorers / "subtask2_scorer.py").exists():
        raise FaultlinesError(f"no official scorer {scorers / 'subtask2_scorer.py'}", code="FL601")
    by_name = {name: (n, s) for name, n, s in pred}
    with tempfile.TemporaryDirectory() as tmp:
        g, p = Path(tmp) / "gold.txt", Path(tmp) / "pred.txt"
        write_predictions(gold, g)
        write_predictions([(name, *by_name[name]) for name, _, _ in gold], p)
        with redirect_stdout(io.StringIO()):
            f1_c, sd_c, f1_f, sd_f = _scorer(str(scorers / "subtask2_scorer.py")).read_and_evaluate(
                str(p), str(g), str(scorers / "subtask2_narratives.txt"), str(scorers / "subtask2_subnarratives.txt"))
    return {"coarse_f1": float(f1_c), "coarse_sd": float(sd_c), "fine_f1": float(f1_f), "fine_sd": float(sd_f)}


# --------------------------------------------------------------------------- prediction rows


def rows_of(pairs: Sequence[tuple[str, str, float, float]]) -> tuple[list[str], list[str]]:
    """Narratives and subnarratives of one document's predicted pairs, each listed once."""
    return list(dict.fromkeys(p[0] for p in pairs)), list(dict.fromkeys(p[1] for p in pairs))


def most_frequent_baseline(train: Sequence[LabelledDoc], test: Sequence[LabelledDoc]) -> list[tuple[list[str], list[str]]]:
    """The k most frequent narratives of the training documents of each language (k chosen on them), each with
    its most frequent subnarrative; ``Other`` alone when it is the most frequent label."""
    from collections import Counter

    def labels_for(docs: Sequence[LabelledDoc], k: int) -> tuple[list[str], list[str]]:
        counts = Counter(c for d in docs for c in set(d.narratives))
        top = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]
        if OTHER in top:
            top = [OTHER] if top[0] == OTHER else top[: top.index(OTHER)]
        subs = []
        for c in top:
            if c == OTHER:
                subs.append(OTHER)
                continue
            sub_counts = Counter(s for d in docs for s in set(d.subnarratives) if narrative_of(s) == c)
            subs.append(sorted(sub_counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
        return top, subs

    def f1(gold: Sequence[str], pred: Sequence[str]) -> float:
        shared = len(set(gold) & set(pred))
        return 2 * shared / (len(set(gold)) + len(set(pred))) if shared else 0.0

    chosen = {}
    for lang in sorted({d.lang for d in train}):
        docs = [d for d in train if d.lang == lang]
        best_k = max(range(1, 5), key=lambda k: (np.mean([f1(d.narratives, labels_for(docs, k)[0]) for d in docs]), -k))
        chosen[lang] = labels_for(docs, best_k)
    return [chosen.get(d.lang, ([OTHER], [OTHER])) for d in test]


# --------------------------------------------------------------------------- training and evaluation


def fit(items: Sequence[LabelledDoc], X: np.ndarray, config: Config, backend: str) -> NarrativeHeads:
    return fit_heads(X, [d.file for d in items], [d.lang for d in items], [d.narratives for d in items],
                     [d.subnarratives for d in items], config, backend)


def cross_validate(items: Sequence[LabelledDoc], X: np.ndarray, config: Config, folds: int,
                   data: Path, backend: str, say: Say = lambda m: None, decision: str | None = None) -> dict:
    """Out-of-fold predictions for every document (split by document, seeded), scored per language by the
    official scorer beside the most-frequent-labels baseline on the same folds (``X``: their feature rows;
    ``decision``: one language's thresholds for all, as the analyzer does, instead of each language's own)."""
    t0 = time.perf_counter()
    fold = np.array([fold_of(d.file, folds, config.seed) for d in items])
    predicted: dict[int, tuple[list[str], list[str]]] = {}
    baseline: dict[int, tuple[list[str], list[str]]] = {}
    for k in range(folds):
        train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        if not len(test):
            continue
        say(f"fold {k + 1}/{folds}: train {len(train)} documents, test {len(test)}")
        heads = fit([items[i] for i in train], X[train], config, backend)
        pairs = heads.predict(X[test], [decision or items[i].lang for i in test])
        for i, p in zip(test, pairs):
            if decision:  # as the analyzer reads them: a domain's narratives only in a text of that domain
                p = [x for x in p if in_domain(x[0], items[i].doc.text)] or [(OTHER, OTHER, 0.0, 0.0)]
            predicted[i] = rows_of(p)
        for i, b in zip(test, most_frequent_baseline([items[i] for i in train], [items[i] for i in test])):
            baseline[i] = b
    result: dict = {}
    for lang in sorted({d.lang for d in items}):
        idx = [i for i, d in enumerate(items) if d.lang == lang]
        gold = [(items[i].file, items[i].narratives, items[i].subnarratives) for i in idx]
        model = official_scores(gold, [(items[i].file, *predicted[i]) for i in idx], data)
        base = official_scores(gold, [(items[i].file, *baseline[i]) for i in idx], data)
        result[lang] = {**model, "baseline_coarse_f1": base["coarse_f1"], "baseline_fine_f1": base["fine_f1"],
                        "documents": len(idx)}
    result["config"] = {**config.__dict__, "backend": backend, "folds": folds, "decision": decision or "per language"}
    result["seconds"] = round(time.perf_counter() - t0, 1)
    return result


def raw_files(data: Path, langs: Sequence[str], limit: int | None = None) -> list[Path]:
    """Every raw document of the languages, labelled or not (``limit``: the first N per language)."""
    root = semeval_root(data)
    files: list[Path] = []
    for lang in langs:
        found = documents_in(root / LANG_DIRS[lang] / "raw-documents")
        files += found[:limit] if limit else found
    return files


def paragraph_vectors(encodings: Sequence[Encoding]) -> np.ndarray:
    rows = [e.vectors for e in encodings if len(e.vectors)]
    return np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float32)


def train_and_save(data: Path, langs: Sequence[str], config: Config = DEFAULT_CONFIG, backend: str = DEFAULT_BACKEND,
                   cache: Path | None = None, out_dir: Path = MODEL_DIR, say: Say = lambda m: None,
                   limit: int | None = None, taxonomy: Taxonomy | None = None) -> list[Path]:
    """Everything ``faultlines train narratives`` ships, deterministically: the SemEval heads, the background
    centroids of the news paragraphs, and the regional model of the shipped taxonomy (or ``taxonomy``).
    ``limit``: the first N documents per language (tests)."""
    from .regional import build_regional_model, paragraph_centroids
    from .taxonomy import load_taxonomy

    items = load_corpus(data, langs, limit=limit)
    if not items:
        raise FileNotFoundError(f"no labelled SemEval-2025 subtask-2 documents under {data}")
    encoder = Encoder(backend, cache_path=Path(cache) if cache else None)
    say(f"encoding {len(items)} labelled documents ({backend}; cache {cache})")
    encodings = encode_documents([d.doc for d in items], encoder)
    say(f"training the SemEval heads on {len(items)} documents")
    files = fit(items, features(encodings, config), config, backend).save(Path(out_dir) / HEADS_STEM.name)
    raw = read_documents(raw_files(data, langs, limit))
    say(f"clustering the paragraphs of {len(raw)} raw documents into the regional detector's background")
    centroids = paragraph_centroids(paragraph_vectors(encode_documents(raw, encoder)), seed=config.seed)
    # shipped as float16: the regional model is built from exactly what `reload` will read back
    centroids = centroids.astype(np.float16)
    background = Path(out_dir) / BACKGROUND_FILE.name
    np.savez_compressed(background, centroids=centroids)
    files.append(background)
    say("building the regional model of the shipped taxonomy")
    model = build_regional_model(taxonomy or load_taxonomy(), encoder, backend, centroids.astype(np.float32),
                                 seed=config.seed)
    return files + model.save(Path(out_dir) / SHIPPED_STEM.name)


def documents_in(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix == ".txt")


# --------------------------------------------------------------------------- the regional detector's figures


def read_cases(path: Path) -> list[dict]:
    """``[[case]]`` tables (id, lang, expect, text) of a regional test file."""
    import tomllib

    return tomllib.loads(Path(path).read_text(encoding="utf-8")).get("case", [])


# the layers the regional detector consults, as the default pipeline gives them
AS_ANALYZED = ("language", "segment", "nlp", "claims", "events", "debunks")


def case_documents(cases: Sequence[dict]) -> list[Document]:
    """The cases as the analyzer reads them, with the claims and events the narratives detector consults."""
    from ..ingest.files import text_document
    from ..pipeline import Pipeline

    docs = [text_document(c["text"], doc_id=c["id"], source=c["id"], source_kind="text") for c in cases]
    return list(Pipeline(AS_ANALYZED).pipe(docs))


def regional_narratives(model, doc: Document, encoding: Encoding) -> set[str]:
    """The regional narratives ``model`` finds in ``doc``, as the analyzer reads them (paragraphs, title, sentences;
    the claims, events and debunks layers where the document has them)."""
    from .classify import detect_regional

    return {h.narrative for h in detect_regional(model, doc, encoding)}


def case_scores(model, cases: Sequence[dict], docs: Sequence[Document], encodings: Sequence[Encoding]) -> dict:
    """Precision / recall / F1 over (case, narrative) decisions, with the misses and false alarms named."""
    tp, fp, fn = 0, [], []
    for case, doc, enc in zip(cases, docs, encodings):
        found = regional_narratives(model, doc, enc)
        expected = set(case.get("expect", []))
        tp += len(found & expected)
        fp += [f"{case['id']}: {n}" for n in sorted(found - expected)]
        fn += [f"{case['id']}: {n}" for n in sorted(expected - found)]
    precision = tp / (tp + len(fp)) if tp + len(fp) else 0.0
    recall = tp / (tp + len(fn)) if tp + len(fn) else 0.0
    return {"cases": len(cases), "expected": tp + len(fn), "found": tp + len(fp), "precision": precision,
            "recall": recall, "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "false_alarms": fp, "misses": fn}


def evaluate_regional(case_files: Sequence[Path], data: Path | None, cache: Path | None,
                      seed: int = 13, say: Say = lambda m: None) -> dict:
    """The regional detector on the project's written cases (the shipped model, read with the encoder it was
    built with), and its false-alarm rate on news it never saw: SemEval-2025 documents (Ukraine war, climate:
    no Central Asian narratives expected) of one half, with the background centroids taken from the other half only."""
    from ..pipeline import Pipeline
    from .regional import SHIPPED_STEM as SHIPPED
    from .regional import (
        RegionalModel,
        build_regional_model,
        paragraph_centroids,
    )
    from .taxonomy import load_taxonomy

    shipped = RegionalModel.load(SHIPPED)
    backend = shipped.backend
    encoder = Encoder(backend, cache_path=Path(cache) if cache else None)
    result: dict = {}
    for path in case_files:
        cases = read_cases(path)
        say(f"{path}: {len(cases)} cases")
        docs = case_documents(cases)
        result[Path(path).name] = case_scores(shipped, cases, docs, encode_documents(docs, encoder, sentences=True))
    if data is not None:
        raw = read_documents(raw_files(data, ("en", "ru")))
        encodings = encode_documents(raw, encoder, sentences=True)
        half = np.array([fold_of(d.meta["file"], 2, seed) for d in raw])
        centroids = paragraph_centroids(paragraph_vectors([e for e, h in zip(encodings, half) if h == 0]), seed=seed)
        model = build_regional_model(load_taxonomy(), encoder, backend, centroids.astype(np.float16).astype(np.float32),
                                     seed=seed)
        tested = [(d, e) for d, e, h in zip(raw, encodings, half) if h == 1]
        annotated = Pipeline(AS_ANALYZED).pipe([d for d, _ in tested])
        fired = [regional_narratives(model, d, e) for d, (_, e) in zip(annotated, tested)]
        per = {n["name"]: sum(n["name"] in f for f in fired) for n in model.narratives}
        result["semeval_false_alarms"] = {"documents": len(fired), "with_any": sum(bool(f) for f in fired),
                                          "rate": sum(bool(f) for f in fired) / max(len(fired), 1), "per_narrative": per}
        for path in case_files:  # the same cases with this half-background model, for comparison
            cases = read_cases(path)
            docs = case_documents(cases)
            result[Path(path).name]["half_background_model"] = case_scores(
                model, cases, docs, encode_documents(docs, encoder, sentences=True))
    return result
