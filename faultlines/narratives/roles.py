"""Entity framing roles (SemEval-2025 T10 subtask 1): who an article casts as protagonist, antagonist or innocent.

For every salient entity mention (:mod:`.entities`) the ``roles`` analyzer
predicts a main role (Protagonist, Antagonist, Innocent) and fine roles (the
22 of the task, restricted to the main role's own) from

* the shared encoding: the vector of the sentence holding the mention (of its
  paragraph when the encoding has no sentence vectors) and the document vector
  (:mod:`faultlines.text.encode`; no model of its own);
* the mention's context: its grammatical role and governing word, the lemmas
  around it and in its sentence, and role cues (``resources/roles_lexicon.json``);
* static word vectors (:mod:`faultlines.text.wordvec`, a lookup per lemma) of the
  governing word, by whether the mention acts or undergoes, and of the lemmas
  around and inside the mention;
* the entity: its canonical name, type and bloc (``resources/roles_aliases.json``),
  and the bloc crossed with the document vector's main directions, so a
  state can be cast differently by articles of different stance.

Two multinomial logistic regressions (main role; fine role) read these
features; probabilities are smoothed over the mentions of one entity in the
document, and the (main, fine) pair with the highest joint probability wins.
The weights are plain arrays (``model/roles_weights.npz``) and JSON
(``model/roles_weights.json``), rebuilt by ``faultlines train roles``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
from scipy import sparse

from ..model import Annotation, Document
from ..pipeline import Analyzer, analyzer
from ..sources import sources
from .entities import RESOURCES, Entity, Mention, Token, TokenIndex, document_entities, token_index, tokens_of
from .taxonomy import FINE_ROLES, MAIN_ROLES

MODEL_DIR = Path(__file__).parent / "model"
WEIGHTS = "roles_weights"  # .npz arrays + .json vocabulary and config, in MODEL_DIR
ALL_FINE = tuple(r for roles in FINE_ROLES.values() for r in roles)
_OWN_FINE = tuple([ALL_FINE.index(r) for r in FINE_ROLES[role]] for role in MAIN_ROLES)  # columns of each main role
BLOCS = ("russia", "ukraine", "west", "central_asia", "other", "none")
WINDOW = 4  # words each side of a mention read as its immediate context
LEXICAL_SLOTS = ("gov:agent", "gov:patient", "gov:other", "L", "R", "M")  # MentionContext.lemmas, in column order
_STOP = {
    "en": set("the a an of and or to in on at for by with from as is are was were be been has have had it its this that "
              "these those he she they his her their them we our you i not but which who whom whose will would can could "
              "said says also than then there here into about after before over more most s 's".split()),
    "ru": set("и в во на с со к ко по о об от до из у за для не что это как а но же бы ли то так также быть который "
              "он она они его ее её их мы вы я этот тот весь свой при под над или".split()),
}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, dict[str, tuple[str, ...]]]:
    data = json.loads((RESOURCES / "roles_lexicon.json").read_text(encoding="utf-8"))
    return {lang: {role: tuple(cues) for role, cues in data[lang].items()} for lang in ("en", "ru")}


# --------------------------------------------------------------------------- features


@dataclass
class MentionContext:
    """What the role model reads about one mention."""

    lang: str
    words: list[str]  # features of the mention's context and entity (strings, vocabulary-indexed)
    local: np.ndarray  # the vector of the mention's sentence (its paragraph's when no sentence was encoded)
    document: np.ndarray
    entity: np.ndarray  # mean vector of the paragraphs mentioning the entity
    bloc: str
    group: str = ""  # the entity (within its document) whose mentions share probabilities
    # content lemmas read through static word vectors: "L" / "R" the window each side, "M" the mention's own,
    # and the governing word under "gov:agent" (the mention acts), "gov:patient" (it undergoes) or "gov:other"
    lemmas: dict[str, list[str]] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _cue_index(lang: str) -> tuple[dict[str, frozenset[str]], dict[str, tuple[tuple[str, str], ...]], tuple[str, ...]]:
    """The lexicon indexed for lookups: roles per single-word cue (a cue is a word prefix), (role, phrase) pairs
    per first word of the multi-word cues, and the roles in the lexicon's order."""
    prefixes: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, str]]] = {}
    order = []
    for role, cues in lexicon()[lang].items():
        if not cues:
            continue
        order.append(role)
        for cue in cues:
            prefixes.setdefault(cue, set()).add(role)  # phrases too, as prefixes (a word with a space matches one)
            if " " in cue:
                phrases.setdefault(cue.split(" ")[0], []).append((role, f" {cue}"))
    return ({cue: frozenset(roles) for cue, roles in prefixes.items()}, {w: tuple(p) for w, p in phrases.items()},
            tuple(order))


@lru_cache(maxsize=200_000)
def word_cue_roles(lang: str, word: str) -> frozenset[str]:
    """The roles with a cue that starts ``word`` (cached: a sentence's words are read for each of its mentions)."""
    prefixes = _cue_index(lang)[0]
    return frozenset().union(*(prefixes.get(word[:k], ()) for k in range(1, len(word) + 1)))


def _cues(lemmas: Sequence[str], texts: Sequence[str], lang: str) -> list[str]:
    """The roles whose cues occur: a cue is a word prefix, or a phrase of several words."""
    _, phrases, order = _cue_index(lang)
    words = set(lemmas)
    words.update(texts)
    hit = set().union(*(word_cue_roles(lang, w) for w in words))
    # a phrase occurs only after its first word, whole (it is followed by a space in the phrase)
    starting = [p for w in words if w in phrases for p in phrases[w]]
    if starting:
        joined = " " + " ".join(lemmas) + " " + " ".join(texts) + " "
        for role, phrase in starting:
            if role not in hit and phrase in joined:
                hit.add(role)
    return [role for role in order if role in hit]


def mention_words(doc: Document, tokens: Sequence[Token], m: Mention, entity: Entity, n_mentions: int,
                  lang: str, index: TokenIndex) -> tuple[list[str], dict[str, list[str]]]:
    """The sparse features of a mention, as strings (``index``: the document's :func:`token_index`), and the
    lemmas its word-vector features read (:attr:`MentionContext.lemmas`)."""
    inside = index.inside(m.start, m.end)
    first = inside[0] if inside else inside.stop
    last = inside[-1] if inside else first - 1
    stop = _STOP[lang]
    same = index.by_sentence.get(m.sent, [])

    def content(i: int) -> bool:
        return tokens[i].lemma.isalpha() and tokens[i].lemma not in stop

    left = [tokens[i].lemma for i in reversed(same) if i < first and content(i)][:WINDOW]
    right = [tokens[i].lemma for i in same if i > last and content(i)][:WINDOW]
    sentence = [tokens[i] for i in same if not (first <= i <= last)]
    words = [f"rel={m.role}", f"gov={m.governor}", f"relgov={m.role}|{m.governor}", f"type={m.type}",
             f"bloc={entity.bloc}", f"ent={entity.canonical.lower()}", f"bloc={entity.bloc}|{lang}",
             f"ent={entity.canonical.lower()}|{lang}", f"mentions={min(n_mentions, 4)}", f"lang={lang}"]
    words += [f"L={w}" for w in left] + [f"R={w}" for w in right]
    own = [tokens[i] for i in inside]
    own_lemmas = [t.lemma for t in own if t.lemma.isalpha() and t.lemma not in stop]
    words += [f"M={w}" for w in own_lemmas]
    words += [f"cueM={r}" for r in _cues([t.lemma for t in own], [t.text.lower() for t in own], lang)]
    words += [f"cueG={r}|{m.role}" for r in _cues([m.governor], [m.governor], lang)]
    window = left + right
    words += [f"cueW={r}" for r in _cues(window, window, lang)]
    in_sentence = _cues([t.lemma for t in sentence], [t.text.lower() for t in sentence], lang)
    words += [f"cueS={r}" for r in in_sentence] + [f"cueS={r}|{entity.bloc}" for r in in_sentence]
    if m.start < len(doc.title or "") + 2:
        words.append("in_title")
    slot = "agent" if m.role in ("subj", "agent") else "patient" if m.role in ("obj", "subjpass") else "other"
    lemmas = {"L": left, "R": right, "M": own_lemmas}
    if m.governor:
        lemmas[f"gov:{slot}"] = [m.governor]
    return words, lemmas


def contexts_for(doc: Document, mentions: Sequence[Mention], entities: Sequence[Entity]) -> list[MentionContext]:
    """One :class:`MentionContext` per mention of a parsed, encoded document."""
    from ..text.encode import encoding_of

    lang = doc.language if doc.language in ("en", "ru") else "en"
    tokens = tokens_of(doc)
    encoding = encoding_of(doc)
    index = token_index(doc)
    out = []
    entity_vectors: dict[int, np.ndarray] = {}
    for m in mentions:
        entity = entities[m.entity]
        k = encoding.paragraph_at(m.start)
        paragraph = encoding.vectors[k] if k is not None else encoding.document
        j = encoding.sentence_at(m.start)
        # the sentence says more about what the mention does or suffers than the paragraph around it
        local = encoding.sentence_vectors[j] if j is not None else paragraph
        words, lemmas = mention_words(doc, tokens, m, entity, len(entity.mentions), lang, index)
        rows = sorted({k for k in (encoding.paragraph_at(s) for s in entity.starts) if k is not None})
        if rows:  # the same for every mention of the entity
            if m.entity not in entity_vectors:
                mean = encoding.vectors[rows].mean(0)
                entity_vectors[m.entity] = mean / max(float(np.linalg.norm(mean)), 1e-12)
            vector = entity_vectors[m.entity]
        else:
            vector = paragraph / max(float(np.linalg.norm(paragraph)), 1e-12)
        out.append(MentionContext(lang, words, local, encoding.document, vector, entity.bloc,
                                  f"{doc.id}#{entity.id}", lemmas))
    return out


# --------------------------------------------------------------------------- the model


@dataclass
class RoleModel:
    """Vocabulary, projections and the two logistic regressions (see the module docstring)."""

    vocabulary: dict[str, int]
    projection: np.ndarray  # (k, dim): main directions of document vectors, crossed with the bloc
    center: np.ndarray  # (dim,)
    main_coef: np.ndarray  # (3, features)
    main_intercept: np.ndarray
    fine_coef: np.ndarray  # (22, features)
    fine_intercept: np.ndarray
    config: dict[str, Any] = field(default_factory=dict)

    # features ------------------------------------------------------------------
    @staticmethod
    def dense_block(contexts: Sequence[MentionContext], projection: np.ndarray, center: np.ndarray,
                    dense_weight: float, cross_weight: float) -> np.ndarray:
        P = np.stack([c.local for c in contexts]).astype(np.float32)
        E = np.stack([c.entity for c in contexts]).astype(np.float32)
        D = np.stack([c.document for c in contexts]).astype(np.float32)
        Z = (D - center) @ projection.T  # (n, k)
        cross = np.zeros((len(contexts), len(BLOCS) * Z.shape[1]), dtype=np.float32)
        for i, c in enumerate(contexts):
            b = BLOCS.index(c.bloc) if c.bloc in BLOCS else BLOCS.index("none")
            cross[i, b * Z.shape[1] : (b + 1) * Z.shape[1]] = Z[i]
        return np.hstack([dense_weight * P, dense_weight * E, dense_weight * D, cross_weight * cross])

    @staticmethod
    def sparse_block(contexts: Sequence[MentionContext], vocabulary: dict[str, int]) -> sparse.csr_matrix:
        """Binary features, each row scaled to unit length (rows of one feature or none stay as they are)."""
        indices, indptr = [], [0]
        for c in contexts:
            indices += sorted({vocabulary[w] for w in c.words if w in vocabulary})
            indptr.append(len(indices))
        counts = np.diff(indptr)
        # built row by row as CSR directly: a binary row's norm is the root of its length (in float32, as the weights
        # were trained)
        values = np.repeat(1.0 / np.maximum(np.sqrt(counts.astype(np.float32)), 1.0), counts)
        return sparse.csr_matrix((values, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
                                 shape=(len(contexts), len(vocabulary)))

    @staticmethod
    def lexical_block(contexts: Sequence[MentionContext], backends: dict[str, str], weight: float) -> np.ndarray:
        """Static word vectors of each mention's lemmas (:data:`LEXICAL_SLOTS`, mean per slot), in its language's own
        columns: a governing verb rare in training reads like related ones ("attack" like "bomb")."""
        from ..text.wordvec import word_vectors

        sizes = {lang: len(LEXICAL_SLOTS) * word_vectors(b).dim for lang, b in sorted(backends.items())}
        out = np.zeros((len(contexts), sum(sizes.values())), dtype=np.float32)
        offset = 0
        for lang, size in sizes.items():
            vectors = word_vectors(backends[lang])
            # one (row, slot) cell per mention slot with words; every word of it adds its vector, then the mean
            cells, words = [], []
            for i, c in enumerate(contexts):
                if c.lang == lang:
                    for k, slot in enumerate(LEXICAL_SLOTS):
                        for w in c.lemmas.get(slot, ()):
                            cells.append(i * len(LEXICAL_SLOTS) + k)
                            words.append(w)
            if words:
                # cells come in increasing order, each one's words together: sum each run, divide by its length
                cell, starts, counts = np.unique(np.asarray(cells), return_index=True, return_counts=True)
                means = np.zeros((len(contexts) * len(LEXICAL_SLOTS), vectors.dim), dtype=np.float32)
                means[cell] = np.add.reduceat(vectors(words), starts, axis=0) / counts[:, None]
                out[:, offset:offset + size] = means.reshape(len(contexts), size)
            offset += size
        return out * weight

    def _blocks(self, contexts: Sequence[MentionContext]) -> tuple[np.ndarray, sparse.csr_matrix, np.ndarray | None]:
        """The features in their three blocks, in column order: the encoder vectors (dense), the sparse features and
        the word vectors (dense, or None without them). Prediction multiplies each apart: stacked into one sparse
        matrix, the dense blocks cost more to convert than to multiply."""
        cfg = self.config
        dense = self.dense_block(contexts, self.projection, self.center, cfg["dense_weight"], cfg["cross_weight"])
        lexical = (self.lexical_block(contexts, cfg["word_vectors"], cfg["lexical_weight"])
                   if cfg.get("word_vectors") else None)
        return dense, self.sparse_block(contexts, self.vocabulary), lexical

    def features(self, contexts: Sequence[MentionContext]) -> sparse.csr_matrix:
        """All blocks as one sparse matrix (for training)."""
        blocks = [b for b in self._blocks(contexts) if b is not None]
        return sparse.hstack([sparse.csr_matrix(b) if isinstance(b, np.ndarray) else b for b in blocks]).tocsr()

    # prediction ----------------------------------------------------------------
    def probabilities(self, contexts: Sequence[MentionContext]) -> tuple[np.ndarray, np.ndarray]:
        """(main role probabilities (n, 3), fine role probabilities (n, 22)), smoothed over each entity's mentions."""
        if not contexts:
            return np.zeros((0, 3)), np.zeros((0, len(ALL_FINE)))
        dense, X, lexical = self._blocks(contexts)
        d, n = dense.shape[1], dense.shape[1] + X.shape[1]

        def logits(coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
            z = dense @ coef[:, :d].T + np.asarray(X @ coef[:, d:n].T)
            return (z if lexical is None else z + lexical @ coef[:, n:].T) + intercept

        main = _softmax(logits(self.main_coef, self.main_intercept))
        fine = _softmax(logits(self.fine_coef, self.fine_intercept))
        share = float(self.config.get("entity_share", 0.0))
        if share > 0:
            main, fine = _smooth(main, [c.group for c in contexts], share), _smooth(fine, [c.group for c in contexts], share)
        return main, fine

    def decide(self, main: np.ndarray, fine: np.ndarray) -> list[tuple[str, list[str], float]]:
        """(main role, fine roles, main-role probability) per row.

        The pair maximising P(main) · P(fine | main) wins, P(fine | main) being
        the fine head's probability renormalised over the main role's own fine
        roles; a second fine role is added when it comes within
        ``second_ratio`` of the first (off in the shipped model: it cost exact
        matches in cross-validation).
        """
        second = float(self.config.get("second_ratio", 1.01))
        if not len(main):
            return []
        scores, picks = [], []
        for k, own in enumerate(_OWN_FINE):
            block = fine[:, own]
            j = block.argmax(1)  # the first best
            picks.append(j)
            total = np.maximum(block.sum(1).astype(np.float64), 1e-12)  # summed in the heads' precision
            scores.append(main[:, k].astype(np.float64) * block[np.arange(len(block)), j].astype(np.float64) / total)
        best = np.stack(scores, 1).argmax(1)
        out = []
        for i, k in enumerate(best):
            own = _OWN_FINE[k]
            fines = [ALL_FINE[own[picks[k][i]]]]
            if len(own) > 1:
                ranked = sorted(own, key=lambda j: -fine[i, j])
                if fine[i, ranked[1]] >= second * fine[i, ranked[0]]:
                    fines.append(ALL_FINE[ranked[1]])
            out.append((MAIN_ROLES[k], fines, float(main[i, k])))
        return out

    def predict(self, contexts: Sequence[MentionContext]) -> list[tuple[str, list[str], float]]:
        return self.decide(*self.probabilities(contexts))

    # persistence ---------------------------------------------------------------
    def save(self, directory: Path) -> list[Path]:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        arrays = directory / f"{WEIGHTS}.npz"
        np.savez_compressed(arrays, projection=self.projection.astype(np.float32), center=self.center.astype(np.float32),
                            main_coef=self.main_coef.astype(np.float32), main_intercept=self.main_intercept.astype(np.float32),
                            fine_coef=self.fine_coef.astype(np.float32), fine_intercept=self.fine_intercept.astype(np.float32))
        meta = directory / f"{WEIGHTS}.json"
        words = sorted(self.vocabulary, key=self.vocabulary.get)
        meta.write_text(json.dumps({"config": self.config, "main_roles": MAIN_ROLES, "fine_roles": ALL_FINE,
                                    "vocabulary": words}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        return [arrays, meta]

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> "RoleModel":
        directory = Path(directory)
        meta = json.loads((directory / f"{WEIGHTS}.json").read_text(encoding="utf-8"))
        with np.load(directory / f"{WEIGHTS}.npz") as z:
            arrays = {k: z[k] for k in z.files}
        from ..text.wordvec import word_vectors

        for backend in meta["config"].get("word_vectors", {}).values():
            word_vectors(backend)  # loaded with the model, not on the first document
        return cls({w: i for i, w in enumerate(meta["vocabulary"])}, arrays["projection"], arrays["center"],
                   arrays["main_coef"], arrays["main_intercept"], arrays["fine_coef"], arrays["fine_intercept"],
                   meta["config"])


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def _group_means(P: np.ndarray, groups: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """(mean row of each group in order of first appearance, each row's group index), in one pass."""
    order: dict = {}
    index = np.fromiter((order.setdefault(g, len(order)) for g in groups), dtype=np.int64, count=len(groups))
    sums = np.zeros((len(order), P.shape[1]), dtype=np.result_type(P, np.float64))
    np.add.at(sums, index, P)
    return sums / np.bincount(index, minlength=len(order))[:, None], index


def _smooth(P: np.ndarray, groups: Sequence[str], share: float) -> np.ndarray:
    """Each row moved ``share`` of the way to the mean of its group's rows."""
    means, index = _group_means(P, groups)
    return (1 - share) * P + share * means[index]


def load_resources() -> None:
    """Read the alias table, the role cues, the Russian morphology dictionary and the gazetteer now rather than
    in the first document (each once per process)."""
    from ..events.gazetteer import gazetteer
    from .entities import aliases, morph_vocab

    aliases()
    morph_vocab()
    gazetteer()
    for lang in ("en", "ru"):
        _cue_index(lang)


@lru_cache(maxsize=2)
def shipped_model(directory: str = str(MODEL_DIR)) -> RoleModel:
    return RoleModel.load(Path(directory))


# --------------------------------------------------------------------------- the analyzer


def annotate(docs: Sequence[Document], model: RoleModel, *, name: str = "roles", version: str = "7") -> None:
    """Replace each document's ``entity`` layer with its salient mentions and their roles (one model pass over
    the mentions of all ``docs``: the heads' fixed cost is paid once per batch, not per document)."""
    prepared = []
    for doc in docs:
        doc.drop_layer("entity")
        if doc.language not in ("en", "ru"):
            continue
        mentions, entities = document_entities(doc, _debunk_opponents(doc))
        reporting = doc.best_label("genre") == "reporting"  # (the persuasion pass's decision, when it ran before)
        # a news report's outlets (its own name, "Reuters could not verify", those it cites) tell the story, they play no
        # part in it (a column may cast "Western media" as the deceiver: the model decides there)
        mentions = [m for m in mentions if m.salient and not (reporting and _is_outlet(m, entities))]
        if mentions:
            contexts = contexts_for(doc, mentions, entities)
            for c in contexts:  # entities are per document, even where two documents of a batch share an id
                c.group = f"{len(prepared)}:{c.group}"
            prepared.append((doc, mentions, entities, contexts, reporting))
    if not prepared:
        return
    main, fine = model.probabilities([c for *_, contexts, _ in prepared for c in contexts])
    offset = 0
    for doc, mentions, entities, contexts, reporting in prepared:
        rows = slice(offset, offset + len(contexts))
        offset += len(contexts)
        _write_roles(doc, mentions, entities, main[rows], fine[rows], model, name, version, reporting)


def _write_roles(doc: Document, mentions: Sequence[Mention], entities: Sequence[Entity], main: np.ndarray,
                 fine: np.ndarray, model: RoleModel, name: str, version: str, reporting: bool) -> None:
    _cast_by_narratives(doc, mentions, entities, main, fine)
    _cast_falsely_accused(doc, mentions, main, fine)
    _cast_debunk_opponents(doc, mentions, main, fine)
    _cast_event_actors(doc, mentions, main, fine)
    _cast_designated_groups(doc, mentions, main, fine)
    watchers = [_is_watcher(m, entities) for m in mentions]
    if reporting:
        _no_watcher_villains(main, watchers)
    decided = _no_violent_roles(model.decide(main, fine), fine, watchers)
    # the entity's roles: the same decision over the mean probabilities of its mentions
    keys = [m.entity for m in mentions]
    main_means, _ = _group_means(main, keys)
    fine_means, _ = _group_means(fine, keys)
    firsts = list(dict.fromkeys(keys))
    aggregated = dict(zip(firsts, _no_violent_roles(model.decide(main_means, fine_means), fine_means,
                                                    [watchers[keys.index(k)] for k in firsts])))
    for m, (role, fines, score) in zip(mentions, decided):
        entity = entities[m.entity]
        entity_role, entity_fines, _ = aggregated[m.entity]
        doc.add(Annotation("entity", m.start, m.end, label=m.type, score=score, analyzer=name, version=version,
                           attrs={"role": role, "fine_roles": fines, "entity_id": entity.id,
                                  "canonical": entity.canonical, "entity_role": entity_role,
                                  "entity_fine_roles": entity_fines}))


def _cast_by_narratives(doc: Document, mentions: Sequence[Mention], entities: Sequence[Entity], main: np.ndarray,
                        fine: np.ndarray) -> None:
    """Where the narratives analyzer ran before (the default pipeline), an entity that a regional narrative the
    article pushes casts (the taxonomy's ``cast``: "the West seeks a foothold" casts the West's states as
    Antagonist / Foreign Adversary, "Russia is the indispensable guarantor" Russia as Protagonist / Guardian) takes
    that role in every mention, overriding the model, which learned the stance of the SemEval articles (mostly
    hostile to Russia in English) rather than the article's. With two narratives casting one entity, the one the
    detector is surer of wins."""
    chosen: dict[int, tuple[float, str, str]] = {}
    counts = np.bincount([m.entity for m in mentions], minlength=len(entities))
    for narrative in doc.layer("narrative"):
        for who, role, fine_role in narrative.attrs.get("cast") or []:
            for e in _cast_entities(who, entities, counts):
                if e not in chosen or (narrative.score or 0.0) > chosen[e][0]:
                    chosen[e] = (narrative.score or 0.0, role, fine_role)
    for i, m in enumerate(mentions):
        if m.entity in chosen:
            _, role, fine_role = chosen[m.entity]
            main[i] = np.eye(len(MAIN_ROLES))[MAIN_ROLES.index(role)]
            fine[i] = np.eye(len(ALL_FINE))[ALL_FINE.index(fine_role)]


def _debunk_opponents(doc: Document) -> list[tuple[int, int]]:
    """Where the debunks analyzer ran before (the default pipeline): the opponents its rebuttals name ("Western
    media" in "Three Myths … Western Media Keep Repeating"), mentions of their own though the NER finds no name."""
    spans = (a.attrs.get("attributed_span") for a in doc.layer("debunk"))
    return sorted({(s[0], s[1]) for s in spans if isinstance(s, (list, tuple)) and len(s) == 2 and s[0] < s[1]})


def _cast_debunk_opponents(doc: Document, mentions: Sequence[Mention], main: np.ndarray, fine: np.ndarray) -> None:
    """An opponent a rebuttal answers (the author says its claims are lies) is Antagonist / Deceiver in every
    mention of it, overriding the model and the narratives' casts: the article says so in its own structure."""
    opponents = set(_debunk_opponents(doc))
    if not opponents:
        return
    cast = {m.entity for m in mentions if (m.start, m.end) in opponents}
    antagonist, deceiver = MAIN_ROLES.index("Antagonist"), ALL_FINE.index("Deceiver")
    for i, m in enumerate(mentions):
        if m.entity in cast:
            main[i] = np.eye(len(MAIN_ROLES))[antagonist]
            fine[i] = np.eye(len(ALL_FINE))[deceiver]


# news outlets, international bodies, rights groups and research centres: who reports, monitors or studies violence
_WATCHERS = re.compile(r"\b(?:United\s+Nations|UN|UNAMA|UNHCR|UNICEF|UNDP|OSCE|Human\s+Rights\s+Watch|HRW|Amnesty|Red\s+"
                       r"Cross|Red\s+Crescent|ICRC|World\s+Bank|IMF|Crisis\s+Group|Memorial|CPJ|Committee\s+to\s+Protect\s+Journalists|Reporters\s+"
                       r"Without\s+Borders|RSF|Freedom\s+House|OVD-Info|Helsinki\s+Committee|Front\s+Line\s+Defenders)\b|\b(?:Centre|Center|Institute|Foundation|"
                       r"University|Monitor)\b|(?<!\w)(?:ООН|ОБСЕ|МВФ|Всемирн\w+\s+банк\w*|Красн\w+\s+(?:Крест|Полумесяц)\w*|"
                       r"Международн\w+\s+амнисти\w*|Мемориал\w*|ОВД-Инфо|Репортер\w*\s+без\s+границ|Институт\w*|Фонд\w*|"
                       r"Университет\w*)(?!\w)|(?<!\w)Центр(?:а|у|ом|е|ы|ов)?(?!\w)")
# fine roles of violence or betrayal such a body never plays in a report ("UNAMA condemned the attack" was a Terrorist)
_VIOLENT_FINE = [ALL_FINE.index(r) for r in ("Terrorist", "Tyrant", "Saboteur", "Spy", "Traitor") if r in ALL_FINE]


def _is_outlet(m: Mention, entities: Sequence[Entity]) -> bool:
    """Whether the mention (or its entity's canonical name) is a news outlet of the outlet table."""
    return any(sources().outlet(n) is not None for n in (entities[m.entity].canonical, m.text))


def _is_watcher(m: Mention, entities: Sequence[Entity]) -> bool:
    """Whether the mention names a news outlet, an international body, a rights group or a research centre."""
    return _is_outlet(m, entities) or any(_WATCHERS.search(n) for n in (entities[m.entity].canonical, m.text))


def _no_watcher_villains(main: np.ndarray, watchers: Sequence[bool]) -> None:
    """In a news report an international body or a rights group ("urged the ICRC to send observers", "Human Rights
    Watch called the verdict a travesty") is no villain: its mentions take the better of the other two main roles (the
    model, which learned the stance of opinion pieces, had cast the UN Security Council a conspirator)."""
    antagonist = MAIN_ROLES.index("Antagonist")
    for i, watcher in enumerate(watchers):
        if watcher:
            main[i, antagonist] = 0.0
            main[i] /= main[i].sum() or 1.0


def _no_violent_roles(decided: list[tuple[str, list[str], float]], fine: np.ndarray, watchers: Sequence[bool]
                      ) -> list[tuple[str, list[str], float]]:
    """A watcher is cast, when at all, as a deceiver, an instigator, incompetent or a guardian, never as a terrorist,
    tyrant, saboteur, spy or traitor: the best other fine role of the main role the model decided (the main role
    stays the model's)."""
    out = []
    for i, (role, fines, score) in enumerate(decided):
        if watchers[i] and any(ALL_FINE.index(f) in _VIOLENT_FINE for f in fines):
            own = [j for j in _OWN_FINE[MAIN_ROLES.index(role)] if j not in _VIOLENT_FINE]
            fines = [ALL_FINE[max(own, key=lambda j: fine[i, j])]] if own else fines
        out.append((role, fines, score))
    return out


def _cast_falsely_accused(doc: Document, mentions: Sequence[Mention], main: np.ndarray, fine: np.ndarray) -> None:
    """A mention the claim of a rebuttal casts as the villain, its subject or agent ("Lie: Russia used the CSTO as a
    cover to invade Kazakhstan"), is, in the article that calls the claim a lie, falsely accused: Innocent /
    Scapegoat (not Kazakhstan, whom the claim has invaded)."""
    lies = [tuple(s) for a in doc.layer("debunk") for s in [a.attrs.get("claim_span")]
            if isinstance(s, (list, tuple)) and len(s) == 2]
    if not lies:
        return
    antagonist, innocent, scapegoat = MAIN_ROLES.index("Antagonist"), MAIN_ROLES.index("Innocent"), ALL_FINE.index("Scapegoat")
    for i, m in enumerate(mentions):
        if int(main[i].argmax()) == antagonist and m.role in ("subj", "agent") \
                and any(s <= m.start and m.end <= e for s, e in lies):
            main[i] = np.eye(len(MAIN_ROLES))[innocent]
            fine[i] = np.eye(len(ALL_FINE))[scapegoat]


def _cast_entities(who: Sequence[str], entities: Sequence[Entity], counts: np.ndarray) -> set[int]:
    """The indices of the entities a cast's ``who`` names: canonical names, ``bloc:<bloc>`` (all of the bloc),
    ``most:<bloc>`` (the bloc's most mentioned salient entity, the first named on a tie)."""
    found: set[int] = set()
    for item in who:
        kind, _, bloc = item.partition(":")
        if kind == "bloc" and bloc:
            found |= {i for i, e in enumerate(entities) if e.bloc == bloc}
        elif kind == "most" and bloc:
            members = [i for i, e in enumerate(entities) if e.bloc == bloc and counts[i]]
            if members:
                found.add(max(members, key=lambda i: (counts[i], -i)))
        else:
            found |= {i for i, e in enumerate(entities) if e.canonical.casefold() == item.casefold()}
    return found


# Event types whose second actor is, by definition, the victims (ACLED: violence against unarmed civilians).
VICTIM_EVENTS = ("Violence against civilians",)


def _forces_harmed_by_armed_group(event_type: str | None, attrs: dict[str, Any]) -> bool:
    """A battle or a strike in which a rebel group, a militia or unidentified gunmen (ACLED inter 2 or 3) killed or
    wounded state forces: "Taliban fighters fired mortars at a Tajik border post, killing two Tajik soldiers"."""
    return event_type in ("Battles", "Explosions/Remote violence") and attrs.get("inter1") in (2, 3) \
        and attrs.get("inter2") == 1 and bool(attrs.get("fatalities") or attrs.get("injuries"))


def _cast_event_actors(doc: Document, mentions: Sequence[Mention], main: np.ndarray, fine: np.ndarray) -> None:
    """Where the events analyzer ran before (the default pipeline), a mention named in an attack on civilians (or
    in one by an armed group that killed or wounded state forces) takes its role from the event, overriding the model
    (which reads stance, not who did what to whom): in the
    victims (``actor2``) Innocent / Victim, in the attackers (``actor1``; not a place named as where they came
    from) Antagonist with the model's best antagonist fine role. A mention counts when it lies in a sentence of the event and its text occurs in the
    actor's description ("Shohin SM" in "Chinese employees of the construction company Shohin SM")."""
    innocent, antagonist = MAIN_ROLES.index("Innocent"), MAIN_ROLES.index("Antagonist")
    victim = ALL_FINE.index("Victim")
    for event in doc.layer("event"):
        if event.label not in VICTIM_EVENTS and not _forces_harmed_by_armed_group(event.label, event.attrs):
            continue
        spans = event.attrs.get("mentions") or [[event.start, event.end]]
        actors = {"actor1": (event.attrs.get("actor1") or "").lower(), "actor2": (event.attrs.get("actor2") or "").lower()}
        for i, m in enumerate(mentions):
            if not any(start <= m.start and m.end <= end for start, end in spans):
                continue
            text = doc.text[m.start:m.end].lower()
            if len(text) < 3:
                continue
            # (and the company whose camp or workers were attacked: "fired on a camp of the Zhongtai road company")
            if text in actors["actor2"] or event.label in VICTIM_EVENTS and text not in actors["actor1"] and (
                    _COMPANY_AFTER.match(doc.text, m.end) or _COMPANY_BEFORE.search(doc.text[max(0, m.start - 30):m.start])):
                main[i] = np.eye(len(MAIN_ROLES))[innocent]
                fine[i] = np.eye(len(ALL_FINE))[victim]
            elif text in actors["actor1"] and m.type not in ("GPE", "LOC"):  # "gunmen from Afghanistan": not the state
                main[i] = np.eye(len(MAIN_ROLES))[antagonist]


# "the banned extremist group Hizb ut-Tahrir", "запрещенной религиозно-экстремистской организации «Хизб ут-Тахрир»",
# "ИГИЛ (запрещена в России)": how the text designates the group it names
_DESIGNATED_BEFORE = re.compile(r"(?:\b(?:banned|outlawed|proscribed|extremist|terrorist|jihadist|militant)\s+(?:[\w-]+\s+)?"
                                r"(?:group|organi[sz]ation|movement|network|cell)|(?<!\w)(?:запрещ[её]нн|экстремистск|"
                                r"террористическ)\w*\s+(?:[\w-]+\s+)?(?:организаци|группировк|движени|ячейк)\w*)"
                                r"\s*[«\"“]?$", re.I)
_DESIGNATED_AFTER = re.compile(r"[»\"”]?\s*\*?\s*\((?:запрещ\w+|признан\w+ террористическ\w+|banned|outlawed)\b", re.I)


def _cast_designated_groups(doc: Document, mentions: Sequence[Mention], main: np.ndarray, fine: np.ndarray) -> None:
    """An organisation the text designates as banned, extremist or terrorist where it names it is Antagonist /
    Terrorist in that mention (the model had made a wire's "запрещенной религиозно-экстремистской организации «Хизб
    ут-Тахрир»" Protagonist / Guardian): the article casts it so in its own words."""
    antagonist, terrorist = MAIN_ROLES.index("Antagonist"), ALL_FINE.index("Terrorist")
    for i, m in enumerate(mentions):
        if m.type not in ("ORG", "NORP"):
            continue
        if _DESIGNATED_BEFORE.search(doc.text[max(0, m.start - 70):m.start]) or _DESIGNATED_AFTER.match(doc.text, m.end):
            main[i] = np.eye(len(MAIN_ROLES))[antagonist]
            fine[i] = np.eye(len(ALL_FINE))[terrorist]


_COMPANY_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:company|firm|contractor|corporation)\b", re.I)
_COMPANY_BEFORE = re.compile(r"(?<!\w)(?:компани\w+|фирм\w+|предприяти\w+|подрядчик\w*)\s+[«\"]?$", re.I)


def entity_roles(doc: Document) -> list[dict[str, Any]]:
    """Per-entity aggregates of a document's ``entity`` layer, in order of first mention.

    Each: ``entity_id``, ``canonical``, ``type``, ``role`` and ``fine_roles``
    (the entity's roles in the document, decided over the mean probabilities
    of its mentions), ``mentions``, ``texts`` (distinct surface forms),
    ``mention_roles`` (how many mentions got each main role) and ``score``
    (mean main-role probability of the mentions agreeing with ``role``).
    """
    grouped: dict[str, list[Annotation]] = {}
    for a in doc.layer("entity"):
        grouped.setdefault(str(a.attrs.get("entity_id")), []).append(a)
    out = []
    for entity_id, items in grouped.items():
        first = items[0].attrs
        role = first.get("entity_role") or first.get("role")
        agreeing = [a.score or 0.0 for a in items if a.attrs.get("role") == role]
        counts: dict[str, int] = {}
        for a in items:
            counts[a.attrs.get("role")] = counts.get(a.attrs.get("role"), 0) + 1
        out.append({
            "entity_id": entity_id, "canonical": first.get("canonical"), "type": items[0].label, "role": role,
            "fine_roles": list(first.get("entity_fine_roles") or first.get("fine_roles") or []),
            "mentions": len(items), "texts": list(dict.fromkeys(doc.text[a.start : a.end] for a in items)),
            "mention_roles": counts, "score": round(float(np.mean(agreeing)), 4) if agreeing else 0.0,
        })
    return out


# 5: static word vectors of the governing word and the context; 4: town and region names typed as places
# 6: the mention's sentence vector in place of its paragraph's; 7: "the village of Kara-Bulak" is a place;
# 8: a news outlet that only carries a claim ("told AKIpress", "according to Reuters") is no salient entity
# 9: an entity a regional narrative of the article casts ("the West seeks a foothold": the West Antagonist) takes that role
# 10: the opponent a rebuttal answers (the debunks layer) is a mention, Antagonist / Deceiver; no mention of a facility
# the alias table lacks, of a title-case headline's capitals alone, or of "the country" past a place in its sentence;
# no facility named by the word beside it ("the Qosh Tepa canal", "Камбаратинской ГЭС"), no river unless it acts; a
# name joined to a place in the same setting ("in Nukus and Khodjeyli") is a place
# 11: no mention of a mine, field or plant named by the word beside it, nor of a count before a name ("Eleven Kazakh
# workers"), of a Russian adjective the NER calls a person ("Забывчивые"), or of the author named alone under the
# title, or of common nouns spaCy capitalised at a sentence start ("Videos posted …"); a newspaper told something is
# cited ("told the Caspian Herald"); Karakalpakstan and its demonym in the alias table; state forces an armed group
# killed or wounded are cast as the victims of an attack on civilians are
# 12: no mention of a list label the NER calls a name ("Verdict:" of a fact check) or of a water intake
# ("водозабор «Головной»", "the Golovnoi water intake"), nor of the author named with a date under the title
# 13: no mention in a legal note ("* Движение находится под санкциями ООН …"); an abbreviation in parentheses is the
# name it follows ("Государственный комитет национальной безопасности (ГКНБ)" and "ГКНБ"); a landform is a place
# 14: a bare surname the NER typed otherwise joins the one person of that name ("Saidov" ORG after "Bakhtiyor
# Saidov"); Gorno-Badakhshan and its abbreviations are one entity; seas, lakes and border crossings are no mentions
# 15: no mention of a street, a market or the venue of an attack named in quotes ("теракт в «Крокус Сити Холле»"), of
# "the state" in "the state border", or of the kind of piece opening a line ("Explainer:", "Интервью с …"); "on X." is
# a medium; the Jogorku Kenesh is the Kyrgyz parliament; whom a debunked claim makes its villain is a scapegoat; a place
# whose police or residents are named ("Полиция Мангистауской области", "жителей Жанаозена") is a setting; a legal
# note's star is no part of a name ("ИГИЛ*"); the Islamic State and the State Duma are in the alias table; the alias
# table's `words` are mentions wherever they stand ("Талибы", which natasha never tags); the company whose camp or
# workers an attack hit is a victim ("a camp of the Zhongtai road company", "компании «Шохин СМ»"); a description starts
# at its own determiner ("that the country" is "the country")
# 16: no mention of a building named by its first word ("Дом правительства"), of media in general ("СМИ",
# "Telegram-каналы"), of a station ("Казанский вокзал"), or of a word of a title ("Interior" of "Deputy Interior
# Minister", "ГУ" of "ГУ МВД"), nor of a time zone ("GMT"); "RFE/RL" is one name; a news outlet, an international
# body, a rights group or a research centre is never a terrorist, tyrant, saboteur, spy or traitor
# 17: no salient mention in a wire's credits ("Editing by Mark Heinrich") or on a byline of two authors or a newsroom
# ("By Asia-Plus staff"), nor any of a hospital
# 18: a group the text designates as banned, extremist or terrorist where it names it is Antagonist / Terrorist there;
# an abbreviation is the one name its initials spell ("ГКНБ", "Государственного комитета национальной безопасности");
# no mention of a model or a numbered facility ("Mi-24", "Худжанд-500") or of "ПВО", "ИВС"; "Sadyr Japarov and" ends
# before "and"
# 19: nor of a weapon ("Tor-M2", "Bayraktar TB2"), a language ("Dari"), a currency ("Chinese yuan") or the "State" of
# "Secretary of State"
# 20: in a news report no news outlet is salient and no international body or rights group is cast Antagonist; an
# abbreviation in parentheses joins the name the NER found before it ("State Committee for National Security (GKNB)");
# a name typed a person once and an organisation elsewhere is the organisation
@analyzer("roles", version="20", requires=("ner", "encoding"), assigns=("entity",))
class RoleAnalyzer(Analyzer):
    """Salient entity mentions with main and fine framing roles, merged per document (``entity`` layer)."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.model = shipped_model()
        load_resources()

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: Iterable[Document]) -> list[Document]:
        docs = list(docs)
        annotate(docs, self.model, name=self.name, version=self.version)
        return docs
