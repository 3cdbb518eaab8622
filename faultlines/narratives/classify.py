"""The ``narratives`` analyzer: SemEval-2025 T10 narratives and the regional / user narratives of a document.

Reads the shared encoding (``doc.work["encoding"]``) and runs no model of its own:

* the trained SemEval heads (``model/narratives_semeval.*``, see
  ``narrative_heads.py``) give ``URW:`` / ``CC:`` narratives and subnarratives
  (with the abstaining thresholds: see ``ANALYSIS_DECISION``);
* the few-shot detector (``regional.py``) gives the ``CA:`` narratives and any
  a user added, with the paragraph that carries each as evidence.

One ``narrative`` annotation per (narrative, subnarrative) pair, spanning the
whole text: label = narrative, attrs ``subnarrative``, ``taxonomy``
(``semeval2025`` | ``regional``), ``evidence`` ([start, end] of the paragraph, or of the
sentence when one sentence with a cue carries the narrative; regional only), score = the narrative's
probability. A document for which neither finds anything gets one ``Other`` / ``Other`` annotation.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np

from ..model import Annotation, Document
from ..pipeline import Analyzer, analyzer
from ..text.encode import Encoding, encoding_of
from .narrative_heads import HEADS_STEM, NarrativeHeads, encoding_features, in_domain
from .regional import Hit, RegionalModel, active_stem, reported_sentences, sentences_of, taxonomy_changes, units_of
from .taxonomy import OTHER

log = logging.getLogger(__name__)
VERSION = "14"  # 2: heads and regional detector retrained on the USE encoder pass; 3: one sentence with a cue suffices;
# 4: a regional narrative records the roles it casts (`cast`, read by the roles analyzer); an author's sentence with
# the cues carries a narrative from 0.3 when it is the sentence's most probable one; 5: what the author tells the reader
# to stop believing ("пора перестать верить, что …") is rebutted, not pushed; 6: a narrative the debunked claims
# themselves carry is rebutted, whatever the rest of the text resembles; 7: so is one a claim carries that a speaker the
# text quotes denies ("Минобороны опровергло сообщения о том, что в стране будет размещена американская база"); 8: more
# cue words (technicians, marines; commissars, collective farms, "drew"; meltwater, sluice, арык, водозабор); texts under
# 60 words get no SemEval-2025 narrative, and texts that do not name Ukraine or its war (climate change) none of that
# domain; 9: a wire report's headline and one opening with "No," / "Нет," carry no regional narrative; 10: a sentence
# carries the most probable narrative among those whose cue words it has ("Россия не обязана спасать забывчивых друзей");
# 11: "gratitude", "owes … to Russia" are ingratitude cues, and "security" in the CSTO's own name no guarantor cue; a
# paragraph that mostly reports carries a narrative from 0.6; a headline that says its subject "does not need" something
# pushes nothing; "раскачать", "foment", "stir up" are colour-revolution cues; 12: an author's sentence with three
# distinct cue words of a narrative carries it from 0.02 (regional.STRONG_CUES); 13: a sentence that calls what it names
# propaganda or a myth, says what something is not ("…, а не атака джихадистов") or tells the reader to stop waiting
# for or relying on it rebuts that narrative; 14: so does one that calls it nonsense ("— чепуха", "is nonsense", "сказки")
LANGS = ("en", "ru")
LAYER = "narrative"
MIN_WORDS = 60  # the shortest SemEval-2025 training document has 76
# The SemEval decision thresholds tuned on English serve every language here: the Russian training documents all
# push some narrative, so thresholds tuned on them never answer Other, while the analyzer reads any news.
# (`predict semeval2025-narratives` keeps each language's own thresholds, the shared task's setting.)
ANALYSIS_DECISION = "en"


class RegionalSource:
    """The active regional model, re-read when ``faultlines narratives reload`` replaces it."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._model: RegionalModel | None = None

    def get(self) -> RegionalModel | None:
        stem = active_stem()
        meta = stem.with_suffix(".json")
        try:
            stat = meta.stat()
            key = (str(stem), stat.st_mtime_ns, stat.st_size)
        except FileNotFoundError:
            key = None
        if key != self._key:
            self._key = key
            self._model = None
            if key is not None:
                try:
                    self._model = RegionalModel.load(stem)
                except (OSError, ValueError, KeyError) as exc:
                    log.warning("narratives: cannot read the regional model %s: %s", stem, exc)
                else:
                    stale = taxonomy_changes(self._model)
                    if stale:
                        log.warning("narratives: %s since %s was built; run `faultlines narratives reload` to use "
                                    "them", stale, stem)
            else:
                log.warning("narratives: no regional model in %s; run `faultlines train narratives`", stem)
        return self._model


@analyzer("narratives", version=VERSION, requires=("encoding",), assigns=(LAYER,))
class NarrativeAnalyzer(Analyzer):
    """Which narratives a document pushes: the SemEval-2025 taxonomy, the regional extension, users' own."""

    def __init__(self, settings, heads_stem: Path = HEADS_STEM) -> None:
        super().__init__(settings)
        self.heads: NarrativeHeads | None = None
        if Path(heads_stem).with_suffix(".json").exists():
            self.heads = NarrativeHeads.load(heads_stem)
        else:
            log.warning("narratives: no SemEval weights in %s; run `faultlines train narratives`", heads_stem)
        self.regional = RegionalSource()

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs):
        docs = list(docs)
        todo: list[tuple[Document, Encoding]] = []
        for doc in docs:
            doc.drop_layer(LAYER)
            if doc.language not in LANGS:
                doc.meta["narratives_skipped"] = f"language {doc.language!r} is not supported (en, ru)"
                continue
            if doc.text.strip():
                todo.append((doc, encoding_of(doc)))
        if not todo:
            return docs
        semeval = self._semeval(todo)
        regional = self.regional.get()
        for (doc, encoding), pairs in zip(todo, semeval):
            self._annotate(doc, encoding, pairs, regional)
        return docs

    def _semeval(self, todo: list[tuple[Document, Encoding]]) -> list[list[tuple[str, str, float, float]]]:
        if self.heads is None:
            return [[] for _ in todo]
        X = np.stack([encoding_features(e, self.heads.config.features) for _, e in todo])
        return self.heads.predict(X, [ANALYSIS_DECISION] * len(todo))

    def _annotate(self, doc: Document, encoding: Encoding, pairs, regional: RegionalModel | None) -> None:
        meta = dict(analyzer=self.name, version=self.version)
        n = len(doc.text)
        found = [(nar, sub, p, ps) for nar, sub, p, ps in pairs if nar != OTHER and in_domain(nar, doc.text)]
        words = len(doc.text.split())
        if found and words < MIN_WORDS:
            # a Telegram post of two sentences is shorter than any article the heads learnt from (76 words at least):
            # their narratives there are noise ("Praise of Russia" on a protest note)
            doc.meta["narratives_note"] = f"too short for the SemEval-2025 heads ({words} words < {MIN_WORDS})"
            found = []
        for narrative, subnarrative, p, p_sub in found:
            doc.add(Annotation(LAYER, 0, n, label=narrative, score=p, attrs={
                "subnarrative": subnarrative, "subnarrative_score": round(p_sub, 4), "taxonomy": "semeval2025"}, **meta))
        hits = detect_regional(regional, doc, encoding) if regional is not None else []
        casts = {m["name"]: m.get("cast", []) for m in regional.narratives} if regional is not None else {}
        for hit in hits:
            doc.add(Annotation(LAYER, 0, n, label=hit.narrative, score=hit.score, attrs={
                "subnarrative": hit.subnarrative, "taxonomy": "regional",
                "evidence": list(self._evidence(doc, encoding, hit)), "cast": casts.get(hit.narrative, [])}, **meta))
        if not found and not hits:
            p = pairs[0][2] if pairs else None
            doc.add(Annotation(LAYER, 0, n, label=OTHER, score=p, attrs={"subnarrative": OTHER, "taxonomy": "semeval2025"},
                               **meta))

    @staticmethod
    def _evidence(doc: Document, encoding: Encoding, hit: Hit) -> tuple[int, int]:
        """The span of the sentence or paragraph that carries the narrative; for the title row, the title's place
        in the text (the whole text when the title is not in it)."""
        if hit.sentence is not None:
            return encoding.sentence_spans[hit.sentence]
        if hit.unit < len(encoding.spans):
            return encoding.spans[hit.unit]
        return _title_in(doc) or (0, len(doc.text))


# a belief the author tells the reader to drop: "stop believing that X", "пора перестать верить, что X"
_STOP_BELIEVING = re.compile(r"\b(?:stop|quit|cease)\s+(?:believing\s+(?:that|in)|waiting\s+for|relying\s+on|counting\s+on)\b|"
                             r"\bno\s+longer\s+believe\s+(?:that|in)\b|"
                             r"(?<!\w)(?:перестать|перестаньте|хватит|прекратить)\s+(?:ждать|надеяться\s+на|рассчитывать\s+на)(?!\w)|"
                             r"(?<!\w)(?:(?:перестать|перестаньте|хватит|прекратить)\s+(?:верить|думать)|пора\s+забыть),?\s*"
                             r"(?:что|в\s+то,\s+что)(?!\w)", re.IGNORECASE)


_DISMISSED = re.compile(r"(?:—|–|-|\bis|\bare)\s+(?:это\s+)?(?:(?:в\s+основном|лишь|просто|всего\s+лишь|mostly|largely|just|"
                        r"simply|nothing\s+but|little\s+more\s+than|полная|полнейшая|complete|utter|pure)\s+)?(?:пропаганд\w*|"
                        r"миф\w*|страшилк\w*|выдумк\w*|чепух\w*|ерунд\w*|бред\w*|вздор\w*|сказк\w*|небылиц\w*|"
                        r"propaganda|a\s+myth|myths|scaremongering|a\s+scare\s+story|a\s+fantasy|fiction|nonsense|"
                        r"absurd|a\s+fairy\s+tale|fairy\s+tales|a\s+fable)\b|"
                        r"(?<!\w)не\s+подтвержда\w+\s+фактами|\bnot\s+(?:supported|borne\s+out)\s+by\s+(?:the\s+)?facts\b|"
                        r",\s+(?:а\s+не|rather\s+than|and\s+not|not)\s+(?:\w+\s+){0,2}?(?:атак|нападени|вторжени|attack|invasion|"
                        r"incursion)\w*", re.IGNORECASE)


def detect_regional(regional: RegionalModel, doc: Document, encoding: Encoding) -> list[Hit]:
    """The regional narratives of one document, best first: its paragraphs, title and sentences, less what it
    rebuts (the claims and motives of its debunks, what it tells the reader to stop believing) and with the
    reported sentences of its claims and events layers held to the full threshold."""
    rebutted = _rebutted(doc)
    # the title row is blocked only where the title is in the text and inside a rebutted span
    units = list(encoding.spans) + ([_title_in(doc) or (0, 0)] if encoding.title is not None else [])
    blocked = [i for i, span in enumerate(units) if _overlaps(span, rebutted)]
    headline = _headline(doc, encoding, units)
    if headline is not None:
        # a wire report's headline sums up what it reports ("В Таджикистане обсудили охрану границы с Афганистаном"),
        # and "No, the West is not building bases in Kazakhstan" rebuts what it names: neither argues on its own
        row, span = headline
        blocked.append(row)
        rebutted = rebutted + [span]
    reported = reported_sentences(doc, encoding.sentence_spans)
    sentences = sentences_of(encoding, doc.text, doc.language,
                             [i for i, span in enumerate(encoding.sentence_spans) if _overlaps(span, rebutted)], reported)
    # a paragraph most of whose sentences pass on others' words or tell events: "По данным пограничной службы,
    # нарушители оказали вооруженное сопротивление. В ходе перестрелки … Потерь среди пограничников нет." is a report,
    # however near a guarantor story its vector lies
    told = [encoding.sentence_spans[i] for i in reported]
    reports = [i for i, (s, e) in enumerate(encoding.spans)
               if 2 * sum(s <= a < e for a, _ in told) > sum(s <= a < e for a, _ in encoding.sentence_spans)]
    return regional.detect(units_of(encoding.vectors, encoding.title), sentences, blocked, reports)


def _headline(doc: Document, encoding: Encoding, units: list[tuple[int, int]]) -> tuple[int, tuple[int, int]] | None:
    """(unit row, span) of a headline that argues nothing: a wire report's, one that opens with "No," / "Нет,", or one
    that says its subject needs no such thing ("… does not need Moscow's protection").
    The headline is the title row, or the first paragraph when it is one line without a full stop."""
    if encoding.title is not None:
        row, span, text = len(units) - 1, units[-1], doc.title or ""
    elif units:
        row, span = 0, units[0]
        text = doc.text[span[0]:span[1]].strip()
        if "\n" in text or text.endswith((".", "!", "?", "»", '"')):
            return None
    else:
        return None
    return (row, span) if doc.layer("dateline") or _REBUTTING_TITLE.match(text) or _NEEDS_NO_TITLE.search(text) else None


_REBUTTING_TITLE = re.compile(r"\s*(?:No|Нет)\s*[,.!:—–-]", re.IGNORECASE)
# "Central Asia does not need Moscow's protection": a headline that refuses what it names
_NEEDS_NO_TITLE = re.compile(r"\b(?:does|do|did)\s+not\s+need\b|\b(?:doesn|don|didn)['’]t\s+need\b|\bneeds?\s+no\b|"
                             r"(?<!\w)не\s+нужда\w+|(?<!\w)не\s+нуж(?:ен|на|но|ны)(?!\w)", re.IGNORECASE)


def _rebutted(doc: Document) -> list[tuple[int, int]]:
    """The spans where the text states what it rebuts: the claims and imputed motives of its debunks, and what
    it tells its readers to stop believing ("пора перестать верить, что безопасность региона зависит только от
    Москвы" argues against the guarantor narrative, not for it)."""
    spans = [tuple(a.attrs[key]) for a in doc.layer("debunk") for key in ("claim_span", "motive_span")
             if a.attrs.get(key)]
    # ... and what a speaker the text quotes denies: "Минобороны опровергло сообщения телеграм-каналов о том, что в
    # стране будет размещена американская база" reports a denial, it does not push the base
    claims = doc.layer("claim")
    denied = {a.attrs.get("denies") for a in claims if a.attrs.get("denies") and a.attrs.get("kind") != "author"}
    spans += [(a.start, a.end) for a in claims if a.attrs.get("claim_id") in denied and a.attrs.get("kind") != "author"]
    sentences = [(a.start, a.end) for a in doc.layer("sentence")]
    for m in _STOP_BELIEVING.finditer(doc.text):
        spans.append((m.start(), next((e for s, e in sentences if s <= m.start() < e), len(doc.text))))
    # "Разговоры о возвращении американских баз — это в основном пропаганда", "the talk of a Chinese base is a myth",
    # "…, а не атака джихадистов": a sentence that calls what it names propaganda or a myth, or says what it is not
    spans += [(s, e) for s, e in sentences if _DISMISSED.search(doc.text, s, e)]
    return spans


def _title_in(doc: Document) -> tuple[int, int] | None:
    """The title's place in the text, or None."""
    title = (doc.title or "").strip()
    at = doc.text.find(title) if title else -1
    return (at, at + len(title)) if at >= 0 else None


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)
