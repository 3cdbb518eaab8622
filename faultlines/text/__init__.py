"""Text stage: language identification and segmentation into paragraphs and sentences."""
from .langid import LanguageIdentifier
from .segment import Segmenter

__all__ = ["LanguageIdentifier", "Segmenter"]
