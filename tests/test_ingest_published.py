"""Publication date lines and the choice among ambiguous readings."""
from __future__ import annotations

import pytest

from faultlines.ingest.published import choose_published, iso_date, normalize_given, parse_date_line


@pytest.mark.parametrize(
    "line, readings",
    [
        ("10/12/2025", ["2025-12-10", "2025-10-12"]),
        ("10.12.2025", ["2025-12-10"]),
        ("2025-12-10", ["2025-12-10"]),
        ("December 10, 2025", ["2025-12-10"]),
        ("10 December 2025", ["2025-12-10"]),
        ("Dec. 10, 2025", ["2025-12-10"]),
        ("10 декабря 2025", ["2025-12-10"]),
        ("10 декабря 2025 г.", ["2025-12-10"]),
        ("Published: 10/12/2025", ["2025-12-10", "2025-10-12"]),
        ("Опубликовано: 10 декабря 2025 г.", ["2025-12-10"]),
        ("Wednesday, December 10, 2025 08:15 GMT", ["2025-12-10"]),
        ("10 декабря 2025 г. в 14:30 мск", ["2025-12-10"]),
        ("13/12/2025", ["2025-12-13"]),
        ("12/13/2025", ["2025-12-13"]),
        ("12/12/2025", ["2025-12-12"]),
        ("2025-12-10T08:00:00Z", ["2025-12-10"]),
        ("31/02/2025", []),
        ("Officials met on 10 December 2025 in Dushanbe.", []),
        ("Chinese workers killed near the border", []),
        ("By Pavel Orlov | December 5, 2026", ["2026-12-05"]),
        ("Новости · 5 декабря 2026", ["2026-12-05"]),
        ("Politics | World", []),
        ("", []),
    ],
)
def test_parse_date_line(line: str, readings: list[str]) -> None:
    assert parse_date_line(line) == readings


EVENTS_EN = (
    "Gunmen attacked a camp on November 30, killing two Chinese nationals. "
    "An earlier attack on November 26 targeted a gold mine."
)


def test_ambiguous_date_resolved_by_reported_events() -> None:
    chosen, basis = choose_published(parse_date_line("10/12/2025"), EVENTS_EN, "en", raw="10/12/2025")
    assert chosen == "2025-12-10"
    assert basis == "10/12/2025 is ambiguous; 2025-10-12 is before the events the text reports (2025-11-30)"


def test_ambiguous_date_resolved_by_russian_events() -> None:
    text = "Нападение произошло 30 ноября. Ещё 26 ноября был обстрелян объект."
    chosen, basis = choose_published(["2025-10-12", "2025-12-10"], text, "ru", raw="10/12/2025")
    assert chosen == "2025-12-10"
    assert "2025-11-30" in basis


def test_event_year_inferred_across_new_year() -> None:
    # 01/02/2026: a December 30 attack belongs to 2025, so neither reading is dropped by it;
    # "January 15" drops 2026-01-02.
    text = "The attack on December 30 was followed by another on January 15."
    chosen, basis = choose_published(parse_date_line("01/02/2026"), text, "en", raw="01/02/2026")
    assert chosen == "2026-02-01"
    assert "2026-01-02 is before the events the text reports (2026-01-15)" in basis


def test_locale_decides_without_events() -> None:
    readings = parse_date_line("03/04/2025")
    assert choose_published(readings, "Nothing dated here.", "ru", raw="03/04/2025")[0] == "2025-04-03"
    assert choose_published(readings, "Nothing dated here.", "en", raw="03/04/2025")[0] == "2025-04-03"
    chosen, basis = choose_published(readings, "Nothing dated here.", "en-US", raw="03/04/2025")
    assert chosen == "2025-03-04"
    assert "US" in basis and "ambiguous" in basis


def test_single_and_no_reading() -> None:
    assert choose_published(["2025-12-10"], "", raw="December 10, 2025") == (
        "2025-12-10",
        "date line 'December 10, 2025'",
    )
    assert choose_published([], "text")[0] is None


def test_may_the_verb_is_not_a_month() -> None:
    # "may 20" must not count as an event on May 20.
    text = "Officials said up to 20 people may 20 times over be affected."
    chosen, _ = choose_published(parse_date_line("05/04/2025"), text, "en", raw="05/04/2025")
    assert chosen == "2025-04-05"


def test_normalize_given_and_iso_date() -> None:
    assert normalize_given("2025-12-10") == "2025-12-10"
    assert normalize_given("2025-12-10T08:00:00") == "2025-12-10"
    with pytest.raises(ValueError):
        normalize_given("yesterday")
    assert iso_date("2025-12-02T09:00:00Z") == "2025-12-02"
    assert iso_date("Wed, 10 Dec 2025 08:00:00 GMT") == "2025-12-10"
    assert iso_date("nonsense") is None


def test_a_wire_dateline_dates_the_article() -> None:
    from datetime import date

    from faultlines.ingest.published import from_dateline

    text = "Police disperse protest\n\nALMATY, Dec 5 (Reuters) - Police in Zhanaozen dispersed a rally on Friday."
    found = from_dateline(text, date(2026, 12, 6), "the file's modification date")
    assert found.published == "2026-12-05" and "without a year" in found.basis
    # the latest Dec 5 on or before the reference: in early December, last year's
    assert from_dateline(text, date(2026, 12, 4), "today").published == "2025-12-05"
    assert from_dateline("DUSHANBE, 5 December 2024 — Talks ended.", date(2026, 1, 1), "today").published == "2024-12-05"
    assert from_dateline("БИШКЕК, 14 ноября — Переговоры завершились.", date(2026, 12, 6), "today").published == "2026-11-14"
    assert from_dateline("The talks in Almaty, on Dec 5, ended - briefly.", date(2026, 12, 6), "today").published is None


def test_a_file_without_a_date_line_takes_its_dateline_against_its_modification_date(tmp_path) -> None:
    import os
    from datetime import datetime

    from faultlines.ingest import read_text_file
    from faultlines.settings import Settings

    path = tmp_path / "wire.txt"
    path.write_text("Police disperse protest\n\nALMATY, Dec 5 (Reuters) - Police dispersed a rally on Friday.\n",
                    encoding="utf-8")
    stamp = datetime(2027, 3, 1, 12, 0).timestamp()
    os.utime(path, (stamp, stamp))
    doc = read_text_file(path, Settings())
    assert doc.published == "2026-12-05" and "2027-03-01" in doc.published_basis


@pytest.mark.parametrize("line, expected", [
    ("Бишкек, 15 сентября 2026 года", ["2026-09-15"]),
    ("Бишкек, 2 декабря 2026 года.", ["2026-12-02"]),  # a full stop after "года"
    ("2 декабря 2026 г.", ["2026-12-02"]),
    ("Dushanbe, 3 March 2025", ["2025-03-03"]),
    ("Osh, Kyrgyzstan, 5 May 2025", ["2025-05-05"]),
    ("Paris, Texas", []),
    ("Police, 5 officers", []),
    ("Bishkek, 2025: a year of protests", []),
])
def test_a_place_before_the_date_on_the_date_line(line, expected):
    assert parse_date_line(line) == expected
