"""Fatality and injury figures from digits and number words, and totals recognized as aggregates."""
import pytest

from faultlines.events.casualties import counts, is_aggregate, summarize


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Three Chinese citizens were killed on Wednesday when gunmen attacked.", "en", (3, None)),
        ("Gunmen attacked the camp, killing three Chinese citizens.", "en", (3, None)),
        ("A drone attack killed two Chinese nationals and wounded two more.", "en", (2, 2)),
        ("Two killed, two wounded in border attack", "en", (2, 2)),
        ("Five Taliban fighters and two Tajik border guards were killed.", "en", (7, None)),
        ("Gunmen shot dead a police officer.", "en", (1, None)),
        ("Artillery hit two houses. No one was hurt.", "en", (0, None)),
        ("Clashes in September 2022 killed more than 100 people.", "en", (100, None)),
        ("Four days later, on November 30, a drone struck.", "en", (None, None)),
        ("Итог того нападения — трое погибших, все граждане Китая.", "ru", (3, None)),
        ("Один человек погиб, не менее 12 человек ранены.", "ru", (1, 12)),
        ("Двое граждан Китая погибли и ещё двое получили ранения.", "ru", (2, 2)),
        ("10 августа погиб водитель грузовика.", "ru", (1, None)),
        ("Ранены трое жителей Воруха.", "ru", (None, 3)),
        # the wounded before "and" are not among the dead
        ("At least 40 people were injured and one killed during clashes in Almaty.", "en", (1, 40)),
        ("Двое ранены и один человек погиб.", "ru", (1, 2)),
        ("Трое пострадавших и двое погибших.", "ru", (2, 3)),
        ("Трое военных и двое мирных жителей погибли.", "ru", (5, None)),
        ("A Chinese worker was shot dead at a gold mine.", "en", (1, None)),
        ("Пограничники уничтожили двух наркокурьеров.", "ru", (2, None)),
    ],
)
def test_counts(text, language, expected):
    assert summarize(counts(text, language)) == expected


def test_aggregates():
    assert is_aggregate("In total, five Chinese nationals have died in less than a week.", "en")
    assert is_aggregate("Всего в ходе столкновений погибли три человека.", "ru")
    assert not is_aggregate("Three Chinese citizens were killed on Wednesday.", "en")


@pytest.mark.parametrize("text, dead", [
    ("The death toll has risen to 14.", 14),
    ("The death toll now stands at 7.", 7),
])
def test_a_death_toll_in_the_perfect_or_standing_at(text, dead):
    assert summarize(counts(text, "en")) == (dead, None)


@pytest.mark.parametrize("text, language, dead", [
    ("The clashes in Osh led to the deaths of two people.", "en", 2),
    ("The shelling caused the deaths of at least three civilians.", "en", 3),
    ("Беспорядки в Оше привели к гибели двух человек.", "ru", 2),
])
def test_deaths_named_as_a_noun(text, language, dead):
    assert summarize(counts(text, language)) == (dead, None)


def test_left_counts_the_dead_only():
    assert summarize(counts("In 2019, a brawl at the mine left at least 20 people injured.", "en")) == (None, 20)
    assert summarize(counts("The attack left two people dead and five injured.", "en")) == (2, 5)


def test_no_civilians_harmed_counts_no_dead():
    assert [(c.field, c.value) for c in counts("The border service said no civilians had been harmed.", "en")] == [
        ("fatalities", 0)]


def test_the_wounded_of_an_active_verb_are_its_object():
    found = counts("The attacks killed five Chinese citizens and wounded four others.", "en")
    assert [(c.field, c.value) for c in found] == [("fatalities", 5), ("injuries", 4)]


@pytest.mark.parametrize("text, language, wounded", [
    ("Неизвестные избили двух сотрудников милиции, один из них доставлен в больницу с травмой.", "ru", 1),
    ("Two officers were taken to hospital.", "en", 2),
])
def test_taken_to_hospital_counts_the_wounded(text, language, wounded):
    assert [(c.field, c.value) for c in counts(text, language)] == [("injuries", wounded)]


@pytest.mark.parametrize("text, expected", [
    ("18 ноября неизвестные застрелили гражданина КНР, работавшего на золотом руднике.", [("fatalities", 1)]),
    ("Боевики убили двух пограничников и ранили солдата.", [("fatalities", 2), ("injuries", 1)]),
])
def test_one_russian_victim_in_the_accusative(text, expected):
    assert [(c.field, c.value) for c in counts(text, "ru")] == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("47-летний мужчина скончался на месте, еще один человек ранен.", "ru", [("fatalities", 1), ("injuries", 1)]),
    ("Ни один человек не погиб.", "ru", [("fatalities", 0)]),
    ("Не менее 12 человек погибли.", "ru", [("fatalities", 12)]),
    ("Среди погибших - двое подростков.", "ru", []),
    ("Among the dead were two children.", "en", []),
])
def test_who_died_one_by_one_no_one_and_who_was_among_the_dead(text, lang, expected):
    assert [(c.field, c.value) for c in counts(text, lang)] == expected


@pytest.mark.parametrize("text, language, expected", [
    # a named soldier, and a count with an apposition between it and its verb
    ("Sergeant Nurbek Asanov, 23, was killed and two other Kyrgyz border guards were wounded.", "en",
     [("fatalities", 1), ("injuries", 2)]),
    ("Three security guards, all local Pamiris, were killed and one was wounded.", "en",
     [("fatalities", 3), ("injuries", 1)]),
    # two groups after one verb of injury, and "the other one" of two
    ("По данным МВД, задержаны 23 человека, ранения получили четверо милиционеров и семеро протестующих.", "ru",
     [("injuries", 11)]),
    ("Погибли двое военных и трое мирных жителей.", "ru", [("fatalities", 5)]),
    ("Погибли двое военных, и трое ранены.", "ru", [("fatalities", 2), ("injuries", 3)]),
    ("Один из них, 27-летний сержант, скончался в больнице, второй получил ранения средней тяжести.", "ru",
     [("fatalities", 1), ("injuries", 1)]),
    ("One died and the other was badly wounded.", "en", [("fatalities", 1), ("injuries", 1)]),
])
def test_named_dead_appositions_and_coordinated_groups(text, language, expected):
    assert [(c.field, c.value) for c in counts(text, language)] == expected


@pytest.mark.parametrize("text, language", [
    ("It said the attackers had been carrying heroin and that one of them was killed while the others retreated.", "en"),
    ("Таджикские военные открыли ответный огонь; по данным афганских источников, убиты четверо талибов.", "ru"),
])
def test_the_attackers_dead_are_known_by_them_or_by_the_noun_after_the_count(text, language):
    assert [c.attackers for c in counts(text, language) if c.field == "fatalities"] == [True]


@pytest.mark.parametrize("text, language, expected", [
    ("The number of wounded later rose to eight.", "en", [("injuries", 8)]),
    ("On Saturday, a drone dropped an explosive device on a tractor, wounding the driver.", "en", [("injuries", 1)]),
    ("Gunmen fired at the car, killing the guard.", "en", [("fatalities", 1)]),
])
def test_revised_wounded_and_one_person_named_by_the_article(text, language, expected):
    assert [(c.field, c.value) for c in counts(text, language)] == expected
