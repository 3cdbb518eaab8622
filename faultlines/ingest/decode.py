"""Bytes to text without moving a character.

:func:`decode_bytes` strips a byte-order mark and nothing else: newlines,
leading and trailing whitespace stay as they are, so every offset into the
returned text is an offset into the file as a reader sees it.

Order of attempts: BOM (UTF-8/16/32), strict UTF-8, a declared charset (an
HTTP header or HTML ``<meta charset>``, when the caller has one), a check for
the two Russian 8-bit encodings (cp1251, KOI8-R) that statistical detectors
get wrong on short texts, then charset-normalizer.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from faultlines.errors import InputError

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than tab, LF, VT, FF, CR, ESC; and DEL.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B)) + b"\x7f"
_MAX_CONTROL_RATIO = 0.02
_HIGH_BYTES = bytes(range(0x80, 0x100))

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CYR_LOWER = re.compile(r"[а-яё]")
_CYR_UPPER = re.compile(r"[А-ЯЁ]")
# charset-normalizer's "mess" ratio above which a decoding is taken as garbage.
_MAX_CHAOS = 0.2
_PREFERRED = tuple(codecs.lookup(n).name for n in ("cp1252", "latin-1", "cp1251", "koi8_r"))


def _err(source: str, reason: str, code: str) -> InputError:
    return InputError(source, reason, code=code)


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


# Control characters that do not occur in text (tab, newlines, form feed and ESC do), DEL and U+FFFD.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")


def _text_control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_TEXT_CONTROL.findall(text)) / len(text)


def _is_mixed_utf8(data: bytes) -> bool:
    """True when invalid UTF-8 also holds a real share of valid UTF-8 sequences.

    That is a file pasted together from two encodings: no single codec reads
    it, so it is refused rather than half turned into mojibake.
    """
    non_ascii = len(data) - len(data.translate(None, _HIGH_BYTES))
    if not non_ascii:
        return False
    matches = _UTF8_MULTIBYTE.findall(data)
    matched = sum(len(m) for m in matches)
    return len(matches) >= 4 and matched >= 0.25 * non_ascii


def _russian_8bit(data: bytes) -> str | None:
    """cp1251 or KOI8-R when the bytes read as Russian words in one of them.

    Both map 0xC0-0xFF to Cyrillic letters, with the cases swapped, so the
    right one is the decoding whose words are all-Cyrillic and mostly
    lowercase. Latin-1 text decoded this way gives mixed-script words
    ("cafй") and is rejected.
    """
    best: tuple[float, str] | None = None
    for encoding in ("cp1251", "koi8_r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        words = [w for w in _WORD.findall(text) if _CYRILLIC.search(w)]
        if len(words) < 1:
            continue
        pure = sum(1 for w in words if all(_CYRILLIC.match(c) or c.isdigit() for c in w))
        if pure < 0.9 * len(words):
            continue
        lower = len(_CYR_LOWER.findall(text))
        upper = len(_CYR_UPPER.findall(text))
        if lower + upper == 0:
            continue
        ratio = lower / (lower + upper)
        if ratio < 0.5:
            continue
        if best is None or ratio > best[0]:
            best = (ratio, encoding)
    return best[1] if best else None


def _normalize_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_bytes_ex(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``. Raises :class:`InputError`."""
    if not data or not data.strip():
        raise _err(source, "empty input: nothing to read", "FL102")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _err(source, f"not valid {encoding} after its byte-order mark ({exc.reason} at byte {exc.start})", "FL105") from None
            return _checked(text, source, encoding)
    if b"\x00" in data:
        raise _err(source, "binary data (NUL bytes), not text; give a text, HTML, JSON or feed file", "FL103")
    if _control_ratio(data) > _MAX_CONTROL_RATIO:
        raise _err(source, "binary data (control characters), not text", "FL103")
    try:
        return _checked(data.decode("utf-8"), source, "utf-8")
    except UnicodeDecodeError:
        pass
    if _is_mixed_utf8(data):
        raise _err(source, "mixed encodings: part UTF-8, part something else; re-save the file as UTF-8", "FL105")
    codec = _normalize_codec(declared)
    if codec and codec not in ("utf-8",):
        try:
            return _checked(data.decode(codec), source, codec)
        except (UnicodeDecodeError, InputError):
            pass
    russian = _russian_8bit(data)
    if russian:
        return _checked(data.decode(russian), source, russian)
    results = from_bytes(data)
    best = results.best()
    if best is not None:
        # charset-normalizer scores cp1250 and cp1252 alike on French or
        # German text; on a tie prefer the commoner Western encoding.
        tied = [m for m in results if m.chaos == best.chaos and abs(m.coherence - best.coherence) < 1e-9]
        for preferred in _PREFERRED:
            match = next((m for m in tied if codecs.lookup(m.encoding).name == preferred), None)
            if match is not None:
                best = match
                break
    if best is None or best.chaos > _MAX_CHAOS:
        raise _err(source, "undecodable text: not UTF-8 and no single encoding reads it; re-save as UTF-8", "FL105")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise _err(source, f"undecodable text (guessed {best.encoding})", "FL105") from None
    return _checked(text, source, best.encoding)


def _checked(text: str, source: str, encoding: str) -> tuple[str, str]:
    if not text.strip():
        raise _err(source, "empty input: only whitespace", "FL102")
    if _text_control_ratio(text) > _MAX_CONTROL_RATIO:
        raise _err(source, f"binary or garbled data (control characters after {encoding} decoding)", "FL103")
    return text, encoding


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Text of ``data``: the BOM stripped, nothing else changed.

    Raises :class:`InputError` FL102 (empty / whitespace only), FL103
    (binary), FL105 (undecodable or mixed encodings). ``declared`` is a
    charset named by the container (HTTP header, HTML meta); it is tried
    after strict UTF-8.
    """
    return decode_bytes_ex(data, source, declared=declared)[0]


def strip_bom_bytes(data: bytes) -> bytes:
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return data[len(bom):]
    return data


def sniff_kind(data: bytes) -> str:
    """Guess a kind from the first bytes: "json", "feed", "html" or "text"."""
    head = strip_bom_bytes(data[:4096]).lstrip()
    if head[:1] in (b"{", b"["):
        return "json"
    if head[:1] == b"<":
        low = head.lower()
        if low.startswith(b"<?xml") or low.startswith(b"<rss") or low.startswith(b"<feed") or low.startswith(b"<rdf"):
            if b"<html" not in low:
                return "feed"
        return "html"
    return "text"
