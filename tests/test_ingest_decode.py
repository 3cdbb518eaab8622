"""decode_bytes: BOMs, strict UTF-8, Russian 8-bit encodings, refusals."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from faultlines.errors import InputError
from faultlines.ingest.decode import decode_bytes, decode_bytes_ex, sniff_kind

RU = (
    "Пограничники Таджикистана сообщили о нападении на заставу вблизи границы с Афганистаном.\n"
    "По данным ведомства, 26 ноября неизвестные обстреляли пост, погибли два человека.\n"
)


def code_of(data: bytes) -> str:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "sample")
    assert info.value.source == "sample"
    return info.value.code


@pytest.mark.parametrize(
    "bom, codec",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_is_stripped_and_nothing_else(bom: bytes, codec: str) -> None:
    text = "  Title\r\n\r\n" + RU + "\n\n"
    assert decode_bytes(bom + text.encode(codec), "x") == text


def test_crlf_and_whitespace_kept_byte_for_byte() -> None:
    text = "Line one\r\nLine two\rLine three\n\tindented  \r\n"
    out = decode_bytes(text.encode("utf-8"), "x")
    assert out == text
    assert out.index("Line two") == text.encode("utf-8").index(b"Line two")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_russian_8bit_encodings(encoding: str) -> None:
    text, used = decode_bytes_ex(RU.encode(encoding), "ru.txt")
    assert text == RU
    assert codecs.lookup(used).name == codecs.lookup(encoding).name


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_short_russian_8bit(encoding: str) -> None:
    # Statistical detectors guess wrongly on text this short; the word check does not.
    assert decode_bytes("Привет, мир".encode(encoding), "short") == "Привет, мир"


def test_declared_charset_used_after_utf8() -> None:
    text = "Café crème, déjà vu: naïve façade.\n"
    assert decode_bytes(text.encode("latin-1"), "x", declared="iso-8859-1") == text


def test_latin1_is_not_taken_for_cyrillic() -> None:
    text = "Le café de la gare a été fermé après l'incident près de la frontière.\n"
    assert decode_bytes(text.encode("cp1252"), "fr.txt") == text


def test_empty_and_whitespace_only() -> None:
    assert code_of(b"") == "FL102"
    assert code_of(b" \r\n\t\n") == "FL102"
    assert code_of(codecs.BOM_UTF8 + b"\n\n") == "FL102"


def test_binary_refused() -> None:
    assert code_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00") == "FL103"
    assert code_of(bytes(range(1, 32)) * 20 + b"some text") == "FL103"


def test_mixed_encodings_refused() -> None:
    data = RU.encode("utf-8") + RU.encode("cp1251")
    assert code_of(data) == "FL105"


def test_garbage_high_bytes_refused() -> None:
    data = bytes((i * 37 + 11) % 128 + 128 for i in range(3000))
    assert code_of(data) == "FL105"


def test_invalid_after_bom() -> None:
    assert code_of(codecs.BOM_UTF8 + b"abc \xff\xfe\xfd def") == "FL105"


def test_sniff_kind() -> None:
    assert sniff_kind(b'  {"text": "x"}') == "json"
    assert sniff_kind(b"[{}]") == "json"
    assert sniff_kind(codecs.BOM_UTF8 + b"<!doctype html><html>") == "html"
    assert sniff_kind(b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff_kind(b"<feed xmlns='http://www.w3.org/2005/Atom'>") == "feed"
    assert sniff_kind(b"Plain words") == "text"


_printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff") | st.sampled_from("\r\n\t"),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip() != "")


@hsettings(max_examples=150, deadline=None)
@given(_printable)
def test_utf8_round_trip(text: str) -> None:
    assert decode_bytes(text.encode("utf-8"), "h") == text
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), "h") == text
