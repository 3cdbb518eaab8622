"""Publication dates: read a date line, and settle an ambiguous one.

``10/12/2025`` is 10 December in Moscow and London and October 12 in New
York. :func:`parse_date_line` returns every valid reading;
:func:`choose_published` picks one with a stated reason: first by the
events the text itself reports (an article is not published before the
events it reports), then by the locale.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Iterable

from faultlines.model import OUTSIDE_YEARS, plausible

EN_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
        ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
        ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
    ],
    start=1,
):
    for _n in _names:
        EN_MONTHS[_n] = _i

RU_MONTHS: dict[str, int] = {}
for _i, _names in enumerate(
    [
        ("января", "январь", "янв"), ("февраля", "февраль", "фев"), ("марта", "март", "мар"),
        ("апреля", "апрель", "апр"), ("мая", "май"), ("июня", "июнь", "июн"),
        ("июля", "июль", "июл"), ("августа", "август", "авг"),
        ("сентября", "сентябрь", "сен", "сент"), ("октября", "октябрь", "окт"),
        ("ноября", "ноябрь", "ноя", "нояб"), ("декабря", "декабрь", "дек"),
    ],
    start=1,
):
    for _n in _names:
        RU_MONTHS[_n] = _i

_MONTHS = {**EN_MONTHS, **RU_MONTHS}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

_PREFIX = re.compile(
    r"^(?:published|posted|updated|last\s+updated|date|first\s+published|"
    r"опубликовано|дата\s+публикации|дата|обновлено)(?:\s+on)?\s*[:\-—–]?\s*",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+|"
    r"^(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс)\.?,?\s+",
    re.IGNORECASE,
)
_TIME_TAIL = re.compile(
    r"(?:(?:\s+|\s*[,|•·–—-]\s*)(?:at\s+|в\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:\(?(?:utc|gmt|msk|мск|[a-z]{2,4})\)?|[+-]\d{2}:?\d{2})?\s*)$",
    re.IGNORECASE,
)
_YEAR_TAIL = re.compile(r"\s*(?:г\.?|года?)[.,;]?\s*$", re.IGNORECASE)

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_YMD_SLASH = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")
_MONTH_DAY_YEAR = re.compile(rf"({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_ALT})\.?,?\s+(\d{{4}})", re.IGNORECASE)

# Dates the text reports, with or without a year. English month names are
# matched capitalized only ("may" the verb is not a month).
_EN_CAP = "|".join(sorted({n.capitalize() for n in EN_MONTHS}, key=len, reverse=True))
_RU_LOW = "|".join(sorted((n for n in RU_MONTHS if len(n) > 4 or n in ("мая",)), key=len, reverse=True))
_EVENT_PATTERNS = (
    # "November 26", "Nov. 26, 2025"
    (re.compile(rf"\b({_EN_CAP})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"), "md"),
    # "26 November", "26th of November 2025"
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_EN_CAP})\b\.?(?:,?\s+(\d{{4}})\b)?"), "dm"),
    # "26 ноября", "26 ноября 2025 года"
    (re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_RU_LOW})(?![а-яё])(?:\s+(\d{{4}}))?", re.IGNORECASE), "dm"),
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d if plausible(d) else None


def _clean(line: str) -> str:
    text = line.strip().strip("*_#>").strip()
    text = _PREFIX.sub("", text)
    text = _WEEKDAY.sub("", text)
    text = _TIME_TAIL.sub("", text)
    text = _YEAR_TAIL.sub("", text)
    return text.strip().rstrip(".,;").strip()


@dataclass(frozen=True)
class _Numeric:
    day_first: date | None
    month_first: date | None


def _numeric(text: str) -> _Numeric | None:
    m = _NUMERIC.fullmatch(text)
    if not m:
        return None
    a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), _year(m.group(4))
    day_first = _valid(y, b, a)
    # A dotted date is day-first by convention (10.12.2025 in Russian, German).
    month_first = None if sep == "." else _valid(y, a, b)
    return _Numeric(day_first, month_first)


# a place name before a date on the date line; the date must hold a digit (not "Paris, Texas")
_PLACE_PREFIX = re.compile(r"^[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё.'’-]*(?:[ -][A-ZА-ЯЁ][A-Za-zА-Яа-яЁё.'’-]*){0,2},[ \t]*(?=.*\d)(.+)$")


def parse_date_line(line: str) -> list[str]:
    """ISO readings of a line that holds a date and nothing else.

    Accepts an optional "Published:" / "Опубликовано:" prefix, a weekday, a
    trailing time and "г." / "года". A slashed or dashed numeric date with
    two valid readings returns both: the day-first reading first, then the
    month-first one. A dotted numeric date is read day-first only. Returns
    ``[]`` when the line is not a date line.
    """
    parts = re.split(r"[ \t]+[|·•][ \t]+", line.strip())
    if len(parts) > 1:  # "By Pavel Orlov | December 5, 2026", "Politics · 5 декабря 2026": the date after the bar
        return parse_date_line(parts[-1])
    place = _PLACE_PREFIX.match(line.strip())
    if place:  # "Бишкек, 15 сентября 2026 года", "Dushanbe, 3 March 2025": the place the piece was filed from
        return parse_date_line(place.group(1))
    text = _clean(line)
    if not text or len(text) > 40:
        return []
    m = _ISO.fullmatch(text) or _YMD_SLASH.fullmatch(text)
    if m:
        d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return [d.isoformat()] if d else []
    num = _numeric(text)
    if num:
        out: list[str] = []
        for d in (num.day_first, num.month_first):
            if d and d.isoformat() not in out:
                out.append(d.isoformat())
        return out
    m = _MONTH_DAY_YEAR.fullmatch(text)
    if m:
        d = _valid(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
        return [d.isoformat()] if d else []
    m = _DAY_MONTH_YEAR.fullmatch(text)
    if m:
        d = _valid(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
        return [d.isoformat()] if d else []
    return []


@dataclass(frozen=True)
class _Mention:
    month: int
    day: int
    year: int | None


def event_mentions(text: str) -> list[_Mention]:
    """Explicit month-name dates in the text ("November 26", "26 ноября 2025")."""
    found: list[_Mention] = []
    for pattern, order in _EVENT_PATTERNS:
        for m in pattern.finditer(text):
            if order == "md":
                month, day = _MONTHS[m.group(1).lower()], int(m.group(2))
            else:
                day, month = int(m.group(1)), _MONTHS[m.group(2).lower()]
            year = int(m.group(3)) if m.group(3) else None
            if 1 <= day <= 31:
                found.append(_Mention(month, day, year))
    return found


def _event_date(mention: _Mention, reading: date) -> date | None:
    """The mention as a date; without a year, the year is inferred from ``reading``.

    A yearless month-day more than half a year after the reading is taken to
    be in the reading's previous year (a January article about "December 30").
    """
    if mention.year is not None:
        return _valid(mention.year, mention.month, mention.day)
    d = _valid(reading.year, mention.month, mention.day)
    if d and d - reading > timedelta(days=183):
        d = _valid(reading.year - 1, mention.month, mention.day)
    return d


def _locale(language_hint: str | None) -> tuple[bool, str]:
    """(day_first, why) for a language / locale hint."""
    hint = (language_hint or "").lower().replace("_", "-")
    if hint.startswith("ru"):
        return True, "Russian sources write the day first"
    if hint in ("en-us", "us") or hint.endswith("-us"):
        return False, "US-style source: month first"
    if hint.startswith("en"):
        return True, "day first by default for English sources outside the US"
    return True, "day first by default"


def choose_published(
    readings: Iterable[str],
    text: str,
    language_hint: str | None = None,
    *,
    raw: str | None = None,
) -> tuple[str | None, str]:
    """Pick one of ``readings``; return ``(iso_date, basis)``.

    With one reading it is chosen. With several, readings that fall before
    the latest month-name date the text reports are dropped; if more than one
    is left, the locale decides (``language_hint`` "ru", "en", "en-US").
    ``raw`` is the date as written, for the basis sentence and to tell the
    day-first reading; without it the first reading is taken as day-first
    (the order :func:`parse_date_line` returns).
    """
    readings = list(dict.fromkeys(readings))
    label = raw.strip() if raw else "the date line"
    if not readings:
        return None, "no publication date found"
    if len(readings) == 1:
        return readings[0], f"date line {label!r}" if raw else "the only reading"
    dates = sorted(date.fromisoformat(r) for r in readings)
    mentions = event_mentions(text)
    reasons: list[str] = []
    survivors: list[date] = []
    for d in dates:
        events = [e for e in (_event_date(m, d) for m in mentions) if e]
        latest = max(events) if events else None
        if latest and d < latest:
            reasons.append(f"{d.isoformat()} is before the events the text reports ({latest.isoformat()})")
        else:
            survivors.append(d)
    head = f"{label} is ambiguous"
    if len(survivors) == 1:
        return survivors[0].isoformat(), "; ".join([head, *reasons])
    if not survivors:
        reasons.append("every reading is before a reported event")
        survivors = dates
    day_first, why = _locale(language_hint)
    chosen: date | None = None
    if raw:
        num = _numeric(_clean(raw))
        if num:
            chosen = num.day_first if day_first else num.month_first
    if chosen is None or chosen not in survivors:
        order = [date.fromisoformat(r) for r in readings if date.fromisoformat(r) in survivors]
        chosen = order[0] if day_first else order[-1]
    return chosen.isoformat(), "; ".join([head, *reasons, f"read as {chosen.isoformat()}: {why}"])


def normalize_given(published: str) -> str:
    """A date given by the user (``--published``) as an ISO date; ValueError if it is none."""
    text = published.strip()
    try:
        d = date.fromisoformat(text[:10]) if len(text) >= 10 and text[4] == "-" else date.fromisoformat(text)
    except ValueError:
        pass
    else:
        if not plausible(d):
            raise ValueError(f"--published {published!r} {OUTSIDE_YEARS}")
        return d.isoformat()
    readings = parse_date_line(text)
    if len(readings) == 1:
        return readings[0]
    raise ValueError(f"--published {published!r} is not a date; use YYYY-MM-DD")


def iso_date(value: str | None) -> str | None:
    """The ISO date at the start of a date / datetime string, or None."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        d = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    else:
        return d.isoformat() if plausible(d) else None
    m = _ISO.match(value)
    if m:
        d = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d.isoformat() if d else None
    readings = parse_date_line(value)
    return readings[0] if len(readings) == 1 else None


@dataclass
class Published:
    """What a document says about its publication date."""

    published: str | None = None
    readings: list[str] = field(default_factory=list)
    basis: str | None = None

    def apply(self, doc) -> None:  # doc: faultlines.model.Document
        doc.published = self.published
        doc.published_readings = sorted(self.readings) if len(self.readings) > 1 else []
        doc.published_basis = self.basis


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def language_hint(text: str) -> str:
    """"ru" when the text is mostly Cyrillic, else "en": a hint for the date locale only."""
    sample = text[:2000]
    return "ru" if len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample)) else "en"


def from_lines(lines: Iterable[str], text: str, *, hint: str | None = None, max_lines: int = 5) -> Published:
    """The publication date from a date line among the first non-empty ``lines``."""
    seen = 0
    for line in lines:
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        readings = parse_date_line(line)
        if readings:
            chosen, basis = choose_published(readings, text, hint or language_hint(text), raw=line.strip())
            return Published(chosen, readings, basis)
    return Published()


# "ALMATY, Dec 5 (Reuters) -", "DUSHANBE, 5 December 2026 —", "БИШКЕК, 14 ноября —", "НУКУС, 25 ноября.": a wire dateline
DATELINE = re.compile(
    r"^[ \t]*[A-ZА-ЯЁ][A-ZА-ЯЁ.'’ -]{1,30}(?:,[ \t]*[A-Za-zА-Яа-яЁё.'’ -]{2,30})?,[ \t]*"
    r"(?P<date>(?P<m1>[A-Za-zА-Яа-яЁё]{3,9})\.?[ \t]+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})[ \t]+(?P<m2>[A-Za-zА-Яа-яЁё]{3,9}))"
    r"(?:,?[ \t]+(?P<year>\d{4})(?:[ \t]+(?:года|г\.))?)?[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*(?:[-—–]|\.(?=\s|$))",
    re.MULTILINE)


def from_dateline(text: str, reference: date, why: str) -> Published:
    """The publication date from a wire dateline at the top of ``text``; without a year in it, the year of the
    latest such day on or before ``reference`` (``why`` says what that date is: the file's or today's)."""
    m = DATELINE.search(text[:1000])
    if m is None:
        return Published()
    month = _MONTHS.get((m.group("m1") or m.group("m2")).lower().rstrip("."))
    day = int(m.group("d1") or m.group("d2"))
    if month is None:
        return Published()
    raw = m.group(0).strip(" \t-—–")
    if m.group("year"):
        found = _valid(int(m.group("year")), month, day)
        return Published(found.isoformat(), [], f"wire dateline {raw!r}") if found else Published()
    found = _valid(reference.year, month, day)
    if found is not None and found > reference:
        found = _valid(reference.year - 1, month, day)
    if found is None:
        return Published()
    return Published(found.isoformat(), [], f"wire dateline {raw!r} without a year: the latest such day on or "
                                            f"before {reference.isoformat()} ({why})")


def given(published: str) -> Published:
    return Published(normalize_given(published), [], "given")
