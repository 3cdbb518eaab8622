"""The events analyzer end to end over the shared text pipeline (spaCy / natasha load once per module)."""
from pathlib import Path

import pytest

import faultlines
from faultlines.output import document_record

DEMO = Path(faultlines.__file__).parent / "demo" / "articles"
ANALYZERS = ("language", "segment", "nlp", "events")
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
INTERFACE_FIELDS = {"event_type", "sub_event_type", "plover", "date", "date_precision", "country", "iso", "admin1",
                    "admin2", "location", "latitude", "longitude", "actor1", "actor2", "fatalities", "injuries", "start", "end"}


def run(text_or_path, published=None):
    return faultlines.analyze(text_or_path, published=published, analyzers=ANALYZERS)


@pytest.fixture(scope="module")
def canonical():
    return run(str(DEMO / "tajikistan-forgetful-friends.txt"))


def test_canonical_demo_article(canonical):
    record = document_record(canonical)
    violent = [e for e in record["events"] if e["event_type"] in VIOLENT]
    assert len(violent) == 2, violent
    khatlon, darvaz = violent
    assert INTERFACE_FIELDS <= set(khatlon)
    assert (khatlon["date"], khatlon["date_precision"]) == ("2025-11-26", "day")
    assert (khatlon["country"], khatlon["iso"], khatlon["admin1"], khatlon["admin2"]) == ("Tajikistan", "TJ", "Khatlon", "Shamsiddin Shohin")
    assert khatlon["fatalities"] == 3
    assert khatlon["actor1"] == "gunmen from Afghanistan" and khatlon["actor1_origin"] == "Afghanistan"
    assert khatlon["actor1_acled"] == "Unidentified Armed Group (Tajikistan)"
    assert khatlon["actor2_acled"] == "Civilians (China)" and khatlon["actor2_employer"] == "Shohin SM"
    assert "Chinese employees" in khatlon["actor2"]
    assert (darvaz["date"], darvaz["admin1"], darvaz["admin2"]) == ("2025-11-30", "Gorno-Badakhshan", "Darvoz")
    assert (darvaz["fatalities"], darvaz["injuries"]) == (2, 2)
    assert darvaz["latitude"] and darvaz["longitude"]
    # "In total, five Chinese nationals have died": an aggregate, consistent with 3 + 2, not a third event
    aggregates = canonical.meta["event_aggregates"]
    assert [a["fatalities"] for a in aggregates] == [5]
    assert "five Chinese nationals" in canonical.text[aggregates[0]["start"]:aggregates[0]["end"]]
    assert not canonical.meta.get("event_warnings")
    for e in record["events"]:
        assert canonical.text[e["start"]:e["end"]].strip()
        assert e["plover"] and e["plover"].isupper()


def test_statements_are_plover_events_without_acled_fields(canonical):
    talks = [e.attrs for e in canonical.layer("event") if e.attrs["plover"] == "CONSULT"]
    assert talks and all(t["event_type"] is None and t["fatalities"] is None for t in talks)


def test_talks_and_denials_name_their_parties():
    # claims first, as in analysis: the quoted denial is the Foreign Ministry's
    doc = faultlines.analyze(str(DEMO / "tajikistan-forgetful-friends.txt"),
                             analyzers=("language", "segment", "nlp", "claims", "events"))
    parties = {(e.attrs["plover"], e.attrs["trigger"]): (e.attrs["actor1"], e.attrs["actor2"], e.attrs["location"])
               for e in doc.layer("event") if e.attrs["event_type"] is None}
    # "Reuters reported, citing sources in Dushanbe, that Tajikistan was holding talks with Russia"
    # ... and they are not placed where the sources are
    assert parties[("CONSULT", "talks")] == ("Tajikistan", "Russia", "Tajikistan")
    # "consultations with Moscow": Moscow is a party, not where the talks happen
    assert parties[("CONSULT", "consultations")] == ("Security Council", "Moscow", None)
    # Tajikistan's Foreign Ministry ... : "Reuters is spreading misinformation."
    assert parties[("REJECT", "is spreading misinformation")][:2] == ("Tajikistan's Foreign Ministry", "Reuters")
    for e in doc.layer("event"):  # the parties of a violent event stay the ACLED actors
        if e.attrs["event_type"] in VIOLENT:
            assert e.attrs["actor1_acled"] and e.attrs["actor2_acled"]


@pytest.mark.parametrize("text, language, expected", [
    ("Uzbekistan and Tajikistan signed an agreement on water sharing on October 10.", "en", ("Uzbekistan", "Tajikistan")),
    ("The Kremlin accused Western media of spreading lies about Russian troops.", "en", ("Kremlin", "Western media")),
    ("President Kassym-Jomart Tokayev requested assistance from the CSTO on Wednesday.", "en",
     ("Kassym-Jomart Tokayev", "CSTO")),
    ("China threatened sanctions against Kyrgyz officials on Monday.", "en", ("China", "Kyrgyz officials")),
    ("Совет безопасности Таджикистана в пятницу подтвердил, что консультации с Москвой продолжаются.", "ru",
     ("Tajikistan's Security Council", "Moscow")),
    ("Власти Узбекистана и Таджикистана провели переговоры о водопользовании 1 марта.", "ru",
     ("Власти Узбекистана", "Tajikistan")),
    ("The foreign ministry of Tajikistan denied the report on Monday.", "en", ("Tajikistan's Foreign Ministry", None)),
    ("The president of Kazakhstan asked the CSTO for help on January 5.", "en", ("president of Kazakhstan", "CSTO")),
    ("Tajik President Emomali Rahmon held talks with Chinese President Xi Jinping in Astana.", "en",
     ("Emomali Rahmon", "Chinese President Xi Jinping")),
])
def test_parties_of_events_acled_does_not_name(text, language, expected):
    doc = run(text, published="2025-11-02")
    (event,) = [e.attrs for e in doc.layer("event")]
    assert (event["actor1"], event["actor2"]) == expected
    assert event["actor1_acled"] is None


def test_capitals_that_sign_are_governments_not_the_place():
    doc = run("Moscow and Dushanbe signed an agreement on the 201st base on Friday.", published="2025-06-07")
    (event,) = [e.attrs for e in doc.layer("event")]
    assert (event["actor1"], event["actor2"], event["location"], event["country"]) == ("Moscow", "Dushanbe", None, None)


def test_a_news_outlet_reports_talks_it_does_not_hold():
    doc = faultlines.analyze("Во вторник Reuters со ссылкой на источники в Душанбе сообщило, что таджикская сторона "
                             "обратилась к России с просьбой о содействии.", published="2025-11-02",
                             analyzers=("language", "segment", "nlp", "claims", "events"))
    (event,) = [e.attrs for e in doc.layer("event")]
    # not Reuters; "таджикская сторона" is Tajikistan
    assert event["plover"] == "REQUEST" and (event["actor1"], event["actor2"]) == ("Tajikistan", "Russia")


def test_requests_and_the_outlet_that_reports_them():
    doc = run("According to Kabar, citing a source in the Kyrgyz security services, Bishkek has asked the CSTO to send "
              "observers to the border.", published="2026-12-03")
    (event,) = [e.attrs for e in doc.layer("event")]
    assert event["plover"] == "REQUEST" and (event["actor1"], event["actor2"]) == ("Bishkek", "CSTO")
    # Kabar is the news agency, not a place; the request is made from the requesting government's seat
    assert event["location"] == "Bishkek" and event["country"] == "Kyrgyzstan"
    doc = run("Президент Таджикистана попросил Россию направить дополнительные войска на границу.", published="2026-12-03")
    (event,) = [e.attrs for e in doc.layer("event")]
    assert event["plover"] == "REQUEST" and (event["actor1"], event["actor2"]) == ("Президент Таджикистана", "Russia")


def test_russian_article():
    doc = run(str(DEMO / "darvaz-attack-chinese-citizens-killed-ru.txt"))
    violent = [a.attrs for a in doc.layer("event") if a.attrs["event_type"] in VIOLENT]
    by_date = {e["date"]: e for e in violent}
    assert by_date["2025-11-30"]["admin2"] == "Darvoz" and by_date["2025-11-30"]["fatalities"] == 2
    # "Пограничники ответили огнём" joins the attack: the border guards returned fire, they did not attack
    assert by_date["2025-11-30"]["actor1_acled"] == "Unidentified Armed Group (Tajikistan)"
    assert by_date["2025-11-26"]["admin1"] == "Khatlon" and by_date["2025-11-26"]["fatalities"] == 3
    assert by_date["2025-11-26"]["actor2_acled"] == "Civilians (China)"


def test_who_returns_fire_is_not_the_attacker():
    doc = run("On May 3 a drone struck a camp of Chinese workers near Khorog, killing one. Border guards returned fire.",
              published="2025-05-05")
    (attack,) = [a.attrs for a in doc.layer("event")]  # the two sentences are one event
    assert len(attack["mentions"]) == 2
    assert attack["actor1_acled"] == "Unidentified Armed Group (Tajikistan)" and attack["actor2_acled"] == "Civilians (China)"


@pytest.mark.parametrize("text", [
    "Во второй половине дня, по данным пограничной службы, беспилотник нанёс удар по жилому дому на окраине села Ак-Сай.",
    "According to the border service, a drone struck a house on the edge of Ak-Sai on October 14.",
])
def test_the_source_of_a_report_is_not_its_actor(text):
    doc = run(text, published="2025-10-15")
    (strike,) = [a.attrs for a in doc.layer("event")]
    assert strike["actor1_acled"] == "Unidentified Armed Group (Kyrgyzstan)"


@pytest.mark.parametrize("text, published", [
    # the victims come first, the attackers stand nearest the cue
    ("Three Tajik border guards were killed and four wounded when militants ambushed their patrol near Khorog on "
     "Saturday.", "2025-10-06"),
    # "неизвестные" (unknown persons) are an armed group
    ("В ночь на 3 октября неизвестные обстреляли заставу таджикских пограничников в Ишкашимском районе ГБАО, "
     "один военнослужащий погиб, двое ранены.", "2025-10-04"),
])
def test_the_attacker_is_the_actor_nearest_the_cue(text, published):
    (clash,) = [a.attrs for a in run(text, published=published).layer("event")]
    assert (clash["actor1_acled"], clash["actor2_acled"]) == ("Unidentified Armed Group (Tajikistan)",
                                                              "Military Forces of Tajikistan")


@pytest.mark.parametrize("text", [
    "At least 40 people were injured and one killed during clashes between protesters and police in Almaty on January 5.",
    "Протестующие столкнулись с полицией в Алматы 5 января, десятки человек пострадали.",
])
def test_protesters_who_clash_with_police_riot(text):
    (riot,) = [a.attrs for a in run(text, published="2022-01-08").layer("event")]
    assert (riot["event_type"], riot["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert (riot["actor1_acled"], riot["actor2_acled"], riot["interaction"]) == (
        "Rioters (Kazakhstan)", "Police Forces of Kazakhstan", 15)


@pytest.mark.parametrize("text, published, expected", [
    ("Таджикские пограничники уничтожили двух наркокурьеров, пытавшихся пересечь границу с Афганистаном в Шуроабадском "
     "районе.", "2025-03-03",
     ("Battles", "Military Forces of Tajikistan", "Unidentified Armed Group (Tajikistan)", 2)),
    ("A Chinese worker was shot dead by unknown assailants at a gold mine in Sughd province on 2 June.", "2025-06-04",
     ("Violence against civilians", "Unidentified Armed Group (Tajikistan)", "Civilians (China)", 1)),
    ("Russian aircraft struck positions of militants near the Tajik-Afghan border, the Defence Ministry said.", "2025-09-01",
     ("Explosions/Remote violence", "Military Forces of Russia", "Unidentified Armed Group", 0)),
])
def test_kills_by_the_security_forces_a_single_victim_and_air_strikes(text, published, expected):
    (event,) = [a.attrs for a in run(text, published=published).layer("event")]
    assert (event["event_type"], event["actor1_acled"], event["actor2_acled"], event["fatalities"]) == expected


def test_text_without_events_yields_none():
    doc = run("Central Asia's governments have spent a decade balancing between Moscow, Beijing and Washington. "
              "The strategy brought loans, but it leaves little room for manoeuvre.", published="2025-11-02")
    assert doc.layer("event") == []
    hedged = run("Analysts warned that militants could attack Chinese projects if security is not improved.", published="2025-11-02")
    assert hedged.layer("event") == []


def test_total_that_disagrees_is_flagged():
    doc = run("On May 3 gunmen killed two border guards near Ishkashim. On May 5 a roadside bomb killed one soldier "
              "in Khorog. In total, six servicemen have died in less than a week.", published="2025-05-10")
    violent = [a for a in doc.layer("event") if a.attrs["event_type"] in VIOLENT]
    assert len(violent) == 2
    assert any("does not match" in w for w in doc.meta["event_warnings"])
    assert all(any("does not match" in w for w in a.attrs["warnings"]) for a in violent)


def test_bad_dates_are_flagged_not_raised():
    doc = run("Gunmen attacked a police post in Khorog on February 30. Protesters rallied in Osh on December 20.",
              published="2025-12-10")
    warnings = [w for a in doc.layer("event") for w in a.attrs["warnings"]]
    assert any("impossible" in w for w in warnings)
    assert any("after the publication date" in w for w in warnings)


def test_unmatched_place_keeps_its_text_and_no_coordinates():
    doc = run("Farmers from two villages near Jany-Jer fought with sticks and stones over water on May 31.", published="2025-06-02")
    [event] = [a.attrs for a in doc.layer("event")]
    assert event["latitude"] is None and event["country"] is None
    assert event["location"] and "Jany-Jer" in event["location"]


def test_a_russian_commentary_read_fact_by_fact():
    text = ("Душанбе снова просит о помощи\n\n"
            "В ночь на вторник боевики с афганской стороны обстреляли пограничную заставу «Ишкашим» в "
            "Горно-Бадахшанской автономной области. Как сообщили в пресс-центре Пограничных войск ГКНБ Таджикистана, "
            "погибли двое военнослужащих, ещё трое получили ранения. Через день неизвестные напали на колонну "
            "китайской компании в Хамадонийском районе Хатлонской области: один китайский инженер погиб.\n\n"
            "По данным источника «Известий» в правительстве Таджикистана, Душанбе обратился к Москве с просьбой "
            "усилить 201-ю российскую военную базу. Пресс-секретарь МИД Таджикистана Шохрух Саидов назвал эту "
            "информацию «безосновательной». Однако в четверг секретарь Совбеза республики подтвердил агентству "
            "«Ховар», что консультации с российской стороной ведутся.\n")
    events = [e.attrs for e in run(text, published="2026-12-04").layer("event")]
    facts = [(e["plover"], e["date"], e["actor1"], e["actor2"], e["fatalities"]) for e in events]
    assert facts == [
        ("ASSAULT", "2026-12-01", "боевики с афганской стороны", "пограничную заставу", 2),  # not "афганской стороны обстреляли …"
        ("ASSAULT", "2026-12-02", "неизвестные", "китайский инженер", 1),  # "через день": the day after
        ("REQUEST", "2026-12-04", "Dushanbe", "Moscow", None),  # "обратился к Москве с просьбой усилить"
        ("REJECT", "2026-12-04", "Шохрух Саидов", None, None),  # "назвал эту информацию «безосновательной»"
        ("CONSULT", "2026-12-03", "Совбез", "Russia", None)]  # "секретарь Совбеза", "с российской стороной"
    assert events[0]["injuries"] == 3 and events[0]["actor1_origin"] == "Afghanistan"


def test_a_wire_report_dateline_story_place_and_strike():
    text = ("Police disperse protest in Zhanaozen\n\n"
            "ALMATY, Dec 5 (Reuters) - Police in the western Kazakh town of Zhanaozen dispersed a rally of several "
            "hundred oil workers on Friday, detaining at least 37 people, the regional police department said.\n\n"
            "Protesters had gathered outside the town administration on Thursday to demand higher wages. A day "
            "earlier, workers at two oilfields near Zhanaozen had gone on strike.\n\n"
            "In December 2011, at least 16 people were killed in Zhanaozen when police opened fire on striking workers.\n")
    events = [e.attrs for e in run(text, published="2026-12-05").layer("event")]
    assert [(e["sub_event_type"], e["date"], e["location"]) for e in events] == [
        ("Protest with intervention", "2026-12-04", "Zhanaozen"),  # "on Friday", not the dateline's Dec 5
        ("Peaceful protest", "2026-12-03", "Zhanaozen"),  # the story's town: the sentence names none
        ("Peaceful protest", "2026-12-02", "Zhanaozen"),  # "had gone on strike" a day earlier
        ("Attack", "2011-12-01", "Zhanaozen")]
    assert events[1]["warnings"] == ["place carried from the article's previous event (the text names none)"]


def test_a_past_event_far_from_the_story_does_not_take_its_place():
    text = ("Перестрелка у Воруха\n\n"
            "Во вторник киргизские и таджикские пограничники открыли огонь друг по другу у Воруха, один человек погиб.\n\n"
            "В сентябре 2022 года в ходе боёв на границе погибли более 100 человек.\n")
    events = [e.attrs for e in run(text, published="2025-10-16").layer("event")]
    assert events[-1]["date"] == "2022-09-01" and events[-1]["location"] is None


@pytest.mark.parametrize("text, expected", [
    ("Clash\n\nOn Monday gunmen opened fire on a border post near Vorukh, killing two soldiers and injuring a shepherd. "
     "A third soldier died of his wounds on Wednesday.", ("gunmen", 3, 1)),
    ("Обстрел\n\nВ понедельник заставу у Воруха обстреляли со стороны Киргизии, погибли два пограничника. В среду в "
     "больнице скончался ещё один раненый.", ("Unidentified Armed Group (Kyrgyzstan)", 3, None)),
    ("Shelling\n\nOn Monday a Tajik border post near Vorukh came under fire from the Kyrgyz side; two guards were "
     "killed. One of the wounded died in hospital on Tuesday.", ("Unidentified Armed Group (Kyrgyzstan)", 3, None)),
])
def test_later_deaths_single_wounded_and_fire_from_a_side(text, expected):
    (event,) = [e.attrs for e in run(text, published="2025-10-16").layer("event")]
    assert (event["actor1"], event["fatalities"], event["injuries"]) == expected
    assert event["date"] == "2025-10-13" and event["location"] == "Vorukh"
    if "Kyrgyz" in expected[0]:
        assert event["actor1_origin"] == "Kyrgyzstan"
    if "came under fire" in text:
        assert event["actor2"] == "Tajik border post"  # it came under fire: the target, not the attacker


def test_vague_later_dates_attackers_in_the_cue_and_references_to_earlier_attacks():
    text = ("Base\n\nLast week gunmen crossed the Panj and killed three Chinese workers in Khatlon. Days later a drone "
            "hit a camp in Darvaz and two more Chinese nationals died.\n")
    khatlon, darvaz = [e.attrs for e in run(text, published="2025-12-04").layer("event")]
    assert (khatlon["actor1"], khatlon["fatalities"], khatlon["location"]) == ("gunmen", 3, "Khatlon")  # not Panj town
    assert khatlon["date_range"] == ["2025-11-24", "2025-11-30"]
    assert darvaz["date_range"] == ["2025-11-25", "2025-11-30"]  # some days after last week's start, within 6
    wire = run("CSTO ready to help\n\nThe statement followed two deadly attacks on Chinese workers in Khatlon in late "
               "November.\n", published="2025-12-03")
    assert [e.attrs["plover"] for e in wire.layer("event")] == []


def test_a_similar_action_elsewhere_is_a_protest_of_its_own():
    text = ("Задержания в Алма-Ате\n\n"
            "В субботу в центре Алма-Аты полиция задержала не менее 15 человек, вышедших на несанкционированный митинг "
            "против повышения тарифов.\n\n"
            "Накануне аналогичная акция прошла в Шымкенте, где собрались около 200 человек.\n")
    events = [e.attrs for e in run(text, published="2026-12-07").layer("event")]
    assert [(e["sub_event_type"], e["date"], e["location"]) for e in events] == [
        ("Protest with intervention", "2026-12-05", "Almaty"), ("Peaceful protest", "2026-12-04", "Shymkent")]


def test_a_denied_shootout_a_fired_across_attack_and_a_protest_note():
    text = ("Taliban deny role in border shootout as Dushanbe demands answers\n\n"
            "At least five people, including two children, were killed on Wednesday when gunmen fired across the Panj "
            "river at a village in Tajikistan's Shamsiddin Shohin district, Tajik officials said.\n\n"
            "Tajikistan's State Committee for National Security said it had handed a protest note to the Taliban's "
            "representatives in Dushanbe.\n")
    events = [e.attrs for e in run(text, published="2026-12-05").layer("event")]
    assert [(e["plover"], e["event_type"]) for e in events] == [("REJECT", None), ("ASSAULT", "Violence against civilians")]
    # "as Dushanbe demands answers" is another clause: neither what the Taliban deny nor where
    assert (events[0]["actor1"], events[0]["actor2"], events[0]["location"]) == ("Taliban", None, None)
    attack = events[1]
    assert (attack["date"], attack["location"], attack["actor1"], attack["fatalities"]) == (
        "2026-12-02", "Shamsiddin Shohin", "gunmen", 5)


def test_a_protocol_signed_and_arrests_in_an_uzbek_region():
    text = ("Узбекистан и талибы договорились о воде\n\n"
            "Делегации Узбекистана и «Талибана» в четверг подписали в Термезе протокол о совместном мониторинге "
            "строительства канала Кош-Тепа.\n\n"
            "По информации «Газеты.uz», в прошлом месяце на границе в Сурхандарьинской области задержали пятерых "
            "граждан Афганистана.\n")
    agree, arrests = [e.attrs for e in run(text, published="2026-12-05").layer("event")]
    assert (agree["sub_event_type"], agree["date"], agree["location"]) == ("Agreement", "2026-12-03", "Tirmiz")
    assert (arrests["sub_event_type"], arrests["date_range"], arrests["admin1"], arrests["actor1"]) == (
        "Arrests", ["2026-11-01", "2026-11-30"], "Surkhandarya", "Police Forces of Uzbekistan")


def test_state_forces_act_at_home_when_the_text_names_no_place():
    doc = run("Coup plot\n\nKyrgyzstan's State Committee for National Security detained eight people on Tuesday on "
              "suspicion of plotting to seize power.\n", published="2026-12-04")
    (event,) = [e.attrs for e in doc.layer("event")]
    assert (event["sub_event_type"], event["country"], event["geo_precision"]) == ("Arrests", "Kyrgyzstan", 3)
    assert event["warnings"] == ["country from the state forces' nationality (Kyrgyzstan): the text names no place"]


def test_who_died_before_the_cue_is_its_target_and_a_sniper_shot_is_an_attack():
    doc = run("Two Kyrgyz border guards were killed and five wounded on Monday when a drone struck their post near the "
              "village of Dostuk in Batken region, the Kyrgyz State Border Service said. A day later, a shepherd was "
              "injured by sniper fire across the border, local officials told AKIpress.", published="2026-09-16")
    strike, sniper = [e.attrs for e in doc.layer("event")]
    assert strike["sub_event_type"] == "Air/drone strike" and (strike["fatalities"], strike["injuries"]) == (2, 5)
    assert (strike["actor1"], strike["actor2"]) == ("Unidentified Armed Group (Kyrgyzstan)", "Kyrgyz border guards")
    assert strike["admin1"] == "Batken" and strike["date"] == "2026-09-14"
    assert sniper["event_type"] == "Violence against civilians" and sniper["injuries"] == 1
    assert sniper["date"] == "2026-09-15" and sniper["actor2"] == "a shepherd"


@pytest.mark.parametrize("text, language", [
    ("When the shooting starts, Bishkek calls the CSTO and Moscow; when it stops, its officials fly to Washington.",
     "en"),
    ("Когда начинается стрельба, в Душанбе вспоминают о Москве.", "ru"),
])
def test_what_happens_whenever_shooting_starts_is_no_event(text, language):
    doc = run(text, published="2026-09-16")
    assert [e.attrs["plover"] for e in doc.layer("event")] == []


def test_a_government_denies_from_its_seat_and_an_outlet_is_no_party_to_talks():
    doc = run("Bishkek blamed Tajik forces; Dushanbe's Foreign Ministry denied any involvement. The State Department "
              "confirmed to Kaktus Media that talks on security assistance were under way.", published="2026-09-16")
    accuse, reject, talks = [e.attrs for e in doc.layer("event")]
    assert (accuse["plover"], accuse["actor1"], accuse["actor2"], accuse["location"]) == \
        ("ACCUSE", "Bishkek", "Tajik forces", "Bishkek")
    # not Bishkek, named in the clause before
    assert (reject["plover"], reject["location"], reject["country"]) == ("REJECT", "Dushanbe", "Tajikistan")
    assert talks["plover"] == "CONSULT" and talks["actor1"] == "State Department" and talks["actor2"] is None


@pytest.mark.parametrize("text, expected", [
    ("Как пишет «Коммерсантъ», Душанбе попросил Москву усилить 201-ю базу беспилотниками и системами РЭБ.",
     ["REQUEST"]),
    ("Во вторник беспилотник нанёс удар по посту у села Ак-Сай, погиб один пограничник.", ["ASSAULT"]),
    ("Утром 2 октября по заставе был нанесён удар с беспилотника.", ["ASSAULT"]),
])
def test_a_drone_strikes_only_with_a_verb_of_attack(text, expected):
    doc = run(text, published="2026-10-03")
    events = [e.attrs for e in doc.layer("event")]
    assert [e["plover"] for e in events] == expected
    assert all(e["sub_event_type"] == "Air/drone strike" for e in events if e["plover"] == "ASSAULT")


def test_two_governments_deny_in_two_events():
    doc = run("Dushanbe's Foreign Ministry denied any involvement on Monday. Kyrgyzstan's Foreign Ministry dismissed "
              "the report as fake.", published="2026-09-16")
    denials = [e.attrs for e in doc.layer("event") if e.attrs["plover"] == "REJECT"]
    assert [(d["actor1"], d["country"]) for d in denials] == [
        ("Dushanbe's Foreign Ministry", "Tajikistan"), ("Kyrgyzstan's Foreign Ministry", "Kyrgyzstan")]


def test_a_later_attack_the_same_day_is_a_new_event_in_the_story_s_region():
    doc = run("На границе снова стреляют\n\nБишкек, 15 сентября 2026 года\n\n"
              "Во вторник утром в районе села Кок-Таш Баткенской области произошла перестрелка между киргизскими и "
              "таджикскими пограничниками, сообщила Пограничная служба. Погибли двое военнослужащих.\n\n"
              "Вечером того же дня таджикские военные обстреляли из миномётов школу в селе Максат. Пострадавших нет.\n\n"
              "В четверг стороны подписали протокол о прекращении огня. Однако уже через два дня, по информации "
              "агентства «24.kg», в районе Ворух снова была слышна стрельба.")
    assert doc.published == "2026-09-15"  # "Бишкек, 15 сентября 2026 года": a place before the date line's date
    violent = [e.attrs for e in doc.layer("event") if e.attrs["plover"] == "ASSAULT"]
    clash, shelling, heard = violent
    assert (clash["event_type"], clash["date"], clash["admin1"], clash["fatalities"]) == \
        ("Battles", "2026-09-15", "Batken", 2)
    # "Вечером того же дня": a new event, on the same day, in the village the gazetteer lacks but the story's region
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack" and shelling["date"] == "2026-09-15"
    assert (shelling["location"], shelling["country"], shelling["admin1"]) == ("Максат", "Kyrgyzstan", "Batken")
    # "через два дня … была слышна стрельба": two days after the protocol of Thursday (before the Tuesday it is told on)
    assert heard["date"] == "2026-09-12" and heard["location"] == "Vorukh"


def test_a_jamoat_the_gazetteer_lacks_lies_in_tajikistan_whatever_the_story_s_previous_place():
    doc = run("Перестрелка у водозабора\n\nБишкек, 2 декабря 2026 года.\n\n"
              "В ночь на понедельник в Баткенской области произошла перестрелка у водораспределительного пункта. "
              "Таджикская сторона обвинила киргизских пограничников в обстреле и сообщила о трёх раненых мирных "
              "жителях в джамоате Сурх.\n\n"
              "Советские границы до сих пор взрываются каждую весну и осень.")
    assert doc.published == "2026-12-02"  # the date line ends with a full stop
    by_place = {e.attrs["location"]: e.attrs for e in doc.layer("event")}
    assert by_place["Batken"]["date"] == "2026-11-30" and by_place["Batken"]["country"] == "Kyrgyzstan"
    assert (by_place["Сурх"]["country"], by_place["Сурх"]["admin1"]) == ("Tajikistan", None)
    # borders that "explode every spring and autumn" are a habit of speech, not an explosion
    assert not any(e.attrs["event_type"] == "Explosions/Remote violence" for e in doc.layer("event"))


def test_a_headline_s_dead_are_the_attack_s_target():
    doc = run("Two police officers killed in attack on checkpoint in western Kazakhstan", published="2026-11-30")
    (attack,) = [e.attrs for e in doc.layer("event")]
    assert (attack["actor1_acled"], attack["actor2_acled"], attack["fatalities"]) == (
        "Unidentified Armed Group (Kazakhstan)", "Police Forces of Kazakhstan", 2)
    doc = run("Gunmen killed two police officers at a checkpoint in Zhanaozen.", published="2026-11-30")
    (attack,) = [e.attrs for e in doc.layer("event")]
    assert attack["actor1_acled"] == "Unidentified Armed Group (Kazakhstan)"  # active voice: the killers come first


@pytest.mark.parametrize("text", [
    "CSTO troops were deployed to Kazakhstan in January 2022.",
    "В январе 2022 года в Казахстан были введены миротворческие силы ОДКБ.",
    "ОДКБ направила миротворцев в Казахстан.",
])
def test_csto_forces_are_the_alliance_s_not_the_host_state_s(text):
    doc = run(text, published="2026-11-30")
    (deployment,) = [e.attrs for e in doc.layer("event")]
    assert (deployment["event_type"], deployment["country"], deployment["actor1_acled"], deployment["inter1"]) == (
        "Strategic developments", "Kazakhstan", "CSTO: Collective Security Treaty Organization", 8)


@pytest.mark.parametrize("text", [
    "Вчера вечером в Астане прошёл очередной раунд консультаций между Россией и Казахстаном по вопросам безопасности.",
    "Talks between Russia and Kazakhstan on security were held in Astana on Friday.",
])
def test_talks_between_two_states_name_both_parties(text):
    doc = run(text, published="2026-12-05")
    (talks,) = [e.attrs for e in doc.layer("event")]
    assert (talks["plover"], talks["actor1"], talks["actor2"], talks["location"]) == ("CONSULT", "Russia", "Kazakhstan", "Astana")


@pytest.mark.parametrize("text", [
    "Официальный представитель МИД Казахстана Айбек Смадияров опроверг сообщения о том, что Казахстан ведёт "
    "переговоры с Пентагоном о размещении американского логистического центра в Актау.",
    "Kazakhstan's Foreign Ministry denied reports that Astana was negotiating with the Pentagon on a logistics hub in Aktau.",
])
def test_what_a_denial_denies_is_not_where_it_was_made(text):
    doc = run(text, published="2026-12-05")
    (denial,) = [e.attrs for e in doc.layer("event")]
    assert denial["plover"] == "REJECT" and denial["actor2"] is None
    assert (denial["country"], denial["location"]) == ("Kazakhstan", "Kazakhstan")  # the office's state, not Aktau


def test_n_years_after_a_past_deed_counts_back():
    doc = run("Peace on paper\n\nBISHKEK, Dec 4, 2026 - Nearly two years after Kyrgyzstan and Tajikistan signed a "
              "treaty on their common border, villagers in Batken say little has changed.")
    (treaty,) = [e.attrs for e in doc.layer("event")]
    assert (treaty["sub_event_type"], treaty["date"], treaty["date_precision"]) == ("Agreement", "2024-12-04", "year")


def test_a_headline_arrest_and_the_lead_s_arrest_are_one_and_an_embassy_s_seat_is_not_its_place():
    text = ("В Подмосковье задержаны подозреваемые в подготовке теракта\n\nМосква, 6 декабря 2026 года.\n\n"
            "Сотрудники ФСБ задержали в Подольске трёх выходцев из Центральной Азии, подозреваемых в подготовке "
            "теракта на железнодорожной станции.\n\n"
            "В посольстве Таджикистана в Москве заявили, что пока не получали официального уведомления о "
            "задержании граждан республики.")
    doc = faultlines.analyze(text, analyzers=("language", "segment", "nlp", "claims", "events"))
    (arrest,) = [e.attrs for e in doc.layer("event")]
    assert (arrest["sub_event_type"], arrest["location"], arrest["admin1"], arrest["actor1_acled"]) == (
        "Arrests", "Podolsk", "Moscow Oblast", "Government of Russia")


@pytest.mark.parametrize("text", [
    "В январе 2022 года в Алма-Ате погромщики захватили аэропорт и здание акимата. Тогда, по официальным данным, "
    "погибли 238 человек.",
    "In January 2022 rioters seized the airport in Almaty. According to official figures, 238 people were killed.",
])
def test_the_dead_told_after_a_riot_are_the_riot_s(text):
    doc = run(text, published="2026-12-05")
    (riot,) = [e.attrs for e in doc.layer("event")]
    assert (riot["event_type"], riot["date"], riot["location"], riot["fatalities"]) == ("Riots", "2022-01-01", "Almaty", 238)


def test_a_border_firefight_with_destroyed_intruders_and_an_arrest_on_the_other_side():
    doc = run("На границе снова неспокойно\n\nДушанбе, 7 декабря 2026 года.\n\n"
              "В ночь на воскресенье на участке границы в Шамсиддин Шохинском районе Хатлонской области произошло "
              "боестолкновение пограничников с группой вооружённых людей, пытавшихся переправиться через Пяндж. Как "
              "сообщает агентство «Ховар», двое нарушителей уничтожены, один пограничник ранен.\n\n"
              "Талибы, по данным афганского агентства «Бахтар», задержали на своей стороне ещё четырёх человек.")
    clash, arrest = [e.attrs for e in doc.layer("event")]
    assert (clash["sub_event_type"], clash["date"], clash["admin1"], clash["fatalities"], clash["injuries"]) == (
        "Armed clash", "2026-12-06", "Khatlon", 2, 1)
    assert (clash["actor1_acled"], clash["actor2_acled"]) == (
        "Military Forces of Tajikistan", "Unidentified Armed Group (Tajikistan)")
    # "на своей стороне": on the Taliban's own side of the border, not in the story's Khatlon
    assert (arrest["sub_event_type"], arrest["actor1_acled"], arrest["country"], arrest["admin1"]) == (
        "Arrests", "Taliban", "Afghanistan", None)


def test_two_counts_of_one_attack_keep_the_lower_with_a_warning():
    doc = run("Под Жанаозеном обстреляли полицейский блокпост\n\nАлматы, 30 ноября 2026 года.\n\n"
              "В субботу вечером неизвестные открыли огонь по полицейскому блокпосту у въезда в Жанаозен Мангистауской "
              "области. По данным издания Orda.kz, погибли трое полицейских, ещё двое ранены.\n\n"
              "МВД Казахстана сообщило о двух погибших и трёх раненых и начало розыск нападавших.")
    (attack,) = [e.attrs for e in doc.layer("event")]
    assert (attack["date"], attack["location"], attack["fatalities"], attack["injuries"]) == ("2026-11-28", "Zhanaozen", 2, 3)
    assert any("counts differ" in w for w in attack["warnings"])


@pytest.mark.parametrize("text", [
    "A Ukrainian drone struck a fuel depot in Russia's Belgorod region overnight, starting a fire that injured two workers.",
    "Украинский беспилотник атаковал нефтебазу в Белгородской области.",
])
def test_a_state_s_drone_is_its_forces(text):
    doc = run(text, published="2026-12-06")
    (strike,) = [e.attrs for e in doc.layer("event")]
    assert (strike["sub_event_type"], strike["country"], strike["actor1_acled"]) == (
        "Air/drone strike", "Russia", "Military Forces of Ukraine")


def test_a_trend_of_attacks_is_no_event():
    doc = run("Ukraine has stepped up attacks on Russian energy facilities since the summer, arguing that they fuel "
              "Moscow's war effort.", published="2026-12-06")
    assert doc.layer("event") == []


@pytest.mark.parametrize("text, actor", [
    ("Russia sent troops to Almaty in January 2022.", "Military Forces of Russia"),
    ("It was the CSTO that sent troops to Almaty in January 2022 when the country was on the brink of chaos.",
     "CSTO: Collective Security Treaty Organization"),
    ("In January 2022 the CSTO deployed peacekeepers to Kazakhstan.", "CSTO: Collective Security Treaty Organization"),
    ("Россия направила войска в Казахстан в январе 2022 года.", "Military Forces of Russia"),
])
def test_troops_are_the_sender_s_not_the_host_s(text, actor):
    (event,) = document_record(run(text, published="2026-11-14"))["events"]
    assert (event["sub_event_type"], event["actor1_acled"], event["country"]) == (
        "Change to group/activity", actor, "Kazakhstan")


def test_knowing_how_to_stir_riots_is_no_riot_and_the_same_spot_is_the_story_s_place():
    assert run("Западные кураторы прекрасно знают, как превращать недовольство в уличные беспорядки.\n\n"
               "Western curators know how to turn discontent into street riots.", published="2026-11-20").layer("event") == []
    events = run("ДУШАНБЕ, 4 декабря 2026 года.\n\nВ ночь на среду на участке границы в Шамсиддин Шохинском районе "
                 "Хатлонской области пограничники Таджикистана вступили в перестрелку с вооружёнными людьми. Один "
                 "пограничник погиб.\n\nВ сентябре на этом же участке уже происходило столкновение, тогда погибли двое "
                 "контрабандистов.", published="2026-12-04")
    assert [(e["date"], e["admin1"], e["location"], e["fatalities"]) for e in document_record(events)["events"]] == [
        ("2026-12-02", "Khatlon", "Shamsiddin Shohin", 1), ("2026-09-01", "Khatlon", "Shamsiddin Shohin", 2)]


def test_shot_dead_before_the_count_kills_and_a_deed_done_again_and_again_is_no_event():
    (event,) = document_record(run("Unidentified gunmen shot dead two Chinese employees of the TALCO Gold mining company "
                                   "and wounded a Tajik driver near Panjakent late on Monday.", published="2026-12-01"))["events"]
    assert (event["fatalities"], event["injuries"], event["admin1"]) == (2, 1, "Sughd")
    for text in ("Tajikistan's Foreign Ministry has denied the existence of any foreign base on its soil at least four "
                 "times since 2021.", "МИД Таджикистана неоднократно опровергал эти сообщения.",
                 "Gunmen have repeatedly attacked border posts in Khatlon."):
        assert run(text, published="2026-11-28").layer("event") == [], text


def test_a_state_named_before_a_comma_is_not_the_nationality_of_the_actor_after_it():
    (event,) = document_record(run("По данным МВД Узбекистана, полиция задержала 41 человека.", published="2026-11-28"))["events"]
    assert (event["actor1"], event["actor1_acled"]) == ("полиция", "Police Forces of Uzbekistan")


@pytest.mark.parametrize("text, sub", [
    ("Police used batons and tear gas to disperse protesters in Nukus on Tuesday.", "Protest with intervention"),
    ("Правозащитники утверждают, что при разгоне протестующих в Нукусе во вторник полиция применяла дубинки и "
     "слезоточивый газ.", "Protest with intervention"),
    ("Police beat protesters in Nukus on Tuesday; two of them were killed.", "Excessive force against protesters"),
])
def test_tear_gas_and_batons_are_an_intervention_deaths_are_excessive_force(text, sub):
    (event,) = document_record(run(text, published="2026-11-25"))["events"]
    assert (event["event_type"], event["sub_event_type"]) == ("Protests", sub)


@pytest.mark.parametrize("text", [
    "It was not Brussels that sent humanitarian aid to Batken.",
    "But no Western government has ever threatened to redraw Kazakhstan's borders.",
    "So far it has produced a handful of grants and a visa office that rejects two applications in three.",
    "Police never detained anyone in Nukus on Tuesday.",
    "Полиция во вторник не задержала в Нукусе ни одного человека.",
    "You cannot sell sanctioned microchips to one partner.",
    "A court in Aktau on Thursday sentenced three activists to three years in prison for organising an unsanctioned rally.",
    "Kazakh court jails three activists over Zhanaozen anniversary rally",
    "A gas cylinder exploded at a cafe in Osh on Saturday, killing two people.",
    "Fact: Tajik border guards, not Russian soldiers, have fought every clash on the Afghan border since 2021.",
])
def test_what_did_not_happen_a_word_and_an_accident_are_no_events(text):
    assert run(text, published="2026-12-04").layer("event") == [], text


def test_a_rally_last_year_its_dead_of_another_day_and_a_regional_office_speaking_of_it():
    events = document_record(run(
        "About 150 people gathered in Zhanaozen on Dec. 16 last year to commemorate the 16 oil workers killed by police "
        "during a strike in 2011. Police detained 23 participants, according to local media.\n\nThe Mangistau regional "
        "prosecutor's office said that the activists had been warned that the rally was illegal.",
        published="2026-12-04"))["events"]
    assert [(e["sub_event_type"], e["date"], e["location"], e["fatalities"]) for e in events] == [
        ("Protest with intervention", "2025-12-16", "Zhanaozen", 0)]


def test_a_toll_that_rose_is_updated_not_kept_at_its_lower_count():
    (event,) = document_record(run(
        "Два человека погибли и не менее девяти получили ранения в результате взрыва на рынке в Оше утром в субботу, "
        "сообщило МЧС Киргизии.\n\nПозднее пресс-служба городской больницы сообщила, что число погибших возросло до "
        "трёх.", published="2026-12-06"))["events"]
    assert (event["fatalities"], event["injuries"], event["date"]) == (3, 9, "2026-12-05")
    assert any("rose from 2 to 3" in w for w in event["warnings"])


def test_unknown_armed_men_attack_a_border_post_in_leilek():
    (event,) = document_record(run("Вечером во вторник неизвестные вооружённые люди напали на пограничную заставу в "
                                   "Лейлекском районе Баткенской области.", published="2026-12-02"))["events"]
    assert (event["event_type"], event["actor1"], event["actor2"], event["location"]) == (
        "Battles", "неизвестные вооружённые люди", "пограничную заставу", "Leylek")
    (event,) = document_record(run("Gunmen attacked a Kyrgyz border post in the Leilek district of Batken region late on "
                                   "Tuesday.", published="2026-12-02"))["events"]
    assert (event["admin1"], event["location"]) == ("Batken", "Leylek")  # the English spelling of Лейлек


def test_what_a_denial_goes_on_to_say_names_no_target():
    (event,) = document_record(run("Tajikistan's border troops denied any involvement and said no Tajik citizens had "
                                   "crossed the border that night.", published="2026-12-02"))["events"]
    assert (event["plover"], event["actor1"], event["actor2"]) == ("REJECT", "Tajikistan's border troops", None)


@pytest.mark.parametrize("text", [
    "Clashes on the Kyrgyz-Tajik border near Vorukh on Tuesday killed five people.",
    "Fighting broke out on the border between Kyrgyzstan and Tajikistan near Vorukh on Tuesday.",
    "На киргизско-таджикском участке границы у Воруха во вторник произошла перестрелка между пограничниками двух стран.",
])
def test_a_clash_on_a_two_state_border_without_named_sides_is_between_their_forces(text):
    (event,) = document_record(run(text, published="2026-12-02"))["events"]
    assert (event["event_type"], event["actor1_acled"], event["actor2_acled"], event["interaction"]) == (
        "Battles", "Military Forces of Kyrgyzstan", "Military Forces of Tajikistan", 11)
    (event,) = document_record(run("Gunmen attacked a post on the Tajik-Afghan border in Khatlon on Tuesday.",
                                   published="2026-12-02"))["events"]
    assert event["actor1_acled"] == "Unidentified Armed Group (Tajikistan)"  # named attackers stay


def test_the_day_an_arrest_commemorates_is_not_its_date():
    (event,) = document_record(run("Uzbek police have detained 12 people in Nukus for social media posts marking the "
                                   "anniversary of the July 2022 unrest in Karakalpakstan, rights groups said on Friday.",
                                   published="2026-12-05"))["events"]
    assert (event["sub_event_type"], event["date"]) == ("Arrests", "2026-12-04")  # not July 2022


def test_a_mortar_attack_told_in_headline_lead_and_aftermath_is_one_event_with_every_side_s_dead():
    (event,) = [e for e in document_record(faultlines.analyze(
        "Tajik troops and Taliban exchange fire on border; Dushanbe says two soldiers killed\n\n"
        "DUSHANBE, Dec 6 (Reuters) - Taliban fighters fired mortars at a Tajik border post in the Khatlon region on "
        "Saturday, killing two Tajik soldiers and wounding four, Tajikistan's border service said.\n\n"
        "Tajik troops returned fire and destroyed a Taliban position across the Panj river, the service said in a "
        "statement. It said at least three attackers were killed.\n\n"
        "The clash was the most serious on the border since the Taliban returned to power in August 2021.",
        published="2026-12-06", analyzers=("language", "segment", "nlp", "claims", "events")))["events"]
        if e["event_type"]]
    # the speaking capital is not the place, "since … August 2021" not the date, the attackers' dead are added; mortars
    # fired in an exchange of fire ("exchange fire", "returned fire") are the clash's (two-sided: a battle, not shelling)
    assert (event["sub_event_type"], event["date"], event["admin1"]) == ("Armed clash", "2026-12-05", "Khatlon")
    assert (event["fatalities"], event["injuries"]) == (5, 4)
    assert (event["actor1_acled"], event["actor2_acled"]) == ("Taliban", "Military Forces of Tajikistan")


def test_border_guards_killed_by_shelling_and_the_attackers_they_killed():
    (event,) = document_record(run(
        "ДУШАНБЕ, 5 декабря. Двое военнослужащих Пограничных войск Таджикистана погибли и трое получили ранения в ночь "
        "на пятницу в результате обстрела заставы «Шохон» в Дарвазском районе Горно-Бадахшанской автономной области.\n\n"
        "Пограничники ответным огнём уничтожили двух нападавших.", published="2026-12-05"))["events"]
    assert (event["fatalities"], event["injuries"], event["date"], event["location"]) == (4, 3, "2026-12-04", "Darvoz")


def test_a_brawl_between_two_groups_of_workers_is_mob_violence_between_two_groups_of_rioters():
    (event,) = [e for e in document_record(run(
        "A fight between Kazakh and Chinese workers at an oilfield in Kazakhstan's Aktobe region injured 14 people on "
        "Tuesday.", published="2026-12-02"))["events"] if e["event_type"]]
    assert (event["sub_event_type"], event["actor1"], event["actor2"]) == ("Mob violence", "Kazakh workers", "Chinese workers")
    assert (event["actor1_acled"], event["actor2_acled"], event["interaction"]) == (
        "Rioters (Kazakhstan)", "Rioters (Kazakhstan)", 55)
    assert (event["actor1_nationality"], event["actor2_nationality"], event["admin1"]) == ("Kazakhstan", "China", "Aktobe")


def test_an_embassy_condemning_the_attack_is_no_new_event_and_an_arrest_on_suspicion_happened():
    events = [e for e in document_record(faultlines.analyze(
        "KHUJAND, Tajikistan, Dec 3 (Reuters) - Unidentified gunmen opened fire on a bus carrying Chinese mine workers "
        "in Tajikistan's northern Sughd region on Wednesday, killing three of them and wounding five, the regional "
        "interior department said.\n\nChina's embassy in Dushanbe condemned the attack and demanded that the "
        "perpetrators be brought to justice.", published="2026-12-03",
        analyzers=("language", "segment", "nlp", "claims", "events")))["events"] if e["event_type"]]
    assert [(e["sub_event_type"], e["admin1"], e["fatalities"]) for e in events] == [("Attack", "Sughd", 3)]
    event, arrest = document_record(run("ХУДЖАНД, 4 декабря. Трое граждан Китая погибли в среду в результате обстрела "
                                   "автобуса в Исфаринском районе Согдийской области.\n\nПосольство КНР в Душанбе "
                                   "осудило нападение. В четверг глава МВД Таджикистана заявил, что по подозрению в "
                                   "причастности к нападению задержаны двое.", published="2026-12-04"))["events"]
    # gunfire at a bus is an attack on civilians; shelling needs artillery, mortars or rockets
    assert (event["sub_event_type"], event["admin1"], event["fatalities"]) == ("Attack", "Sughd", 3)
    assert (arrest["sub_event_type"], arrest["date"]) == ("Arrests", "2026-12-03")
    subs = [e["sub_event_type"] for e in document_record(run(
        "Police detained two men on suspicion of involvement in the attack on Tuesday.", published="2026-12-04"))["events"]]
    assert subs == ["Arrests"]
    assert run("Police may detain suspects on suspicion of terrorism.", published="2026-12-04").layer("event") == []


def test_villagers_who_beat_or_storm_riot_and_unknown_arsonists_destroy_property():
    mob, arson = document_record(run(
        "24 ноября в Ноокенском районе Джалал-Абадской области местные жители избили четырёх граждан Китая, работавших "
        "на золоторудном месторождении. Спустя три дня в Чаткальском районе неизвестные подожгли вагончики китайской "
        "компании, пострадавших нет.", published="2026-12-01"))["events"]
    assert (mob["sub_event_type"], mob["actor1_acled"], mob["actor2_acled"], mob["location"]) == (
        "Mob violence", "Rioters (Kyrgyzstan)", "Civilians (China)", "Nooken")
    assert (arson["sub_event_type"], arson["date"], arson["location"]) == (
        "Looting/property destruction", "2026-11-27", "Chatkal")
    events = document_record(run(
        "Villagers attack Chinese gold miners in Kyrgyzstan's Jalal-Abad\n\n"
        "BISHKEK, Nov 29 (AP) — Several hundred villagers stormed a Chinese-run gold mine in the Toguz-Toro district of "
        "Kyrgyzstan's Jalal-Abad region on Thursday, beating workers and setting fire to equipment, local officials said."
        "\n\nAt least 12 people were injured, including eight Chinese citizens, the regional health department said on "
        "Friday. Police fired warning shots to disperse the crowd and detained 17 people.\n\n"
        "Earlier this month, a similar protest at a coal mine in the Naryn region ended without violence.",
        published="2026-11-29"))["events"]
    assert [(e["sub_event_type"], e["date"], e["admin1"], e["injuries"]) for e in events] == [
        ("Mob violence", "2026-11-26", "Jalal-Abad", 12), ("Peaceful protest", "2026-11-01", "Naryn", None)]
    assert (events[0]["actor1_acled"], events[0]["actor2_acled"]) == ("Rioters (Kyrgyzstan)", "Civilians (China)")


@pytest.mark.parametrize("text", [
    "Rights activists said the channel had posted satirical videos and called the raid an attack on free speech.",
    "Правозащитники назвали обыски атакой на свободу слова.",
])
def test_an_attack_on_free_speech_is_a_figure_of_speech(text):
    assert not any(e.attrs.get("plover") == "ASSAULT" for e in run(text, published="2026-12-02").layer("event"))


def test_a_deed_told_inside_a_since_clause_keeps_its_date():
    clash, treaty = document_record(run(
        "One person was killed on Tuesday in a clash near Vorukh, in the most serious incident on the frontier since "
        "the two countries signed a border treaty in March.", published="2025-10-15"))["events"]
    assert (clash["date"], treaty["sub_event_type"], treaty["date"]) == ("2025-10-14", "Agreement", "2025-03-01")


def test_the_following_tuesday_counts_from_the_attack_and_an_attack_on_a_depot_harming_no_one_destroys_property():
    camp, depot = document_record(run(
        "On the night of November 20, gunmen attacked a camp in Leilek, killing one engineer. The following Tuesday, a "
        "second attack hit a Chinese-owned fuel depot near Batken; no one was hurt.", published="2026-11-30"))["events"]
    assert (camp["sub_event_type"], camp["date"]) == ("Attack", "2026-11-20")
    assert (depot["sub_event_type"], depot["date"], depot["actor1_acled"]) == (
        "Looting/property destruction", "2026-11-24", "Unidentified Armed Group (Kyrgyzstan)")
    (event,) = document_record(run("20 ноября боевики напали на лагерь в Лейлеке. В следующий вторник неизвестные "
                                   "подожгли склад под Баткеном.", published="2026-11-30"))["events"][1:]
    assert event["date"] == "2026-11-24"


def test_a_district_named_alike_in_two_states_lies_in_the_region_the_text_names():
    (event,) = document_record(run(
        "Two Tajik border guards were wounded on Thursday when smugglers opened fire on a patrol in the Ishkashim "
        "district of Gorno-Badakhshan.", published="2026-12-04"))["events"]
    assert (event["country"], event["admin1"], event["injuries"]) == ("Tajikistan", "Gorno-Badakhshan", 2)
    (event,) = document_record(run("Taliban fighters clashed in the Ishkashim district of Badakhshan province on Monday.",
                                   published="2026-12-04"))["events"]
    assert event["country"] == "Afghanistan"
    # "По данным наших источников, в …": the sources' comma ends them, the district is where it happened
    (event,) = document_record(run("По данным наших источников, в Шамсиддин Шохинском районе боевики атаковали "
                                   "пограничную заставу. Погибли 3 пограничника, ещё 5 ранены.",
                                   published="2026-12-04"))["events"]
    assert (event["admin1"], event["location"], event["fatalities"], event["injuries"]) == (
        "Khatlon", "Shamsiddin Shohin", 3, 5)


def test_the_protesters_gathered_since_wednesday_are_the_rally_dispersed_on_friday():
    (event,) = document_record(run(
        "ZHANAOZEN, Kazakhstan — Police in the western Kazakh oil town of Zhanaozen dispersed a rally of several hundred "
        "unemployed young people on Friday and detained at least 20 of them, witnesses and local media said.\n\nThe "
        "protesters, who had gathered outside the town administration since Wednesday, were demanding jobs.",
        published="2026-12-05"))["events"]
    assert (event["sub_event_type"], event["date"], event["location"]) == (
        "Protest with intervention", "2026-12-04", "Zhanaozen")


def test_a_week_s_incidents_each_in_its_place_and_a_tally_since_january_is_no_one_s_dead():
    events = document_record(run(
        "OSH, Dec 6 (Reuters) - On Monday, a grenade thrown at a police checkpoint in Osh wounded two officers. And on "
        "Friday, border guards in Batken's Leilek district shot dead a suspected smuggler who had crossed from Tajikistan, "
        "the border service said.\n\nSince January, at least 45 people have been killed in incidents along the "
        "Kyrgyz-Tajik border, according to a tally by the Bishkek-based Border Dialogue Centre.",
        published="2026-12-06"))["events"]
    assert [(e["sub_event_type"], e["date"], e["location"], e["fatalities"], e["injuries"]) for e in events] == [
        ("Grenade", "2026-11-30", "Osh", 0, 2), ("Armed clash", "2026-12-04", "Leylek", 1, None)]


def test_the_office_that_reports_a_clash_is_no_party_and_a_rally_still_to_come_is_no_event():
    events = document_record(faultlines.analyze(
        "БИШКЕК, 6 декабря — «24.kg». В результате перестрелки на участке киргизско-таджикской границы в пятницу погибли "
        "пять человек, из них трое граждан Таджикистана и двое граждан Киргизии, сообщили в пограничной службе ГКНБ "
        "Киргизии. Ещё восемь человек получили ранения.\n\nВ субботу в Бишкеке пройдёт митинг в поддержку пограничников.",
        published="2026-12-06", analyzers=("language", "segment", "nlp", "claims", "events")))["events"]
    (clash,) = events
    assert (clash["actor1_acled"], clash["actor2_acled"], clash["fatalities"], clash["injuries"]) == (
        "Military Forces of Kyrgyzstan", "Military Forces of Tajikistan", 5, 8)


def test_an_arrest_told_without_a_place_is_in_the_dateline_s_country_not_the_region_reported_on():
    events = document_record(run(
        "DUSHANBE, Dec 5 (AP) — A court in Dushanbe on Friday released journalist Rukhshona Hakimova on bail after three "
        "weeks in detention, her lawyer said. Hakimova was arrested on Nov. 14 on charges of \"inciting national hatred\" "
        "over her reporting on the Gorno-Badakhshan region.", published="2026-12-05"))["events"]
    release, arrest = events
    assert release["plover"] == "CONCEDE"  # PLOVER: a release is a concession
    assert (arrest["date"], arrest["country"], arrest["admin1"], arrest["actor1_acled"]) == (
        "2026-11-14", "Tajikistan", None, "Police Forces of Tajikistan")


def test_an_arrest_for_an_earlier_attack_is_its_own_event_with_its_own_place():
    attack, arrest = document_record(run(
        "ДУШАНБЕ, 7 декабря. /ТАСС/. Сотрудники ГКНБ Таджикистана задержали в Хатлонской области трёх человек, "
        "подозреваемых в нападении на лагерь китайской компании в Шамсиддин Шохинском районе 26 ноября, в результате "
        "которого погибли трое граждан КНР.", published="2026-12-07"))["events"]
    assert (attack["sub_event_type"], attack["date"], attack["location"], attack["fatalities"]) == (
        "Attack", "2026-11-26", "Shamsiddin Shohin", 3)
    assert (arrest["sub_event_type"], arrest["location"], arrest["actor2"]) == ("Arrests", "Khatlon", None)


def test_agreeing_to_keep_in_touch_is_no_agreement_and_a_protest_put_down_has_the_dead_told_after_it():
    assert [e["sub_event_type"] for e in document_record(run(
        "Стороны договорились продолжить контакты.", published="2026-12-07"))["events"]] == []
    (event,) = document_record(run("Стороны договорились о прекращении огня на границе у Воруха в понедельник.",
                                   published="2026-12-07"))["events"]
    assert event["sub_event_type"] == "Agreement"
    (event,) = document_record(run(
        "Прошло три года с тех пор, как в июле 2022 года в Нукусе силовики подавили протесты против поправок в "
        "конституцию Узбекистана. Тогда, по официальным данным, погиб 21 человек, более 240 получили ранения.",
        published="2025-07-10"))["events"]
    assert (event["sub_event_type"], event["date"], event["fatalities"], event["injuries"]) == (
        "Excessive force against protesters", "2022-07-01", 21, 240)


def test_an_explosion_on_a_gas_pipeline_under_construction_is_no_household_accident():
    (event,) = document_record(run("Five days later, an explosion damaged a section of the TAPI gas pipeline under "
                                   "construction near Mary, though no one was hurt.", published="2026-12-03"))["events"]
    assert (event["sub_event_type"], event["admin1"], event["fatalities"]) == ("Remote explosive/landmine/IED", "Mary", 0)


def test_a_year_opening_a_sentence_dates_its_event_and_a_stretch_since_a_year_is_no_event():
    (event,) = document_record(run("In 2019, a similar brawl at a construction site in the Aktobe region led to "
                                   "protests in several Kazakh towns.", published="2026-12-02"))["events"]
    assert (event["sub_event_type"], event["date"], event["date_precision"]) == ("Mob violence", "2019-01-01", "year")
    assert run("Since 2021, the attacks have continued.", published="2026-12-02").layer("event") == []


@pytest.mark.parametrize("text, expected", [
    ("Gunmen stormed a police station in Khorog on Monday, killing two officers.", ("Battles", "Armed clash", 2)),
    ("Protesters stormed the regional administration in Nukus on Friday.", ("Riots", "Violent demonstration", 0)),
    ("Security forces opened fire on protesters in Nukus on Tuesday, killing three.",
     ("Protests", "Excessive force against protesters", 3)),
])
def test_who_storms_and_whom_security_forces_fire_on_decide_the_type(text, expected):
    (event,) = document_record(run(text, published="2026-12-07"))["events"]
    assert (event["event_type"], event["sub_event_type"], event["fatalities"]) == expected


def test_a_seizure_of_power_names_no_authorities():
    (event,) = document_record(run(
        "ГКНБ Киргизии задержал 14 человек по подозрению в подготовке насильственного захвата власти.",
        published="2026-12-04"))["events"]
    assert (event["sub_event_type"], event["actor1"]) == ("Arrests", "ГКНБ Киргизии")


@pytest.mark.parametrize("text, places", [
    ("Protests took place in Almaty, Astana and Shymkent on Saturday.", ["Almaty", "Astana", "Shymkent"]),
    ("Акции протеста прошли в Алматы и Шымкенте в субботу.", ["Almaty", "Shymkent"]),
    ("Police detained activists in Almaty and Shymkent on Monday.", ["Almaty", "Shymkent"]),
])
def test_a_protest_or_arrests_in_listed_towns_are_one_event_per_town(text, places):
    events = document_record(run(text, published="2026-12-07"))["events"]
    assert [e["location"] for e in events] == places
    assert len({e["sub_event_type"] for e in events}) == 1 and all("places the sentence lists" in e["warnings"][-1]
                                                                    for e in events)
    # violence with its dead is not split (its toll belongs to no one place)
    assert len(run("Gunmen attacked posts in Osh and Batken on Monday, killing two.", published="2026-12-07")
               .layer("event")) == 1


@pytest.mark.parametrize("text, expected", [
    ("Police in Almaty detained at least 11 activists on Thursday morning, hours before a planned rally against a rise "
     "in the price of liquefied gas.", [("Arrests", "2026-11-26")]),
    ("Накануне запланированной акции в Алматы полиция задержала 11 активистов.", [("Arrests", "2026-11-27")]),
    ("Накануне полиция задержала 11 активистов в Алматы.", [("Arrests", "2026-11-26")]),
    ("Police detained activists ahead of a CSTO summit in Almaty on Thursday.", [("Arrests", "2026-11-26")]),
    ("The rally was to take place on Republic Square in Almaty on Friday.", []),
    # "planned for Saturday" is the Saturday to come (read back it had been the Saturday before)
    ("Residents said a rally was planned for Saturday outside the regional administration in Osh.", []),
    ("Police in Osh detained 11 activists on Thursday; a rally is planned for Saturday.", [("Arrests", "2026-11-26")]),
    ("Мэрия Алматы пригласила инициативную группу на встречу в понедельник.", []),
    # strike drones to be stationed: the adjective "ударный" is no strike
    ("На базе под Ошем разместят до 150 военнослужащих и несколько ударных беспилотников «Орион».", []),
])
def test_a_protest_or_summit_yet_to_come_is_no_event_and_the_eve_of_one_no_date(text, expected):
    events = document_record(run(text, published="2026-11-27"))["events"]
    assert [(e["sub_event_type"], e["date"]) for e in events] == expected


def test_a_gathering_told_verb_first_and_a_charge_of_calling_for_riots():
    (event,) = document_record(run(
        "Сегодня у здания городской администрации Оша собрались около 300 человек. Они требуют освободить блогера.\n\n"
        "Милиция применила слезоточивый газ, несколько человек задержаны. Источник в ГКНБ сообщил, что блогеру "
        "предъявлено обвинение в призывах к массовым беспорядкам.", published="2026-12-07"))["events"]
    assert (event["sub_event_type"], event["admin1"], event["actor1_acled"]) == (
        "Protest with intervention", "Osh", "Protesters (Kyrgyzstan)")


def test_mortars_fired_in_an_exchange_of_fire_are_the_clash():
    (event, *_) = document_record(run(
        "БИШКЕК, 18 ноября. Два киргизских пограничника погибли в результате перестрелки на границе с Таджикистаном в "
        "Баткенской области во вторник. По данным ведомства, таджикские военные открыли огонь из минометов по позициям "
        "у села Кок-Таш.", published="2026-11-18"))["events"]
    assert (event["event_type"], event["sub_event_type"], event["fatalities"]) == ("Battles", "Armed clash", 2)


def test_what_a_fact_check_checks_and_finds_did_not_happen_is_no_event():
    text = ('Fact Check: Video of "Tajik Shelling of Kyrgyz School" Is From 2022\n\n'
            "A video circulating on Telegram since Thursday claims to show Tajik artillery shelling a school in the "
            "Kyrgyz village of Ak-Sai in Batken region.\n\n"
            "Verdict: False. The video was filmed in 2022 and no shelling took place in Ak-Sai this month.\n\n"
            "Kyrgyzstan's Ministry of Emergency Situations said on Friday it had recorded no incidents of shelling in "
            "Batken region in December.")
    assert run(text, published="2026-12-06").layer("event") == []


@pytest.mark.parametrize("text", [
    "Миф первый: Россия превращает 201-ю базу в плацдарм для ударов по Афганистану.",
    "Myth two: Russian troops fired on protesters in Almaty.",
    # several years' events, none told: "the clashes we saw in 2021 and 2022"
    '"The agreement removes the main trigger for the clashes we saw in 2021 and 2022," said Temur Umarov of the '
    'Carnegie Russia Eurasia Center.',
])
def test_a_numbered_myth_and_the_clashes_of_several_years_are_no_events(text):
    assert run(text, published="2026-12-06").layer("event") == []


def test_a_fact_check_s_claim_line_is_no_event():
    text = ("Claim: Russia has withdrawn all its troops from the Kant air base in Kyrgyzstan, according to posts on "
            "Telegram.\n\nVerdict: False.")
    assert run(text, published="2026-11-27").layer("event") == []


def test_a_denial_or_accusation_is_made_by_the_speaker_the_claims_stage_found():
    doc = faultlines.analyze(
        "Tajikistan's State Committee for National Security gave a different account, saying Kyrgyz soldiers fired "
        "first. It accused Bishkek of \"deliberately escalating the situation\".", published="2026-11-18",
        analyzers=("language", "segment", "nlp", "claims", "events"))
    (accusation,) = [e for e in document_record(doc)["events"] if e["plover"] == "ACCUSE"]
    assert (accusation["actor1"], accusation["actor2"], accusation["location"]) == (
        "Tajikistan's State Committee for National Security", "Bishkek", None)


def test_an_arrest_reported_on_one_day_is_the_arrest_told_with_its_own_day():
    (event,) = document_record(run(
        "ASTANA, Dec 3 (Reuters) - Kazakhstan's National Security Committee (KNB) said on Wednesday it had detained a "
        "Russian citizen suspected of collecting information on military facilities in the Karaganda region.\n\n"
        "The man was detained on Monday in the city of Balkhash, the committee said in a statement.",
        published="2026-12-03"))["events"]
    assert (event["sub_event_type"], event["date"], event["location"]) == ("Arrests", "2026-11-30", "Balqash")


def test_the_protests_take_the_date_the_text_named_them_with_and_a_based_group_sits_nowhere():
    events = document_record(run(
        "Uzbekistan's Foreign Ministry on Tuesday rejected a Human Rights Watch report that accused authorities of "
        "torturing detainees.\n\nThe New York-based group said at least 14 of the people convicted over the July 2022 "
        "protests had told relatives they were beaten in custody.\n\nAt least 21 people were killed when security forces put down the protests in "
        "Nukus, according to official figures.", published="2026-12-02"))["events"]
    assert [e["plover"] for e in events if e["plover"] in ("REJECT", "ACCUSE")] == ["REJECT"]  # the report's accusation
    assert not any(e["country"] == "United States" or e["location"] == "New York" for e in events)
    (force,) = [e for e in events if e["event_type"] == "Protests"]
    assert (force["date"], force["date_precision"], force["fatalities"]) == ("2022-07-01", "month", 21)
    # "Напомним, … прошли массовые протесты. По официальным данным, тогда погиб 21 человек": the protest's dead
    (recalled,) = [e for e in document_record(run(
        "Напомним, в июле 2022 года в Нукусе прошли массовые протесты. По официальным данным, тогда погиб 21 человек.",
        published="2026-07-01"))["events"]]
    assert (recalled["date"], recalled["fatalities"]) == ("2022-07-01", 21)


def test_a_gas_cylinder_that_injures_people_is_an_accident_and_talks_are_held_by_the_states_joined():
    assert run("A gas cylinder exploded at a market in Osh on Saturday, injuring six people.",
               published="2026-12-05").layer("event") == []
    (talks,) = document_record(run("Министры иностранных дел России и пяти стран Центральной Азии провели во вторник в "
                                   "Самарканде переговоры.", published="2026-12-02"))["events"]
    assert (talks["actor1"], talks["actor2"]) == ("Russia", "Центральная Азия")


@pytest.mark.parametrize("text", [
    "Об этом сообщили родственники задержанных.",  # no town of Ob
    "Правозащитники назвали задержания в Центральной Азии репрессиями.",  # no Tsentralny district
    "Жители села Солтон-Сары перекрыли дорогу к руднику в четверг.",  # no Sari in Iran
])
def test_words_of_longer_names_and_prepositions_are_no_places(text):
    assert not any(e["country"] in ("Russia", "Iran") for e in document_record(run(text, published="2026-12-04"))["events"])


def test_a_past_event_the_text_recalls_is_not_this_week_s_and_a_blockade_is_a_protest_unless_police_block():
    events = document_record(run(
        "Сотрудники СГБ Узбекистана задержали в Нукусе не менее восьми активистов.\n\nНапомним, в июле 2022 года в "
        "Нукусе прошли массовые протесты против поправок в конституцию.", published="2026-07-01"))["events"]
    assert [(e["sub_event_type"], e["date"][:7]) for e in events] == [("Arrests", "2026-07"), ("Peaceful protest", "2022-07")]
    (blockade,) = document_record(run("About 200 residents of Solton-Sary village in the Naryn region blocked the only "
                                      "road to a gold mine on Thursday.", published="2026-12-04"))["events"]
    assert (blockade["sub_event_type"], blockade["date"], blockade["injuries"]) == ("Peaceful protest", "2026-12-03", None)
    assert run("Police blocked the road to the square in Almaty on Monday.", published="2026-12-04").layer("event") == []


def test_a_sabotage_and_the_arrests_for_it_are_two_events_each_with_its_own_day():
    events = document_record(run(
        "ASHGABAT, Dec 5 (Reuters) - Turkmenistan's state security ministry said on Saturday that an explosion that "
        "damaged a section of the Central Asia-China gas pipeline near the town of Bagtyyarlyk on Thursday was an act "
        "of sabotage, and that three foreign nationals had been detained.", published="2026-12-05"))["events"]
    assert [(e["sub_event_type"], e["date"], e["location"]) for e in events] == [
        ("Remote explosive/landmine/IED", "2026-12-03", "Bagtyyarlyk"), ("Arrests", "2026-12-05", "Bagtyyarlyk")]


@pytest.mark.parametrize("text, expected", [
    ("Neighbouring Kazakhstan immediately protested, saying the mountains would cross its territory.", []),
    ("МИД Казахстана выразил протест российскому послу в понедельник.", []),
    ("Residents of Osh protested on Monday against the demolition of the market.", ["Peaceful protest"]),
    ("Несколько сотен жителей Жанаозена в субботу вышли на центральную площадь города.", ["Peaceful protest"]),
])
def test_a_government_s_protest_is_no_rally_and_people_who_come_out_onto_a_square_protest(text, expected):
    events = document_record(run(text, published="2026-12-06"))["events"]
    assert [e["sub_event_type"] for e in events] == expected


def test_what_an_arrested_blogger_criticised_is_no_party():
    (event,) = document_record(run("В Душанбе задержан блогер Рустам Гуломов, критиковавший правительство в TikTok.",
                                   published="2026-12-06"))["events"]
    assert event["actor1"] != "правительство" and event["actor1_acled"] == "Police Forces of Tajikistan"


def test_a_clash_of_villagers_is_mob_violence_and_a_case_under_the_riots_article_no_riot():
    events = document_record(run(
        "В Ошской области столкнулись участники земельного спора: один погибший\n\nОШ, 5 декабря — 24.kg. Один человек "
        "погиб и четверо получили ранения в результате массовой драки между жителями двух сёл Кара-Суйского района "
        "Ошской области в пятницу вечером, сообщили в ГУВД области.\n\nВозбуждено уголовное дело по статье «Массовые "
        "беспорядки», задержаны шесть человек.", published="2026-12-05"))["events"]
    assert [(e["sub_event_type"], e["fatalities"]) for e in events] == [("Mob violence", 1), ("Arrests", 0)]


def test_what_a_detainee_was_critical_of_or_interviewed_is_no_party():
    (event,) = document_record(run(
        "Mukhammedkarim, who ran a popular YouTube channel critical of the government, was arrested in Almaty in June "
        "after interviewing an exiled opposition figure.", published="2026-12-04"))["events"]
    assert event["actor1"] != "government" and event["actor2"] != "opposition figure"


def test_knife_attackers_road_builders_and_a_russian_gerund_s_wounded():
    (event,) = document_record(run("On December 2, a group of men armed with knives attacked a camp of Chinese road "
                                   "builders outside Aidarken, injuring five workers.", published="2026-12-06"))["events"]
    assert (event["actor1"], event["actor2"], event["injuries"]) == (
        "a group of men armed with knives", "Chinese road builders", 5)
    (event,) = document_record(run("2 декабря группа мужчин с ножами напала на лагерь китайских строителей под "
                                   "Айдарканом, ранив пятерых рабочих.", published="2026-12-06"))["events"]
    assert (event["injuries"], event["location"]) == (5, "Айдаркан")


def test_a_commentary_s_present_tense_denial_is_no_statement_made():
    doc = faultlines.analyze("Bishkek wants drones\n\nBishkek quietly begs Moscow for help, while its diplomats deny "
                             "everything in Brussels.", published="2026-12-06",
                             analyzers=("language", "segment", "nlp", "claims", "events"))
    assert not any(e["plover"] == "REJECT" for e in document_record(doc)["events"])


@pytest.mark.parametrize("text, published", [
    ("Погранвойска ГКНБ Таджикистана сообщили, что в ночь на субботу с афганской стороны был открыт огонь по "
     "погранзаставе «Гулистон» в Шамсиддин Шохинском районе. По данным ведомства, ранен один военнослужащий.", "2026-12-07"),
    ("Tajik border guards said fire was opened from the Afghan side on a border post in the Shamsiddin Shohin district "
     "on Saturday, wounding one soldier.", "2026-12-07"),
])
def test_fire_opened_from_a_side_is_that_side_s_attack(text, published):
    (event,) = document_record(run(text, published=published))["events"]
    assert (event["sub_event_type"], event["date"], event["admin2"] or event["location"], event["injuries"]) == (
        "Armed clash", "2026-12-05", "Shamsiddin Shohin", 1)
    assert (event["actor1_acled"], event["actor2_acled"]) == ("Military Forces of Afghanistan", "Military Forces of Tajikistan")


def test_relatives_who_block_a_named_highway_protest():
    (event,) = document_record(run("Relatives of the miners blocked the Bishkek-Osh highway for several hours on Monday, "
                                   "demanding that the mine's owner be held responsible.", published="2026-12-08"))["events"]
    assert (event["sub_event_type"], event["date"]) == ("Peaceful protest", "2026-12-07")


def test_each_side_s_dead_are_counted_in_english_too():
    (event, *_) = document_record(faultlines.analyze(
        "Kyrgyz and Tajik border guards clash over water intake, two killed\n\nOSH, Kyrgyzstan, Nov 18 (AP) — Two Kyrgyz "
        "border guards were killed and five people were wounded on Tuesday when Tajik and Kyrgyz forces exchanged fire "
        "near a disputed water distribution point in the Batken region, Kyrgyzstan's border service said.\n\n"
        "Tajikistan's State Committee for National Security gave a different account, saying Kyrgyz soldiers fired "
        "first and that one Tajik serviceman was killed and two were injured.", published="2026-11-18",
        analyzers=ANALYZERS))["events"]
    assert (event["sub_event_type"], event["fatalities"], event["injuries"]) == ("Armed clash", 3, 5)


def test_each_side_s_dead_are_counted():
    (event, *_) = document_record(run(
        "БИШКЕК, 18 ноября. Два киргизских пограничника погибли, ещё пять человек получили ранения в результате "
        "перестрелки на границе с Таджикистаном в Баткенской области во вторник. В ГКНБ Таджикистана заявили, что первыми "
        "огонь открыли киргизские военнослужащие, и сообщили о гибели одного таджикского военного.",
        published="2026-11-18"))["events"]
    assert (event["fatalities"], event["injuries"]) == (3, 5)


@pytest.mark.parametrize("text", [
    "Тысячи болельщиков вышли на улицы Ташкента, Самарканда и Бухары, празднуя победу до утра.",
    "Thousands of fans took to the streets of Tashkent on Tuesday, celebrating the team's victory.",
])
def test_a_celebration_in_the_streets_is_no_protest(text):
    assert not any(e["event_type"] == "Protests" for e in document_record(run(text, published="2026-06-11"))["events"])


@pytest.mark.parametrize("text, expected", [
    ("В Хороге задержаны трое участников беспорядков 2022 года.", ["Arrests"]),
    ("Сотрудники ГКНБ задержали троих жителей, которых подозревают в участии в майских беспорядках 2022 года.",
     ["Arrests"]),
    ("Около 40 жителей махалли Бобур в Андижане в воскресенье вышли к хокимияту с плакатами против сноса домов.",
     ["Peaceful protest"]),
    ("Таджикистан и Киргизия в понедельник обменялись шестью задержанными на границе гражданами.", []),
])
def test_participants_of_a_past_riot_a_crowd_at_the_hokimiyat_and_an_exchange_of_detainees(text, expected):
    events = document_record(run(text, published="2026-12-07"))["events"]
    assert [e["sub_event_type"] for e in events if e["event_type"]] == expected


def test_a_gas_explosion_whose_investigators_ruled_out_an_attack_is_an_accident():
    assert run("A gas cylinder exploded at a market in Osh on Saturday morning, injuring six people, the Emergency "
               "Situations Ministry said. Investigators ruled out a terrorist attack.",
               published="2026-12-05").layer("event") == []


@pytest.mark.parametrize("text, expected", [
    ("A quarrel over a water pipe or a camera on a canal turns into mortar fire, a few coffins and a phone call.", []),
    ("Любой спор из-за воды перерастает в перестрелку.", []),
    ("Канал кормит поля по обе стороны границы, и каждую весну, когда воды не хватает, спор о том, кто первым откроет "
     "задвижку, превращается в драку.", []),
    ("A protest in Osh turned into clashes with police on Monday.", ["Violent demonstration"]),
    ("Tajik and Kyrgyz border guards clashed near Vorukh on Monday, a day after a protest by villagers.",
     ["Armed clash"]),
])
def test_what_happens_each_time_is_no_event_and_a_protest_that_turns_into_clashes_is_a_riot(text, expected):
    events = document_record(run(text, published="2026-11-20"))["events"]
    assert [e["sub_event_type"] for e in events] == expected


@pytest.mark.parametrize("text", [
    "Два реактивных снаряда, выпущенных с территории Афганистана, упали в среду вечером на окраине Термеза, "
    "пострадали три человека, сообщило министерство обороны Узбекистана.",
    "Two rockets fired from the territory of Afghanistan landed on the outskirts of Termez on Wednesday evening, "
    "injuring three people, Uzbekistan's Defence Ministry said.",
])
def test_rockets_that_landed_from_across_the_border_are_shelling_by_that_side(text):
    (event,) = document_record(run(text, published="2026-12-04"))["events"]
    assert (event["sub_event_type"], event["date"], event["location"], event["actor1"], event["injuries"]) == (
        "Shelling/artillery/missile attack", "2026-12-02", "Tirmiz", "Unidentified Armed Group (Afghanistan)", 3)


def test_a_town_named_by_its_noun_is_no_party_of_a_development():
    text = ("Минобороны Узбекистана подтвердило, что снаряды прилетели со стороны афганского города Хайратон, и "
            "сообщило об усилении охраны границы.")
    (event,) = [e for e in document_record(run(text, published="2026-12-04"))["events"]
                if e["event_type"] == "Strategic developments"]
    assert event["actor1"] == "Минобороны Узбекистана"


def test_a_strike_its_riot_and_the_arrests_after_it_are_three_events():
    text = ("ALMATY, Dec 5 (AP) — Police in western Kazakhstan detained 30 people on Friday after a strike by oil workers "
            "in the Mangystau region turned violent, the regional police department said.\n\n"
            "Several hundred workers of a subcontractor of KazMunayGas had been on strike in Zhanaozen since Monday, "
            "demanding higher wages. On Thursday evening a group of strikers threw stones at police who tried to clear "
            "the entrance to the company's offices, injuring four officers, police said.\n\n"
            "A lawyer for the workers told The Associated Press that the detainees had been denied access to lawyers. "
            "Police denied using excessive force.")
    events = document_record(run(text, published="2026-12-05"))["events"]
    assert [(e["sub_event_type"], e["date"], e["injuries"]) for e in events if e["event_type"]] == [
        ("Arrests", "2026-12-04", None), ("Peaceful protest", "2026-11-30", None),
        ("Violent demonstration", "2026-12-03", 4)]
    (denial,) = [e for e in events if e["plover"] == "REJECT"]
    assert denial["mentions"] == [[text.index("Police denied"), len(text)]]


def test_an_arrest_before_a_rally_that_turned_into_clashes_is_its_own_event_in_the_same_place():
    events = document_record(run("Police detained 12 people in Osh on Monday after a rally against the new tax turned "
                                 "into clashes with police.", published="2026-12-07"))["events"]
    assert sorted((e["sub_event_type"], e["location"]) for e in events) == [("Arrests", "Osh"),
                                                                            ("Violent demonstration", "Osh")]


@pytest.mark.parametrize("text, expected", [
    ("At least nine people were killed and 14 wounded in clashes in Khorog on Wednesday, the Interior Ministry said. "
     "The ministry said eight of the dead were members of a criminal group and one was a police officer.", (9, 14)),
    ("Трое рабочих погибли при нападении на лагерь в Раштской долине в среду. Двое из погибших были гражданами Китая.",
     (3, None)),
    ("На прошлой неделе полиция в Подмосковье задержала 47 граждан Таджикистана и Узбекистана, а в Екатеринбурге "
     "неизвестные избили двух рабочих из Киргизии. Один из них скончался в больнице.", (1, None)),
])
def test_a_share_of_the_dead_is_no_new_count_and_a_later_death_is_the_attack_s(text, expected):
    (event,) = [e for e in document_record(run(text, published="2026-12-03"))["events"] if e["plover"] == "ASSAULT"]
    assert (event["fatalities"], event["injuries"]) == expected


def test_a_date_opening_the_sentence_frames_both_events_and_podmoskovye_is_moscow_oblast():
    events = document_record(run("На прошлой неделе полиция в Подмосковье задержала 47 граждан Таджикистана и "
                                 "Узбекистана, а в Екатеринбурге неизвестные избили двух рабочих из Киргизии.",
                                 published="2026-12-07"))["events"]
    assert sorted((e["sub_event_type"], e["date"], e["admin1"]) for e in events) == [
        ("Arrests", "2026-11-30", "Moscow Oblast"), ("Attack", "2026-11-30", "Sverdlovsk Oblast")]


@pytest.mark.parametrize("text, expected", [
    ("When the 2022 fighting broke out, it was Moscow, through the CSTO, that brought both presidents to the table.",
     ("2022-01-01", "year", None)),
    ("Столкновения 2022 года в Баткенской области унесли жизни около 100 человек.", ("2022-01-01", "year", "Batken")),
])
def test_an_event_named_by_its_year_and_a_cleft_capital_that_is_no_place(text, expected):
    (event,) = document_record(run(text, published="2026-12-07"))["events"]
    assert (event["date"], event["date_precision"], event["admin1"]) == expected


def test_gkNB_officers_who_detain_are_the_government():
    (event,) = document_record(run("Сотрудники Государственного комитета национальной безопасности (ГКНБ) Киргизии "
                                   "задержали в Джалал-Абадской области трех человек.", published="2026-12-02"))["events"]
    assert (event["actor1_acled"], event["admin1"]) == ("Government of Kyrgyzstan", "Jalal-Abad")


def test_what_a_resident_says_the_troops_say_they_fight_is_no_battle():
    text = ('"They say they are fighting terrorists, but they are shooting at our people," one resident of Khorog said.')
    assert not any(e["event_type"] == "Battles" for e in document_record(run(text, published="2026-12-03"))["events"])


def test_three_people_hurt_by_shelling_are_its_civilian_targets():
    (event,) = document_record(run("Два реактивных снаряда упали в среду вечером на окраине Термеза, пострадали три "
                                   "человека.", published="2026-12-04"))["events"]
    assert (event["actor2_acled"], event["injuries"]) == ("Civilians (Uzbekistan)", 3)


@pytest.mark.parametrize("text", [
    "Not a single CSTO soldier took part in the clashes in Almaty.",
    "Ни один военнослужащий ОДКБ не принимал участия в столкновениях в Алматы.",
    "Суд Алматы приговорил четырёх участников беспорядков января 2022 года к срокам от пяти до восьми лет.",
])
def test_who_took_no_part_and_the_rioters_of_another_january_tell_no_event(text):
    assert not [e for e in document_record(run(text, published="2026-12-03"))["events"] if e["event_type"]]


RUSSIAN_COMMENTARY = (
    "Хватит спасать тех, кто нас не ценит\n\n"
    "На прошлой неделе в Хатлонской области Таджикистана снова пролилась кровь. В ночь на 1 декабря неизвестные "
    "обстреляли лагерь китайских рабочих у границы с Афганистаном: двое граждан КНР погибли, ещё трое получили ранения. "
    "Это уже второе подобное нападение за месяц — 18 ноября в том же районе был убит китайский инженер.\n\n"
    "Агентство Reuters со ссылкой на источники в Душанбе сообщило, что таджикские власти обратились к Москве с просьбой "
    "усилить охрану границы.")


def test_a_paragraph_s_opening_place_a_dashed_event_after_a_monthly_count_and_a_government_s_request():
    events = document_record(run(RUSSIAN_COMMENTARY, published="2026-12-07"))["events"]
    assert [(e["sub_event_type"], e["date"], e["admin1"], e["fatalities"], e["injuries"]) for e in events
            if e["event_type"]] == [("Attack", "2026-12-01", "Khatlon", 2, 3), ("Attack", "2026-11-18", "Khatlon", 1, None)]
    (request,) = [e for e in events if e["plover"] == "REQUEST"]
    assert (request["actor1"], request["actor2"]) == ("Tajikistan", "Moscow")


def test_a_denial_by_an_office_named_with_its_city_and_an_owner_of_burnt_cars():
    (denial,) = document_record(faultlines.analyze(
        "Адвокат заявила, что её подзащитного пытали. В департаменте полиции Алматы обвинения в пытках назвали "
        "«беспочвенными».", published="2026-12-03", analyzers=("language", "segment", "nlp", "claims", "events")))["events"]
    assert denial["actor1"] == "департамент полиции Алматы"
    (arson,) = document_record(run("Неизвестные подожгли три автомобиля полиции в Жанаозене в ночь на пятницу.",
                                   published="2026-12-05"))["events"]
    assert arson["actor1_acled"] != "Police Forces of Kazakhstan"


def test_where_an_office_sits_is_no_opening_place_of_a_paragraph():
    events = document_record(run(
        "Gunmen killed three Chinese workers in Khatlon province on Wednesday.\n\n"
        "There was no immediate comment from the Taliban authorities in Kabul. A local official said security had been "
        "reinforced around other sites where foreign companies operate.", published="2026-11-27"))["events"]
    assert all(e["country"] != "Afghanistan" for e in events)


def test_a_clash_between_two_states_border_guards_and_each_side_s_wounded():
    (clash, *_) = document_record(faultlines.analyze(
        "БИШКЕК, 7 декабря — 24.kg. В ночь на понедельник у села Кок-Таш Баткенской области произошла перестрелка между "
        "пограничниками Киргизии и Таджикистана, сообщила Пограничная служба ГКНБ Киргизии. По её данным, трое киргизских "
        "военнослужащих получили ранения.\n\n"
        "В Пограничных войсках ГКНБ Таджикистана заявили, что огонь первыми открыли киргизские военные, и сообщили о "
        "двух раненых таджикских пограничниках.", published="2026-12-07",
        analyzers=("language", "segment", "nlp", "claims", "events")))["events"]
    assert (clash["actor1_acled"], clash["actor2_acled"], clash["injuries"], clash["admin1"]) == (
        "Military Forces of Kyrgyzstan", "Military Forces of Tajikistan", 5, "Batken")


@pytest.mark.parametrize("text, expected", [
    ("Uzbekistan's State Security Service said it had detained six people in Tashkent suspected of planning a bomb "
     "attack on behalf of the Islamic State.", ("Arrests", "Government of Uzbekistan")),
    ("Six men suspected of recruiting for the Islamic State were detained by police in Tashkent on Tuesday.",
     ("Arrests", "Police Forces of Uzbekistan")),
    ("Islamic State Khorasan claimed responsibility for a suicide bombing in Kabul in September that killed 12 people, "
     "and Uzbek officials have warned repeatedly that it recruits among migrant workers.", ("Suicide bomb", None)),
    ("Около 150 жителей Кара-Суйского района в пятницу утром перекрыли трассу Бишкек — Ош, требуя восстановить подачу "
     "электроэнергии.", ("Peaceful protest", None)),
    ("Накануне вечером в Исфаринском районе жители двух сёл подрались из-за воды, пострадали пятеро.", ("Mob violence", None)),
])
def test_the_state_arrests_a_habit_in_another_clause_a_road_s_name_and_a_village_fight(text, expected):
    (event,) = document_record(run(text, published="2026-12-04"))["events"]
    assert event["sub_event_type"] == expected[0]
    assert expected[1] is None or event["actor1_acled"] == expected[1]
    assert event["location"] not in ("Bishkek", "Osh")


@pytest.mark.parametrize("text, published, expected", [
    ("В ходе спецоперации в Хороге в ночь на четверг ликвидированы восемь членов организованной преступной группировки, "
     "ещё 14 человек задержаны, сообщило МВД Таджикистана. По данным ведомства, боевики оказали вооружённое "
     "сопротивление, двое сотрудников милиции получили ранения. С начала года в Горно-Бадахшанской области задержаны "
     "56 человек.", "2026-12-05",
     [("Armed clash", "2026-12-03", "Khorugh", 8, 2), ("Arrests", "2026-12-03", "Khorugh", 0, None)]),
    ("Taliban forces killed three drug smugglers who were trying to cross into Tajikistan near Shir Khan Bandar in "
     "Kunduz province on Sunday, a spokesman said.", "2026-12-06",
     [("Armed clash", "2026-12-06", "Qalah-ye Zal", 3, None)]),
])
def test_a_special_operation_its_dead_and_arrests_and_forces_that_killed_smugglers(text, published, expected):
    events = document_record(run(text, published=published))["events"]
    assert [(e["sub_event_type"], e["date"], e["location"], e["fatalities"], e["injuries"]) for e in events] == expected


def test_the_forces_a_source_blames_are_the_attackers():
    (event,) = document_record(run(
        "Two Kyrgyz farmers were shot dead near the village of Ak-Sai in the Batken region on Wednesday, Kyrgyz police "
        "said, blaming Tajik border guards for the killing.", published="2026-12-03"))["events"]
    assert (event["actor1_acled"], event["fatalities"]) == ("Military Forces of Tajikistan", 2)


def test_two_events_joined_by_a_semicolon_and_a_day_of_the_month_that_is_no_count():
    events = document_record(run(
        "On November 18 an engineer was shot dead at a gold mine near the Afghan border; on the night of December 1, "
        "gunmen fired on a workers' camp in Khatlon province, killing two Chinese citizens and wounding three.",
        published="2026-12-07"))["events"]
    assert [(e["date"], e["fatalities"], e["injuries"]) for e in events] == [("2026-11-18", 1, None), ("2026-12-01", 2, 3)]


def test_a_wire_report_s_dateline_is_no_event_date_and_an_arrest_at_the_scene_is_no_arrest_at_the_next_day_s_rally():
    events = document_record(run(
        "OSH, Kyrgyzstan, Dec 6 (AFP) - A 17-year-old boy and two women were killed and five people wounded when a "
        "gunman opened fire at a market in the southern city of Osh on Thursday, police said on Saturday.\n\n"
        "The suspect, a 34-year-old local man, was detained at the scene.\n\n"
        "Relatives of the victims gathered outside the city administration on Friday, demanding that the authorities "
        "tighten gun controls.", published="2026-12-06"))["events"]
    assert [(e["sub_event_type"], e["date"], e["location"], e["fatalities"], e["injuries"]) for e in events] == [
        ("Attack", "2026-12-03", "Osh", 3, 5), ("Arrests", "2026-12-06", "Osh", 0, None),
        ("Peaceful protest", "2026-12-04", "Osh", 0, None)]


def test_a_count_the_next_paragraph_passes_on_by_the_source_s_words():
    (event,) = document_record(run(
        "ДУШАНБЕ, 30 ноября — «Спутник Таджикистан». Беспилотник, запущенный с территории Афганистана, сбросил "
        "взрывное устройство на лагерь китайской компании в Шамсиддин-Шохинском районе Хатлонской области в ночь на "
        "субботу, погибли двое граждан КНР, сообщил источник.\n\n"
        "По его словам, ещё трое рабочих получили ранения и доставлены в больницу в Кулябе.", published="2026-11-30"))["events"]
    assert (event["sub_event_type"], event["date"], event["fatalities"], event["injuries"]) == (
        "Air/drone strike", "2026-11-28", 2, 3)


def test_suspects_of_organising_riots_a_city_quarter_and_half_a_hundred_protesters():
    # "подозреваемые в организации массовых беспорядков" is the charge, "махалля Янгиабад" no town of its own
    events = document_record(run(
        "В Ташкенте задержаны подозреваемые в организации массовых беспорядков\n\n"
        "ТАШКЕНТ, 4 декабря — «Газета.uz». В минувшую пятницу в Ташкенте задержаны двенадцать человек, "
        "подозреваемых в подготовке массовых беспорядков во время митинга против сноса жилых домов в махалле "
        "Янгиабад.\n\nПозавчера у здания хокимията собрались около полутора сотен жителей, которые требовали "
        "компенсаций за снесённое жильё.", published="2026-12-04"))["events"]
    assert [(e["sub_event_type"], e["date"], e["location"]) for e in events] == [
        ("Arrests", "2026-11-27", "Tashkent"), ("Peaceful protest", "2026-12-02", "Tashkent")]


def test_a_phone_call_between_presidents_attack_drones_and_a_wire_dateline():
    # "Vladimir" of "Vladimir Putin" is no town, "MOSCOW" of the dateline no place, "attack drones" no attack
    events = document_record(run(
        "MOSCOW, Dec 5 (Reuters) - Russian President Vladimir Putin and Tajik President Emomali Rahmon discussed "
        "security on the Tajik-Afghan border in a phone call on Friday, the Kremlin said.\n\n"
        "Last month Reuters reported that Dushanbe had asked Moscow for attack drones.", published="2026-12-05"))["events"]
    assert [(e["plover"], e["date"], e["location"]) for e in events if e["plover"] != "REQUEST"] == [
        ("CONSULT", "2026-12-04", None)]
    assert not [e for e in events if e["plover"] == "ASSAULT"]


def test_a_denial_not_made_talks_with_officials_and_a_border_crossing_s_province():
    assert not document_record(run(
        "Официальный представитель МИД Казахстана заявил, что речь идет о гуманитарном сотрудничестве, однако "
        "опровергать сообщение агентства не стал. The ministry declined to deny the report.",
        published="2026-12-05"))["events"]
    events = document_record(run(
        "Uzbek Foreign Minister Bakhtiyor Saidov met Taliban officials in Kabul last month.\n\n"
        "On Tuesday, Uzbek border guards detained three Afghan nationals who had crossed the river near Termez. Two "
        "weeks ago, a clash between Taliban fighters and Turkmen border troops near the Imam Nazar crossing left one "
        "Turkmen soldier dead.", published="2026-12-04"))["events"]
    assert [(e["plover"], e["date"], e["country"], e["admin1"]) for e in events] == [
        ("CONSULT", "2026-11-01", "Afghanistan", "Kabul"), ("COERCE", "2026-12-01", "Uzbekistan", "Surkhandarya"),
        ("ASSAULT", "2026-11-20", "Turkmenistan", "Lebap")]


def test_a_brawl_between_workers_of_two_countries_a_similar_one_and_a_denial_by_an_agent():
    events = document_record(run(
        "В ночь на воскресенье на строительной площадке в Балашихе произошла массовая драка между рабочими из "
        "Таджикистана и Узбекистана.\n\nРанее в ноябре похожий конфликт произошел в Красногорске: тогда пострадали "
        "трое.", published="2026-12-07"))["events"]
    assert [(e["sub_event_type"], e["date"], e["location"], e["actor1_nationality"], e["actor2_nationality"],
             e["injuries"]) for e in events] == [
        ("Mob violence", "2026-12-06", "Balashikha", "Tajikistan", "Uzbekistan", None),
        ("Mob violence", "2026-11-01", "Krasnogorsk", None, None, 3)]
    (denial,) = document_record(run("The story was denied within hours by the Kazakh Foreign Ministry.",
                                    published="2026-12-07"))["events"]
    assert (denial["plover"], denial["actor1"]) == ("REJECT", "Kazakh Foreign Ministry")
    (war,) = document_record(run("Напомним, в сентябре 2022 года в ходе вооруженного конфликта на границе двух стран "
                                 "погибли более 100 человек.", published="2026-12-04"))["events"]
    assert (war["event_type"], war["date"], war["fatalities"]) == ("Battles", "2022-09-01", 100)


def test_shooting_at_kok_tash_that_hit_a_border_guard_and_any_shooting():
    (event,) = document_record(run(
        "В прошлую субботу на киргизско-таджикском участке границы у села Кок-Таш снова стреляли: по данным "
        "пограничной службы ГКНБ Киргизии, погиб один пограничник, ещё двое ранены.", published="2026-12-05"))["events"]
    assert (event["sub_event_type"], event["date"], event["country"], event["admin1"], event["fatalities"],
            event["injuries"]) == ("Armed clash", "2026-11-28", "Kyrgyzstan", "Batken", 1, 2)
    assert not document_record(run("No evidence has emerged that CSTO troops took part in any shooting.",
                                    published="2026-12-05"))["events"]


def test_two_attacks_told_together_are_two_events_sharing_their_toll():
    events = document_record(run(
        "The two attacks, on November 18 and on the night of December 1, killed five Chinese citizens and wounded four "
        "others, according to the Interior Ministry.", published="2026-12-07"))["events"]
    assert [(e["date"], e["fatalities"], e["injuries"]) for e in events] == [
        ("2026-11-18", 3, 2), ("2026-12-01", 2, 2)]
    assert all(any("divided evenly" in w for w in e["warnings"]) for e in events)


def test_the_english_typical_input_s_attacks_and_request():
    events = document_record(run(
        "On November 18, gunmen shot dead a Chinese engineer at a gold mine in Shamsiddin Shohin district. On the night "
        "of December 1, a drone launched from Afghan territory struck a camp of the same company, killing two Chinese "
        "nationals and injuring three.\n\nAccording to Reuters, Tajik officials have asked Moscow for additional "
        "air-defence systems and helicopters.", published="2026-12-05"))["events"]
    assert [(e["plover"], e["sub_event_type"], e["date"], e["fatalities"], e["injuries"]) for e in events] == [
        ("ASSAULT", "Attack", "2026-11-18", 1, None), ("ASSAULT", "Air/drone strike", "2026-12-01", 2, 3),
        ("REQUEST", None, "2026-12-05", None, None)]


def test_an_arson_by_one_man_and_his_arrest_are_two_events():
    events = document_record(run(
        "Сотрудники УВД Ошской области задержали 27-летнего местного жителя, подозреваемого в поджоге офиса партии "
        "«Ата-Журт» в ночь на воскресенье. Никто не пострадал.", published="2026-01-12"))["events"]
    assert sorted((e["sub_event_type"], e["date"]) for e in events) == [
        ("Arrests", "2026-01-12"), ("Looting/property destruction", "2026-01-11")]


def test_unrest_that_killed_and_an_english_arson_with_its_suspect():
    (unrest,) = document_record(run("The July 2022 unrest in Nukus left 21 people dead, according to official figures.",
                                    published="2026-12-04"))["events"]
    assert (unrest["event_type"], unrest["date"], unrest["location"], unrest["fatalities"]) == (
        "Riots", "2022-07-01", "Nukus", 21)
    assert not document_record(run("Officials fear unrest if fuel prices rise again.", published="2026-12-04"))["events"]
    events = document_record(run("Police detained a man suspected of setting fire to the party's office in Osh on "
                                 "Sunday night.", published="2026-01-12"))["events"]
    assert sorted((e["sub_event_type"], e["date"]) for e in events) == [
        ("Arrests", "2026-01-12"), ("Looting/property destruction", "2026-01-11")]


@pytest.mark.parametrize("text", [
    "Около 30 человек вышли сегодня утром к посольству КНР в Душанбе с плакатами «Верните наши земли».",
    "About 50 people rallied outside the Chinese embassy in Dushanbe on Monday.",
])
def test_a_protest_at_an_embassy_is_in_the_embassy_s_city(text):
    (event,) = document_record(run(text, published="2026-12-07"))["events"]
    assert (event["plover"], event["location"]) == ("PROTEST", "Dushanbe")


def test_a_bearing_s_reference_point_and_an_arrest_resisted():
    events = document_record(run(
        "Two suspected militants were killed in a shootout with police in the Vahdat district east of Dushanbe late on "
        "Tuesday. The ministry said the men had resisted arrest.", published="2026-12-02"))["events"]
    assert [(e["sub_event_type"], e["location"], e["fatalities"]) for e in events] == [("Armed clash", "Vahdat", 2)]
    assert not [e for e in document_record(run("Боевики оказали сопротивление при задержании.",
                                               published="2026-12-02"))["events"] if e["sub_event_type"] == "Arrests"]


def test_riot_police_are_no_riot_and_a_training_ground_is_no_party():
    (event,) = document_record(run(
        "TBILISI, Dec 1 (AP) - Georgian riot police used water cannon and tear gas early on Sunday to disperse thousands "
        "of protesters outside parliament in Tbilisi.", published="2026-12-01"))["events"]
    assert (event["sub_event_type"], event["location"]) == ("Protest with intervention", "Tbilisi")
    (drills,) = document_record(run(
        "На полигоне «Харбмайдон» в Хатлонской области завершились совместные учения коллективных сил ОДКБ.",
        published="2026-12-04"))["events"]
    assert drills["actor1"] != "Харбмайдон"


def test_the_wounded_of_a_protest_s_arrests_sentence_are_the_protest_s():
    (event,) = document_record(run(
        "TBILISI, Dec 1 (AP) - Georgian riot police used water cannon and tear gas early on Sunday to disperse thousands "
        "of protesters outside parliament in Tbilisi. At least 44 people were detained and 16 injured, including 10 "
        "police officers.", published="2026-12-01"))["events"]
    assert (event["sub_event_type"], event["injuries"]) == ("Protest with intervention", 16)


def test_who_acts_after_an_embedded_when_clause_is_no_party_to_its_event():
    (event,) = document_record(run(
        "Напомним: в январе 2022 года, когда в Алматы горели административные здания, а в уличных столкновениях погибли "
        "238 человек, именно российские десантники в составе миротворческих сил ОДКБ спасли власть в республике.",
        published="2026-12-05"))["events"]
    assert (event["date"], event["fatalities"]) == ("2022-01-01", 238) and "ОДКБ" not in (event["actor1"] or "")


def test_a_robbery_is_no_abduction_and_a_street_is_no_town():
    events = document_record(run(
        "Нападение произошло 1 декабря на улице Токтогула в Бишкеке. По данным следствия, злоумышленники открыли огонь "
        "по инкассаторам, ранили двоих из них и похитили около 12 млн сомов. «Все похищенные деньги изъяты», — заявил "
        "журналистам начальник ГУВД Бишкека.", published="2026-12-05"))["events"]
    assert [(e["sub_event_type"], e["location"], e["admin1"], e["actor2"], e["injuries"]) for e in events] == [
        ("Attack", "Bishkek", "Bishkek", "инкассаторам", 2)]
    (kidnapping,) = document_record(run("В Бишкеке 3 декабря неизвестные похитили двух журналистов.",
                                        published="2026-12-05"))["events"]
    assert kidnapping["sub_event_type"] == "Abduction/forced disappearance"


def test_suspects_of_an_attack_are_arrested_not_its_victims():
    events = document_record(run(
        "Первомайский районный суд Бишкека отправил под стражу до 3 февраля трех подозреваемых в вооруженном нападении "
        "на инкассаторскую машину.\n\nНападение произошло 1 декабря на улице Токтогула. Злоумышленники открыли огонь по "
        "инкассаторам и ранили двоих из них.", published="2026-12-05"))["events"]
    # (3 February is how long they are held, not a day of the attack)
    assert [(e["sub_event_type"], e["date"], e["injuries"]) for e in events] == [("Attack", "2026-12-01", 2)]
    (arrest,) = [e for e in document_record(run("Суд в Бишкеке арестовал подозреваемых в нападении на инкассаторов",
                                                published="2026-12-05"))["events"] if e["sub_event_type"] == "Arrests"]
    assert (arrest["sub_event_type"], arrest["actor2"]) == ("Arrests", None)


def test_a_crime_that_killed_is_the_event_a_sentence_names_and_a_quoted_beating_is_no_battle():
    events = document_record(run(
        "A court in Tajikistan's southern Khatlon province on Thursday sentenced six men to prison terms of between 15 "
        "and 25 years for an attack on a gold mine that killed three Chinese workers in September. The September 14 "
        "attack near the village of Yol was the first of three on Chinese nationals in the border area this year.",
        published="2026-12-04"))["events"]
    assert [(e["date"], e["fatalities"]) for e in events] == [("2026-09-14", 3)]
    (beating,) = document_record(faultlines.analyze(  # (the claims pass says who speaks)
        '"My client was beaten into a confession," lawyer Farrukh Nazarov told AP.', published="2026-12-04",
        analyzers=("language", "segment", "nlp", "claims", "events")))["events"]
    assert (beating["event_type"], beating["actor2"]) == ("Violence against civilians", None)
    (journalists,) = document_record(run("Police officers beat two journalists in Osh on Monday.",
                                         published="2026-12-05"))["events"]
    assert (journalists["event_type"], journalists["actor2"]) == ("Violence against civilians", "journalists")


def test_ethnic_clashes_are_mob_violence_where_the_when_clause_puts_them():
    events = document_record(run(
        "Когда в 2010 году на юге Киргизии вспыхнули межэтнические столкновения, Бишкек просил Москву ввести войска.",
        published="2026-12-05"))["events"]
    assert [(e["sub_event_type"], e["date"], e["country"], e["admin1"], e["actor2"]) for e in events] == [
        ("Mob violence", "2010-01-01", "Kyrgyzstan", None, None)]
    (osh,) = document_record(run("In June 2010 ethnic clashes in Osh killed more than 400 people.",
                                 published="2026-12-05"))["events"]
    assert (osh["sub_event_type"], osh["location"], osh["fatalities"]) == ("Mob violence", "Osh", 400)


def test_the_lead_s_place_and_day_are_those_of_the_incident_the_next_paragraph_codes():
    events = document_record(run(
        "На таджикско-афганской границе ликвидированы три наркокурьера\n\nДУШАНБЕ, 6 декабря — «Азия-Плюс». "
        "Пограничники ГКНБ Таджикистана в ночь на 5 декабря предотвратили попытку переправить крупную партию "
        "наркотиков через реку Пяндж в Шамсиддиншохинском районе, сообщили в пресс-центре ведомства.\n\nПо данным "
        "пограничной службы, нарушители оказали вооруженное сопротивление. В ходе перестрелки трое наркокурьеров "
        "были уничтожены.", published="2026-12-06"))["events"]
    assert [(e["date"], e["location"], e["admin1"], e["fatalities"]) for e in events] == [
        ("2026-12-05", "Shamsiddin Shohin", "Khatlon", 3)]


def test_a_peaceful_strike_a_same_day_deal_after_a_year_and_an_offer_of_talks():
    events = document_record(run(
        "ALMATY, Dec 2 (Reuters) - About 600 workers in Zhanaozen went on strike on Monday demanding a 50% pay rise.\n\n"
        "In 2011, police opened fire on striking oil workers in the same town, killing at least 14 people.\n\n"
        "Police said the protest was peaceful and no one had been detained. The company said it was ready for talks.\n\n"
        "On the same day in Astana, President Kassym-Jomart Tokayev and President Emmanuel Macron signed an agreement "
        "on uranium supplies to France.", published="2026-12-02"))["events"]
    assert [(e["sub_event_type"] or e["plover"], e["date"]) for e in events] == [
        ("Peaceful protest", "2026-11-30"), ("Attack", "2011-01-01"), ("Agreement", "2026-11-30")]


def test_false_reports_about_clashes_and_shelling_told_in_an_after_clause():
    assert not document_record(run(
        'The channel "Asia Truth" has previously spread false reports about clashes on the Kyrgyz-Tajik border.',
        published="2026-12-05"))["events"]
    (shelling, request) = document_record(run(
        "In September 2022, after Azerbaijani shelling killed 50 Armenian soldiers, Yerevan asked for help.",
        published="2026-12-05"))["events"]
    assert (shelling["sub_event_type"], shelling["actor1_acled"], shelling["fatalities"], shelling["location"]) == (
        "Shelling/artillery/missile attack", "Military Forces of Azerbaijan", 50, None)
    assert request["plover"] == "REQUEST"


def test_a_deadly_security_operation_a_battle_joined_and_a_protest_at_the_capital_s_parliament():
    events = document_record(run(
        "The security operation in Khorog and Rushan in May 2022 killed at least 25 people, according to local "
        "activists. \"The government must release everyone held solely for peaceful protest,\" a researcher said.",
        published="2026-12-06"))["events"]
    assert [(e["event_type"], e["date"], e["location"], e["actor1_acled"], e["fatalities"]) for e in events] == [
        ("Violence against civilians", "2022-05-01", "Khorugh", "Police Forces of Tajikistan", 25)]
    (fight,) = document_record(run(
        "Сегодня утром в районе Ишкашима пограничники вступили в бой с группой боевиков, перешедших границу со "
        "стороны Афганистана.", published="2026-12-06"))["events"]
    assert (fight["event_type"], fight["location"]) == ("Battles", "Ishkoshim")
    (protest,) = document_record(run(
        "БИШКЕК, 5 декабря — Kaktus.media. Накануне у здания парламента прошла акция протеста: около 40 человек вышли "
        "с плакатами. Милиция задержала восьмерых участников.", published="2026-12-05"))["events"]
    assert (protest["sub_event_type"], protest["location"], protest["date"]) == (
        "Protest with intervention", "Bishkek", "2026-12-04")


def test_the_organisers_arrest_is_no_intervention_and_villagers_who_clash_with_police_riot():
    events = document_record(run(
        "АЛМАТЫ, 3 декабря — КазТАГ. Полиция Мангистауской области задержала трех жителей Жанаозена, которых "
        "подозревают в организации несанкционированного митинга против повышения цен на газ.\n\nМитинг прошел 1 декабря "
        "на центральной площади города, в нем участвовали около 200 человек.", published="2026-12-03"))["events"]
    assert sorted((e["sub_event_type"], e["date"]) for e in events) == [
        ("Arrests", "2026-12-03"), ("Peaceful protest", "2026-12-01")]
    (clash,) = document_record(run(
        "Kyrgyz police clash with villagers over gold mine\n\nEleven people, including four police officers, were "
        "injured in the clashes near the village of Solton-Sary in Naryn region, the health ministry said.",
        published="2026-12-02"))["events"]
    assert (clash["event_type"], clash["actor1_acled"], clash["actor2_acled"], clash["injuries"]) == (
        "Riots", "Rioters (Kyrgyzstan)", "Police Forces of Kyrgyzstan", 11)


def test_the_deal_signed_in_a_city_places_the_agreement_told_before():
    (deal,) = document_record(run(
        "TASHKENT, Dec 4 (Reuters) - Uzbekistan and Tajikistan on Friday signed an agreement on the joint management of "
        "the Farhad reservoir, the Uzbek foreign ministry said.\n\nUnder the deal, signed in Tashkent by foreign ministers "
        "Bakhtiyor Saidov and Sirojiddin Muhriddin, the two countries will share water from the reservoir equally.",
        published="2026-12-04"))["events"]
    assert (deal["sub_event_type"], deal["location"], deal["date"]) == ("Agreement", "Tashkent", "2026-12-04")


def test_a_day_after_a_shootout_that_left_a_guard_dead_and_a_deal_agreed_by_phone():
    events = document_record(run(
        "DUSHANBE, Dec 5 (Reuters) - Tajik President Emomali Rahmon and Kyrgyz President Sadyr Japarov spoke by phone on "
        "Thursday and agreed to withdraw additional troops from the border, a day after a shootout near the Tajik enclave "
        "of Vorukh left one Kyrgyz border guard dead, their offices said.", published="2026-12-05"))["events"]
    shootout = next(e for e in events if e["event_type"] == "Battles")
    deal = next(e for e in events if e["sub_event_type"] == "Agreement")
    assert (shootout["date"], shootout["location"], shootout["fatalities"]) == ("2026-12-02", "Vorukh", 1)
    assert (deal["date"], deal["actor1"]) == ("2026-12-03", "Emomali Rahmon") and deal["location"] != "Vorukh"


def test_who_fired_first_and_two_speakers_denials_stay_two():
    (fired,) = document_record(run("Kyrgyzstan's border service said Tajik troops fired first on Wednesday evening.",
                                   published="2026-12-05"))["events"]
    assert (fired["event_type"], fired["date"], fired["country"]) == ("Battles", "2026-12-02", None)
    doc = faultlines.analyze(
        "Taliban spokesman Zabihullah Mujahid denied that Afghan forces had started the shooting. Tajikistan's border "
        "service rejected that account as \"a lie\" and said no civilians had been harmed.", published="2026-12-06",
        analyzers=("language", "segment", "nlp", "claims", "events"))
    denials = [e for e in document_record(doc)["events"] if e["plover"] == "REJECT"]
    assert len(denials) == 2


def test_a_rally_at_a_consulate_and_its_dispersal_an_hour_later_are_one_protest():
    (rally,) = document_record(run(
        "Полиция Алматы разогнала акцию у посольства Китая\n\nАЛМАТЫ, 6 декабря — Azattyq. Около 50 человек в субботу "
        "собрались у генерального консульства КНР в Алматы с требованием освободить их близких.\n\nЧерез час полиция "
        "разогнала акцию, задержав 12 человек, в том числе двух журналистов.", published="2026-12-06"))["events"]
    assert (rally["sub_event_type"], rally["date"], rally["location"]) == (
        "Protest with intervention", "2026-12-05", "Almaty")


def test_a_woman_and_her_son_a_man_stabbed_to_death_and_militants_destroyed_in_a_province():
    (strike,) = document_record(run("An Afghan drone struck a house in the Darvoz district of Gorno-Badakhshan overnight, "
                                    "killing a woman and her son, Tajik officials said on Wednesday.",
                                    published="2026-05-20"))["events"]
    assert strike["fatalities"] == 2
    stabbing = document_record(run("A Chinese engineer was stabbed to death at a construction site near Khujand on "
                                   "Sunday.", published="2026-09-15"))["events"]
    assert [(e["sub_event_type"], e["fatalities"]) for e in stabbing] == [("Attack", 1)]
    (fight,) = document_record(run("Талибы заявили, что в понедельник их силы уничтожили в провинции Бадахшан пятерых "
                                   "боевиков ИГИЛ.", published="2026-08-26"))["events"]
    assert (fight["event_type"], fight["fatalities"]) == ("Battles", 5)


def test_a_bomb_that_killed_is_an_explosion_and_a_bomb_threat_is_none():
    (blast,) = document_record(run("A bomb killed two people at a market in Kunduz on Tuesday.",
                                   published="2026-12-07"))["events"]
    assert (blast["sub_event_type"], blast["admin1"], blast["fatalities"]) == ("Remote explosive/landmine/IED", "Kunduz", 2)
    assert not document_record(run("A bomb threat forced the evacuation of Dushanbe airport on Tuesday.",
                                   published="2026-12-07"))["events"]


def test_a_village_named_like_a_cue_a_note_of_protest_and_whom_an_official_told_are_no_events_places_or_parties():
    assert not document_record(run("Жителей сел Тоцкое-2 и Погромное эвакуировали в субботу.",
                                   published="2026-12-06"))["events"]
    assert not document_record(run("The Tajik Foreign Ministry summoned the Afghan charge d'affaires on Friday and "
                                   "handed him a note of protest.", published="2026-12-05"))["events"]
    (storming,) = document_record(run("Deputy Interior Minister Igor Lepekha told reporters in Astana on Thursday that "
                                      "special forces had stormed the colony.", published="2026-12-05"))["events"]
    assert storming["location"] is None
    (arrest,) = document_record(run("Министр в пятницу заявил журналистам, что похитители задержаны.",
                                    published="2026-12-05"))["events"]
    assert arrest["actor2"] is None


def test_a_toll_that_rose_wounded_who_died_and_a_coordinated_one_are_counted_right():
    (bus,) = document_record(run("The death toll from Saturday's attack on a bus in Badakhshan province rose to 14 on "
                                 "Monday after three wounded passengers died in hospital.", published="2026-12-07"))["events"]
    assert (bus["fatalities"], bus["injuries"]) == (14, None)
    (bombing,) = document_record(run("A suicide bomber attacked a checkpoint near Shirkhan Bandar on Saturday. Four "
                                     "Taliban guards and a Chinese engineer were killed.", published="2026-12-01"))["events"]
    assert bombing["fatalities"] == 5
    (post,) = document_record(run("The committee said in a statement on Friday that Taliban fighters fired on a Tajik "
                                  "border post on December 3, killing Sergeant Rustam Saidov.",
                                  published="2026-12-05"))["events"]
    assert (post["date"], post["fatalities"]) == ("2026-12-03", 1)


def test_a_claim_of_responsibility_and_a_release_are_no_new_attack_or_abduction():
    assert not document_record(run("Ответственность за взрыв на следующий день взяла на себя группировка «Вилаят "
                                   "Хорасан».", published="2026-12-03"))["events"]
    (claimed,) = document_record(run("Islamic State claimed responsibility for a bombing at a mosque in Kunduz that "
                                     "killed 20 people on Friday.", published="2026-12-03"))["events"]
    assert claimed["fatalities"] == 20
    (release,) = document_record(run("В субботу сотрудники правоохранительных органов освободили похищенного "
                                     "предпринимателя в селе Кара-Суу.", published="2026-12-03"))["events"]
    assert release["event_type"] is None and release["actor1"] is None
    for told in ("Адвокат заявил, что его подзащитный «не имеет никакого отношения к похищению».",
                 "The cell behind the bombing in Kara-Suu has not been destroyed, he said.",
                 "Иманкулов заявил, что организаторы нападения находятся на территории Афганистана."):
        assert not document_record(run(told, published="2026-12-03"))["events"], told
    (shootout,) = document_record(run("The shootout comes as Ashgabat pushes ahead with the TAPI gas pipeline.",
                                      published="2026-12-03"))["events"]
    assert shootout["location"] is None


def test_a_blow_in_a_figure_of_speech_is_none_and_drone_debris_that_hurt_is_a_strike():
    for figure in ("Для семей мигрантов это серьёзный удар.", "Один из делегатов получил солнечный удар.",
                   "Падение переводов нанесло удар по экономике Таджикистана."):
        assert not document_record(run(figure, published="2026-12-03"))["events"], figure
    (debris,) = document_record(run("Two people were injured in the Belgorod region on Sunday when debris from a "
                                    "Ukrainian drone shot down by air defences fell on a house.",
                                    published="2026-12-06"))["events"]
    assert (debris["sub_event_type"], debris["injuries"]) == ("Air/drone strike", 2)


def test_what_is_common_is_no_event():
    for common in ("Such clashes are common along the 970-kilometer border, which was fully demarcated only under a "
                   "border treaty signed in 2025.", "Подобные столкновения на границе нередки."):
        assert not document_record(run(common, published="2026-11-27"))["events"], common
    (clash,) = document_record(run("Two guards were killed in a clash on Friday; such incidents are rare, officials "
                                   "said.", published="2026-11-27"))["events"]
    assert clash["fatalities"] == 2


def test_a_hostage_taking_a_landmine_blast_and_an_age_that_is_no_count():
    (hostages, *_) = document_record(run("In Aktau, a man armed with a hunting rifle took three employees of a "
                                         "microcredit office hostage on Friday, December 4.", published="2026-12-05"))["events"]
    assert (hostages["sub_event_type"], hostages["admin1"], hostages["date"]) == (
        "Abduction/forced disappearance", "Mangystau", "2026-12-04")
    (mine,) = document_record(run("В Сурхандарьинской области Узбекистана в результате подрыва на противопехотной мине "
                                  "погиб 47-летний чабан.", published="2026-12-03"))["events"]
    assert (mine["sub_event_type"], mine["country"], mine["fatalities"]) == (
        "Remote explosive/landmine/IED", "Uzbekistan", 1)
    # a toll since then is a total over years, no one incident
    assert not document_record(run("С тех пор, по подсчетам правозащитников, на минах на узбекско-таджикской границе "
                                   "погибли не менее 80 человек.", published="2026-12-03"))["events"]


def test_where_a_group_is_banned_stun_grenades_and_a_summons_to_protest():
    (operation,) = document_record(run("Движение «Талибан» заявило, что ликвидировало 14 боевиков группировки «Исламское "
                                       "государство – Хорасан» (ИГ-Х, запрещена в России) в ходе операции в афганской "
                                       "провинции Тахар.", published="2026-12-05"))["events"]
    assert (operation["country"], operation["admin1"], operation["fatalities"]) == ("Afghanistan", "Takhar", 14)
    assert not [e for e in document_record(run("В четверг полицейские применили светошумовые гранаты и слезоточивый "
                                               "газ.", published="2026-12-05"))["events"] if e["sub_event_type"] == "Grenade"]
    assert not document_record(run("On Tuesday Astana summoned the Russian charge d'affaires to the Foreign Ministry to "
                                   "protest against the remarks.", published="2026-12-05"))["events"]


def test_another_source_s_whole_toll_is_no_more_dead_a_later_death_is():
    text = ("A roadside bomb killed three police officers in Rasht on Thursday, the Interior Ministry said. A district "
            "official said five police officers had died, including two who succumbed to their injuries overnight.")
    (bomb,) = document_record(run(text, published="2026-12-05"))["events"]
    assert bomb["fatalities"] == 3
    (later,) = document_record(run("A roadside bomb killed three police officers in Rasht on Thursday, the Interior "
                                   "Ministry said. A fourth officer died of his wounds on Friday.",
                                   published="2026-12-05"))["events"]
    assert later["fatalities"] == 4


def test_when_the_detention_took_place_dates_the_arrest_told_before():
    (arrest,) = document_record(run("Kyrgyz border guards detained three smugglers with a drone near Kara-Dobo, the Border "
                                    "Service said on Wednesday. The detention took place in the early hours of Monday.",
                                    published="2026-12-02"))["events"]
    assert arrest["date"] == "2026-11-30"


def test_what_a_government_prefers_to_do_is_no_event():
    assert not document_record(run("Ташкент предпочитает молчать и вести переговоры.", published="2026-12-05"))["events"]
    assert not document_record(run("Tashkent prefers to keep quiet and negotiate.", published="2026-12-05"))["events"]


def test_a_guard_wounded_in_russian_and_an_outlet_told_is_no_party():
    (attack,) = document_record(run("В ночь на 2 декабря у Пянджа напали на колонну, погиб водитель из Китая, ранен "
                                    "таджикский охранник.", published="2026-12-06"))["events"]
    assert (attack["fatalities"], attack["injuries"]) == (1, 1)
    (talks,) = document_record(run("The next day a deputy head of the State Committee for National Security confirmed "
                                   "the talks to the Russian news agency TASS.", published="2026-12-06"))["events"]
    assert talks["actor2"] is None


def test_an_exchange_of_fire_an_outlet_named_after_a_country_and_a_place_in_the_reason_for_an_arrest():
    (clash,) = document_record(run(
        "Ранее издание Afghanistan International со ссылкой на местных жителей сообщило, что в ночь на 2 декабря "
        "туркменские пограничники и талибы обменялись огнем, погибли по меньшей мере трое талибов.",
        published="2026-12-04"))["events"]
    assert (clash["event_type"], clash["date"], clash["fatalities"], clash["country"]) == (
        "Battles", "2026-12-02", 3, None)
    (arrest,) = document_record(run(
        "Rakhmonov, 34, was arrested in July after he criticised the government's handling of floods in the Surkhandarya "
        "region.", published="2026-12-01"))["events"]
    assert (arrest["sub_event_type"], arrest["admin1"]) == ("Arrests", None)


def test_the_state_whose_office_speaks_arrests_at_home_whatever_the_dateline():
    events = document_record(faultlines.analyze(
        "KABUL, Dec 3 (AFP) - Taliban spokesman Zabihullah Mujahid rejected the findings.\n\nTajikistan's State Committee "
        "for National Security said last month that it had detained 15 people suspected of links to Ansarullah.",
        published="2026-12-03", analyzers=("language", "segment", "nlp", "claims", "events")))["events"]
    (arrest,) = [e for e in events if e["sub_event_type"] == "Arrests"]
    assert (arrest["country"], arrest["actor1_acled"]) == ("Tajikistan", "Police Forces of Tajikistan")


def test_a_foiled_plot_is_no_attack_but_its_arrests_are_events():
    (arrest,) = document_record(run(
        "Tajikistan says it foiled plot to attack Chinese embassy\n\nDUSHANBE, Dec 6 (Reuters) - Tajik security services "
        "have arrested four men who were planning to attack the Chinese embassy in Dushanbe with explosives, the State "
        "Committee for National Security said on Saturday.", published="2026-12-06"))["events"]
    assert arrest["sub_event_type"] == "Arrests"
    (held,) = document_record(run("Спецслужбы предотвратили теракт в Душанбе, задержаны трое.",
                                  published="2026-12-06"))["events"]
    assert held["sub_event_type"] == "Arrests"
    (attack,) = document_record(run("Police failed to prevent an attack on a school in Osh on Monday that killed two "
                                    "teachers.", published="2026-12-06"))["events"]
    assert (attack["event_type"], attack["fatalities"]) == ("Violence against civilians", 2)


def test_when_the_incident_told_before_began_dates_it():
    (brawl,) = document_record(run(
        "В Шымкенте задержаны участники драки между казахстанскими и узбекскими рабочими\n\nШЫМКЕНТ, 6 декабря — КазТАГ. "
        "Полиция задержала 14 человек после массовой драки на строительной площадке в Шымкенте, в которой пострадали "
        "девять человек.\n\nПо его словам, конфликт между рабочими из Казахстана и Узбекистана начался из-за задержки "
        "зарплаты вечером в пятницу.", published="2026-12-06"))["events"]
    assert (brawl["sub_event_type"], brawl["date"], brawl["injuries"]) == ("Mob violence", "2026-12-04", 9)
    (fight,) = document_record(run(
        "SHYMKENT, Dec 6 (Reuters) - Eleven people were injured in a brawl at a construction site in Shymkent. The fight "
        "broke out on Friday evening over unpaid wages.", published="2026-12-06"))["events"]
    assert fight["date"] == "2026-12-04"


def _violent(doc):
    return [e.attrs for e in doc.layer("event") if e.attrs["event_type"] in VIOLENT]


def test_a_russian_toll_update_replaces_the_count_told_before():
    text = ("Число погибших при нападении на заставу в Шамсиддин Шохине выросло до пяти\n\n"
            "Число погибших в результате нападения на пограничную заставу «Айвадж» в Шамсиддиншохинском районе "
            "Хатлонской области выросло до пяти. Об этом «Азия-Плюс» сообщил источник в Пограничных войсках ГКНБ.\n\n"
            "По словам собеседника агентства, двое раненых пограничников скончались во вторник. Ранее погранвойска "
            "сообщали о трех погибших.\n\n"
            "Напомним, нападение на заставу произошло в ночь на понедельник, 30 ноября. Группа вооруженных людей "
            "переправилась через Пяндж со стороны афганской провинции Бадахшан и обстреляла заставу из автоматического "
            "оружия и гранатомета.\n\n"
            "Официальный представитель ГКНБ потребовал от властей в Кабуле «принять меры».\n\n"
            "Представитель МИД талибов Абдул Кахор Балхи накануне отверг эти обвинения.\n")
    events = [e.attrs for e in run(text, published="2026-12-01").layer("event")]
    (attack,) = [e for e in events if e["event_type"] in VIOLENT]
    # a grenade launcher's fire in an exchange is the clash (ACLED's Grenade is a thrown grenade); whence the men came
    # is no second place
    assert (attack["sub_event_type"], attack["date"], attack["admin1"], attack["fatalities"]) == (
        "Armed clash", "2026-11-30", "Khatlon", 5)
    # "накануне" two paragraphs after the last date: the day before the report's
    assert next(e["date"] for e in events if e["plover"] == "REJECT") == "2026-11-30"


def test_the_next_paragraph_tells_what_the_shooting_led_to():
    text = ("На границе в Баткене погиб пограничник\n\n"
            "Сегодня, 2 декабря, у села Ак-Сай Баткенского района военнослужащие Таджикистана открыли огонь по "
            "кыргызским пограничникам.\n\n"
            "В результате один кыргызский пограничник погиб, еще четверо получили ранения.\n")
    (clash,) = _violent(run(text, published="2026-12-02"))
    assert (clash["fatalities"], clash["injuries"]) == (1, 4)


def test_a_bombing_its_toll_update_and_the_arrest_for_it():
    text = ("Taliban detain three suspects after deadly Mazar-i-Sharif market bombing\n\n"
            "Taliban security forces have detained three men suspected of involvement in Friday's bombing at a market "
            "in northern Afghanistan, which killed 11 people, a Taliban spokesman said Sunday.\n\n"
            "The suspects were arrested on Saturday in a raid on a house in Dehdadi district of Balkh province, said "
            "Zabihullah Mujahid.\n\n"
            "The death toll from the blast at the Mandawi market rose to 11 on Sunday after two more of the wounded died, "
            "according to Zia Zindani, a spokesman for the Balkh public health department.\n\n"
            "Islamabad has in the past denied similar accusations.\n\n"
            "Friday's attack was the deadliest in northern Afghanistan since a suicide bomber killed five people at a "
            "mosque in the Kunduz province in March, according to an AP tally.\n")
    events = [e.attrs for e in run(text, published="2026-12-06").layer("event")]
    assert sorted((e["sub_event_type"], e["date"], e["admin1"], e["fatalities"]) for e in events) == [
        ("Arrests", "2026-12-05", "Balkh", 0),
        ("Remote explosive/landmine/IED", "2026-12-04", "Balkh", 11),
        ("Suicide bomb", "2026-03-01", "Kunduz", 5)]


def test_a_market_blast_that_the_un_condemns_as_an_attack_stays_an_explosion():
    text = ("Blast tears through market in Afghanistan's Mazar-i-Sharif, killing six\n\n"
            "An explosion ripped through a crowded market in the northern Afghan city of Mazar-i-Sharif on Friday, "
            "killing at least six people and wounding 21, police said.\n\n"
            "\"An explosive device placed in a handcart went off at around 11:40 am,\" said Mohammad Asif Waziri, "
            "spokesman for the Taliban police in Balkh.\n\n"
            "The Taliban say they have largely defeated IS-K, but the group continues to stage attacks against Shiite "
            "Muslims.\n\n"
            "The United Nations Assistance Mission in Afghanistan condemned the attack.\n")
    # (the claims stage names the speaker whose office sits in Balkh)
    doc = faultlines.analyze(text, published="2026-12-04", analyzers=("language", "segment", "nlp", "claims", "events"))
    events = [e.attrs for e in doc.layer("event")]
    assert [(e["sub_event_type"], e["location"], e["fatalities"], e["injuries"]) for e in events] == [
        ("Remote explosive/landmine/IED", "Mazar-e Sharif", 6, 21)]


def test_an_attacker_killed_in_the_exchange_by_officials_elsewhere_adds_to_the_dead():
    text = ("Gunmen kill three Tajik border guards in Khatlon ambush\n\n"
            "Armed men who crossed the Panj river from Afghanistan attacked a Tajik border post in the southern Khatlon "
            "province early on Monday, killing three border guards and wounding two others, the border service said.\n\n"
            "Two officials in Dushanbe said the group numbered about a dozen fighters and that one of the attackers was "
            "killed in the exchange.\n")
    (attack,) = _violent(run(text, published="2026-11-30"))
    assert (attack["admin1"], attack["fatalities"], attack["injuries"]) == ("Khatlon", 4, 2)


def test_the_first_count_given_at_the_time_yields_to_the_risen_toll():
    text = ("Death toll in Badakhshan bus attack rises to 14\n\n"
            "The death toll from an attack on a passenger bus in Afghanistan's Badakhshan province rose to 14 on Monday "
            "after three wounded passengers died in hospital, a Taliban official said.\n\n"
            "Gunmen opened fire on the bus and then detonated an explosive device on Saturday afternoon near Faizabad, "
            "police said. Eleven people were killed at the scene, he said at the time, and 19 were wounded.\n")
    (attack,) = _violent(run(text, published="2026-12-07"))
    assert (attack["date"], attack["fatalities"], attack["injuries"]) == ("2026-12-05", 14, 19)


def test_the_day_suspects_were_held_is_not_the_day_of_the_attack_they_are_suspected_of():
    text = ("Взрыв в Оше\n\n"
            "В ночь на понедельник у здания отдела милиции в Кара-Суйском районе Ошской области сработало самодельное "
            "взрывное устройство. Погибли двое сотрудников милиции.\n\n"
            "Глава ГКНБ заявил журналистам, что спецслужбы ожидают новых попыток терактов.\n\n"
            "По его словам, накануне в селе Нариман были задержаны трое подозреваемых в причастности к теракту.\n")
    events = [e.attrs for e in run(text, published="2026-12-03").layer("event")]
    assert sorted((e["sub_event_type"], e["date"]) for e in events if e["event_type"]) == [
        ("Arrests", "2026-12-02"), ("Remote explosive/landmine/IED", "2026-11-30")]


def test_the_dead_among_whom_two_teenagers_and_similar_clashes_before_are_no_counts_or_events():
    text = ("В Бадахшане не менее 12 человек погибли в столкновениях\n\n"
            "Не менее 12 человек погибли и около 30 получили ранения в результате столкновений между силами безопасности "
            "талибов и местными жителями в уезде Аргу афганской провинции Бадахшан, сообщает Afghanistan International.\n\n"
            "По данным издания, столкновения начались накануне утром. Среди погибших - двое подростков, утверждает "
            "издание.\n\n"
            "\"Наши сотрудники подверглись нападению вооруженной группы, в результате погибли трое моджахедов\", - заявил "
            "пресс-секретарь МВД талибов Абдул Матин Кани.\n\n"
            "Подобные столкновения в Бадахшане происходили и ранее: летом 2024 и 2025 годов в уездах Аргу и Дараим в ходе "
            "протестов погибли по меньшей мере семь человек.\n")
    doc = faultlines.analyze(text, published="2026-12-06", analyzers=("language", "segment", "nlp", "claims", "events"))
    # (the Taliban's own words tell the same clash their way: no second event)
    assert [(e["sub_event_type"], e["date"], e["fatalities"]) for e in _violent(doc)] == [("Armed clash", "2026-12-05", 12)]


def test_the_dead_of_an_unrest_told_after_since_are_not_the_rally_s():
    text = ("Uzbek police detain dozens after rare protest in Nukus\n\n"
            "Police in Nukus detained at least 27 people on Saturday after several hundred residents gathered outside the "
            "regional parliament building to protest against gas and electricity cuts.\n\n"
            "Saturday's rally was the largest in the region since July 2022, when proposed constitutional amendments "
            "sparked unrest in which 21 people were killed, according to official figures.\n")
    (protest,) = [e.attrs for e in run(text, published="2026-12-06").layer("event") if e.attrs["event_type"] == "Protests"]
    assert (protest["date"], protest["fatalities"]) == ("2026-12-05", 0)


def test_an_analysis_that_recalls_history_keeps_each_year_its_own_place_and_kind():
    text = ("Граница проведена, вода не поделена\n\n"
            "Стрельба у села Чоркух в ночь на субботу, унесшая жизни двух таджикских пограничников, стала первым "
            "инцидентом со смертельным исходом на таджикско-киргизской границе.\n\n"
            "История региона дает для тревоги немало оснований. В июне 2010 года в Оше столкновения между киргизами и "
            "узбеками унесли жизни более 400 человек. А в сентябре 2022 года полномасштабные боевые действия на границе "
            "с применением беспилотников унесли жизни более 100 человек с обеих сторон.\n")
    events = sorted((e["date"], e["sub_event_type"], e["admin1"], e["fatalities"])
                    for e in _violent(run(text, published="2026-12-07")))
    assert events == [("2010-06-01", "Armed clash", "Osh", 400), ("2022-09-01", "Armed clash", None, 100),
                      ("2026-12-05", "Armed clash", events[2][2], 2)]


def test_the_fsb_s_arrest_the_man_killed_resisting_it_and_a_seized_bomb():
    text = ("ФСБ задержала в Подмосковье троих подозреваемых в подготовке теракта\n\n"
            "МОСКВА, 3 декабря — РИА Новости. Сотрудники ФСБ во вторник задержали в Балашихе троих уроженцев Центральной "
            "Азии, подозреваемых в подготовке теракта, сообщили в ЦОС ведомства.\n\n"
            "При задержании еще один участник группы оказал вооруженное сопротивление и был нейтрализован ответным огнем. "
            "В съемной квартире в Балашихе изъяты самодельное взрывное устройство и два пистолета.\n\n"
            "В минувшие выходные сотрудники ФСБ провели обыски в Екатеринбурге, задержав еще пятерых человек.\n\n"
            "Теракт в \"Крокус Сити Холле\" в подмосковном Красногорске 22 марта 2024 года унес жизни 145 человек.\n")
    events = sorted((e["date"], e["sub_event_type"], e["location"], e["fatalities"])
                    for e in [a.attrs for a in run(text, published="2026-12-03").layer("event")])
    assert events == [("2024-03-22", "Attack", "Krasnogorsk", 145), ("2026-11-28", "Arrests", "Yekaterinburg", 0),
                      ("2026-12-01", "Armed clash", "Balashikha", 1), ("2026-12-01", "Arrests", "Balashikha", 0)]


def test_a_denial_on_the_eve_comes_after_the_attack_it_denies():
    text = ("Захарова прокомментировала инцидент на границе\n\n"
            "По данным ГКНБ Таджикистана, 27 ноября в Шамсиддиншохинском районе Хатлонской области неизвестные обстреляли "
            "лагерь китайской компании. Двое граждан КНР погибли.\n\n"
            "Представитель талибов Забихулла Муджахид накануне отверг причастность афганской стороны к нападению.\n")
    events = {e["plover"]: e["date"] for e in [a.attrs for a in run(text, published="2026-12-02").layer("event")]}
    assert events == {"ASSAULT": "2026-11-27", "REJECT": "2026-12-01"}


def test_who_fired_first_by_the_other_side_s_account_is_the_same_clash():
    text = ("Два таджикских пограничника погибли в перестрелке на границе с Киргизией\n\n"
            "Два таджикских пограничника погибли в результате перестрелки на участке таджикско-киргизской границы в "
            "Исфаринском районе Согдийской области в ночь на субботу.\n\n"
            "Пограничная служба ГКНБ Киргизии эти обвинения отвергла. По данным ведомства, огонь первой открыла "
            "таджикская сторона, а киргизские пограничники у села Кок-Таш Баткенского района действовали строго в "
            "рамках устава.\n\n"
            "Главы пограничных ведомств двух стран договорились об отводе дополнительных сил от линии границы.\n")
    events = [a.attrs for a in run(text, published="2026-12-05").layer("event")]
    assert [(e["sub_event_type"], e["admin1"]) for e in events if e["event_type"] in VIOLENT] == [("Armed clash", "Sughd")]
    assert "RETREAT" not in {e["plover"] for e in events}  # agreed, not done


def test_a_russian_missile_strike_is_a_missile_attack_and_gunmen_storming_a_hall_an_attack():
    missile = run("A Russian missile strike on an energy facility in Ukraine's Odesa region killed one person on "
                  "Friday.", published="2026-12-06")
    assert [e.attrs["sub_event_type"] for e in missile.layer("event")] == ["Shelling/artillery/missile attack"]
    crocus = run("On March 22, 2024, four gunmen from Tajikistan stormed the Crocus City Hall concert venue outside "
                 "Moscow, killing 145 people. In the months that followed, Russian police detained thousands of Central "
                 "Asian migrants in raids.", published="2026-12-07")
    assert [(e.attrs["plover"], e.attrs["sub_event_type"], e.attrs["fatalities"]) for e in crocus.layer("event")] == [
        ("ASSAULT", "Attack", 145)]


def test_where_the_officials_who_tell_it_sit_is_not_where_the_border_clash_was():
    text = ("Tajik and Taliban border guards trade fire on Panj River\n\n"
            "DUSHANBE — Tajik and Afghan border guards exchanged fire across the Panj River on Thursday night, leaving dead "
            "and wounded on both sides, officials in Dushanbe and Kabul said.\n\n"
            "Tajikistan's State Committee for National Security said in a statement on Friday that Taliban fighters fired "
            "on a Tajik border post near the village of Panji Poyon in the Qumsangir district of Khatlon province on "
            "December 3. One Tajik border guard was killed, the statement said.\n")
    events = _violent(run(text, published="2026-12-05"))
    assert [(e["date"], e["location"]) for e in events][0] == ("2026-12-03", "Panji Poyon")
    assert all(e["location"] != "Dushanbe" for e in events)


def test_a_killing_in_the_same_town_years_before_is_in_that_town():
    text = ("Kazakh oil workers strike in Zhanaozen\n\n"
            "About 600 workers at an oilfield services company in Zhanaozen, in Kazakhstan's western Mangistau region, "
            "went on strike on Monday, local media reported.\n\n"
            "In 2011, police opened fire on striking oil workers in the same town, killing at least 14 people.\n")
    (shooting,) = _violent(run(text, published="2026-12-02"))
    assert (shooting["date"], shooting["location"], shooting["fatalities"]) == ("2011-01-01", "Zhanaozen", 14)


def test_smugglers_the_guards_killed_add_to_the_dead_of_the_clash():
    text = ("Two Tajik border guards killed in clash with smugglers\n\n"
            "DUSHANBE, Dec 4 (Reuters) - Two Tajik border guards were killed and three were wounded on Thursday night in a "
            "gunfight with armed drug smugglers who tried to cross the Panj river into Tajikistan's Shamsiddin Shohin "
            "district, the State Committee for National Security said on Friday.\n\n"
            "When a patrol ordered them to stop, the smugglers opened fire. Four of the smugglers were killed and the rest "
            "fled back across the river, the statement said.\n")
    (clash,) = _violent(run(text, published="2026-12-05"))
    assert (clash["date"], clash["fatalities"], clash["injuries"]) == ("2026-12-03", 6, 3)


def test_troops_who_fought_and_a_campaign_of_raids_since_an_attack():
    text = ("Central Asia should stop waiting for Moscow\n\n"
            "When Kyrgyz and Tajik troops fought along the Batken border in September 2022, killing about a hundred "
            "people, the alliance did nothing. No peacekeepers came, not even an emergency summit until weeks later. Two "
            "member states were shooting at each other, and the alliance that Moscow describes as the guarantor of "
            "regional security looked away.\n\n"
            "Migrants from Tajikistan and Uzbekistan have been rounded up in raids since the Crocus City Hall attack.\n")
    events = [e.attrs for e in run(text, published="2026-12-06").layer("event")]
    assert [(e["sub_event_type"], e["date"], e["admin1"], e["fatalities"]) for e in events] == [
        ("Armed clash", "2022-09-01", "Batken", 100)]


def test_a_state_s_forces_arrest_at_home_not_where_the_story_s_clash_was():
    text = ("Two Tajik border guards killed in clash with smugglers\n\n"
            "Two Tajik border guards were killed on Thursday night in a gunfight with armed drug smugglers in Tajikistan's "
            "Shamsiddin Shohin district, the State Committee for National Security said.\n\n"
            "The Taliban administration's spokesman said on Friday that Afghan border forces had detained two men on the "
            "southern bank of the Panj.\n")
    events = {e.attrs["sub_event_type"]: e.attrs for e in run(text, published="2026-12-05").layer("event")}
    assert (events["Armed clash"]["country"], events["Arrests"]["country"]) == ("Tajikistan", "Afghanistan")


def test_a_flash_s_count_and_its_later_toll_update_and_a_pipeline_blast_from_corrosion():
    text = ("Перестрелка на границе у Кок-Таша\n\n"
            "Вечером в пятницу у села Кок-Таш Баткенского района произошла перестрелка между кыргызскими и таджикскими "
            "пограничниками, сообщила пресс-служба Пограничной службы ГКНБ Кыргызстана.\n\n"
            "Погиб один кыргызский пограничник, еще двое ранены.\n\n"
            "UPD 23:15: Пограничные войска Таджикистана обвинили в провокации кыргызских военных.\n\n"
            "UPD 21:40: Число погибших выросло до трех, сообщил аким района.\n")
    (clash,) = _violent(run(text, published="2026-12-05"))
    assert (clash["date"], clash["fatalities"], clash["injuries"]) == ("2026-12-04", 3, 2)
    blast = ("Blast shuts gas pipeline in Uzbekistan's Bukhara region\n\n"
             "TASHKENT, Dec 7 (Reuters) - An explosion tore through a section of the Bukhara-Ural gas pipeline near Gazli "
             "early on Monday, the Emergency Situations Ministry said. No casualties were reported.\n\n"
             "Ministry spokesman Abror Umarov told Reuters that corrosion of a 40-year-old pipe was the most likely cause "
             "and that there were \"no signs of sabotage at this stage\".\n")
    assert _violent(run(blast, published="2026-12-07")) == []


def test_counts_of_incidents_an_outlet_named_after_a_town_and_a_raid_far_from_an_old_attack():
    text = ("Рейды против мигрантов\n\n"
            "22 марта 2024 года вооружённые люди открыли огонь в «Крокус Сити Холле» в Красногорске, погибли 145 человек.\n\n"
            "В ночь на 27 ноября 2026 года полиция провела облаву на овощной базе в Екатеринбурге и задержала 212 "
            "иностранных граждан. По словам очевидцев, на которых ссылается издание «Фергана», нескольких задержанных "
            "избили.\n\n"
            "В 2026 году в России произошло как минимум 17 нападений на мигрантов, в которых погибли четыре человека.\n")
    events = sorted((e["sub_event_type"], e["date"], e["location"]) for e in
                    [a.attrs for a in run(text, published="2026-12-01").layer("event")])
    assert ("Attack", "2026-11-27", "Yekaterinburg") in events  # the beating: not in Fergana, not part of Crocus
    assert not any(e[2] == "Fergana" for e in events) and not any(e[1] == "2026-01-01" for e in events)


def test_who_was_among_the_dead_is_no_count_and_the_attack_told_before_is_not_where_suspects_were_held():
    events = document_record(run(
        "KABUL, Dec 7 (Reuters) - A bomb hidden in a motorcycle exploded at a crowded market in the northern Afghan "
        "province of Takhar on Sunday, killing seven people and wounding at least 19, a police spokesman said.\n\n"
        "The blast hit the main bazaar of Rustaq district at around 10 a.m., the spokesman said. Two children were among "
        "the dead, he said.\n\n"
        "Taliban spokesman Zabihullah Mujahid said the attack was carried out by Islamic State Khorasan, and that "
        "security forces had arrested two suspects in the neighbouring district of Chah Ab on Sunday afternoon.",
        published="2026-12-07"))["events"]
    assert [(e["sub_event_type"], e["location"], e["fatalities"], e["injuries"]) for e in events] == [
        ("Remote explosive/landmine/IED", "Rustaq", 7, 19), ("Arrests", "Chah Ab", 0, None)]


@pytest.mark.parametrize("text, expected", [
    ("The governments of Kyrgyzstan and Tajikistan on Tuesday signed a protocol finalizing the last disputed sections "
     "of their border in the Fergana Valley.\n\nThe document was signed in the Tajik city of Khujand by the heads of "
     "the two countries' security services.", ("2026-12-01", "Tajikistan", "Khujand")),
    ("Россия и Киргизия подписали соглашение о размещении авиабазы. Документ в среду в Бишкеке подписали министры "
     "обороны двух стран.", ("2026-12-02", "Kyrgyzstan", "Bishkek")),
])
def test_a_deal_is_placed_where_it_was_signed_not_in_a_party_s_state_or_a_shared_valley(text, expected):
    (event,) = document_record(run(text, published="2026-12-04"))["events"]
    assert (event["sub_event_type"], event["date"], event["country"], event["location"]) == ("Agreement", *expected)


@pytest.mark.parametrize("text", [
    "About 300 people rallied outside the regional administration in Khorog on Monday to demand the release of "
    "activists. Police dispersed the crowd with tear gas.",
    "Около 300 человек собрались у здания администрации в Хороге в понедельник. Полиция разогнала собравшихся.",
])
def test_a_crowd_dispersed_is_the_protest_told_before_with_intervention(text):
    (event,) = document_record(run(text, published="2026-12-01"))["events"]
    assert (event["sub_event_type"], event["date"], event["admin1"]) == (
        "Protest with intervention", "2026-11-30", "Gorno-Badakhshan")


def test_a_toll_raised_on_a_later_day_is_the_riot_s_and_lower_than_a_rights_group_s():
    (riot,) = [e for e in document_record(run(
        "Violence peaked on Friday, when protesters stormed the ground floor of the Jokargy Kenes building in Nukus and "
        "set vehicles on fire. The interior ministry on Sunday raised the official death toll to four, including a police "
        "officer, and said 87 people were injured.\n\nHuman Rights Watch, citing relatives and two doctors, said at least "
        "nine people had died.", published="2026-11-30"))["events"] if e["event_type"]]
    assert (riot["sub_event_type"], riot["date"], riot["fatalities"], riot["injuries"]) == (
        "Violent demonstration", "2026-11-27", 4, 87)


def test_a_relative_clause_s_deed_keeps_its_own_day_and_place_and_a_participle_s_day_is_not_the_protest_s():
    events = document_record(run(
        "Сотрудники ФСБ в пятницу задержали в Хасавюрте пятерых предполагаемых пособников боевиков, которые в ночь на "
        "1 декабря напали на пост ДПС у села Манаскент.", published="2026-12-05"))["events"]
    assert sorted((e["sub_event_type"], e["date"], e["location"]) for e in events) == [
        ("Armed clash", "2026-12-01", "Манаскент"), ("Arrests", "2026-12-04", "Khasavyurt")]
    (protest,) = document_record(run(
        "Several thousand people rallied in Nukus on Wednesday. Protesters carried placards and chanted the name of "
        "Dauletmurat Tleuov, a blogger detained on November 19.", published="2026-11-26"))["events"]
    assert (protest["sub_event_type"], protest["date"]) == ("Peaceful protest", "2026-11-25")


@pytest.mark.parametrize("text", [
    "По словам очевидцев, опрошенных «Ферганой», полиция применила слезоточивый газ против участников митинга.",
    "«Мы вышли мирно, но нас встретили газом и дубинками», — рассказал участник акции.",
    "Karakalpakstan, on the shores of the shrinking Aral Sea, was shaken in July 2022 by protests in which 21 people "
    "were killed.",
])
def test_an_outlet_in_quotes_a_lake_and_a_crowd_met_with_gas_are_no_place_and_no_talks(text):
    events = document_record(run(text, published="2026-11-28"))["events"]
    assert not [e for e in events if e["plover"] == "CONSULT"]
    assert not [e for e in events if e["country"] == "Kazakhstan" or e["location"] in ("Fergana", "Aral")]


@pytest.mark.parametrize("text", [
    "When Moscow talks about 'compatriots', Kazakhstan should listen carefully.",
    "In Khorog the only foreigners I met in a week were two Chinese engineers working on the bridge.",
])
def test_talking_about_something_and_the_writer_s_own_meetings_are_no_talks(text):
    assert run(text, published="2026-12-04").layer("event") == []


def test_a_deed_a_week_before_the_report_after_a_forecast_is_dated_from_the_publication_and_a_herder_shot_dead_counts():
    events = document_record(run(
        "Officials expect the talks to be finished by April and May 2027.\n\nThe report comes a week after Kyrgyz border "
        "guards shot dead a Tajik herder and wounded two others near the village of Kok-Tash in Kyrgyzstan's Batken "
        "region.", published="2025-10-14"))["events"]
    # (counted from the forecast it had been 2027-04-24, and the herder no one dead; the talks expected are none)
    assert [(e["sub_event_type"], e["date"], e["fatalities"], e["injuries"]) for e in events] == [
        ("Attack", "2025-10-07", 1, 2)]


@pytest.mark.parametrize("text", [
    # a period's statistics and a count of incidents (1,112 had been read as 112 dead and 112 wounded)
    "According to the United Nations Assistance Mission in Afghanistan, 1,112 civilians were killed or injured in the "
    "first nine months of 2026. UNAMA recorded 41 attacks attributed to Islamic State Khorasan in the same period, "
    "compared with 63 in 2025.",
    "В Киеве удар по Ижевску не комментировали.",
    "Police tried to detain the suspects in Osh on Monday.",
])
def test_statistics_a_strike_not_commented_on_and_an_attempted_arrest_are_no_events(text):
    assert document_record(run(text, published="2026-12-07"))["events"] == []


def test_a_figure_with_a_thousands_separator_is_one_figure():
    from faultlines.events.casualties import counts

    assert [(c.field, c.value) for c in counts("The blasts killed 12 people and wounded 1,340.", "en")] == [
        ("fatalities", 12), ("injuries", 1340)]


def test_a_toll_that_has_risen_stands_against_what_officials_initially_reported():
    events = [e for e in document_record(run(
        "KABUL (Reuters) - The death toll from the November 27 suicide bombing at a mosque in Mazar-i-Sharif has risen to "
        "14 after two wounded worshippers died in hospital on Sunday, a health official in Balkh province said.\n\n"
        "The bomber detonated his explosives during Friday prayers. Officials initially reported 12 dead and about 30 "
        "wounded.", published="2026-11-30"))["events"] if e["sub_event_type"] == "Suicide bomb"]
    assert [(e["date"], e["fatalities"], e["injuries"]) for e in events] == [("2026-11-27", 14, 30)]  # (12 had stood)


def test_a_toll_confirmed_later_belongs_to_the_attack_that_had_it_and_a_gang_near_a_district_is_no_employer():
    events = [e for e in document_record(run(
        "In the early hours of Wednesday, a drone launched from the Afghan bank of the Panj dropped two explosive charges "
        "on a camp of Chinese road builders near the village of Panji Poyon in Khatlon province. Two Chinese engineers "
        "were killed and four other workers were wounded.\n\n"
        "This was not the first blood on that stretch of border. On November 24, Tajik border guards fought a gang of "
        "drug couriers near Shamsiddin Shohin district; one Tajik serviceman and three smugglers died in the firefight.\n\n"
        "The Chinese embassy in Dushanbe confirmed to RIA Novosti that two of its citizens had died.",
        published="2026-12-07"))["events"] if e["plover"] == "ASSAULT"]
    assert [(e["date"], e["location"], e["fatalities"]) for e in events] == [
        ("2026-12-02", "Panji Poyon", 2), ("2026-11-24", "Shamsiddin Shohin", 4)]
    assert events[1].get("actor2_employer") is None


def test_return_fire_makes_a_shelling_a_battle_and_the_attackers_dead_count():
    events = document_record(run(
        "В воскресенье, 29 ноября, боевики движения «Талибан» обстреляли из миномётов пограничную заставу в Ишкашимском "
        "районе Горно-Бадахшанской автономной области. Погиб один таджикский пограничник, ещё двое ранены. Таджикские "
        "военные открыли ответный огонь; по данным афганских источников, убиты четверо талибов.",
        published="2026-12-04"))["events"]
    assert [(e["sub_event_type"], e["date"], e["fatalities"], e["injuries"]) for e in events] == [
        ("Armed clash", "2026-11-29", 5, 2)]


def test_the_other_one_wounded_kant_is_a_place_and_a_report_of_the_attack_is_no_second_attack():
    events = document_record(run(
        "В прошлое воскресенье вечером в городе Кант Чуйской области неизвестный напал с ножом на двух российских "
        "военнослужащих. Один из них, 27-летний сержант, скончался в больнице, второй получил ранения средней тяжести.\n\n"
        "Министерство обороны России сообщило о нападении только в понедельник.", published="2026-12-05"))["events"]
    assert [(e["date"], e["location"], e["actor1"], e["fatalities"], e["injuries"]) for e in events] == [
        ("2026-11-29", "Kant", "неизвестный", 1, 1)]


@pytest.mark.parametrize("text, expected", [
    # a raid that is the arrests, a market named after a Moscow district in Yekaterinburg
    ("Police raided the Sadovod market in Moscow on Thursday and detained 148 migrants.",
     [("Arrests", "2026-12-03", "Moscow")]),
    ("В четверг полиция устроила облаву на Таганском рынке в Екатеринбурге и задержала 60 граждан Кыргызстана.",
     [("Arrests", "2026-12-03", "Yekaterinburg")]),
    # land handed over under a border deal; a unit deployed
    ("Kyrgyz officials on Saturday formally handed over a 12-hectare strip of pasture near the village of Ak-Sai in the "
     "Batken region to Tajikistan.", [("Non-violent transfer of territory", "2026-12-05", "Ak-Sai")]),
    ("В субботу Киргизия передала Таджикистану участок пастбища площадью 12 гектаров у села Ак-Сай в Баткенской области.",
     [("Non-violent transfer of territory", "2026-12-05", "Ak-Sai")]),
    ("По данным ведомства, дивизион развернут в пятницу в окрестностях Актау.",
     [("Change to group/activity", "2026-12-04", "Aktau")]),
    # none: an exercise, summits as a habit, a denial that denies nothing, clashes of other years
    ("Министр отметил, что в ходе маневров впервые отрабатывалось совместное применение беспилотников.", []),
    ("So what does Moscow promise Dushanbe at every summit?", []),
    ("На саммитах — объятия, на рынках — дубинки.", []),
    ("Russia's Foreign Ministry neither confirmed nor denied reports of the talks.", []),
    ("В МИД России не подтвердили и не опровергли эти сообщения.", []),
    ("Baisalov wrote on Facebook on Monday that the deal closes the book on decades of disputes that led to deadly "
     "clashes in 2021 and 2022.", []),
])
def test_raids_markets_transfers_deployments_and_what_is_no_event(text, expected):
    events = document_record(run(text, published="2026-12-07"))["events"]
    assert [(e["sub_event_type"] or e["plover"], e["date"], e["location"]) for e in events] == expected


def test_a_base_named_before_the_deed_is_where_the_base_sits_not_where_the_deed_happened():
    protests = document_record(run(
        "Protests over electricity prices were held in Bishkek on Wednesday. Kulubaev said Kyrgyzstan valued the Russian "
        "air base at Kant, but did not comment on the Bishkek protests.", published="2026-12-04"))["events"]
    assert [(e["date"], e["location"]) for e in protests] == [("2026-12-02", "Bishkek")]
    [attack] = document_record(run("Gunmen attacked the Russian air base at Kant on Monday, wounding two soldiers.",
                                   published="2026-12-05"))["events"]
    assert (attack["location"], attack["injuries"]) == ("Kant", 2)


def test_protesters_who_dispersed_peacefully_were_not_dispersed_and_dagestan_reads_as_analysts_write_it():
    [rally] = document_record(run(
        "On Saturday, around 300 residents of Ak-Sai blocked the Batken-Isfana highway for six hours. Police did not "
        "interfere and the protesters dispersed peacefully in the evening.", published="2026-12-06"))["events"]
    assert rally["sub_event_type"] == "Peaceful protest"
    [raid] = document_record(run("Gunmen raided a police post in Dagestan on Thursday, killing two officers.",
                                 published="2026-12-05"))["events"]
    assert (raid["admin1"], raid["fatalities"]) == ("Dagestan", 2)


# twenty-first stop: war reports from Russia's border regions and occupied Ukraine, and court news (helpers' texts, cut)
KAMIANKA = (
    "Балицкий: ВСУ обстреляли Каменку-Днепровскую\n\n8 декабря 2026\n\n"
    "МЕЛИТОПОЛЬ, 8 декабря - РИА Новости. Украинские войска в понедельник обстреляли Каменку-Днепровскую в Запорожской "
    "области, погибли три мирных жителя, еще шесть ранены, сообщил губернатор региона Евгений Балицкий.\n\n"
    "\"Сегодня около 16.00 противник нанес удар из реактивной системы залпового огня по центру Каменки-Днепровской. "
    "По предварительным данным, погибли три человека. Еще шесть человек получили ранения\", - написал Балицкий в своем "
    "Telegram-канале.\n\n"
    "Позднее он сообщил, что одна из раненых скончалась в больнице, таким образом число погибших возросло до четырех.\n\n"
    "Накануне, по данным губернатора, в результате атаки беспилотника на Энергодар был ранен сотрудник Запорожской АЭС.")


def with_claims(text, published=None):
    # the claims stage tells the events stage what is quoted and who speaks
    return faultlines.analyze(text, published=published, analyzers=("language", "segment", "nlp", "claims", "events"))


def test_a_town_the_gazetteer_lacks_a_quoted_today_and_a_toll_that_rose_to_a_new_total():
    events = document_record(with_claims(KAMIANKA))["events"]
    assert [(e["sub_event_type"], e["date"], e["location"], e["admin1"], e["fatalities"], e["injuries"]) for e in events] == [
        # one shelling (the governor's post says "Сегодня", the report "в понедельник"), four dead, not 3 + 4
        ("Shelling/artillery/missile attack", "2026-12-07", "Каменка-Днепровская", "Zaporizka", 4, 6),
        # Enerhodar is another town: its strike was merged into the shelling of the town the gazetteer lacks
        ("Air/drone strike", "2026-12-07", "Enerhodar", "Zaporizka", 0, 1)]


SHEBEKINO = (
    "MOSCOW, Dec 7 (Reuters) - A Ukrainian drone struck a passenger car in the Russian border town of Shebekino "
    "overnight, killing three people, Belgorod region Governor Vyacheslav Gladkov said on Monday.\n\n"
    "Gladkov said on the Telegram messaging app that the drone hit the car on Sovetskaya Street shortly after 2 a.m. Two "
    "people died at the scene and four were taken to hospital. In a later post he said the toll had risen to three.\n\n"
    "In the neighbouring Kursk region, Governor Alexander Khinshtein said a drone had hit an electrical substation in the "
    "Rylsk district on Sunday evening. Nobody was hurt, he said.\n\n"
    "On Saturday, a drone dropped an explosive device on a tractor in the village of Novaya Tavolzhanka, wounding the "
    "driver, Gladkov said at the time.")


def test_the_first_count_of_a_toll_that_rose_a_village_apart_and_a_drone_that_had_hit():
    events = document_record(run(SHEBEKINO, published="2026-12-07"))["events"]
    assert [(e["date"], e["location"], e["fatalities"], e["injuries"]) for e in events] == [
        ("2026-12-07", "Shebekino", 3, 4),  # not dated Saturday by the village's strike, nor a second event on a street
        ("2026-12-06", "Rylsk", 0, None),
        ("2026-12-05", "Novaya Tavolzhanka", 0, 1)]
    assert all(e["actor1_acled"] == "Military Forces of Ukraine" for e in events)


def test_a_drone_strike_is_the_state_whose_drones_the_report_names():
    [strike] = document_record(run(
        "ПВО за ночь уничтожили 27 украинских беспилотников над Курской областью, сообщили в Минобороны. Губернатор "
        "Александр Хинштейн сообщил, что в Льгове беспилотник попал в жилой дом, двое погибших, еще пять человек "
        "получили ранения. Позднее он уточнил, что число раненых возросло до семи.", published="2026-12-06"))["events"]
    assert (strike["sub_event_type"], strike["actor1_acled"], strike["inter1"]) == (
        "Air/drone strike", "Military Forces of Ukraine", 1)
    assert (strike["admin1"], strike["fatalities"], strike["injuries"]) == ("Kursk Oblast", 2, 7)


@pytest.mark.parametrize("text, expected", [
    # a definite "the attack" is where it happened, not where the speaker will raise it
    ("Russian shelling of Kostiantynivka, a Ukrainian-held town northwest of Horlivka, killed two civilians on Friday. "
     "Maria Zakharova called the attack a war crime and said Moscow would raise it at the UN Security Council.",
     [("Shelling/artillery/missile attack", "2026-12-04", "Kostyantynivka")]),
    ("Militants shelled the village of Shahrak in Takhar province on Monday, killing three civilians.",
     [("Shelling/artillery/missile attack", "2026-11-30", "Takhar")]),
    ("A freight train derailed near the town of Unecha in Russia's Bryansk Oblast late on Dec. 1 after an explosion "
     "under the tracks.", [("Remote explosive/landmine/IED", "2026-12-01", "Unecha")]),
    ("HUR has claimed responsibility for a series of attacks on Russian railway infrastructure since 2022.", []),
    ("He said investigators had kept him without sleep and threatened to arrest his wife.", [("THREATEN", "2026-12-06", None)]),
    ("Правда: Карим Давлатов пришёл в отдел милиции добровольно. Никакого задержания не было, подчеркнули в МВД.", []),
    ("Нападения на пост не было.", []),
    ("В пятницу Южный окружной военный суд в Ростове-на-Дону приговорил 18-летнего жителя Таганрога к 16 годам колонии "
     "за поджог локомотива.", []),
    ("«Сотрудники издания распространяли материалы, направленные на возбуждение массовых беспорядков», — заявили в "
     "ГКНБ. Возбуждено уголовное дело по статье 278 УК КР («Массовые беспорядки»).", []),
    ("Now Astana is shooting its own sequel, frame by frame.", []),
])
def test_war_and_court_news_what_is_an_event_and_where(text, expected):
    events = document_record(run(text, published="2026-12-06"))["events"]
    assert [(e["sub_event_type"] or e["plover"], e["date"], e["location"]) for e in events] == expected


def test_parties_of_arrests_and_blasts_and_what_is_no_place():
    [arrest] = document_record(run(
        "В Махачкале в понедельник задержаны двое жителей Буйнакского района, подозреваемых в пособничестве боевикам, "
        "сообщили в МВД по Дагестану.", published="2026-12-02"))["events"]
    assert arrest["actor1_acled"] == "Police Forces of Russia"
    [blast] = document_record(with_claims(
        "A freight train carrying fuel for the Russian military derailed near Unecha in Bryansk Oblast on Dec. 1 after an "
        "explosion under the tracks, a source in Ukraine's military intelligence agency told the Kyiv Independent.",
        published="2026-12-03"))["events"]
    assert (blast["actor1_acled"], blast["actor2"]) == ("Unidentified Armed Group (Russia)", None)
    [detained] = document_record(with_claims(
        "Officers of the State Committee for National Security have detained Nurbek Asanaliev, a reporter, his lawyer "
        "said on December 4.", published="2026-12-04"))["events"]
    assert detained["actor2"] != "lawyer"  # who says so after the fact is no party to it
    # a surname is no village (Laptevo), a slogan on a placard no place
    events = document_record(run(
        "Журналист Максим Лаптев приговорен к пяти годам. Лаптева задержали 11 июня в его квартире. После оглашения "
        "приговора полицейские задержали у здания суда двоих слушателей, развернувших плакат «Свободу Максиму».",
        published="2026-12-06"))["events"]
    assert events and {e["location"] for e in events} == {None}
