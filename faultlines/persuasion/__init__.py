"""Persuasion stage: SemEval-2023 Task 3 techniques (spans and paragraphs), genre and frames, en + ru.

``persuasion`` analyzer (:mod:`.analyzer`), corpus readers (:mod:`.data`),
training / cross-validation / SemEval-format prediction (:mod:`.corpus`) and
the official scorers (:mod:`.scoring`). See docs/persuasion.md.
"""
from .analyzer import PersuasionAnalyzer

__all__ = ["PersuasionAnalyzer"]
