"""Training, cross-validation and SemEval-format prediction over corpus folders."""
from __future__ import annotations

import json
import logging
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..text.segment import sentence_spans
from .data import (TECHNIQUES, Article, fold_of, labelled_paragraphs, load_ptc, load_semeval, ptc_root,
                   read_articles, semeval_root)
from .scoring import (run_scorer, scorer_dir, span_f1, write_doc_labels, write_paragraphs)
from .system import MODEL_DIR, Config, PersuasionModel, Unit, sentence_ranges

log = logging.getLogger(__name__)
Say = Callable[[str], None]


def unit_of(art: Article, *, labelled_only: bool = True) -> tuple[Unit, list[tuple[str, ...]]]:
    """A corpus article as a Unit: paragraphs are its (labelled) lines, sentences split inside them."""
    pairs = labelled_paragraphs(art) if labelled_only else [(p, ()) for p in art.paragraphs]
    ranges = [(p.start, p.end) for p, _ in pairs]
    sents = sentence_spans(art.text, ranges, art.lang) if ranges else []
    unit = Unit(art.id, art.text, ranges, sents, [p.line for p, _ in pairs])
    return unit, [labels for _, labels in pairs]


def _embeddings(units: Sequence[Unit], config: Config, cache: Path | None) -> np.ndarray:
    """Paragraph vectors from the shared encoder, keyed like the ``encode`` pass (stripped paragraph text).

    ``cache`` is the encoder's SQLite file: cross-validation and retraining never re-encode a paragraph.
    """
    from ..text.encode import shared_encoder

    texts = [u.text[s:e].strip() for u in units for s, e in u.paragraphs]
    return shared_encoder(config.encoder, str(cache) if cache is not None else None)(texts)


def _sentence_embeddings(units: Sequence[Unit], config: Config, cache: Path | None) -> np.ndarray | None:
    """The sentence head's sentence vectors, keyed like the ``encode`` pass's (stripped sentence text)."""
    if not (config.use_embeddings and config.sentence_embeddings):
        return None
    from ..text.encode import shared_encoder

    texts = [units[ui].text[s:e].strip() for ui, s, e in sentence_ranges(units)]
    return shared_encoder(config.encoder, str(cache) if cache is not None else None)(texts)


def fit(articles: Sequence[Article], config: Config, cache: Path | None = None, say: Say = lambda m: None
        ) -> PersuasionModel:
    units, labels = zip(*(unit_of(a) for a in articles)) if articles else ((), ())
    emb = _embeddings(units, config, cache) if config.use_embeddings else None
    model = PersuasionModel(config)
    return model.fit(list(units), list(labels), [[(s.technique, s.start, s.end) for s in a.spans] for a in articles],
                     [a.genre for a in articles], [a.frames if a.genre or a.frames else None for a in articles],
                     emb, log_step=say, sent_emb=_sentence_embeddings(units, config, cache))


def predict_articles(model: PersuasionModel, articles: Sequence[Article], cache: Path | None = None,
                     labelled_only: bool = True):
    units = [unit_of(a, labelled_only=labelled_only)[0] for a in articles]
    emb = _embeddings(units, model.config, cache) if model.config.use_embeddings else None
    return units, model.predict(units, emb, _sentence_embeddings(units, model.config, cache))


def cross_validate(articles: Sequence[Article], config: Config, folds: int, data: Path,
                   cache: Path | None = None, say: Say = lambda m: None) -> dict:
    """Out-of-fold predictions for every article (split by article), scored by the official scorers."""
    par_rows, span_pred, genre_rows, frame_rows = [], [], [], []
    t0 = time.perf_counter()
    n_pred_par = 0
    pred_time = 0.0
    for k in range(folds):
        train = [a for a in articles if fold_of(a.id, folds, config.seed) != k]
        test = [a for a in articles if fold_of(a.id, folds, config.seed) == k]
        if not test:
            continue
        say(f"fold {k + 1}/{folds}: train {len(train)} articles, test {len(test)}")
        model = fit(train, config, cache)
        t1 = time.perf_counter()
        units, preds = predict_articles(model, test, cache)
        pred_time += time.perf_counter() - t1
        for a, u, p in zip(test, units, preds):
            for line, (_, _, labs) in zip(u.lines, p.paragraphs):
                par_rows.append((a.id, line, sorted(labs, key=TECHNIQUES.index)))
                n_pred_par += 1
            span_pred += [(a.id, t, s, e) for t, s, e, _ in p.spans]
            if p.genre:
                genre_rows.append((a.id, max(p.genre, key=p.genre.get)))
            frame_rows.append((a.id, sorted(p.frames)))
    result = score(articles, par_rows, span_pred, genre_rows, frame_rows, data)
    result.update(folds=folds, seconds=round(time.perf_counter() - t0, 1),
                  predict_paragraphs_per_s=round(n_pred_par / pred_time, 1) if pred_time else None,
                  config=config.__dict__, articles=len(articles))
    return result


def score(articles: Sequence[Article], par_rows, span_pred, genre_rows, frame_rows, data: Path) -> dict:
    scorers = scorer_dir(data)
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        gold_par = [(a.id, p.line, labels) for a in articles for p, labels in labelled_paragraphs(a)]
        write_paragraphs(gold_par, tmp / "gold3.txt")
        write_paragraphs(par_rows, tmp / "pred3.txt")
        out["paragraph_micro_f1"], out["paragraph_macro_f1"] = run_scorer(3, tmp / "gold3.txt", tmp / "pred3.txt",
                                                                          scorers)
        gold_genre = [(a.id, a.genre) for a in articles if a.genre]
        have = {aid for aid, _ in genre_rows}
        if gold_genre and all(aid in have for aid, _ in gold_genre):
            write_doc_labels(gold_genre, tmp / "gold1.txt")
            pg = dict(genre_rows)
            write_doc_labels([(aid, pg[aid]) for aid, _ in gold_genre], tmp / "pred1.txt")
            out["genre_micro_f1"], out["genre_macro_f1"] = run_scorer(1, tmp / "gold1.txt", tmp / "pred1.txt", scorers)
        gold_frames = [(a.id, a.frames) for a in articles if a.frames]
        if gold_frames:
            pf = dict(frame_rows)
            write_doc_labels(gold_frames, tmp / "gold2.txt")
            write_doc_labels([(aid, pf.get(aid, [])) for aid, _ in gold_frames], tmp / "pred2.txt")
            out["frames_micro_f1"], out["frames_macro_f1"] = run_scorer(2, tmp / "gold2.txt", tmp / "pred2.txt",
                                                                        scorers)
    gold_spans = [(a.id, s.technique, s.start, s.end) for a in articles for s in a.spans]
    sf = span_f1(gold_spans, span_pred, TECHNIQUES)
    out["span_precision"], out["span_recall"], out["span_f1"] = sf["precision"], sf["recall"], sf["f1"]
    out["span_per_technique"] = {t: round(v["f1"], 4) for t, v in sf["per_technique"].items()}
    return out


def evaluate_ptc_dev(data: Path, config: Config, cache: Path | None = None, say: Say = lambda m: None) -> dict:
    """English fixed held-out split: train on SemEval-2023 en minus the 75 PTC dev articles, test on those.

    The 446 SemEval-2023 English training articles are PTC's train + dev
    articles re-annotated, so PTC dev is a ready article-level split. Scored
    twice: official subtask-3 scorer + span F1 on the SemEval-2023 labels, and
    span F1 on the original PTC dev labels (14 classes mapped onto the 23).
    """
    dev = load_ptc(ptc_root(data), "dev")
    dev_ids = {a.id for a in dev}
    semeval = load_semeval(semeval_root(data), "en")
    train = [a for a in semeval if a.id not in dev_ids]
    test = [a for a in semeval if a.id in dev_ids]
    say(f"PTC-dev split: train {len(train)} SemEval-2023 en articles, test {len(test)}")
    t0 = time.perf_counter()
    model = fit(train, replace(config, lang="en"), cache, say)
    t1 = time.perf_counter()
    units, preds = predict_articles(model, test, cache)
    t2 = time.perf_counter()
    par_rows, span_pred, genre_rows, frame_rows = [], [], [], []
    for a, u, p in zip(test, units, preds):
        par_rows += [(a.id, line, sorted(labs, key=TECHNIQUES.index)) for line, (_, _, labs) in zip(u.lines, p.paragraphs)]
        span_pred += [(a.id, t, s, e) for t, s, e, _ in p.spans]
        if p.genre:
            genre_rows.append((a.id, max(p.genre, key=p.genre.get)))
        frame_rows.append((a.id, sorted(p.frames)))
    result = score(test, par_rows, span_pred, genre_rows, frame_rows, data)
    # the same predicted spans against PTC's own dev labels (whole-article predictions)
    _, full = predict_articles(model, dev, cache, labelled_only=False)
    mapped = {s.technique for a in dev for s in a.spans}
    pred = [(a.id, t, s, e) for a, p in zip(dev, full) for t, s, e, _ in p.spans if t in mapped]
    gold = [(a.id, s.technique, s.start, s.end) for a in dev for s in a.spans]
    sf = span_f1(gold, pred, sorted(mapped))
    result.update(ptc_dev_span_f1=sf["f1"], ptc_dev_span_precision=sf["precision"], ptc_dev_span_recall=sf["recall"],
                  articles=len(test), train_seconds=round(t1 - t0, 1),
                  predict_paragraphs_per_s=round(sum(len(u.paragraphs) for u in units) / (t2 - t1), 1),
                  config=config.__dict__, split="ptc-dev")
    return result


def train_and_save(data: Path, langs: Sequence[str], seed: int = 13, out: Path = MODEL_DIR,
                   configs: dict[str, Config] | None = None, cache: Path | None = None,
                   say: Say = lambda m: None) -> list[Path]:
    written = []
    for lang in langs:
        articles = load_semeval(semeval_root(data), lang)
        if not articles:
            raise FileNotFoundError(f"no SemEval-2023 {lang} training articles under {data}")
        config = replace((configs or {}).get(lang) or default_config(lang), seed=seed)
        say(f"{lang}: training on {len(articles)} articles")
        model = fit(articles, config, cache, say)
        written += model.save(out)
    return written


def default_config(lang: str) -> Config:
    # the shared encoder's paragraph vectors as features, and static word vectors in the token head (WordLlama
    # for English, natasha's Russian news vectors for Russian) read by its logistic head and its word networks
    # (held-out comparisons in docs/persuasion.md); the sentence head reads the sentences' own vectors too, and a
    # paragraph's probability of a technique is stacked on its own, its sentences' and (for the token head's
    # techniques) its words' probabilities; sentence spans take thresholds chosen for the spans and may be cut to
    # the words the token head marks in them
    return Config(lang=lang, use_embeddings=True, token_vectors="navec" if lang == "ru" else "wordllama",
                  token_mlp=256, sentence_embeddings=True, paragraph_from_sentences=True,
                  paragraph_from_words=True, paragraph_stack=True, span_sentence_grid=True, span_clip=True)


def predict_dir(articles_dir: Path, lang: str | None, model_dir: Path = MODEL_DIR):
    """Predictions for every article<ID>.txt in a folder (language from --lang or detected per article)."""
    from ..text.langid import identify

    arts = list(read_articles(Path(articles_dir)).values())
    models: dict[str, PersuasionModel] = {}
    results = []
    by_lang: dict[str, list[Article]] = {}
    for a in arts:
        a.lang = lang or _lang_of(a.text, identify)
        by_lang.setdefault(a.lang, []).append(a)
    for lg, group in sorted(by_lang.items()):
        if lg not in models:
            models[lg] = load_model(lg, model_dir)
        units, preds = predict_articles(models[lg], group, labelled_only=False)
        results += list(zip(group, units, preds))
    results.sort(key=lambda r: r[0].id)
    return results


def _lang_of(text: str, detect) -> str:
    code = detect(text)[0]
    # other or undetectable languages are scored with the English model
    return code if code in ("en", "ru") else "en"


def load_model(lang: str, model_dir: Path = MODEL_DIR) -> PersuasionModel:
    lang = lang if (Path(model_dir) / f"{lang}.json").exists() else "en"
    return PersuasionModel.load(model_dir, lang)


def dump(result: dict) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False, default=float)
