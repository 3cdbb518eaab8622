"""CLI of the persuasion stage: ``faultlines predict semeval2023-spans|semeval2023-paragraphs``,
``faultlines train persuasion`` and ``faultlines eval persuasion``."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..cli_common import command_group, fail, out, parse_langs, print_written, say
from . import bench as _bench  # noqa: F401 - registers ``faultlines bench persuasion``

DataOption = Annotated[Path, typer.Option("--data", help="Folder with semeval2023_task3/ (and ptc_semeval2020_task11/).")]
LangOption = Annotated[Optional[str], typer.Option("--lang", help="en, ru or en,ru; default: detected / both.")]
VectorsOption = Annotated[Optional[str], typer.Option(
    "--vectors", help="Paragraph vectors of the shared encoder as features: none, use, e5, minilm, wordllama or spacy "
                "(default: as shipped; the last four for the encoder comparison).")]
WordVectorsOption = Annotated[Optional[str], typer.Option(
    "--token-vectors", help="Static word vectors in the token span head: none, wordllama or navec (default: as shipped).")]
CacheOption = Annotated[Path, typer.Option("--cache", help="SQLite cache of the shared encoder's paragraph vectors "
                                                        "(models with encoder features; never re-encodes a paragraph).")]


def _config(lang: str, seed: int, vectors: str | None, token_vectors: str | None = None):
    from dataclasses import replace

    from ..text.encode import BACKENDS
    from ..text.wordvec import BACKENDS as WORD_BACKENDS
    from .corpus import default_config

    config = replace(default_config(lang), seed=seed)
    if token_vectors is not None:
        if token_vectors != "none" and token_vectors not in WORD_BACKENDS:
            fail(f"--token-vectors must be none, {' or '.join(WORD_BACKENDS)}, not {token_vectors!r}")
        config = replace(config, token_vectors=token_vectors)
    if vectors is None:
        return config
    if vectors != "none" and vectors not in BACKENDS:
        fail(f"--vectors must be none, {' or '.join(BACKENDS)}, not {vectors!r}")
    return replace(config, use_embeddings=vectors != "none", encoder=vectors if vectors != "none" else config.encoder)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    predict_app = command_group(app, "predict", "Predict in shared-task formats (read by the official scorers).")
    train_app = command_group(app, "train", "Rebuild the shipped model weights from the research corpora.")

    def _predict(articles: Path, lang: str | None):
        from .corpus import predict_dir

        if not articles.is_dir():
            fail(f"{articles} is not a directory of article<ID>.txt files")
        if lang is not None:
            parse_langs(lang)
        return predict_dir(articles, lang)

    @predict_app.command("semeval2023-spans")
    def predict_spans(
        articles: Annotated[Path, typer.Option("--articles", help="Folder of article<ID>.txt files.")],
        out_file: Annotated[Path, typer.Option("--out", help="Output: ID<TAB>technique<TAB>start<TAB>end lines.")],
        lang: LangOption = None,
    ) -> None:
        """SemEval-2023 T3 technique spans for every article in a folder."""
        from .scoring import write_spans

        results = _predict(articles, lang)
        rows = [(a.id, t, s, e) for a, _, p in results for t, s, e, _ in sorted(p.spans, key=lambda x: (x[1], x[2], x[0]))]
        write_spans(rows, out_file)
        say(f"{len(rows)} spans in {len(results)} articles -> {out_file}")

    @predict_app.command("semeval2023-paragraphs")
    def predict_paragraphs(
        articles: Annotated[Path, typer.Option("--articles", help="Folder of article<ID>.txt files.")],
        out_file: Annotated[Path, typer.Option("--out", help="Output: ID<TAB>line<TAB>techniques (subtask 3).")],
        lang: LangOption = None,
    ) -> None:
        """SemEval-2023 T3 subtask-3 paragraph labels (one line per non-empty article line)."""
        from .data import TECHNIQUES
        from .scoring import write_paragraphs

        results = _predict(articles, lang)
        rows = [(a.id, line, sorted(labels, key=TECHNIQUES.index))
                for a, u, p in results for line, (_, _, labels) in zip(u.lines, p.paragraphs)]
        write_paragraphs(rows, out_file)
        say(f"{len(rows)} paragraphs of {len(results)} articles -> {out_file}")

    @train_app.command("persuasion")
    def train_persuasion(
        data: DataOption = Path("../shared/datasets"),
        lang: LangOption = None,
        seed: Annotated[int, typer.Option("--seed", help="Seed of the article folds and the solvers.")] = 13,
        out_dir: Annotated[Optional[Path], typer.Option("--out", help="Where to write the weights (default: the package).")] = None,
        cache: CacheOption = Path(".cache/encodings.sqlite"),
        vectors: VectorsOption = None,
        token_vectors: WordVectorsOption = None,
    ) -> None:
        """Train the persuasion heads on SemEval-2023 T3 and write faultlines/persuasion/model/."""
        from .corpus import train_and_save
        from .system import MODEL_DIR

        langs = parse_langs(lang)
        configs = {lg: _config(lg, seed, vectors, token_vectors) for lg in langs}
        try:
            files = train_and_save(data, langs, seed=seed, out=out_dir or MODEL_DIR, configs=configs, cache=cache,
                                   say=say)
        except FileNotFoundError as exc:
            fail(str(exc))
        print_written(files)

    @eval_app.command("persuasion")
    def eval_persuasion(
        data: DataOption = Path("../shared/datasets"),
        lang: LangOption = None,
        folds: Annotated[int, typer.Option("--folds", help="Article-level cross-validation folds.")] = 5,
        seed: Annotated[int, typer.Option("--seed")] = 13,
        ptc: Annotated[bool, typer.Option("--ptc/--no-ptc", help="English on the fixed PTC-dev article split instead of k folds.")] = True,
        as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
        cache: CacheOption = Path(".cache/encodings.sqlite"),
        vectors: VectorsOption = None,
        token_vectors: WordVectorsOption = None,
    ) -> None:
        """Held-out figures by the official scorers: k-fold cross-validation split by article."""
        from .corpus import cross_validate, dump, evaluate_ptc_dev
        from .data import load_semeval, semeval_root

        if folds < 2:
            fail("--folds must be at least 2")
        results = {}
        for lg in parse_langs(lang):
            if ptc and lg == "en":
                continue  # English is scored on the fixed PTC-dev split (a 5-fold run takes ~5x longer)
            articles = load_semeval(semeval_root(data), lg)
            if not articles:
                fail(f"no SemEval-2023 {lg} training articles under {data}")
            results[lg] = cross_validate(articles, _config(lg, seed, vectors, token_vectors), folds, data, cache, say=say)
        if ptc and "en" in parse_langs(lang):
            results["en ptc-dev split"] = evaluate_ptc_dev(data, _config("en", seed, vectors, token_vectors), cache, say=say)
        if as_json:
            sys.stdout.write(dump(results) + "\n")
            return
        from rich.table import Table

        table = Table("lang", "paragraph micro-F1", "paragraph macro-F1", "span F1", "genre macro-F1",
                      "frames micro-F1")
        for lg, r in results.items():
            table.add_row(lg, *(f"{r.get(k, float('nan')):.3f}" for k in (
                "paragraph_micro_f1", "paragraph_macro_f1", "span_f1", "genre_macro_f1", "frames_micro_f1")))
        out.print(table)
        for lg, r in results.items():
            if "ptc_dev_span_f1" in r:
                out.print(f"{lg}: span F1 on PTC's own dev labels {r['ptc_dev_span_f1']:.3f}", markup=False)
