"""CLI of the narratives: ``faultlines train narratives``, ``faultlines eval narratives``,
``faultlines predict semeval2025-narratives``, ``faultlines narratives reload`` and ``faultlines narratives trend``."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import numpy as np
import typer

from ..cli_common import (
    DbOption,
    EncoderCacheOption,
    command_group,
    fail,
    open_queries,
    out,
    parse_langs,
    print_written,
    say,
    write_json,
)
from . import bench as _bench  # noqa: F401 - registers ``faultlines bench narratives``
from ..text.encode import DEFAULT_BACKEND
from .commands import DataOption, LangOption, SeedOption

DEFAULT_CASES = (Path("tests/data/narratives/regional_cases.toml"), Path("tests/data/narratives/regional_heldout.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed2.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed3.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed4.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed5.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed6.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed7.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed8.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed9.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed10.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed11.toml"),
                 Path("tests/data/narratives/regional_heldout_mixed12.toml"))


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    predict_app = command_group(app, "predict", "Predict in shared-task formats (read by the official scorers).")
    train_app = command_group(app, "train", "Rebuild the shipped model weights from the research corpora.")
    narratives_app = command_group(app, "narratives", "Narratives, entity roles and debunks: tracking in the store.")

    @train_app.command("narratives")
    def train_narratives(
        data: DataOption = Path("../shared/datasets"),
        cache: EncoderCacheOption = Path(".cache/encodings.sqlite"),
        lang: LangOption = None,
        seed: SeedOption = 13,
        out_dir: Annotated[Optional[Path], typer.Option("--out", help="Where to write the weights (default: the package).")] = None,
    ) -> None:
        """Train the SemEval-2025 narrative heads and the regional detector; write faultlines/narratives/model/."""
        from .narrative_corpus import DEFAULT_CONFIG, train_and_save
        from .taxonomy import MODEL_DIR

        try:
            files = train_and_save(data, parse_langs(lang), replace(DEFAULT_CONFIG, seed=seed), cache=cache,
                                   out_dir=out_dir or MODEL_DIR, say=say)
        except FileNotFoundError as exc:
            fail(str(exc))
        print_written(files)

    @eval_app.command("narratives")
    def eval_narratives(
        data: DataOption = Path("../shared/datasets"),
        cache: EncoderCacheOption = Path(".cache/encodings.sqlite"),
        lang: LangOption = None,
        folds: Annotated[int, typer.Option("--folds", help="Document-level cross-validation folds.")] = 5,
        seed: SeedOption = 13,
        backend: Annotated[str, typer.Option("--backend", help="Encoder: use (the pipeline's), or e5 / e5+use / minilm / wordllama / spacy (comparisons).")] = DEFAULT_BACKEND,
        features: Annotated[Optional[str], typer.Option("--features", help="Comma-separated: doc,title,max,mean.")] = None,
        c: Annotated[Optional[float], typer.Option("--C", help="Inverse regularization of the heads.")] = None,
        analysis: Annotated[bool, typer.Option("--analysis-thresholds", help="Score with the thresholds the analyzer uses for every language (English's) instead of each language's own.")] = False,
        regional: Annotated[bool, typer.Option("--regional/--no-regional", help="Also score the regional detector.")] = True,
        cases: Annotated[Optional[list[Path]], typer.Option("--cases", help="Regional test file (repeatable).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the full result as JSON.")] = False,
    ) -> None:
        """Held-out figures from the official subtask-2 scorer (k-fold by document) beside the most-frequent baseline."""
        from ..text.encode import BACKENDS
        from .classify import ANALYSIS_DECISION
        from .narrative_corpus import (
            DEFAULT_CONFIG,
            cross_validate,
            evaluate_regional,
            feature_matrix,
            load_corpus,
        )
        from .narrative_heads import FEATURES

        if folds < 2:
            fail("--folds must be at least 2")
        if not backend or any(b not in BACKENDS for b in backend.split("+")):
            fail(f"unknown --backend {backend!r}; use {', '.join(BACKENDS)} or e5+use")
        config = replace(DEFAULT_CONFIG, seed=seed)
        if features:
            kinds = tuple(x.strip() for x in features.split(",") if x.strip())
            if not kinds or any(k not in FEATURES for k in kinds):
                fail(f"--features takes a comma-separated subset of {','.join(FEATURES)}")
            config = replace(config, features=kinds)
        if c is not None:
            config = replace(config, C=c)
        try:
            items = load_corpus(data, parse_langs(lang))
        except FileNotFoundError as exc:
            fail(str(exc))
        if not items:
            fail(f"no labelled SemEval-2025 subtask-2 documents under {data}")
        say(f"encoding {len(items)} documents ({backend}; cache {cache})")
        X = feature_matrix([d.doc for d in items], backend, cache, config)
        result = cross_validate(items, X, config, folds, data, backend, say=say,
                                decision=ANALYSIS_DECISION if analysis else None)
        if regional:
            case_files = cases if cases else [p for p in DEFAULT_CASES if p.exists()]
            result["regional"] = evaluate_regional(case_files, data, cache, seed, say=say)
        if as_json:
            write_json(result, indent=2)
            return
        from rich.table import Table

        table = Table("lang", "docs", "coarse F1", "fine F1", "baseline coarse", "baseline fine",
                      title=f"SemEval-2025 T10 subtask 2, {folds}-fold CV by document (official scorer, samples-F1)")
        for lg in parse_langs(lang):
            r = result.get(lg)
            if r:
                table.add_row(lg, str(r["documents"]), f"{r['coarse_f1']:.3f}", f"{r['fine_f1']:.3f}",
                              f"{r['baseline_coarse_f1']:.3f}", f"{r['baseline_fine_f1']:.3f}")
        out.print(table)
        out.print(f"config: {result['config']}", markup=False)
        for name, r in result.get("regional", {}).items():
            if name == "semeval_false_alarms":
                out.print(f"regional narratives fired on {r['with_any']}/{r['documents']} held-out SemEval documents "
                          f"({r['rate']:.1%})", markup=False)
                continue
            out.print(f"regional {name}: precision {r['precision']:.2f} recall {r['recall']:.2f} F1 {r['f1']:.2f} "
                      f"({r['expected']} expected, {r['found']} found in {r['cases']} cases)", markup=False)
            for item in r["misses"]:
                out.print(f"  missed  {item}", markup=False)
            for item in r["false_alarms"]:
                out.print(f"  false   {item}", markup=False)

    @predict_app.command("semeval2025-narratives")
    def predict_narratives(
        documents: Annotated[Path, typer.Option("--documents", help="Folder of <FILE>.txt raw documents.")],
        out_file: Annotated[Path, typer.Option("--out", help="Output: FILE<TAB>narratives<TAB>subnarratives.")],
        lang: Annotated[Optional[str], typer.Option("--lang", help="en or ru for every document; default: detected.")] = None,
    ) -> None:
        """SemEval-2025 T10 subtask-2 predictions for every .txt file of a folder, in file-name order."""
        from ..settings import Settings
        from ..text.encode import DEFAULT_BACKEND, encode_documents, shared_encoder
        from .narrative_corpus import (
            documents_in,
            read_documents,
            rows_of,
            write_predictions,
        )
        from .narrative_heads import HEADS_STEM, NarrativeHeads, encoding_features

        if not documents.is_dir():
            fail(f"{documents} is not a directory of .txt documents")
        if lang is not None and lang not in ("en", "ru"):
            fail(f"unsupported --lang {lang!r}: use en or ru")
        if not HEADS_STEM.with_suffix(".json").exists():
            fail(f"no SemEval weights in {HEADS_STEM.parent}; run `faultlines train narratives`")
        settings = Settings.from_env()
        files = documents_in(documents)
        docs = read_documents(files, settings)
        heads = NarrativeHeads.load(HEADS_STEM)
        encodings = encode_documents(docs, shared_encoder(DEFAULT_BACKEND, settings.encoder_cache))
        X = np.stack([encoding_features(e, heads.config.features) for e in encodings]) if docs else None
        pairs = heads.predict(X, [lang or d.language for d in docs]) if docs else []
        write_predictions([(f.name, *rows_of(p)) for f, p in zip(files, pairs)], out_file)
        say(f"{len(files)} documents -> {out_file}")

    @narratives_app.command("reload")
    def reload_narratives(
        taxonomy: Annotated[Optional[list[Path]], typer.Option("--taxonomy", help="User taxonomy file (repeatable); default: env FAULTLINES_NARRATIVES, else ~/.config/faultlines/narratives.toml.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the loaded narratives as JSON.")] = False,
    ) -> None:
        """Validate the taxonomy files, embed their definitions and examples, and update the analyzer's model."""
        from ..errors import FaultlinesError
        from .regional import reload

        try:
            tax, model, files = reload(taxonomy)
        except FaultlinesError as exc:
            fail(str(exc))
        if as_json:
            write_json({"files": [str(f) for f in files], "sources": list(tax.sources), "fingerprint": tax.fingerprint,
                        "narratives": model.narratives}, indent=2)
            return
        from rich.table import Table

        table = Table("narrative", "subnarratives", "examples", "source", title="narratives the analyzer now detects")
        for n in tax.narratives:
            table.add_row(n.name, str(len(n.subnarratives)), str(len(n.examples) + sum(len(s.examples) for s in n.subnarratives)),
                          Path(n.source).name)
        out.print(table)
        say(f"{len(tax.narratives)} narratives from {len(tax.sources)} files -> {files[-1]}")

    @narratives_app.command("trend")
    def trend(
        since: Annotated[Optional[str], typer.Option("--since", help="First publication date, YYYY-MM-DD.")] = None,
        until: Annotated[Optional[str], typer.Option("--until", help="Last publication date, YYYY-MM-DD (inclusive).")] = None,
        by: Annotated[str, typer.Option("--by", help="narrative (documents per narrative) or source (per outlet).")] = "narrative",
        period: Annotated[str, typer.Option("--period", help="day, week or month.")] = "month",
        narrative: Annotated[Optional[str], typer.Option("--narrative", help="Only this narrative (e.g. with --by source).")] = None,
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    ) -> None:
        """Narrative prevalence over time: documents per period per narrative, or per outlet, from the store."""
        with open_queries(db) as queries:
            result = queries.narrative_trends(period=period, by=by, narrative=narrative, since=since, until=until)
            known = {name for name, _ in queries.facets().get("narratives", [])}
        if as_json:
            write_json(result, indent=2)
            return
        from rich.table import Table

        what = "outlet" if by == "source" else "narrative"
        title = f"documents per {period} per {what}" + (f" ({narrative})" if narrative else "")
        # one row per (period, name): stays readable however many periods the range spans
        table = Table(period, what, "documents", title=title)
        for i, p in enumerate(result["periods"]):
            cells = sorted(((s["counts"][i], s["name"]) for s in result["series"] if s["counts"][i]),
                           key=lambda x: (-x[0], x[1]))
            for j, (count, name) in enumerate(cells):
                table.add_row(p if j == 0 else "", name, str(count), end_section=j == len(cells) - 1)
        out.print(table)
        if result["series"]:
            out.print(f"documents in the range per {what}:", markup=False)
        for series in result["series"]:
            out.print(f"{series['total']:>6}  {series['name']}", markup=False)
        if not result["series"] and narrative and narrative not in known:
            say(f"no document in the store pushes {narrative!r}; stored narratives: {', '.join(sorted(known)) or 'none'}")
        elif not result["series"]:
            say("no dated documents with narratives in the store for that range")
