"""Event date resolution against the publication date (rules only: no models load here)."""
from datetime import date

import pytest

from faultlines.events.dates import DateResolver


def _one(resolver, text):
    found = [m for m in resolver.find(text) if m.date is not None or m.warnings]
    assert found, text
    return found[-1]


def test_month_day_takes_the_publication_year():
    r = DateResolver("en", "2025-12-10")
    m = _one(r, "On November 26, gunmen attacked a camp.")
    assert (m.date, m.precision) == (date(2025, 11, 26), "day")


def test_yearless_date_months_ahead_is_last_year():
    r = DateResolver("en", "2026-01-05")
    assert _one(r, "The clash of December 30 left two dead.").date == date(2025, 12, 30)


def test_weekday_and_relative_phrases():
    r = DateResolver("en", "2025-11-27")  # a Thursday
    assert _one(r, "Three citizens were killed on Wednesday.").date == date(2025, 11, 26)
    assert _one(r, "Four days later, the drone struck.").date == date(2025, 11, 30)
    week = _one(DateResolver("en", "2025-12-10"), "Last week Reuters reported talks.")
    assert (week.date, week.end_date, week.precision) == (date(2025, 12, 1), date(2025, 12, 7), "range")


def test_russian_weekdays_with_last_and_overnight():
    r = DateResolver("ru", "2025-05-20")  # a Tuesday
    assert _one(r, "В минувшую субботу полиция задержала пятерых.").date == date(2025, 5, 17)
    assert _one(DateResolver("ru", "2025-08-11"), "Беспилотник атаковал нефтебазу в ночь на воскресенье.").date == date(2025, 8, 10)
    assert _one(DateResolver("ru", "2025-06-06"), "В прошлую пятницу боевики обстреляли заставу.").date == date(2025, 5, 30)


@pytest.mark.parametrize("language, sentence", [
    ("ru", "В пятницу, 27 ноября, около 400 жителей перекрыли трассу."),
    ("ru", "27 ноября (в пятницу) жители перекрыли трассу."),
    ("en", "On Friday, Nov. 27, about 400 villagers blocked the highway."),
    ("en", "Villagers blocked the highway on November 27, Friday."),
])
def test_a_weekday_beside_its_full_date_takes_the_date(language, sentence):
    # published on Friday 4 December: the weekday alone is that day, the date says the Friday before
    found = [m for m in DateResolver(language, "2026-12-04").find(sentence) if m.date]
    assert [m.date for m in found] == [date(2026, 11, 27)], found


def test_late_november_is_a_range():
    m = _one(DateResolver("en", "2025-12-10"), "In late November, gunmen opened fire.")
    assert (m.date, m.end_date, m.precision) == (date(2025, 11, 21), date(2025, 11, 30), "range")


def test_three_years_later_keeps_month_precision():
    r = DateResolver("en", "2025-10-20")
    r.find("In July 2022, thousands protested in Nukus.")
    m = _one(r, "Three years later the anniversary passed quietly.")
    assert (m.date, m.precision) == (date(2025, 7, 1), "month")


def test_ambiguous_numeric_date_decided_by_the_publication_date():
    # 10/01/2025 is 10 January or 1 October; published 15 January, October is impossible.
    m = _one(DateResolver("en", "2025-01-15"), "Gunmen ambushed a bus on 10/01/2025.")
    assert m.date == date(2025, 1, 10)
    assert "ambiguous" in m.basis and "after the publication date" in m.basis
    # Both readings possible: the locale decides (day first outside the US) and says so.
    both = _one(DateResolver("en", "2026-03-01"), "The protest on 10/12/2025 was dispersed.")
    assert both.date == date(2025, 12, 10) and "day first" in both.basis


def test_impossible_and_future_dates_are_flagged_not_raised():
    r = DateResolver("en", "2025-12-10")
    bad = _one(r, "The attack on February 30 was reported.")
    assert bad.date is None and any("impossible" in w for w in bad.warnings)
    future = _one(r, "Officials said the clash on December 20 killed two.")
    assert any("after the publication" in w for w in future.warnings)


def test_russian_dates():
    r = DateResolver("ru", "2025-12-01")  # a Monday
    assert _one(r, "26 ноября вооружённые люди атаковали лагерь.").date == date(2025, 11, 26)
    assert _one(r, "Об этом в понедельник сообщили власти.").date == date(2025, 12, 1)
    assert _one(r, "Нападение произошло накануне вечером.").date == date(2025, 11, 30)
    late = _one(r, "Это второе нападение в конце ноября.")
    assert (late.date, late.end_date, late.precision) == (date(2025, 11, 21), date(2025, 11, 30), "range")
    assert _one(DateResolver("ru", "2025-10-14"), "В сентябре 2022 года шли бои.").precision == "month"


def test_n_days_later_counts_from_the_event_not_from_the_report():
    r = DateResolver("en", "2026-12-03")  # a Thursday
    r.find("On Monday night, gunmen opened fire on a convoy of border guards, the State Border Service said on Tuesday.")
    m = _one(r, "Two days later a second attack, on a customs post, left one officer dead.")
    assert m.date == date(2026, 12, 2)  # Monday + 2, not Tuesday + 2
    r = DateResolver("en", "2026-12-03")
    r.find("On Monday gunmen attacked a camp, Reuters reported on Tuesday.")
    assert _one(r, "Two days later the ministry denied the report.").date == date(2026, 12, 3)  # a report's answer


def test_last_month_is_the_month_before_publication():
    for text, language in (("Last month police detained five.", "en"), ("В прошлом месяце задержали пятерых.", "ru")):
        m = _one(DateResolver(language, "2026-12-05"), text)
        assert (m.date, m.end_date, m.precision) == (date(2026, 11, 1), date(2026, 11, 30), "month")
    week = _one(DateResolver("ru", "2026-12-05"), "На прошлой неделе задержали пятерых.")
    assert (week.date, week.end_date) == (date(2026, 11, 23), date(2026, 11, 29))


@pytest.mark.parametrize("language, text", [
    ("en", "Police detained 12 activists in Khorog over the weekend."),
    ("ru", "В минувшие выходные в Хороге задержаны 12 активистов."),
    ("ru", "На выходных в Хороге задержаны 12 активистов."),
])
def test_the_weekend_is_the_saturday_and_sunday_before_publication(language, text):
    (mention,) = DateResolver(language, "2026-12-07").find(text)
    assert mention.range == ["2026-12-05", "2026-12-06"]


def test_a_night_from_one_weekday_to_the_next_is_dated_by_the_day_it_leads_into():
    m = _one(DateResolver("ru", "2026-12-07"), "В ночь с понедельника на вторник неизвестные обстреляли заставу.")
    assert m.date == date(2026, 12, 1)


@pytest.mark.parametrize("text", ["Last Tuesday, gunmen attacked a post.", "Gunmen attacked a post last Tuesday."])
def test_last_tuesday_on_a_tuesday_is_the_week_before_at_a_sentence_start_too(text):
    assert _one(DateResolver("en", "2026-12-01"), text).date == date(2026, 11, 24)


def test_a_day_range_takes_the_year_it_ends_with():
    for text, lang, day in (("The clash of September 14-16, 2022 killed about 100 people.", "en", date(2022, 9, 14)),
                            ("14–16 сентября 2022 года на границе шли бои.", "ru", date(2022, 9, 14)),
                            ("Between May 16 and May 18, 2022, police detained 10 people.", "en", date(2022, 5, 16))):
        assert DateResolver(lang, "2026-12-03").find(text)[0].date == day


def test_russian_instrumental_spans_count_from_the_previous_date():
    r = DateResolver("ru", "2026-12-05")
    r.find("В ФСБ сообщили в пятницу, что пятеро задержаны.")
    (m,) = r.find("Их задержали двумя днями ранее в Хасавюрте.")  # (had been no date: the report's Friday stood)
    assert (m.date, m.precision) == (date(2026, 12, 2), "day")
    r.find("Нападение произошло 1 декабря.")
    assert [m.date for m in r.find("Неделей позже в селе прошел митинг.")] == [date(2026, 12, 8)]
    r.find("В октябре Туркменистан поставил в КНР 3,1 млрд кубометров газа.")
    assert r.find("Это на 9% больше, чем годом ранее.") == []  # a comparison, no date
