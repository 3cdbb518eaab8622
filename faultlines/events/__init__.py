"""Events stage: ACLED/PLOVER-coded, dated, geocoded events in English and Russian text.

Importing this package registers the ``events`` analyzer; models and the
gazetteer load when the analyzer is built, not on import.
"""
from .analyzer import EventAnalyzer

__all__ = ["EventAnalyzer"]
