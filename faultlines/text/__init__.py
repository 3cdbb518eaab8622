"""Text stage: language identification and segmentation into paragraphs and sentences."""
from .langid import LanguageIdentifier
from .nlp import LinguisticPass
from .segment import Segmenter

__all__ = ["LanguageIdentifier", "LinguisticPass", "Segmenter"]
