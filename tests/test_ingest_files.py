"""Text and Markdown files: title, date line, encodings, size limits and bad files."""
from __future__ import annotations

import codecs
import dataclasses
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from faultlines.errors import InputError
from faultlines.ingest import iter_documents, read_text_file
from faultlines.ingest.files import text_document
from faultlines.settings import Settings
from ingest_support import DATA

SETTINGS = Settings(workers=1)


def error_of(path: Path, settings: Settings = SETTINGS) -> InputError:
    with pytest.raises(InputError) as info:
        read_text_file(path, settings)
    assert info.value.source == str(path)
    return info.value


def test_txt_title_and_ambiguous_date_line() -> None:
    path = DATA / "ambiguous_date.txt"
    doc = read_text_file(path, SETTINGS)
    raw = path.read_text(encoding="utf-8")
    assert doc.text == raw  # title and date line stay in the text
    assert doc.id == "ambiguous_date"
    assert doc.source == str(path)
    assert doc.source_kind == "file"
    assert doc.title == "Second attack on Chinese site near Tajik-Afghan border in a week"
    assert doc.published == "2025-12-10"
    assert doc.published_readings == ["2025-10-12", "2025-12-10"]
    assert doc.published_basis == (
        "10/12/2025 is ambiguous; 2025-10-12 is before the events the text reports (2025-11-30)"
    )


def test_russian_date_line() -> None:
    doc = read_text_file(DATA / "ru_report.txt", SETTINGS)
    assert doc.title == "Обстрел лагеря китайских рабочих на границе с Афганистаном"
    assert doc.published == "2025-12-01"
    assert doc.published_readings == []
    assert "Опубликовано" in doc.published_basis


def test_cp1251_russian_file(tmp_path: Path) -> None:
    text = (DATA / "ru_report.txt").read_text(encoding="utf-8").replace("Опубликовано: 1 декабря 2025 г.", "10 декабря 2025 г.")
    path = tmp_path / "otchet.txt"
    path.write_bytes(text.encode("cp1251"))
    doc = read_text_file(path, SETTINGS)
    assert doc.text == text
    assert doc.meta["encoding"] == "cp1251"
    assert doc.published == "2025-12-10"
    assert doc.title.startswith("Обстрел лагеря")


def test_koi8r_file(tmp_path: Path) -> None:
    text = (DATA / "ru_report.txt").read_text(encoding="utf-8")
    path = tmp_path / "koi.txt"
    path.write_bytes(text.encode("koi8_r"))
    assert read_text_file(path, SETTINGS).text == text


def test_markdown_heading_title_and_date() -> None:
    doc = read_text_file(DATA / "briefing.md", SETTINGS)
    assert doc.title == "Weekly security briefing: Tajik-Afghan border"
    assert doc.text.startswith("# Weekly security briefing")
    assert doc.published == "2025-12-12"
    assert doc.meta["format"] == "markdown"


def test_no_title_without_blank_line_and_no_date_far_down(tmp_path: Path) -> None:
    lines = ["First line runs on", "into the second line."] + [f"Paragraph {i}." for i in range(6)] + ["10 December 2025"]
    path = tmp_path / "plain.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = read_text_file(path, SETTINGS)
    assert doc.title is None
    assert doc.published is None  # the date is not among the first five non-empty lines


@pytest.mark.parametrize("text, title", [
    ("Washington's New Friends in Tashkent\nBy Dmitry Kovalenko\n14 November 2026\n\nThe ink was barely dry.\n",
     "Washington's New Friends in Tashkent"),
    ("На границе снова неспокойно\nДУШАНБЕ, 4 декабря 2026 года.\n\nВ ночь на среду пограничники вступили в бой.\n",
     "На границе снова неспокойно"),
    ("Бишкек снова играет в двойную игру\nАвтор: Игорь Семёнов\n20 ноября 2026 года\n\nТекст.\n",
     "Бишкек снова играет в двойную игру"),
    ("В Нукусе задержаны участники акции\nНУКУС, 25 ноября.\n\nОколо 300 человек собрались у здания парламента.\n",
     "В Нукусе задержаны участники акции"),  # a dateline without a year: the latest 25 November before the file's date
    ("The talks ended on Friday.\n14 November 2026\n\nText.\n", None),  # a sentence, not a headline
    ("By Dmitry Kovalenko\n14 November 2026\n\nText.\n", None),
])
def test_a_headline_above_a_byline_or_a_date_line_is_the_title(text, title):
    doc = text_document(text, doc_id="h", source="h.txt", source_kind="file",
                        reference=(date(2026, 12, 7), "the file's modification date"))
    assert doc.title == title
    assert doc.published in ("2026-11-14", "2026-12-04", "2026-11-20", "2026-11-25")


def test_published_override(tmp_path: Path) -> None:
    docs = list(iter_documents([str(DATA / "ambiguous_date.txt")], SETTINGS, published="2025-12-11"))
    assert [d.published for d in docs] == ["2025-12-11"]
    assert docs[0].published_basis == "given"
    assert docs[0].published_readings == []
    with pytest.raises(ValueError):
        iter_documents([str(DATA / "ambiguous_date.txt")], SETTINGS, published="last week")


def test_bom_stripped_crlf_kept(tmp_path: Path) -> None:
    body = "Border attack\r\n\r\n2025-12-10\r\n\r\nGunmen fired on a camp.\r\nTwo were killed.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    doc = read_text_file(path, SETTINGS)
    assert doc.text == body
    assert "\ufeff" not in doc.text
    assert doc.title == "Border attack"
    assert doc.published == "2025-12-10"
    start = doc.text.index("Two were killed.")
    # Offsets into the text are offsets into the file after its 3-byte BOM.
    assert path.read_bytes()[3 + start : 3 + start + 16] == b"Two were killed."


def test_same_article_from_two_paths_same_hash(tmp_path: Path) -> None:
    a = tmp_path / "a" / "story.txt"
    b = tmp_path / "b" / "copy-of-story.txt"
    a.parent.mkdir()
    b.parent.mkdir()
    shutil.copy(DATA / "ambiguous_date.txt", a)
    # Same article, Windows line ends and a BOM.
    b.write_bytes(codecs.BOM_UTF8 + (DATA / "ambiguous_date.txt").read_bytes().replace(b"\n", b"\r\n"))
    da, db = read_text_file(a, SETTINGS), read_text_file(b, SETTINGS)
    assert da.content_hash == db.content_hash
    assert da.id != db.id and da.text != db.text


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert error_of(empty).code == "FL102"
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\n \r\n\t\n")
    assert error_of(blank).code == "FL102"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert error_of(path).code == "FL103"


def test_invalid_utf8_mixed_encodings(tmp_path: Path) -> None:
    text = (DATA / "ru_report.txt").read_text(encoding="utf-8")
    path = tmp_path / "mixed.txt"
    path.write_bytes(text.encode("utf-8") + text.encode("cp1251"))
    err = error_of(path)
    assert err.code == "FL105"
    assert "mixed" in err.reason


def test_sparse_500mb_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(500 * 1024 * 1024)
    err = error_of(path, Settings())  # default limit: 20 MB
    assert err.code == "FL104"
    assert str(500 * 1024 * 1024) in err.reason


def test_small_max_bytes(tmp_path: Path) -> None:
    small = dataclasses.replace(SETTINGS, max_bytes=100)
    assert error_of(DATA / "ambiguous_date.txt", small).code == "FL104"


def test_missing_and_not_regular(tmp_path: Path) -> None:
    assert error_of(tmp_path / "nope.txt").code == "FL101"
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    err = error_of(fifo)
    assert err.code == "FL101" and "FIFO" in err.reason


def test_unknown_suffix_and_sniffing(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"Plain words in a file with the wrong suffix.")
    page = tmp_path / "saved_page"
    page.write_bytes((DATA / "border_attack.html").read_bytes())
    notes = tmp_path / "NOTES"
    notes.write_text("Notes\n\nThe Panj river border is long.\n", encoding="utf-8")
    out = list(iter_documents([str(pdf), str(page), str(notes)], SETTINGS))
    assert isinstance(out[0], InputError) and out[0].code == "FL111"
    assert out[1].title == "Chinese workers killed in attack near Tajik-Afghan border"
    assert out[1].id == "saved_page"
    assert out[2].title == "Notes" and out[2].text.endswith("long.\n")


@pytest.mark.parametrize("text, name", [
    ("The canal is a weapon\n\nBy Rustam Nazarov\n\nThe Qosh Tepa canal is not an irrigation project.\n", "Rustam Nazarov"),
    ("Заголовок\n\nАвтор: Айбек Смадияров, Астана\n\nТекст статьи.\n", "Айбек Смадияров"),
    ("Title\n\n*By Jane Doe, Reuters | 5 Dec 2026*\n\nText.\n", "Jane Doe"),
    ("Title\n\nBy Tuesday, the protests had spread to three cities across the country.\n", None),
    ("Title\n\nBy Tuesday protests had spread.\n", None),
    ("Exclusive: drones\n\nBy Olzhas Auyezov and Guy Faulconbridge\n\nNovember 26, 2026\n", "Olzhas Auyezov and Guy Faulconbridge"),
    ("Drills end\n\nBy Asia-Plus staff\n\nText.\n", "Asia-Plus staff"),
    ("Riots\n\nBy RFE/RL's Kyrgyz and Tajik services\n\nText.\n", "RFE/RL's Kyrgyz and Tajik services"),
    ("Title\n\nBy Monday and Tuesday the roads were closed.\n", None),
    # a ministry's release, in its own voice
    ("МВД: задержаны пятеро\n\nПресс-служба Министерства внутренних дел Кыргызской Республики\n\n5 декабря 2026\n\nТекст.\n",
     "Пресс-служба Министерства внутренних дел Кыргызской Республики"),
    ("Title\n\nPress service of the Ministry of Foreign Affairs of Tajikistan\n\nText.\n",
     "Press service of the Ministry of Foreign Affairs of Tajikistan"),
])
def test_a_byline_names_the_author(text, name):
    doc = text_document(text, doc_id="b", source="b.txt", source_kind="file")
    assert doc.meta.get("author") == name
    if name is not None:
        start, end = doc.meta["byline"]
        assert doc.text[start:end] == name
