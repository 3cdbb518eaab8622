"""Text stage: language identification, segmentation, the linguistic pass and the shared encoder."""
from .encode import EncodePass, Encoding, encoding_of, shared_encoder
from .langid import LanguageIdentifier
from .nlp import LinguisticPass
from .segment import Segmenter

__all__ = ["EncodePass", "Encoding", "encoding_of", "shared_encoder", "LanguageIdentifier", "LinguisticPass", "Segmenter"]
