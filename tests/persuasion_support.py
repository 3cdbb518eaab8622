"""Tiny SemEval-2023 T3 style corpus written by the tests (project-written texts, not corpus copies)."""
from __future__ import annotations

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"
SCORERS = SHARED / "semeval2023_task3" / "scorers"

ARTICLES = {
    "900000001": ("en", "opinion", ["Political", "Security_and_defense"], [
        "The Shameful Silence of Our Leaders",
        "The corrupt regime in the capital has betrayed every promise it ever made to the people.",
        "Officials said on Tuesday that talks with the neighbours would continue next month.",
        "These puppets of foreign masters are destroying our country, and everyone knows it.",
        "Will anyone really believe their so-called reforms this time?",
    ]),
    "900000002": ("en", "reporting", ["Economic"], [
        "Cotton exports rise in the third quarter",
        "The ministry of agriculture said cotton exports rose by 4 percent in the third quarter.",
        "Prices on the regional exchange were stable, according to traders in the capital.",
        "The harvest is expected to end in late October, officials said.",
    ]),
    "900000003": ("en", "opinion", ["Political", "Morality"], [
        "A Disgraceful Betrayal",
        "This disgraceful betrayal by a corrupt elite is a catastrophe for every family in the region.",
        "The minister met his counterpart in the capital on Monday.",
        "Only traitors and puppets could sign such a deal, and history will never forgive them.",
    ]),
    "900000004": ("en", "reporting", ["Economic", "Political"], [
        "Parliament passes the budget",
        "Parliament approved next year's budget on Wednesday by 98 votes to 12.",
        "The finance minister said spending on schools would grow by 6 percent.",
        "The opposition said it would propose amendments in the spring session.",
    ]),
    "900000005": ("en", "satire", ["Political"], [
        "River demands transit fees from neighbouring states",
        "In a shocking move, the river announced it would charge every country it flows through.",
        "Officials said the river declined to comment further and flowed away.",
        "Experts warn that mountains may be next to demand their absolutely unprecedented share.",
    ]),
    "900000006": ("en", "opinion", ["Security_and_defense"], [
        "Our Homeland Deserves Better",
        "Our homeland and our heroes deserve better than this corrupt regime of cowardly puppets.",
        "The meeting lasted two hours, a spokesman said.",
        "If we don't act now, the chaos will destroy everything our fathers built.",
    ]),
}

# technique spans, given as (article, paragraph index, phrase, technique)
SPANS = [
    ("900000001", 1, "corrupt regime", "Loaded_Language"),
    ("900000001", 1, "regime", "Name_Calling-Labeling"),
    ("900000001", 3, "puppets of foreign masters", "Name_Calling-Labeling"),
    ("900000001", 3, "everyone knows it", "Appeal_to_Popularity"),
    ("900000001", 4, "so-called reforms", "Doubt"),
    ("900000003", 1, "disgraceful betrayal", "Loaded_Language"),
    ("900000003", 1, "corrupt elite", "Name_Calling-Labeling"),
    ("900000003", 1, "catastrophe", "Exaggeration-Minimisation"),
    ("900000003", 3, "traitors and puppets", "Name_Calling-Labeling"),
    ("900000005", 1, "shocking", "Loaded_Language"),
    ("900000005", 3, "absolutely unprecedented", "Exaggeration-Minimisation"),
    ("900000006", 1, "corrupt regime of cowardly puppets", "Name_Calling-Labeling"),
    ("900000006", 1, "cowardly", "Loaded_Language"),
    ("900000006", 3, "the chaos will destroy everything", "Appeal_to_Fear-Prejudice"),
]


def write_corpus(root: Path) -> Path:
    """A SemEval-2023 T3 folder (``root/semeval2023_task3/en``) with articles and every label file."""
    base = root / "semeval2023_task3" / "en"
    arts = base / "train-articles"
    spans_dir = base / "train-labels-spans"
    arts.mkdir(parents=True)
    spans_dir.mkdir()
    par_lines, genre_lines, frame_lines = [], [], []
    for aid, (_, genre, frames, paras) in ARTICLES.items():
        text = "\n\n".join(paras) + "\n"
        (arts / f"article{aid}.txt").write_bytes(text.encode("utf-8"))
        offsets, pos = [], 0
        for p in paras:
            offsets.append(pos)
            pos += len(p) + 2
        rows, labels = [], {}
        for sid, idx, phrase, tech in SPANS:
            if sid != aid:
                continue
            start = offsets[idx] + paras[idx].index(phrase)
            rows.append(f"{aid}\t{tech}\t{start}\t{start + len(phrase)}\n")
            labels.setdefault(idx, set()).add(tech)
        (spans_dir / f"article{aid}-labels-subtask-3.txt").write_text("".join(rows), encoding="utf-8")
        for idx in range(len(paras)):
            par_lines.append(f"{aid}\t{2 * idx + 1}\t{','.join(sorted(labels.get(idx, ())))}\n")
        genre_lines.append(f"{aid}\t{genre}\n")
        frame_lines.append(f"{aid}\t{','.join(frames)}\n")
    (base / "train-labels-paragraphs.txt").write_text("".join(par_lines), encoding="utf-8")
    (base / "train-labels-genre.txt").write_text("".join(genre_lines), encoding="utf-8")
    (base / "train-labels-frames.txt").write_text("".join(frame_lines), encoding="utf-8")
    return root
