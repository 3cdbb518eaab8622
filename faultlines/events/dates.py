"""Event dates: absolute, relative and vague expressions resolved against the publication date.

Rules rather than dateparser's free search: dateparser misses most Russian
relative phrases ("накануне", "в конце ноября") and costs a millisecond per
call, which would break the speed budget when run over every sentence. The
month tables, the date-line reader for ambiguous numeric dates
(``10/12/2025``) and the locale rule are those of
:mod:`faultlines.ingest.published`, reused rather than copied.

Every resolved mention says how it was resolved (``basis``); impossible
dates (30 February) and dates after the publication are kept as warnings,
never raised.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..ingest.published import DATELINE, EN_MONTHS, RU_MONTHS, _locale, parse_date_line
from .text import load_resource

_EN_MONTH = "|".join(sorted({m.capitalize() for m in EN_MONTHS}, key=len, reverse=True))
_RU_MONTH_GEN = "|".join(sorted((m for m in RU_MONTHS if len(m) > 3), key=len, reverse=True))
# Prepositional month forms: "в ноябре", "в мае".
_RU_MONTH_PREP = {"январе": 1, "феврале": 2, "марте": 3, "апреле": 4, "мае": 5, "июне": 6, "июле": 7, "августе": 8,
                  "сентябре": 9, "октябре": 10, "ноябре": 11, "декабре": 12}
_RU_PREP = "|".join(_RU_MONTH_PREP)

EN_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
RU_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3, "пятницу": 4, "пятница": 4,
               "субботу": 5, "суббота": 5, "воскресенье": 6}
_EN_WD = "|".join(d.capitalize() for d in EN_WEEKDAYS)
_RU_WD = "|".join(RU_WEEKDAYS)

_NUMBERS = load_resource("numbers.json")
_EN_NUM = "|".join(sorted((re.escape(w) for w in _NUMBERS["en"]), key=len, reverse=True))
_RU_NUM = "|".join(sorted((re.escape(w) for w in _NUMBERS["ru"]), key=len, reverse=True))
_UNITS = {**_NUMBERS["units"]["en"], **_NUMBERS["units"]["ru"]}
_EN_UNIT = "|".join(sorted(_NUMBERS["units"]["en"], key=len, reverse=True))
_RU_UNIT = "|".join(sorted(_NUMBERS["units"]["ru"], key=len, reverse=True))

# Words before a date that make it the date of a report, not of the event.
_REPORT = re.compile(r"\b(?:said|says|reported|announced|told|confirmed|stated|сообщил\w*|заявил\w*|рассказал\w*|"
                     r"подтвердил\w*|объявил\w*|сообщается)\W+"
                     # "said in a statement on Friday", "told reporters at a briefing on Monday"
                     r"(?:(?:\w+\s+)?(?:in|at)\s+(?:a|an|the|its|his|her)\s+(?:[\w-]+\s+){0,2}?(?:statement|interview|"
                     r"briefing|conference|post|message|video)\W+)?(?:\w+\W+){0,2}$|"
                     # "the report, released on Monday": a text's day of publication
                     r"\b(?:report|statement|study|survey|video|letter|доклад|отч[её]т)\w*,?\s+(?:released|published|issued|"
                     r"опубликованн\w+|обнародованн\w+)\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
# a sentence that reports speech: "two days later the ministry denied it" counts from the report's date
_SPEECH = re.compile(r"\b(?:said|says|denied|denies|confirmed|reported|announced|told|stated|dismissed|rejected|called|"
                     r"сообщил\w*|заявил\w*|опроверг\w*|подтвердил\w*|назвал\w*|отверг\w*)\b", re.IGNORECASE)
_REPORT_AFTER = re.compile(r"^\W*(?:\w+\W+){0,1}(?:сообщил\w*|заявил\w*|said|announced|reported|confirmed)\b", re.IGNORECASE)


@dataclass
class DateMention:
    """One date expression and the date (or range) it resolves to."""

    start: int
    end: int
    text: str
    date: date | None
    precision: str  # day | month | year | range
    basis: str
    end_date: date | None = None
    relative: bool = False  # resolved from an earlier date of the text ("four days later")
    report: bool = False  # the date something was said or reported, not when it happened
    warnings: list[str] = field(default_factory=list)

    @property
    def range(self) -> list[str] | None:
        if self.date is None:
            return None
        return [self.date.isoformat(), (self.end_date or self.date).isoformat()]


def _num(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    return _NUMBERS["en"].get(w) or _NUMBERS["ru"].get(w)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_LAST_YEAR = re.compile(r"\s*(?:,\s*)?(?:of\s+)?(?:last|the\s+previous)\s+year\b|\s*(?:прошлого|предыдущего)\s+года(?!\w)", re.I)


def _infer_year(month: int, day: int, published: date | None) -> int:
    """The year of a yearless date: the publication's, or the year before for a date months ahead of it."""
    if published is None:
        return date.today().year
    try:
        d = date(published.year, month, min(day, 28) if month == 2 and day == 29 else day)
    except ValueError:
        return published.year
    return published.year - 1 if (d - published).days > 183 else published.year


def _shift(anchor: date, n: int, unit: str, sign: int) -> tuple[date, str]:
    if unit == "day":
        return anchor + timedelta(days=sign * n), "day"
    if unit == "week":
        return anchor + timedelta(weeks=sign * n), "day"
    if unit == "month":
        m = anchor.month - 1 + sign * n
        y, m = anchor.year + m // 12, m % 12 + 1
        return date(y, m, min(anchor.day, calendar.monthrange(y, m)[1])), "month"
    y = anchor.year + sign * n
    return date(y, anchor.month, min(anchor.day, calendar.monthrange(y, anchor.month)[1])), "year"


_PART_RANGES = {"early": (1, 10), "beginning": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31), "end": (21, 31),
                "начал": (1, 10), "середин": (11, 20), "конц": (21, 31), "конец": (21, 31)}


class DateResolver:
    """Finds date expressions in one document and resolves them in text order."""

    def __init__(self, language: str, published: str | None, locale_hint: str | None = None) -> None:
        self.language = language
        self.published = date.fromisoformat(published) if published else None
        self.day_first, self.locale_why = _locale(locale_hint or language)
        self.anchor: date | None = None  # the latest resolved explicit date, for "four days later"
        self.anchor_precision = "day"
        self.anchor_end: date | None = None  # the end of the latest date when it is a range ("last week")
        self.day_anchor: date | None = None  # the latest date to the day, for "the same day" after "In 2011, …"
        # the latest date that is not a report's ("said on Tuesday"), for "two days later a second attack"
        self.event_anchor: tuple[date, str] | None = None
        self.anchor_at = 0  # where the anchor stands in the text
        self.anchor_sentence = 0  # which call of find() (sentence) the anchor came from
        self._sentences_read = 0
        self.near_start = 0  # where the text near the sentence being read starts: its paragraph or the one before (set by the caller)

    # public -----------------------------------------------------------------
    def find(self, text: str, offset: int = 0) -> list[DateMention]:
        """Date mentions of one sentence (offsets shifted by ``offset``), resolved in order."""
        raw: list[tuple[int, int, str, re.Match]] = []
        self._sentences_read += 1
        for kind, pattern in _PATTERNS_RU if self.language == "ru" else _PATTERNS_EN:
            for m in pattern.finditer(text):
                raw.append((m.start(), m.end(), kind, m))
        raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        raw = _without_weekdays_beside_dates(text, raw)
        out: list[DateMention] = []
        last_end = -1
        dateline = DATELINE.match(text)  # "ALMATY, Dec 5 (Reuters) - Police dispersed a rally on Friday"
        for start, end, kind, m in raw:
            if start < last_end:
                continue
            mention = self._resolve(kind, m)
            if mention is None:
                continue
            last = _LAST_YEAR.match(text, end)
            if last and mention.date is not None and self.published is not None and "year from the publication" in mention.basis:
                # "on Dec. 16 last year", "16 декабря прошлого года": the day of the year before the publication's
                try:
                    mention.date = mention.date.replace(year=self.published.year - 1)
                    mention.basis = mention.basis.replace("year from the publication date", "the year before the publication")
                    end = last.end()
                except ValueError:
                    pass
            last_end = end
            mention.start, mention.end, mention.text = offset + start, offset + end, text[start:end]
            mention.report = bool(_REPORT.search(text[max(0, start - 40):start]) or _REPORT_AFTER.search(text[end:end + 30])
                                  or (dateline and start < dateline.end()))
            self._check(mention)
            # Report dates anchor too: "Reuters reported last week ...; officials confirmed it the same day".
            if mention.date is not None:
                self.anchor, self.anchor_precision, self.anchor_at = mention.date, mention.precision, mention.start
                self.anchor_sentence = self._sentences_read
                self.anchor_end = mention.end_date
                if mention.precision == "day":
                    self.day_anchor = mention.date
                if not mention.report:
                    self.event_anchor = (mention.date, mention.precision)
            out.append(mention)
        return out

    # resolution -----------------------------------------------------------
    def _check(self, mention: DateMention) -> None:
        if mention.date and self.published and mention.date > self.published:
            mention.warnings.append(f"date {mention.date.isoformat()} ({mention.text!r}) is after the publication date {self.published.isoformat()}")

    def _day(self, year: int | None, month: int, day: int, basis: str) -> DateMention:
        y = year if year is not None else _infer_year(month, day, self.published)
        try:
            return DateMention(0, 0, "", date(y, month, day), "day", basis if year else f"{basis}; year from the publication date")
        except ValueError:
            return DateMention(0, 0, "", None, "day", "impossible date",
                               warnings=[f"impossible date: day {day} of month {month} in {y}"])

    def _base(self) -> date | None:
        return self.published or self.anchor

    def _resolve(self, kind: str, m: re.Match) -> DateMention | None:
        g = m.groupdict()
        pub = self.published
        if kind == "md":
            month = EN_MONTHS[g["month"].lower().rstrip(".")]
            # ("between May 16 and May 18, 2022": the year the range ends with)
            closing = None if g.get("year") else _AND_DAY_YEAR.match(m.string, m.end())
            year = g.get("year") or (closing.group(1) if closing else None)
            return self._day(int(year) if year else None, month, int(g["day"]), "explicit date")
        if kind == "dm":
            month = (EN_MONTHS if self.language != "ru" else RU_MONTHS)[g["month"].lower().rstrip(".")]
            return self._day(int(g["year"]) if g.get("year") else None, month, int(g["day"]), "explicit date")
        if kind == "numeric":
            return self._numeric(m.group(0))
        if kind == "iso":
            try:
                return DateMention(0, 0, "", date(int(g["y"]), int(g["m"]), int(g["d"])), "day", "ISO date")
            except ValueError:
                return DateMention(0, 0, "", None, "day", "impossible date", warnings=[f"impossible date {m.group(0)!r}"])
        if kind in ("month", "month_ru", "part", "part_ru"):
            word = g["month"].lower()
            month = _RU_MONTH_PREP.get(word) or RU_MONTHS.get(word) or EN_MONTHS.get(word)
            if month is None:
                return None
            year = int(g["year"]) if g.get("year") else (pub.year if g.get("this") and pub else _infer_year(month, 15, pub))
            if kind.startswith("part"):
                part = next(v for k, v in _PART_RANGES.items() if g["part"].lower().startswith(k))
                last = calendar.monthrange(year, month)[1]
                return DateMention(0, 0, "", date(year, month, part[0]), "range", f"{g['part']} of the month",
                                   end_date=date(year, month, min(part[1], last)))
            return DateMention(0, 0, "", date(year, month, 1), "month", "month named", end_date=_month_end(year, month))
        if kind == "season":
            # "летом 2024 года", "in the summer of 2024": its months (a winter: the year's first two)
            y = int(g["year"])
            first, last = _SEASONS[g["season"].lower()]
            return DateMention(0, 0, "", date(y, first, 1), "range", f"{g['season'].lower()} of {y}",
                               end_date=_month_end(y, last))
        if kind == "year":
            y = int(g["year"])
            return DateMention(0, 0, "", date(y, 1, 1), "year", "year named", end_date=date(y, 12, 31))
        if kind in ("next_weekday", "next_weekday_ru"):
            # "The following Tuesday", "в следующий вторник": the first such day after the previous date of the text
            base = self.event_anchor[0] if self.event_anchor else self.anchor
            if base is None:
                return None
            wd = (EN_WEEKDAYS if kind == "next_weekday" else RU_WEEKDAYS).get(g["wd"].lower())
            if wd is None:
                return None
            ahead = (wd - base.weekday()) % 7 or 7
            return DateMention(0, 0, "", base + timedelta(days=ahead), "day",
                               "the first such weekday after the previous date in the text", relative=True)
        if kind in ("weekday", "weekday_ru"):
            if pub is None:
                return None
            wd = (EN_WEEKDAYS.get(g["wd"].lower()) if kind == "weekday" else RU_WEEKDAYS.get(g["wd"].lower()))
            if wd is None:
                return None
            back = (pub.weekday() - wd) % 7
            if g.get("last") and back == 0:
                back = 7
            return DateMention(0, 0, "", pub - timedelta(days=back), "day", "weekday: the latest one on or before the publication date")
        if kind == "deictic":
            word = m.group(0).lower()
            if pub is None and not self.anchor:
                return None
            if "накануне" in word:
                # the day before the date told last in its paragraph or the one before ("Нападение произошло 30 ноября.
                # Накануне …"), else before the report's
                if self.anchor is not None and (self.anchor_at >= self.near_start or pub is None):
                    return DateMention(0, 0, "", self.anchor - timedelta(days=1), "day", EVE_OF_PREVIOUS, relative=True)
                return DateMention(0, 0, "", pub - timedelta(days=1), "day", "'накануне': the day before the date of the report", relative=True)
            base = pub
            if base is None:
                return None
            if "позавчера" in word or "day before yesterday" in word:
                return DateMention(0, 0, "", base - timedelta(days=2), "day", "two days before publication")
            if "yesterday" in word or "вчера" in word or "last night" in word:
                return DateMention(0, 0, "", base - timedelta(days=1), "day", "the day before publication")
            return DateMention(0, 0, "", base, "day", "the publication date")
        if kind == "weekend":
            # "over the weekend", "в минувшие выходные": the Saturday and Sunday last before the publication
            if pub is None:
                return None
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
            if saturday >= pub:
                saturday -= timedelta(days=7)
            return DateMention(0, 0, "", saturday, "range", "the weekend before publication",
                               end_date=min(saturday + timedelta(days=1), pub))
        if kind == "week":
            if pub is None:
                return None
            word = m.group(0).lower()
            monday = pub - timedelta(days=pub.weekday())
            if "earlier this month" in word or "в начале месяца" in word:
                return DateMention(0, 0, "", pub.replace(day=1), "range", "this month up to publication", end_date=pub)
            if "month" in word or "месяц" in word:  # "last month", "в прошлом месяце"
                first = pub.replace(day=1) - timedelta(days=1)
                return DateMention(0, 0, "", first.replace(day=1), "month", "the month before publication", end_date=first)
            if "last" in word or "прошл" in word:
                return DateMention(0, 0, "", monday - timedelta(days=7), "range", "the week before the publication week",
                                   end_date=monday - timedelta(days=1))
            return DateMention(0, 0, "", monday, "range", "the publication week", end_date=pub)
        if kind in ("later", "ago"):
            n_word, unit_word = g.get("n") or g.get("n2"), g.get("unit") or g.get("unit2") or g.get("unit3")
            n = _num(n_word) if n_word else 1
            unit = _UNITS.get(unit_word.lower()) if unit_word else "day"
            if n is None or unit is None:
                return None
            if kind == "ago":
                base, sign, why = pub, -1, "counted back from the publication date"
            else:
                word = m.group(0).lower()
                sign = -1 if ("earlier" in word or "before" in word or "раньше" in word or "ранее" in word) else 1
                base, why, base_precision = self.anchor, "counted from the previous date in the text", self.anchor_precision
                # (but "The FSB said on Thursday that officers had detained three men … two days earlier": the report's
                # day in the same sentence)
                if self.event_anchor is not None and self.event_anchor[0] != base and not _SPEECH.search(m.string[m.end():]) \
                        and self.anchor_sentence != self._sentences_read:
                    # "… the State Border Service said on Tuesday. Two days later a second attack …": two days
                    # after the attack, not after the statement
                    (base, base_precision), why = self.event_anchor, "counted from the previous date in the text that is not a report's"
            if base is None:
                return None
            if self.published and base > self.published:
                # "… by April and May 2027. The report comes a week after border guards shot dead a herder": a forecast
                # anchors nothing told in the past tense; the sentence speaks from the publication's time
                base, base_precision, why = self.published, "day", "counted from the publication date (the previous date is ahead of it)"
            d, precision = _shift(base, n, unit, sign)
            if sign > 0 and self.published and d > self.published and re.search(r"\bafter\b|после", m.group(0) + m.string[m.end():m.end() + 8], re.I):
                # "Nearly two years after Kyrgyzstan and Tajikistan signed a treaty, villagers say …": what comes
                # after "after" lies that long before the time the sentence speaks from, not after it
                d, precision = _shift(base, n, unit, -1)
                why = "counted back: what follows 'after' lies that long before the previous date in the text"
            if kind == "later" and unit == "year" and base_precision in ("month", "year"):
                precision = base_precision
            elif unit == "year" and self.anchor_precision in ("month", "year"):
                precision = self.anchor_precision
            return DateMention(0, 0, "", d, precision, why, relative=kind == "later")
        if kind == "later_vague":
            # "Days later a drone hit a camp": some days after the last event's date, which day unknown
            base = self.event_anchor[0] if self.event_anchor else self.anchor
            if base is None:
                return None
            unit = (g.get("unit") or g.get("unit2") or "").lower()
            first, last = (1, 6) if unit.startswith(("day", "дн")) else (7, 27)
            return DateMention(0, 0, "", base + timedelta(days=first), "range",
                               f"some {unit} after the previous date in the text",
                               end_date=base + timedelta(days=last), relative=True)
        if kind == "sameday":
            # (a day counts from the last date told to the day: "On the same day" after "In 2011, police …")
            base = self.day_anchor if self.anchor_precision in ("month", "year") else self.anchor
            if base is None:
                return None
            word = m.group(0).lower()
            nxt = any(w in word for w in ("next", "following", "следующ"))
            return DateMention(0, 0, "", base + timedelta(days=1 if nxt else 0), "day",
                               "counted from the previous date in the text", relative=True)
        return None

    def _numeric(self, written: str) -> DateMention:
        """A numeric date: ambiguous readings decided as the publication date's are (see ingest.published)."""
        readings = [date.fromisoformat(r) for r in parse_date_line(written)]
        if not readings:
            return DateMention(0, 0, "", None, "day", "impossible date", warnings=[f"impossible date {written!r}"])
        if len(readings) == 1:
            return DateMention(0, 0, "", readings[0], "day", "numeric date")
        ok = [r for r in readings if not self.published or r <= self.published]
        if len(ok) == 1:
            other = next(r for r in readings if r not in ok)
            return DateMention(0, 0, "", ok[0], "day",
                               f"{written} is ambiguous; {other.isoformat()} would be after the publication date")
        chosen = readings[0] if self.day_first else readings[-1]
        return DateMention(0, 0, "", chosen, "day", f"{written} is ambiguous; read as {chosen.isoformat()}: {self.locale_why}")


_WEEKDAY_KINDS = frozenset({"weekday", "weekday_ru", "next_weekday", "next_weekday_ru"})
_FULL_DATE_KINDS = frozenset({"iso", "numeric", "md", "dm"})
# between a weekday and the date it names: "В пятницу, 27 ноября", "on Friday, Nov. 27", "27 ноября (пятница)"
_APPOSITION = re.compile(r"\s*[,(]?\s*(?:(?:on|в|во)\s+)?$", re.IGNORECASE)


def _without_weekdays_beside_dates(text: str, raw: list[tuple[int, int, str, re.Match]]) -> list[tuple[int, int, str, re.Match]]:
    """Drop a weekday written beside the full date it names: the date says which week (the weekday alone is read
    as the last one before the publication, a week off for "В пятницу, 27 ноября" published on a Friday)."""
    dates = [(start, end) for start, end, kind, _ in raw if kind in _FULL_DATE_KINDS]
    if not dates:
        return raw

    def beside(start: int, end: int) -> bool:
        return any(_APPOSITION.fullmatch(text[end:d_start]) or _APPOSITION.fullmatch(text[d_end:start])
                   for d_start, d_end in dates if 0 <= d_start - end <= 6 or 0 <= start - d_end <= 6)

    return [r for r in raw if r[2] not in _WEEKDAY_KINDS or not beside(r[0], r[1])]


_Y = r"(?:,?\s+(?P<year>\d{4}))?"
# the basis of a "накануне" counted from the date told before it (the events stage moves it when it cannot be)
EVE_OF_PREVIOUS = "'накануне': the day before the previous date in the text"
_AND_DAY_YEAR = re.compile(rf"\s+(?:and|to|through)\s+(?:(?:{_EN_MONTH})\s+)?\d{{1,2}}(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_SEASONS = {"summer": (6, 8), "летом": (6, 8), "autumn": (9, 11), "fall": (9, 11), "осенью": (9, 11),
            "spring": (3, 5), "весной": (3, 5), "winter": (1, 2), "зимой": (1, 2)}
_PATTERNS_EN: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("numeric", re.compile(r"\b\d{1,2}([./])\d{1,2}\1\d{4}\b")),
    ("part", re.compile(rf"\b(?:in\s+)?(?:the\s+)?(?P<part>early|mid|late|beginning of|middle of|end of)[\s-]+(?P<month>{_EN_MONTH})(?:\s+(?P<year>\d{{4}}))?\b")),
    # ("September 14-16, 2022": the first day of a range, in the year after it)
    ("md", re.compile(rf"\b(?P<month>{_EN_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*[–-]\s*\d{{1,2}}\b)?{_Y}")),
    ("dm", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_EN_MONTH})\b\.?{_Y}")),
    ("month", re.compile(rf"\b(?i:in|since|during|of|from|until|by)\s+(?P<month>{_EN_MONTH})(?:\s+(?P<year>\d{{4}})|(?P<this>\s+this\s+year))?\b(?!\s+\d)")),
    ("month", re.compile(rf"\b(?P<month>{_EN_MONTH})\s+(?P<year>\d{{4}})\b")),
    # ("In 2019, a similar brawl …": the preposition may open the sentence)
    ("year", re.compile(r"\b(?i:in|since|during)\s+(?P<year>(?:19|20)\d{2})\b(?!\s*(?:people|[a-z]+s\b))")),
    # "the 2022 fighting", "the 2010 Osh riots": an event named by its year
    ("year", re.compile(r"\b(?i:the|those|these)\s+(?P<year>(?:19|20)\d{2})\s+(?=(?:[A-Z][\w-]+\s+)?(?:fighting|clash|"
                        r"clashes|conflict|border\s+conflict|protests?|riots?|unrest|war|attacks?|events|violence|"
                        r"uprising|massacre|shootings?|bombings?|explosions?|crackdown)\b)")),
    ("season", re.compile(r"\b(?:in\s+)?(?:the\s+)?(?P<season>(?i:summer|winter|spring|autumn|fall))\s+(?:of\s+)?(?P<year>(?:19|20)\d{2})\b")),
    ("next_weekday", re.compile(rf"\b(?:(?:on\s+)?the\s+)?(?:following|next)\s+(?P<wd>{_EN_WD})\b")),
    ("weekday", re.compile(rf"\b(?:(?i:on|this)\s+)?(?P<last>(?i:last)\s+)?(?P<wd>{_EN_WD})(?:\s+(?:night|morning|evening|afternoon))?\b")),
    ("deictic", re.compile(r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|this\s+morning|last\s+night|tonight)\b", re.IGNORECASE)),
    ("weekend", re.compile(r"\b(?:(?:over|at|during)\s+the\s+weekend|last\s+weekend)\b", re.IGNORECASE)),
    ("week", re.compile(r"\b(?:last\s+week|this\s+week|earlier\s+this\s+week|last\s+month|earlier\s+this\s+month)\b", re.IGNORECASE)),
    ("later", re.compile(rf"\b(?P<n>{_EN_NUM}|\d+)\s+(?P<unit>{_EN_UNIT})\s+(?:later|after(?:wards)?|earlier|before)\b", re.IGNORECASE)),
    ("later_vague", re.compile(r"\b(?:(?:a\s+few|several|some)\s+)?(?P<unit>days|weeks)\s+later\b", re.IGNORECASE)),
    ("ago", re.compile(rf"\b(?P<n>{_EN_NUM}|\d+)\s+(?P<unit>{_EN_UNIT})\s+ago\b", re.IGNORECASE)),
    ("sameday", re.compile(r"\b(?:the\s+same\s+(?:day|evening|night)|later\s+that\s+(?:day|evening|night)|the\s+next\s+day|"
                           r"the\s+following\s+day|a\s+day\s+later|next\s+morning)\b", re.IGNORECASE)),
]
_PATTERNS_RU: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("numeric", re.compile(r"\b\d{1,2}([./])\d{1,2}\1\d{4}\b")),
    ("part_ru", re.compile(rf"(?:в|во)\s+(?P<part>начале|середине|конце)\s+(?P<month>{_RU_MONTH_GEN})(?:\s+(?P<year>\d{{4}}))?", re.IGNORECASE)),
    ("dm", re.compile(rf"(?<!\d)(?P<day>\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?\s+(?P<month>{_RU_MONTH_GEN})(?![а-яё])(?:\s+(?P<year>\d{{4}}))?", re.IGNORECASE)),
    ("month_ru", re.compile(rf"\b[вВ]о?\s+(?P<month>{_RU_PREP})(?:\s+(?P<year>\d{{4}})|(?P<this>\s+этого\s+года|\s+текущего\s+года))?", re.IGNORECASE)),
    ("year", re.compile(r"\b[вВ]\s+(?P<year>(?:19|20)\d{2})\s+год", re.IGNORECASE)),
    # "столкновения 2022 года", "события 2010 года в Оше": an event named by its year
    ("year", re.compile(r"(?<!\w)(?:событи|беспорядк|протест|столкновени|конфликт|войн|нападени|теракт|волнени|"
                        r"бо[ёе]в|стрельб|перестрелк|погром)\w*\s+(?P<year>(?:19|20)\d{2})\s+года(?!\w)", re.IGNORECASE)),
    # "в прошлую пятницу", "в минувшую субботу", "в ночь на воскресенье", "в ночь с понедельника на вторник" (dated
    # by the day the night leads into)
    ("season", re.compile(r"(?<!\w)(?P<season>летом|зимой|весной|осенью)\s+(?P<year>(?:19|20)\d{2})(?:\s+год\w*)?(?!\w)",
                          re.IGNORECASE)),
    ("next_weekday_ru", re.compile(rf"(?:в|во)\s+следующ\w+\s+(?P<wd>{_RU_WD})\b", re.IGNORECASE)),
    ("weekday_ru", re.compile(rf"\b(?:в\s+ночь\s+(?:с\s+\w+\s+)?на|в|во)\s+(?P<last>(?:прошл|минувш)\w+\s+)?(?P<wd>{_RU_WD})\b",
                              re.IGNORECASE)),
    # (not the preposition: "накануне выборов", "накануне запланированной акции" is before them, not the day before)
    ("deictic", re.compile(r"(?:позавчера|вчера|сегодня|накануне(?!\s+(?:[а-яё]+(?:ой|ого|его|ей|ых|их)\b|(?:выбор|визит|"
                           r"акци|саммит|праздник|митинг|переговор|встреч|голосовани|референдум|годовщин|приезд|"
                           r"заседани|суд[аеу]|процесс|марш|протест|забастовк|пикет|шестви|форум|съезд|сесси|"
                           r"инаугурац)[а-яё]*)))", re.IGNORECASE)),
    ("weekend", re.compile(r"(?<!\w)(?:в|на)\s+(?:(?:минувшие|прошлые|этих|эти|прошедшие)\s+)?выходн(?:ые|ых)(?!\w)", re.IGNORECASE)),
    ("week", re.compile(r"(?:на\s+прошлой\s+неделе|на\s+этой\s+неделе|в\s+прошлом\s+месяце|в\s+начале\s+месяца)", re.IGNORECASE)),
    ("later_vague", re.compile(r"(?:через|спустя)\s+(?:несколько|пару)\s+(?P<unit>дней|дня|недель|недели)\b|"
                               r"(?:несколько|пару)\s+(?P<unit2>дней|недель)\s+спустя", re.IGNORECASE)),
    # ("двумя днями ранее", "неделей позже": counted from the previous date, as "two days earlier")
    ("later", re.compile(rf"(?:через|спустя)\s+(?:(?P<n>{_RU_NUM}|\d+)\s+)?(?P<unit>{_RU_UNIT})\b|(?<!чем\s)(?P<n2>{_RU_NUM}|\d+)\s+(?P<unit2>{_RU_UNIT})\s+(?:спустя|ранее|раньше|позже|позднее)(?!\w)|"
                         # (not a comparison: "на 9% больше, чем годом ранее")
                         rf"(?<!\w)(?<!чем\s)(?P<unit3>днем|днём|неделей|месяцем|годом)\s+(?:ранее|раньше|позже|позднее)(?!\w)", re.IGNORECASE)),
    ("ago", re.compile(rf"(?P<n>{_RU_NUM}|\d+)\s+(?P<unit>{_RU_UNIT})\s+(?:назад|тому\s+назад)", re.IGNORECASE)),
    ("sameday", re.compile(r"(?:в\s+тот\s+же\s+день|(?:вечером|ночью|утром|днём|позже|позднее)\s+того\s+же\s+дня|"
                           r"в\s+тот\s+же\s+вечер|на\s+следующий\s+день|на\s+следующее\s+утро)", re.IGNORECASE)),
]


_EN_FULL_MONTH = "|".join(m.capitalize() for m in EN_MONTHS if len(m) > 3)
_RU_ANY_MONTH = "|".join(sorted(list(RU_MONTHS) + list(_RU_MONTH_PREP), key=len, reverse=True))


def named_event_date(text: str, stem: str, before: int, language: str) -> DateMention | None:
    """The date an earlier part of ``text`` gave an event by name: "the July 2022 protests", "the protests of
    January 2022", "протесты в июле 2022 года", "беспорядков 2022 года" for a later "the protests" (``stem``: the
    first letters of the later mention's cue word). The last such name before ``before``, else None."""
    stem = re.escape(stem.lower())
    if language == "ru":
        pattern = re.compile(rf"(?<!\w){stem}\w*\s+(?:в\s+)?(?:(?P<month>{_RU_ANY_MONTH})\s+)?(?P<year>(?:19|20)\d\d)\s+год",
                             re.IGNORECASE)
    else:
        pattern = re.compile(rf"\b(?:(?P<month>{_EN_FULL_MONTH})\s+)?(?P<year>(?:19|20)\d\d)\s+(?:[\w-]+\s+)?{stem}\w*|"
                             rf"\b{stem}\w*\s+(?:of|in)\s+(?:(?P<month2>{_EN_FULL_MONTH})\s+)?(?P<year2>(?:19|20)\d\d)\b",
                             re.IGNORECASE)
    hit = None
    for hit in pattern.finditer(text, 0, before):
        pass
    if hit is None:
        return None
    name = (hit.group("month") or hit.groupdict().get("month2") or "").lower()
    year = int(hit.group("year") or hit.group("year2"))
    month = EN_MONTHS.get(name) or RU_MONTHS.get(name) or _RU_MONTH_PREP.get(name)
    if month:
        return DateMention(hit.start(), hit.end(), hit.group(0), date(year, month, 1), "month",
                           f"the date the text gave it before ({hit.group(0)!r})",
                           end_date=date(year, month, calendar.monthrange(year, month)[1]), relative=True)
    return DateMention(hit.start(), hit.end(), hit.group(0), date(year, 1, 1), "year",
                       f"the date the text gave it before ({hit.group(0)!r})", end_date=date(year, 12, 31), relative=True)
