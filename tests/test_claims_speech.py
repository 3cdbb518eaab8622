"""Reported speech and attribution (English and Russian), source chains, stances, denial links."""
from __future__ import annotations

import pytest

from claims_support import claims


def one(text, language="en", **meta):
    found = [c for c in claims(text, language, **meta) if c["kind"] != "author"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, span, speaker, stance", [
    ("The governor of Khatlon said the camp had been guarded by only two watchmen.",
     "the camp had been guarded by only two watchmen", "governor of Khatlon", "assert"),
    ("In an official statement, the State Committee for National Security said that the attackers had crossed the Panj river at night.",
     "the attackers had crossed the Panj river at night", "State Committee for National Security", "assert"),
    ("According to the Interior Ministry, 12 people were detained during the protest in Almaty.",
     "12 people were detained during the protest in Almaty", "Interior Ministry", "assert"),
    ("It was reported by the state news agency Khovar that the president had chaired an emergency meeting of the Security Council.",
     "the president had chaired an emergency meeting of the Security Council", "Khovar", "assert"),
    ("Bakhtiyor Saidov, the deputy head of the district, visited the camp on Thursday. He said that security would be strengthened at all Chinese sites.",
     "security would be strengthened at all Chinese sites", "Bakhtiyor Saidov", "assert"),
])
def test_english_reported_speech(text, span, speaker, stance):
    found = [c for c in claims(text) if c["kind"] != "author"]
    claim = next(c for c in found if c["text"] == span)
    assert (claim["speaker"], claim["stance"], claim["quote"]) == (speaker, stance, False)


def test_fronted_claim_with_outlet_recipient_in_chain():
    claim = one("The drone was launched from the Afghan side of the river, a security source told Asia-Plus.")
    assert claim["text"] == "The drone was launched from the Afghan side of the river"
    assert claim["speaker"] == "security source"
    assert claim["via"] == ["Asia-Plus", "security source"]


@pytest.mark.parametrize("text, speaker, via", [
    ("Reuters reported, citing sources in Dushanbe, that Tajikistan was holding talks with Russia on military help to secure the border.",
     "Reuters", ["Reuters", "sources in Dushanbe"]),
    ("RIA Novosti, quoting an unnamed military source, reported that the 201st base had raised its readiness level.",
     "RIA Novosti", ["RIA Novosti", "unnamed military source"]),
    ("According to Eurasianet, which cited local residents, the shooting lasted for more than three hours.",
     "Eurasianet", ["Eurasianet", "local residents"]),
    # "according to X citing Y," and "как сообщает X со ссылкой на Y,": the chain without a comma before it
    ("According to AKIpress citing a source in the border service, two Kyrgyz soldiers were wounded.",
     "AKIpress", ["AKIpress", "source in the border service"]),
    ("Как сообщает ТАСС со ссылкой на источник в силовых структурах, задержаны трое подозреваемых.",
     "ТАСС", ["ТАСС", "источник в силовых структурах"]),
])
def test_source_chains_cite(text, speaker, via):
    claim = one(text, "ru" if any("а" <= ch <= "я" for ch in text) else "en")
    assert (claim["speaker"], claim["via"], claim["stance"]) == (speaker, via, "cite")


@pytest.mark.parametrize("text, speaker, stance", [
    ("Tajikistan's Foreign Ministry denied that any talks on Russian troops were taking place.", "Tajikistan's Foreign Ministry", "deny"),
    ("The Kremlin dismissed the report as misinformation.", "Kremlin", "deny"),
    ("A spokesman for the Chinese embassy said the reports of a planned base in Murghab were not true.", "spokesman for the Chinese embassy", "deny"),
    ("Two days later, the Security Council quietly confirmed that consultations with Moscow were under way.", "Security Council", "confirm"),
    ("The border service acknowledged that one of its posts had been abandoned during the attack.", "border service", "confirm"),
    ("Gennady Torbin, a retired colonel who once served on that very border, predicted years ago that the Taliban's return would turn the Panj into a sieve.",
     "Gennady Torbin", "predict"),
    ("Analysts at the Crisis Group warned that the violence could spread to the Kyrgyz side of the Fergana Valley.", "Analysts at the Crisis Group", "predict"),
    ("Independent analysts questioned whether the border service had enough men to patrol the Darvaz section.", "Independent analysts", "question"),
    ("Opposition politician Aidos Sadykov cast doubt on the official casualty figures.", "Aidos Sadykov", "question"),
])
def test_stance_from_verb_and_context(text, speaker, stance):
    claim = one(text)
    assert (claim["speaker"], claim["stance"]) == (speaker, stance)


@pytest.mark.parametrize("text, span, speaker, stance", [
    ("Глава МВД Казахстана заявил, что в ходе беспорядков в Алматы были задержаны 12 человек.",
     "в ходе беспорядков в Алматы были задержаны 12 человек", "Глава МВД Казахстана", "assert"),
    ("По словам местных жителей, стрельба в Ворухе продолжалась несколько часов.",
     "стрельба в Ворухе продолжалась несколько часов", "местные жители", "assert"),
    ("По данным Минздрава, в результате столкновения пострадали 12 человек.",
     "в результате столкновения пострадали 12 человек", "Минздрав", "assert"),
    ("Как передаёт ТАСС, российская военная база в Таджикистане переведена в режим повышенной готовности.",
     "российская военная база в Таджикистане переведена в режим повышенной готовности", "ТАСС", "assert"),
    ("Государственный комитет национальной безопасности Таджикистана опроверг сообщения о размещении в ГБАО китайской военной базы.",
     "сообщения о размещении в ГБАО китайской военной базы", "Государственный комитет национальной безопасности Таджикистана", "deny"),
    ("МИД Таджикистана назвал дезинформацией сообщение Reuters о переговорах с Россией.",
     "сообщение Reuters о переговорах с Россией", "МИД Таджикистана", "deny"),
    ("Политолог Аркадий Дубнов предупредил, что подобные слухи будут появляться и дальше.",
     "подобные слухи будут появляться и дальше", "Аркадий Дубнов", "predict"),
    ("Оппозиционные политики усомнились в том, что власти сообщили полное число погибших.",
     "власти сообщили полное число погибших", "Оппозиционные политики", "question"),
])
def test_russian_reported_speech(text, span, speaker, stance):
    claim = next(c for c in claims(text, "ru") if c["text"] == span)
    assert (claim["speaker"], claim["stance"]) == (speaker, stance)


def test_russian_chain_with_so_ssylkoy():
    claim = one("Во вторник Reuters со ссылкой на источники в Душанбе сообщило, что таджикская сторона обратилась к России с просьбой о военной помощи.", "ru")
    assert claim["speaker"] == "Reuters" and claim["stance"] == "cite"
    assert claim["via"] == ["Reuters", "источники в Душанбе"]


def test_russian_confirmation():
    claim = one("Два собеседника РИА Новости в таджикских силовых структурах подтвердили, что консультации с российской стороной действительно ведутся.", "ru")
    assert claim["stance"] == "confirm" and claim["via"][0] == "RIA Novosti"


def test_author_assertions_use_the_site_name():
    found = claims("Russia maintains the 201st military base in Tajikistan, its largest ground force facility abroad.", site="Eurasia Monitor")
    assert [(c["speaker"], c["stance"], c["kind"]) for c in found] == [("Eurasia Monitor", "assert", "author")]
    assert claims("On November 26, gunmen from Afghanistan attacked a camp in Khatlon province, killing three Chinese citizens.")[0]["speaker"] == "author"


def test_opinion_and_questions_are_not_author_claims():
    assert claims("Where is the outrage? Let them remember who their friends are first.") == []


def test_denial_links_to_the_claim_it_denies():
    text = ("Last week Reuters reported, citing sources in Dushanbe, that Tajikistan was holding talks with Russia on military help. "
            "The next day the Foreign Ministry dismissed the Reuters report as misinformation.")
    found = claims(text)
    report = next(c for c in found if c["speaker"] == "Reuters")
    denial = next(c for c in found if c["stance"] == "deny")
    assert denial["denies"] == report["claim_id"]
    assert denial["about"] == report["about"]


def test_claim_ids_are_stable_across_reanalysis():
    from faultlines.model import Document
    from faultlines.pipeline import Pipeline

    text = "The Kremlin dismissed the report as misinformation."
    pipe = Pipeline(("language", "segment", "nlp", "claims"))
    first = pipe(Document(id="a", text=text, language="en")).layer("claim")[0].attrs["claim_id"]
    second = pipe(Document(id="b", text=text, language="en")).layer("claim")[0].attrs["claim_id"]
    assert first == second and first.startswith("c") and len(first) == 13


def test_unsupported_language_gets_no_claims():
    from faultlines.model import Document
    from faultlines.pipeline import Pipeline

    doc = Pipeline(("language", "segment", "nlp", "claims"))(Document(id="k", text="Бу хабар дурыс емес деп мәлімдеді.", language="kk"))
    assert doc.layer("claim") == []


def test_a_denial_that_says_what_it_denies_links_to_no_unrelated_claim():
    text = ("According to Kabar, citing a source in the Kyrgyz security services, Bishkek has asked the CSTO to send "
            "observers to the border. Kazakhstan's Foreign Ministry said on Wednesday that no such request had been "
            "received. Kyrgyz President Sadyr Japarov denied that talks with Washington on a drone base had taken place, "
            'calling the reports "a provocation by foreign media".')
    found = claims(text)
    request = next(c for c in found if c["speaker"] == "Kabar")
    ministry = next(c for c in found if c["speaker"] == "Kazakhstan's Foreign Ministry")
    assert ministry["stance"] == "deny" and ministry["denies"] == request["claim_id"]  # "no such request"
    japarov = [c for c in found if c["speaker"] == "Sadyr Japarov"]
    assert [c["text"] for c in japarov] == ["talks with Washington on a drone base had taken place",
                                            "a provocation by foreign media"]
    assert all(c["stance"] == "deny" and c["denies"] is None for c in japarov)
    assert japarov[0]["about"] == "talks with Washington on a drone base"


def test_a_denial_of_claims_by_someone_holds_their_claim():
    text = ('The ministry said the men had been detained lawfully. It dismissed as "fabrications" claims by relatives '
            "that the detainees had been denied access to lawyers.")
    found = claims(text)
    relatives = next(c for c in found if c["speaker"] == "relatives")
    assert relatives["text"] == "the detainees had been denied access to lawyers" and relatives["stance"] == "assert"
    denials = [c for c in found if c["stance"] == "deny"]
    assert {c["speaker"] for c in denials} == {"ministry"}  # not "detainees": they are denied access, not denying
    assert {c["denies"] for c in denials} == {relatives["claim_id"]}
    assert "claims by relatives that the detainees" in next(c for c in denials if not c["quote"])["text"]

    reuters = claims("The ministry rejected reports from Reuters that Russian troops would be deployed to the border.")
    source = next(c for c in reuters if c["speaker"] == "Reuters")
    denial = next(c for c in reuters if c["stance"] == "deny")
    assert source["text"] == "Russian troops would be deployed to the border"
    assert denial["denies"] == source["claim_id"] and denial["via"] is None

    russian = claims("МВД назвало ложью заявления родственников о том, что задержанным не дают встречаться с адвокатами.",
                     "ru")
    kin = next(c for c in russian if c["speaker"] == "родственники")
    assert kin["text"] == "задержанным не дают встречаться с адвокатами"
    assert next(c for c in russian if c["speaker"] == "МВД")["denies"] == kin["claim_id"]


@pytest.mark.parametrize("text,speaker,span", [
    ("Two Chinese nationals were killed late on Sunday, Tajik officials said on Monday.", "Tajik officials",
     "Two Chinese nationals were killed late on Sunday"),
    ("Putin's spokesman said talks were under way.", "Putin's spokesman", "talks were under way"),
    ('"A drone attack on a civilian camp is a different level of planning," said a Dushanbe-based security consultant.',
     "Dushanbe-based security consultant", "A drone attack on a civilian camp is a different level of planning,"),
    ("According to one exiled activist, at least six people have been questioned by police in Nukus.",
     "one exiled activist", "at least six people have been questioned by police in Nukus"),
    ("Exiled activists say pressure on bloggers and their families has increased since then.", "Exiled activists",
     "pressure on bloggers and their families has increased since then"),
    ("China's embassy in Dushanbe has asked Chinese companies to suspend work, according to a post on its official account.",
     "China's embassy in Dushanbe", "China's embassy in Dushanbe has asked Chinese companies to suspend work"),
])
def test_speakers_named_as_the_text_names_them(text, speaker, span):
    found = claims(text)
    assert [(c["speaker"], c["text"]) for c in found if c["kind"] != "author"] == [(speaker, span)]


def test_passive_and_negated_speech_verbs_make_no_claim():
    found = claims("Tajikistan's border troops said they had returned fire. Their statement did not say where the drone "
                   "had been launched from. Their statement said two soldiers were wounded. At least six people have "
                   "been questioned by police.")
    assert [(c["speaker"], c["text"]) for c in found if c["kind"] != "author"] == [
        ("Tajikistan's border troops", "they had returned fire"),
        ("Tajikistan's border troops", "two soldiers were wounded")]


RUSSIAN_COMMENTARY = (
    "Как сообщили в пресс-центре Пограничных войск ГКНБ Таджикистана, погибли двое военнослужащих, ещё трое "
    "получили ранения.\n\n"
    "По данным источника «Известий» в правительстве Таджикистана, Душанбе обратился к Москве с просьбой усилить "
    "201-ю российскую военную базу. Пресс-секретарь МИД Таджикистана Шохрух Саидов назвал эту информацию "
    "«безосновательной». Однако в четверг секретарь Совбеза республики подтвердил агентству «Ховар», что "
    "консультации с российской стороной ведутся.\n\n"
    "Каждый раз, когда на границе льётся кровь, наши «союзники» вспоминают о России, а наутро снова рассказывают "
    "западным журналистам о многовекторности.")


def test_russian_sources_named_at_their_office_or_through_an_outlet():
    found = [c for c in claims(RUSSIAN_COMMENTARY, "ru") if c["kind"] != "author"]
    assert [(c["speaker"], c["text"]) for c in found][:2] == [
        ("пресс-центр Пограничных войск ГКНБ Таджикистана", "погибли двое военнослужащих, ещё трое получили ранения"),
        ("источник «Известий» в правительстве Таджикистана",
         "Душанбе обратился к Москве с просьбой усилить 201-ю российскую военную базу")]
    report = found[1]
    assert report["via"] == ["Izvestia", "источник в правительстве Таджикистана"]
    denial = next(c for c in found if c["speaker"] == "Шохрух Саидов")
    assert denial["stance"] == "deny" and denial["denies"] == report["claim_id"]  # "безосновательной"
    confirmation = next(c for c in found if c["stance"] == "confirm")
    assert confirmation["text"] == "консультации с российской стороной ведутся"
    assert confirmation["via"] == ["Khovar", "секретарь Совбеза республики"]
    assert confirmation["confirms"] == report["claim_id"]
    # the outlet's name in quotes and the scare-quoted «союзники» are no claims; the journalists spoken to not speakers
    assert {c["text"] for c in found} & {"Ховар", "союзники"} == set()
    # the denial in two parts, as 'denied …, calling the reports "a provocation"': what it names, and its label
    assert [(c["text"], c["denies"]) for c in found if c["speaker"] == "Шохрух Саидов"] == [
        ("эту информацию", report["claim_id"]), ("безосновательной", report["claim_id"])]
    assert len(found) == 5


def test_a_reporting_verb_joined_inside_a_complement_is_the_speakers():
    found = claims('Interior Minister Yerzhan Sadenov told reporters in Astana that police had acted "strictly within '
                   'the law" and denied that anyone had been beaten.')
    denial = next(c for c in found if c["stance"] == "deny")
    assert (denial["speaker"], denial["text"]) == ("Yerzhan Sadenov", "anyone had been beaten")  # not "police"
    assert all("denied" not in c["text"] for c in found)


def test_a_confirmation_after_a_denial_confirms_it_only_on_the_same_matter():
    text = ("Two protesters were beaten by police, according to Vlast.kz. The interior minister denied that anyone "
            "had been beaten by police. The Prosecutor General's Office later confirmed that it had opened an inquiry "
            "into the use of force.")
    found = claims(text)
    report = next(c for c in found if c["speaker"] == "Vlast.kz")
    assert next(c for c in found if c["stance"] == "deny")["denies"] == report["claim_id"]
    assert next(c for c in found if c["stance"] == "confirm")["confirms"] is None  # an inquiry confirms no beating


def test_an_adjective_the_ner_calls_a_person_names_the_speaker_with_its_noun():
    found = claims("Душанбинский политолог, пожелавший остаться неназванным, предупредил, что подобные слухи будут "
                   "появляться и дальше. «Каждое нападение на иностранцев порождает волну домыслов», — добавил он.", "ru")
    assert {c["speaker"] for c in found if c["kind"] != "author"} == {"Душанбинский политолог"}


def test_speech_that_has_not_happened_is_no_claim():
    found = claims("Tomorrow it will be our soldiers, sent to defend a government that will deny they were ever there. "
                   "Analysts should expect denials that are later softened.")
    assert [c for c in found if c["kind"] != "author"] == []
    assert [c for c in claims("Министерство будет отрицать, что войска пересекали границу.", "ru")
            if c["kind"] != "author"] == []


def test_russian_offices_that_speak_without_a_subject_and_outlets_in_quotes():
    found = [c for c in claims(
        "В субботу полиция задержала не менее 15 человек, сообщает «Власть». В департаменте полиции города заявили, "
        "что задержанные нарушили закон о мирных собраниях, и отрицали применение силы. Пограничные войска "
        "опровергли эту информацию. В их заявлении говорится, что военнослужащие открыли огонь по мирным жителям.",
        "ru") if c["kind"] != "author"]
    assert [(c["speaker"], c["stance"], c["text"]) for c in found] == [
        ("Власть", "assert", "В субботу полиция задержала не менее 15 человек"),
        ("департамент полиции города", "assert", "задержанные нарушили закон о мирных собраниях"),
        ("департамент полиции города", "deny", "применение силы"),
        ("Пограничные войска", "deny", "эту информацию"),
        ("Пограничные войска", "assert", "военнослужащие открыли огонь по мирным жителям")]


def test_a_quote_that_opens_a_complement_and_a_second_verb_of_the_speaker():
    found = claims('Taliban spokesman Zabihullah Mujahid said on Thursday that "no one from the Islamic Emirate" was '
                   "involved. Tajikistan's State Committee for National Security insisted that the attackers had "
                   "crossed from Afghan territory and said it had handed a protest note to the Taliban.")
    # the complement is mostly the quote, so the quote stands for it; "no one from" makes it a denial
    assert [(c["speaker"], c["stance"], c["text"]) for c in found if c["kind"] != "author"] == [
        ("Zabihullah Mujahid", "deny", "no one from the Islamic Emirate"),
        ("Tajikistan's State Committee for National Security", "assert", "the attackers had crossed from Afghan territory"),
        ("Tajikistan's State Committee for National Security", "assert", "it had handed a protest note to the Taliban")]


def test_an_outlet_in_quotes_with_a_dot_is_the_source():
    found = claims("По информации «Газеты.uz», в прошлом месяце на границе задержали пятерых граждан Афганистана.", "ru")
    assert [(c["speaker"], c["kind"]) for c in found] == [("Gazeta.uz", "according")]


def test_the_agency_is_the_body_named_before_and_the_accusations_point_back():
    text = ("Kyrgyzstan's State Committee for National Security (GKNB) detained eight people on Tuesday on suspicion of "
            "plotting to seize power by force, the agency said in a statement. The GKNB said the group had received "
            "money from abroad. Relatives of one of the detained told Kloop that the accusations were \"absurd\" and "
            "that he had been taken from his home without a warrant.")
    found = [c for c in claims(text) if c["kind"] != "author"]
    assert found[0]["speaker"] == "Kyrgyzstan's State Committee for National Security"  # not "agency", not Tajikistan's
    denial = next(c for c in found if c["stance"] == "deny")
    assert denial["denies"] == found[1]["claim_id"]  # "the accusations" are the GKNB's


def test_who_blames_or_accuses_claims_it_and_documents_that_mention_are_a_source():
    found = claims("Bishkek blamed Tajik forces; Dushanbe's Foreign Ministry denied any involvement. Uzbek officials "
                   "accused Dushanbe of sheltering militants. But the Pentagon's own budget documents mention "
                   "\"partnership facilities in Central Asia\", and the State Department confirmed to Kaktus Media that "
                   "talks on security assistance were under way.")
    assert [(c["speaker"], c["stance"], c["text"]) for c in found if c["kind"] != "author"] == [
        ("Bishkek", "assert", "Tajik forces"),
        ("Dushanbe's Foreign Ministry", "deny", "any involvement"),
        ("Uzbek officials", "assert", "Dushanbe of sheltering militants"),
        # the quote belongs to the documents before it, not to the clause after its ", and"
        ("Pentagon's own budget documents", "assert", "partnership facilities in Central Asia"),
        ("State Department", "confirm", "talks on security assistance were under way")]
    blame, denial = [c for c in found if c["kind"] != "author"][:2]
    assert denial["denies"] == blame["claim_id"]  # "denied any involvement" answers the blame before it
    ru = claims("Киргизские власти обвинили Душанбе в обстреле приграничных сёл.", "ru")
    assert [(c["speaker"], c["stance"], c["text"]) for c in ru] == [
        ("Киргизские власти", "assert", "Душанбе в обстреле приграничных сёл")]


def test_a_name_in_quotes_is_no_quote_and_a_denied_object_ends_before_the_next_verb():
    found = claims("Представитель талибов Забихулла Муджахид отверг причастность «Исламского эмирата» и назвал "
                   "сообщения таджикских СМИ «безосновательными».", "ru")
    assert [(c["speaker"], c["stance"], c["kind"], c["text"]) for c in found] == [
        ("Забихулла Муджахид", "deny", "reported", "причастность «Исламского эмирата»"),
        ("Забихулла Муджахид", "deny", "reported", "сообщения таджикских СМИ")]


def test_a_source_inside_the_sentence_and_an_agency_named_in_quotes():
    found = claims("Вечером таджикские военные, по данным киргизской стороны, обстреляли школу в селе Максат. "
                   "В Душанбе эти сведения назвали «ложью» и обвинили Бишкек в провокации. Однако уже через два дня, "
                   "по информации агентства «24.kg», в районе Ворух снова была слышна стрельба.", "ru")
    report, denied, lie, accusation, shooting = found
    # the source stands inside the claim, which runs on after it
    assert report["text"].endswith("обстреляли школу в селе Максат") and report["speaker"] == "киргизская сторона"
    # "эти сведения назвали «ложью»": the object before the verb is what is denied, and the quote says how
    assert (denied["text"], denied["stance"], denied["denies"]) == ("эти сведения", "deny", report["claim_id"])
    assert (lie["stance"], lie["denies"]) == ("deny", report["claim_id"])
    # an accusation asserts, though "провокация" is a word of denial
    assert (accusation["text"], accusation["stance"]) == ("Бишкек в провокации", "assert")
    assert shooting["speaker"] == "24.kg" and shooting["text"].endswith("была слышна стрельба")


def test_by_its_data_points_to_the_speaker_before():
    found = claims("В среду на границе произошла перестрелка, сообщила Пограничная служба ГКНБ Кыргызстана. По её "
                   "данным, погибли двое киргизских военнослужащих, ещё четверо ранены.", "ru")
    assert [(c["speaker"], c["text"]) for c in found] == [
        ("Пограничная служба ГКНБ Кыргызстана", "В среду на границе произошла перестрелка"),
        ("Пограничная служба ГКНБ Кыргызстана", "погибли двое киргизских военнослужащих, ещё четверо ранены")]


def test_said_p_and_that_q_claims_both():
    found = claims("A spokesperson for the Kyrgyz border service said Tajik forces had opened fire first and that in "
                   "the afternoon a drone had struck a house on the outskirts of the village of Ak-Sai.")
    assert [c["text"] for c in found] == [
        "Tajik forces had opened fire first and that in the afternoon a drone had struck a house on the outskirts of "
        "the village of Ak-Sai"]


@pytest.mark.parametrize("text, language", [
    ("Two protesters were hospitalised after police used batons and tear gas to disperse the crowd, according to the "
     "rights group. The Interior Ministry said no force had been used and that the detainees would be released.", "en"),
    ("По данным правозащитников, полиция применила дубинки и слезоточивый газ. В МВД заявили, что сила не "
     "применялась.", "ru"),
])
def test_a_denial_of_force_answers_the_claim_of_force(text, language):
    report, denial = claims(text, language)
    assert denial["stance"] == "deny" and denial["denies"] == report["claim_id"]


@pytest.mark.parametrize("text, language, span, speaker, stance", [
    ("Analysts believe the violence will spread to the Kyrgyz side.", "en",
     "the violence will spread to the Kyrgyz side", "Analysts", "predict"),
    ("Analysts believe the group was behind the attack.", "en", "the group was behind the attack", "Analysts", "assert"),
    ("Эксперт Андрей Казанцев считает, что в следующем году столкновения повторятся.", "ru",
     "в следующем году столкновения повторятся", "Андрей Казанцев", "predict"),
    ("Эксперт уверен, что конфликт будет продолжаться.", "ru", "конфликт будет продолжаться", "Эксперт", "predict"),
    ("Эксперт считает, что стороны виноваты.", "ru", "стороны виноваты", "Эксперт", "assert"),
])
def test_who_believes_what_lies_ahead_predicts_it(text, language, span, speaker, stance):
    claim = one(text, language)
    assert (claim["text"], claim["speaker"], claim["stance"]) == (span, speaker, stance)


def test_one_s_own_belief_inside_a_statement_is_no_claim_of_its_own():
    assert [c["text"] for c in claims("\"I think this is wrong,\" the minister said.")] == ["I think this is wrong,"]


@pytest.mark.parametrize("text, speaker, stance", [
    ('Russian state media were quick to blame "foreign-trained provocateurs" for the unrest.', "Russian state media",
     "assert"),
    ("Moscow rushed to deny the report.", "Moscow", "deny"),
    ("The ministry refused to confirm the detentions.", "ministry", "question"),  # refusing to confirm confirms nothing
])
def test_who_is_quick_or_refuses_to_speak_is_the_speaker(text, speaker, stance):
    claim = one(text)
    assert (claim["speaker"], claim["stance"]) == (speaker, stance)


def test_no_connection_whatsoever_is_a_denial():
    claim = one('"There is no connection whatsoever," presidential spokesman Ruslan Zheldibay told reporters.')
    assert (claim["speaker"], claim["stance"]) == ("Ruslan Zheldibay", "deny")


def test_a_claim_starts_after_the_wire_dateline():
    claim = one("ALMATY, Nov 30, 2026 - Unidentified gunmen opened fire on a police checkpoint outside Zhanaozen, "
                "the Interior Ministry said on Sunday.")
    assert claim["text"] == "Unidentified gunmen opened fire on a police checkpoint outside Zhanaozen"


def test_a_denial_of_a_capital_s_statements_answers_that_state_s_office():
    report, accusation, denial, _quote = claims(
        "По данным пограничной службы ГКНБ Кыргызстана, погиб один военнослужащий, ещё двое ранены. Таджикская "
        "сторона обвинила киргизских пограничников в том, что они первыми открыли огонь. МИД Таджикистана назвал "
        "заявления Бишкека «очередной ложью».", "ru")
    assert report["speaker"] == "пограничная служба ГКНБ Кыргызстана"
    assert denial["stance"] == "deny" and denial["denies"] == report["claim_id"]


@pytest.mark.parametrize("text, language, span, speaker", [
    ("Speaking in Moscow last week, Russian Foreign Ministry spokeswoman Maria Zakharova said Russia stood ready to "
     "act as a mediator if both sides asked.", "en", "Russia stood ready to act as a mediator if both sides asked",
     "Maria Zakharova"),
    ("Nearly two years after Kyrgyzstan and Tajikistan signed a treaty on their common border, villagers in Batken "
     "say little has changed.", "en", "little has changed", "villagers in Batken"),
    ("After the meeting, the minister said the talks had been useful.", "en", "the talks had been useful", "minister"),
    ("Отвечая на вопрос журналистов, министр сказал, что решение не принято.", "ru", "решение не принято", "министр"),
    # fronted claims keep working: the clause before the speaker is what was said
    ("The drone was launched from the Afghan side of the river, a security source told Asia-Plus.", "en",
     "The drone was launched from the Afghan side of the river", "security source"),
])
def test_a_fronted_adverbial_is_not_the_claim_when_the_verb_has_its_own(text, language, span, speaker):
    claim = one(text, language)
    assert (claim["text"], claim["speaker"]) == (span, speaker)


@pytest.mark.parametrize("text, span, speaker", [
    ("Тем временем, по данным казахстанского издания «Власть», в Мангистауской области в понедельник полиция "
     "задержала 14 участников акции протеста нефтяников.",
     "в Мангистауской области в понедельник полиция задержала 14 участников акции протеста нефтяников", "Власть"),
    # a time that opens the sentence is part of what the source says
    ("Во второй половине дня, по данным пограничной службы, беспилотник нанёс удар по жилому дому.",
     "Во второй половине дня, по данным пограничной службы, беспилотник нанёс удар по жилому дому", "пограничная служба"),
])
def test_a_connective_before_the_source_is_no_part_of_the_claim_and_an_outlet_in_quotes_speaks(text, span, speaker):
    claim = one(text, "ru")
    assert (claim["text"], claim["speaker"]) == (span, speaker)


@pytest.mark.parametrize("text, language, span, speaker", [
    ("Сотрудники ФСБ задержали в Подольске трёх выходцев из Центральной Азии. Об этом в субботу сообщил Центр "
     "общественных связей ведомства.", "ru", "Сотрудники ФСБ задержали в Подольске трёх выходцев из Центральной Азии",
     "Центр общественных связей ведомства"),
    ("Пограничники задержали двух нарушителей. Об этом говорится в сообщении пресс-службы ГКНБ.", "ru",
     "Пограничники задержали двух нарушителей", "пресс-служба ГКНБ"),
    ("Talks will be held in Dushanbe next week. This was announced by the Tajik Foreign Ministry on Monday.", "en",
     "Talks will be held in Dushanbe next week", "Tajik Foreign Ministry"),
])
def test_this_was_reported_by_x_gives_the_sentence_before_to_x(text, language, span, speaker):
    claim = one(text, language)
    assert (claim["text"], claim["speaker"], claim["kind"]) == (span, speaker, "reported")


def test_a_denied_link_between_two_things_answers_only_a_claim_naming_both():
    fled, denial = claims("The attackers fled towards the Turkmen border, the ministry said. The presidential "
                          "administration rejected any link between the protest and the attack.")
    assert denial["stance"] == "deny" and denial["denies"] is None  # the flight names the attack, not the protest
    staged, denial = claims("Activists said the attack on the police post was staged to justify a crackdown on the "
                            "protest. The presidential administration rejected any link between the protest and the attack.")
    assert denial["denies"] == staged["claim_id"]


def test_what_a_channel_writes_of_and_an_office_calls_false_before_the_verb():
    report, denial = claims("Телеграм-канал «Азия 24», ссылаясь на источники в силовых структурах, пишет о трёх "
                            "погибших пограничниках. В ГКНБ эту информацию назвали недостоверной.", "ru")
    assert (report["text"], report["speaker"], report["stance"]) == ("трёх погибших пограничниках", "Азия 24", "cite")
    assert report["via"] == ["Азия 24", "источники в силовых структурах"]
    assert (denial["speaker"], denial["stance"], denial["denies"]) == ("ГКНБ", "deny", report["claim_id"])


def test_a_rebuttal_list_s_labels_neither_speak_nor_are_said():
    found = claims('Myth 1: "Kyrgyzstan is building the dam to cut off the water of Uzbekistan."\n'
                   "Fact: The World Bank has financed feasibility studies only, the bank's Central Asia office said on "
                   'Tuesday.\n\nChannels reposted the claim 40 times, citing "sources in the ministry".')
    myth, fact = [c for c in found if c["kind"] != "author"]
    assert (myth["speaker"], myth["quote"]) == (None, True)  # not "Myth 1"
    assert (fact["text"], fact["speaker"]) == ("The World Bank has financed feasibility studies only",
                                               "bank's Central Asia office")
    assert not any("sources in the ministry" in c["text"] for c in found)  # whom they cite is no claim


@pytest.mark.parametrize("text, language", [
    ("Three myths about the Rogun dam\n\nMyth 1: Rogun will leave Uzbekistan without water.\n"
     "Why they say it: fear sells, and a water war makes a better headline than a power plant.\n"
     "Fact: Tashkent dropped its objections in 2017 and Uzbek engineers now take part in the project.\n\n"
     "Myth 2: The dam is being built with Russian money to keep Tajikistan dependent.\n"
     "Why they say it: to paint every project in the region as a Kremlin plot.\n"
     "Fact: the World Bank assessed the project in 2014 and the money comes mostly from the Tajik budget.", "en"),
    ("Два мифа о Камбаратинской ГЭС\n\nМиф первый: плотина оставит Узбекистан без воды.\n"
     "Зачем это распространяют: чтобы поссорить Бишкек с Ташкентом.\n"
     "Правда: Ташкент сам участвует в проекте и уже выделил деньги на строительство.\n\n"
     "Миф второй: ГЭС строится на российские кредиты, чтобы привязать Киргизию к Москве.\n"
     "Мотив: представить любой проект в регионе как заговор Кремля.\n"
     "Факты: основную часть денег дают Всемирный банк и бюджет Киргизии.", "ru"),
])
def test_a_rebuttal_list_s_myths_are_nobody_s_the_motives_the_author_s_and_each_fact_denies_its_myth(text, language):
    found = claims(text, language, author="Farrukh Nazarov")
    assert len(found) == 6, found
    for myth, motive, fact in (found[0:3], found[3:6]):
        # the myth is what the author rebuts, not what he asserts; "they" in "Why they say it" speaks nothing
        assert (myth["speaker"], myth["kind"], myth["stance"]) == (None, "reported", "assert")
        assert (motive["speaker"], motive["stance"]) == ("Farrukh Nazarov", "assert")
        assert (fact["speaker"], fact["stance"], fact["denies"]) == ("Farrukh Nazarov", "deny", myth["claim_id"])
    assert found[0]["text"] == {"en": "Rogun will leave Uzbekistan without water",
                                "ru": "плотина оставит Узбекистан без воды"}[language]
    assert found[1]["text"].startswith(("fear sells", "чтобы поссорить"))


def test_an_office_that_does_not_confirm_this_questions_it_and_the_next_clause_s_outlet_is_not_its_source():
    report, unconfirmed, quote = claims(
        "Как пишет «Коммерсантъ» со ссылкой на источники в Минобороны России, Душанбе попросил Москву усилить 201-ю "
        "базу беспилотниками. Официально в МИД Таджикистана этого не подтвердили, однако глава комитета Госдумы по "
        "обороне Андрей Картаполов заявил ТАСС, что «просьба поступила и будет рассмотрена».", "ru")
    assert (unconfirmed["speaker"], unconfirmed["stance"], unconfirmed["via"]) == ("МИД Таджикистана", "question", None)
    assert quote["via"] == ["TASS", "Андрей Картаполов"]


@pytest.mark.parametrize("text, span, speaker, via", [
    ("Ukraine's military did not comment, but a source in the Security Service of Ukraine (SBU) told Reuters the depot "
     "supplied Russian units fighting near Kharkiv.", "the depot supplied Russian units fighting near Kharkiv",
     "source in the Security Service of Ukraine", ["Reuters", "source in the Security Service of Ukraine"]),
    ("A source told Reuters the talks had stalled.", "the talks had stalled", "source", ["Reuters", "source"]),
])
def test_told_an_outlet_a_clause_without_that(text, span, speaker, via):
    claim = one(text)
    assert (claim["text"], claim["speaker"], claim["via"]) == (span, speaker, via)


def test_told_reporters_where_and_when_is_no_claim():
    assert [c for c in claims("He told reporters in Dushanbe on Monday after meeting the delegation.")
            if c["kind"] != "author"] == []


def test_a_cycle_in_the_parse_ends_every_walk():
    """natasha's heads may form a cycle (129 of the 416 SemEval-2025 documents have one); walking one looped until
    the memory ran out."""
    from faultlines.claims.parse import Parsed, Tok
    tokens = [Tok(i, w, w, w, "NOUN", "obj", (i + 1) % 3, i * 3, i * 3 + 2, 0) for i, w in enumerate(("aa", "bb", "cc"))]
    children = [[2], [0], [1]]  # 0 -> 2 -> 1 -> 0
    assert Parsed(tokens, [(0, 3)], children).subtree(0) == [0, 1, 2]


def test_an_office_that_does_not_confirm_this_questions_the_report_before():
    report, unconfirmed, _ = claims(
        "Как пишет «Коммерсантъ» со ссылкой на источники в Минобороны России, Душанбе попросил Москву усилить 201-ю "
        "базу беспилотниками. Официально в МИД Таджикистана этого не подтвердили, однако глава комитета Госдумы по "
        "обороне Андрей Картаполов заявил ТАСС, что «просьба поступила и будет рассмотрена».", "ru")
    assert (unconfirmed["stance"], unconfirmed["questions"]) == ("question", report["claim_id"])


@pytest.mark.parametrize("text, outlet", [
    ('"One drone hit a tank at the depot," the governor wrote on Telegram. Reuters could not independently verify '
     'the report.', "Reuters"),
    ("Officials said five people were detained. AFP was unable to confirm the figure.", "AFP"),
])
def test_an_outlet_that_could_not_verify_questions_what_it_reports(text, outlet):
    reported, unverified = claims(text)
    assert (unverified["speaker"], unverified["stance"], unverified["questions"]) == (outlet, "question",
                                                                                     reported["claim_id"])


def test_a_name_in_quotes_inside_a_noun_phrase_is_no_claim_but_a_slogan_a_sign_reads_is():
    found = claims("На прошлой неделе в Бишкеке открылся очередной «центр по развитию гражданского общества», "
                   "финансируемый американским фондом.", "ru")
    assert not any(c["quote"] for c in found)
    rumour = one("Сообщения о «скором прибытии китайских военных» в Мургабский район разошлись по Telegram-каналам.", "ru")
    assert (rumour["text"], rumour["quote"]) == ("скором прибытии китайских военных", True)  # what the reports said
    slogan = one('Graffiti on the wall of the market read "Water for Vorukh, not for Kok-Tash".')
    assert (slogan["text"], slogan["speaker"], slogan["quote"]) == ("Water for Vorukh, not for Kok-Tash", None, True)


@pytest.mark.parametrize("text, speaker, via", [
    ("Представитель движения «Талибан» в Кабуле заявил агентству «Бахтар», что граница спокойна.",
     "Представитель движения «Талибан» в Кабуле", ["Бахтар", "Представитель движения «Талибан» в Кабуле"]),
    ("Пресс-секретарь партии «Единая Россия» заявил, что выборы прошли честно.",
     "Пресс-секретарь партии «Единая Россия»", None),
])
def test_a_name_in_quotes_stays_in_the_speaker_and_an_outlet_the_table_lacks_carries_what_it_was_told(text, speaker, via):
    claim = one(text, "ru")
    assert (claim["speaker"], claim["via"]) == (speaker, via)


@pytest.mark.parametrize("text, language, span, speaker, stance", [
    ("Днём позже МИД Таджикистана выразил «глубокую обеспокоенность» задержанием более 200 граждан республики в "
     "Екатеринбурге.", "ru", "задержанием более 200 граждан республики в Екатеринбурге", "МИД Таджикистана", "assert"),
    ("China's Foreign Ministry expressed deep concern over the attack on its citizens.", "en",
     "the attack on its citizens", "China's Foreign Ministry", "assert"),
    ("The latest version, published by a Washington institute last week, claims that hundreds of Chinese soldiers "
     "patrol the Wakhan corridor.", "en", "hundreds of Chinese soldiers patrol the Wakhan corridor", "Washington institute",
     "assert"),
    ("Доклад, подготовленный американским фондом, утверждает, что граница закрыта.", "ru", "граница закрыта",
     "американский фонд", "assert"),
    ("Правозащитники из организации «Human Rights Watch» утверждают, что полиция применяла дубинки.", "ru",
     "полиция применяла дубинки", "Правозащитники из организации «Human Rights Watch»", "assert"),
    ("The Foreign Ministry called the Reuters report misinformation.", "en", "the Reuters report", "Foreign Ministry", "deny"),
])
def test_concern_expressed_a_text_s_publisher_and_a_report_called_misinformation(text, language, span, speaker, stance):
    claim = one(text, language)
    assert (claim["text"], claim["speaker"], claim["stance"]) == (span, speaker, stance)


def test_reports_called_a_provocation_are_denied_apart_from_what_was_said_and_an_unverified_account_is_questioned():
    found = claims("Unidentified gunmen shot dead two Chinese employees near Panjakent late on Monday, the regional "
                   "police said on Tuesday.\n\nUzbekistan's border service said on Wednesday that no armed group had "
                   "crossed into Uzbek territory and called reports that the gunmen were hiding in the Samarkand region "
                   '"a provocation".\n\nReuters could not independently verify the police account.')
    police, crossed, hiding, unverified = found
    assert (crossed["stance"], hiding["text"], hiding["stance"]) == (
        "assert", "the gunmen were hiding in the Samarkand region", "deny")
    assert (unverified["speaker"], unverified["stance"], unverified["questions"]) == ("Reuters", "question", police["claim_id"])


def test_a_source_inside_a_relative_clause_claims_that_clause_and_leaves_the_sentence_to_whom_it_is_told():
    found = claims("Около 300 человек собрались во вторник у здания парламента в Нукусе, протестуя против поправок к "
                   "конституции, которые, по их мнению, лишают республику права на выход из состава Узбекистана. Об этом "
                   "сообщил телеграм-канал «Каракалпакстан онлайн».", "ru")
    gathering, view = found
    assert (gathering["speaker"], gathering["text"].startswith("Около 300 человек собрались")) == ("Каракалпакстан онлайн", True)
    assert (view["text"], view["speaker"]) == (
        "которые, по их мнению, лишают республику права на выход из состава Узбекистана", "300 человек")


def test_a_verb_joined_to_a_denial_that_has_not_happened_has_not_happened_either():
    found = claims('Russian soldiers, sent to defend a government that will deny they were ever there and call the whole '
                   'thing "misinformation".')
    assert [c["kind"] for c in found] == ["author"]
    (denial,) = [c for c in claims("The Foreign Ministry rushed to call the Reuters report misinformation.")]
    assert (denial["text"], denial["speaker"], denial["stance"]) == ("the Reuters report", "Foreign Ministry", "deny")


def test_a_numbered_lie_and_an_in_reality_line_are_a_rebuttal_list_and_what_the_myth_says_is_nobody_s():
    found = claims("Ложь № 1: Москва не признаёт границы Казахстана.\n"
                   "На самом деле: Россия и Казахстан подписали договор о делимитации границы в 2005 году.\n", "ru",
                   author="Ерлан Абенов")
    myth, fact = found
    assert (myth["speaker"], myth["text"], myth["cue"]) == (None, "Москва не признаёт границы Казахстана", "Ложь № 1")
    assert (fact["speaker"], fact["stance"], fact["denies"]) == ("Ерлан Абенов", "deny", myth["claim_id"])


@pytest.mark.parametrize("text, language", [
    ("По данным социологов, более 80 процентов жителей области считают себя гражданами Казахстана.", "ru"),
    ("So far it has produced a handful of grants and a visa office that rejects two applications in three.", "en"),
    ("You cannot sell sanctioned microchips to one partner while pocketing the other's loans and expect nobody to "
     "notice.", "en"),
])
def test_no_proposition_no_claim(text, language):
    # what people consider themselves, things counted, the reader addressed: none is said by the one named
    assert [c["speaker"] for c in claims(text, language) if c["kind"] not in ("author", "according")] == []


def test_a_headline_is_no_part_of_the_lead_s_claim_the_service_is_the_one_named_and_that_night_opens_no_claim():
    from faultlines.ingest.files import text_document
    from faultlines.pipeline import Pipeline

    text = ("Three killed as gunmen attack Kyrgyz border post\nBISHKEK, Dec 2 (Reuters) - Gunmen attacked a Kyrgyz "
            "border post in Batken region late on Tuesday, killing three border guards, Kyrgyzstan's border service "
            "said on Wednesday.\n\nThe service said the attackers had crossed from Tajikistan. Tajikistan's border "
            "troops denied any involvement and said no Tajik citizens had crossed the border that night.")
    (doc,) = Pipeline(("language", "segment", "nlp", "claims")).pipe(
        [text_document(text, doc_id="k", source="k.txt", source_kind="file")])
    assert doc.title == "Three killed as gunmen attack Kyrgyz border post"
    found = [dict(a.attrs, text=doc.text[a.start:a.end]) for a in doc.layer("claim")]
    lead, crossed, denial, night = found
    assert lead["text"].startswith("Gunmen attacked a Kyrgyz border post")  # not the headline above it
    assert crossed["speaker"] == "Kyrgyzstan's border service"
    assert denial["denies"] == crossed["claim_id"]
    assert night["text"] == "no Tajik citizens had crossed the border that night"


def test_a_statement_from_an_office_is_the_office_s_and_the_committee_is_that_office():
    statement, search = claims("A statement from Tajikistan's State Committee for National Security said the attackers "
                               "had fled. The committee said a search operation was under way.")
    assert statement["speaker"] == search["speaker"] == "Tajikistan's State Committee for National Security"


@pytest.mark.parametrize("text, speaker, stance", [
    ("Киргизские власти в очередной раз гордо объявили, что республика сама выбирает партнёров.", "Киргизские власти",
     "assert"),
    ("Министр уточнил, что переговоры продолжатся в январе.", "Министр", "assert"),
    ("Местные СМИ пишут, что граница закрыта.", "Местные СМИ", "assert"),
    ("Власти уверяют, что ситуация под контролем.", "Власти", "assert"),
    ("Глава МИД пообещал, что переговоры возобновятся весной.", "Глава МИД", "predict"),
])
def test_more_russian_reporting_verbs(text, speaker, stance):
    claim = one(text, "ru")
    assert (claim["speaker"], claim["stance"]) == (speaker, stance)


def test_an_indirect_question_states_nothing():
    assert [c for c in claims("Кремль снова напомнил Астане, кто в доме хозяин.", "ru") if c["kind"] != "author"] == []
    assert one("Песков напомнил, что переговоры продолжатся.", "ru")["text"] == "переговоры продолжатся"


def test_a_quote_after_urged_is_the_urger_s_and_a_warning_against_something_predicts_nothing():
    found = {c["text"]: c for c in claims(
        'The company said in a statement that it "deeply regrets the incident". China\'s embassy in Astana urged the '
        'Kazakh authorities to "ensure the safety of Chinese citizens". The spokesman warned against "provocations on '
        'social media".')}
    assert found["ensure the safety of Chinese citizens"]["speaker"] == "China's embassy in Astana"
    assert found["provocations on social media"]["stance"] == "assert"


def test_a_call_for_release_is_a_claim_and_the_rejection_of_that_statement_denies_it():
    found = claims('Human Rights Watch said the trial was "a travesty". The European Union called for his release. '
                   'Uzbekistan\'s Foreign Ministry rejected the statement as "interference in internal affairs".')
    by_text = {c["text"]: c for c in found}
    assert 'the trial was "a travesty"' in by_text  # the straight quote closing the span stays
    call = by_text["his release"]
    assert (call["speaker"], call["stance"]) == ("European Union", "assert")
    assert by_text["the statement"]["denies"] == call["claim_id"]


def test_speech_another_wants_is_no_speech_but_speech_that_goes_on_is():
    assert [c for c in claims("Moscow wants Dushanbe to believe it cannot survive without Russian troops.")
            if c["kind"] != "author"] == []
    claim = one("Министр продолжает утверждать, что граница закрыта.", "ru")
    assert (claim["text"], claim["speaker"]) == ("граница закрыта", "Министр")


def test_a_denier_who_goes_on_to_blame_speaks_the_quote_and_a_denial_links_to_nothing_after_it():
    found = claims('A Taliban spokesman in Kabul denied that its forces had started the clash and blamed "smugglers '
                   'operating on both sides of the river".')
    denial, blame = found
    assert blame["speaker"] == denial["speaker"] == "Taliban spokesman in Kabul"
    assert denial.get("denies") is None


def test_a_concern_expressed_before_another_clause_is_the_one_who_expressed_it():
    found = claims("Госдеп выражает «озабоченность», западные журналисты пишут о «репрессиях», а местные активисты "
                   "получают гранты.", "ru")
    assert [(c["text"], c["speaker"]) for c in found] == [("выражает «озабоченность»", "Госдеп"),
                                                         ("репрессиях", "западные журналисты")]


def test_calling_reports_untrue_in_a_participle_denies_them():
    found = claims("Министерство иностранных дел Кыргызстана назвало «не соответствующими действительности» сообщения "
                   "о том, что Бишкек ведёт переговоры с Москвой о размещении второй российской военной базы.", "ru")
    assert {c["stance"] for c in found} == {"deny"}
    assert len(found) == 2


def test_a_resident_of_a_place_speaks_not_the_place():
    claim = one("После нападений в районе заметно усилено присутствие силовиков, сообщил житель Дарваза.", "ru")
    assert claim["speaker"] == "житель Дарваза"


def test_a_dateline_s_place_is_never_the_speaker_and_a_bare_this_denies_what_was_just_said():
    claim = next(c for c in claims("ASTANA, Dec 1 — Kazakhstan's National Security Committee said on Monday it had "
                                   "detained five people in Almaty.") if c["kind"] != "author")
    assert (claim["speaker"], claim["text"]) == ("Kazakhstan's National Security Committee",
                                                 "it had detained five people in Almaty")  # the day is the saying's
    found = claims("По данным правозащитников, при задержании милиция применила силу, двое протестующих получили "
                   "травмы. В ГУВД это опровергли.", "ru")
    told, denial = [c for c in found if c["kind"] != "author"]
    assert (denial["stance"], denial["denies"]) == ("deny", told["claim_id"])


def test_an_outlet_quoting_a_source_as_saying_and_a_denial_of_what_officials_confirmed():
    found = [c for c in claims(
        "TASS quoted a source in the Kyrgyz security services as saying that Bishkek had asked Moscow to send "
        "additional drones to the Kant air base. Two officials later confirmed the request to RIA Novosti. Bishkek's "
        "foreign ministry dismissed the reports as \"fake news\" the same day. One would think that a government asking "
        "for help would at least admit it.") if c["kind"] != "author"]
    report, confirmation, denial, label = found
    assert (report["speaker"], report["stance"], report["via"]) == (
        "TASS", "cite", ["TASS", "source in the Kyrgyz security services"])
    assert report["text"].startswith("Bishkek had asked Moscow")
    assert confirmation["confirms"] == report["claim_id"]
    # the ministry (not "Bishkek") denies the reports (not the label after "as"), what the officials confirmed
    assert (denial["speaker"], denial["text"], denial["denies"]) == (
        "Bishkek's foreign ministry", "the reports", report["claim_id"])
    assert (label["text"], label["denies"]) == ("fake news", report["claim_id"])  # "One would think …" is the author's


@pytest.mark.parametrize("text, speaker", [
    ("Two Tajik border guards were wounded on Thursday when smugglers opened fire on a patrol in the Ishkashim district "
     "of Gorno-Badakhshan, the State Committee for National Security said.", "State Committee for National Security"),
    ("Police dispersed a rally on Friday and detained at least 20 of them, witnesses and local media said.", "witnesses"),
])
def test_the_speaker_after_the_last_comma_the_parser_hung_elsewhere(text, speaker):
    claim = one(text)
    assert (claim["speaker"], claim["kind"]) == (speaker, "reported")


def test_a_newspaper_the_table_lacks_is_the_source_when_told_something():
    claim = one('"We asked for work, they gave us batons," one protester, who gave his name only as Yerlan, told the '
                'Caspian Herald by phone.')
    assert (claim["speaker"], claim["via"]) == ("Yerlan", ["Caspian Herald", "Yerlan"])


def test_an_office_after_a_russian_verb_and_an_organisation_s_whole_name_speak():
    claim = one("В результате перестрелки на границе в пятницу погибли пять человек, сообщили в пограничной службе ГКНБ "
                "Киргизии.", "ru")
    assert claim["speaker"] == "пограничная служба ГКНБ Киргизии"
    claim = one("The Committee to Protect Journalists welcomed her release but said the charges should be dropped.")
    assert claim["speaker"] == "Committee to Protect Journalists"


def test_as_anyone_says_in_russian_and_recruited_is_no_assurance():
    claim = one("Как утверждают правозащитники, с тех пор в республике были осуждены более 60 человек.", "ru")
    assert (claim["speaker"], claim["text"]) == ("правозащитники", "с тех пор в республике были осуждены более 60 человек")
    claim = one("По словам собеседника агентства, задержанные являются членами группировки и были завербованы в "
                "Афганистане.", "ru")
    assert claim["speaker"] == "собеседник агентства"  # "завербованы" is no "заверили"


def test_an_opposition_website_named_after_its_head_and_information_called_conjecture():
    claim = one("Then, according to the Turkmen opposition website Chronicles of Turkmenistan, citing sources in the "
                "defence ministry, the government quietly asked Moscow for night-vision equipment.")
    assert (claim["speaker"], claim["via"]) == ("Chronicles of Turkmenistan",
                                                ["Chronicles of Turkmenistan", "sources in the defence ministry"])
    found = claims("Как пишет «Газета.uz» со ссылкой на источник в Минобороны, Ташкент рассматривает возможность "
                   "размещения американского центра. В МИД Узбекистана эту информацию назвали «домыслами».", "ru")
    report, denial, label = found
    assert (denial["stance"], denial["denies"], label["stance"]) == ("deny", report["claim_id"], "deny")
    # a conjecture inside what is said denies nothing
    assert one("«Каждое нападение на иностранцев порождает волну домыслов», — сказал политолог Алишер Ташкентов.",
               "ru")["stance"] == "assert"


def test_a_denial_answers_the_whole_claim_not_the_quote_inside_it():
    found = claims('Human Rights Watch said the trial was "a travesty" and that Tazhimuratov had been tortured in custody. '
                   "The Prosecutor General's Office denied the allegations.")
    told = next(c for c in found if c["kind"] == "reported" and c["speaker"] == "Human Rights Watch")
    denial = next(c for c in found if c["stance"] == "deny")
    assert denial["denies"] == told["claim_id"]


@pytest.mark.parametrize("text, speaker, via", [
    ("Tokayev was quoted as saying that Kazakhstan would not send troops.", "Tokayev", None),
    ("Officials were quoted by TASS as saying that the talks had failed.", "Officials", ["TASS", "Officials"]),
    ("A spokesperson for the Tajik border service said two militants had been killed.",
     "spokesperson for the Tajik border service", None),  # not "Tajik", which spaCy called a person
])
def test_one_quoted_as_saying_speaks_and_a_name_modifying_a_noun_is_no_speaker(text, speaker, via):
    claim = one(text)
    assert (claim["speaker"], claim["via"]) == (speaker, via)


@pytest.mark.parametrize("text, language, stance, span", [
    ("Эксперты не исключают, что конфликт может возобновиться.", "ru", "predict", "конфликт может возобновиться"),
    ("Officials did not rule out that the border would close.", "en", "predict", "the border would close"),
    ("The ministry ruled out talks with the Taliban.", "en", "deny", "talks with the Taliban"),
])
def test_not_ruling_out_foresees_and_ruling_out_denies(text, language, stance, span):
    claim = one(text, language)
    assert (claim["stance"], claim["text"]) == (stance, span)


def test_an_abbreviated_office_speaks_and_a_list_item_s_marker_is_no_part_of_a_claim():
    found = claims("В ГКНБ Киргизии обвинили таджикскую сторону в провокациях. В Душанбе эти обвинения назвали "
                   "«абсурдными».", "ru")
    accusation, denial = found[0], found[1]
    assert (accusation["speaker"], denial["denies"]) == ("ГКНБ Киргизии", accusation["claim_id"])
    (item,) = [c for c in claims("Timeline\n\n* Nov. 27 — One Tajik soldier was wounded in a shootout near Vorukh.\n")
               if c["kind"] == "author"]
    assert item["text"].startswith("Nov. 27")


@pytest.mark.parametrize("text, speaker", [
    ("Со слов очевидцев, стрельба продолжалась около часа.", "очевидцы"),
    ("Согласно заявлению МИД Таджикистана, граница остаётся открытой.", "МИД Таджикистана"),
])
def test_from_the_words_of_witnesses_and_according_to_a_ministry_s_statement(text, speaker):
    claim = one(text, "ru")
    assert (claim["speaker"], claim["kind"]) == (speaker, "according")


def test_not_admitting_guilt_denies_the_charge_not_the_lawyers_who_report_it():
    found = claims("По версии спецслужбы, задержанные планировали организовать массовые беспорядки в Бишкеке. Адвокаты "
                   "двоих задержанных заявили изданию Kloop, что их подзащитные вину не признают.", "ru")
    charge = next(c for c in found if c["speaker"] == "спецслужба")
    denial = next(c for c in found if c["stance"] == "deny")
    assert (denial["text"], denial["denies"]) == ("вину", charge["claim_id"])


def test_a_surname_after_the_full_name_is_the_same_speaker():
    found = claims('"Moscow cannot afford to lose Central Asia," said Temur Umarov, a fellow at the Carnegie Russia '
                   'Eurasia Center. "This is a turning point," Umarov added.')
    assert [c["speaker"] for c in found] == ["Temur Umarov", "Temur Umarov"]


@pytest.mark.parametrize("text, language, speaker, span", [
    ("Tajikistan's State Committee for National Security gave a different account, saying Kyrgyz soldiers fired first.",
     "en", "Tajikistan's State Committee for National Security", "Kyrgyz soldiers fired first"),
    ("The police released a video, saying the suspects had confessed.", "en", "police", "the suspects had confessed"),
    ("ГКНБ Таджикистана изложил свою версию, заявив, что первыми огонь открыли киргизские военные.", "ru",
     "ГКНБ Таджикистана", "первыми огонь открыли киргизские военные"),
])
def test_a_participle_speaks_for_the_subject_of_its_clause(text, language, speaker, span):
    claim = one(text, language)
    assert (claim["speaker"], claim["text"]) == (speaker, span)
    # ... unless its clause has not happened: "would come running to Moscow while insisting that it needed no one"
    assert [c["speaker"] for c in claims("Korbin predicted that Dushanbe would come running to Moscow while insisting in "
                                         "public that it needed no one.") if c["kind"] != "author"] == ["Korbin"]


def test_nobody_speaks_scare_quotes_and_a_claim_noun_is_no_part_of_its_questioner():
    assert [c for c in claims('Every flare-up ends in a "ceasefire" that nobody believes.') if c["kind"] != "author"] == []
    questioned = [c for c in claims('Tokayev blamed "terrorists trained abroad" for the violence, a claim rights '
                                    'groups have questioned.') if c["stance"] == "question"]
    assert questioned and {c["speaker"] for c in questioned} == {"rights groups"}


@pytest.mark.parametrize("text, language, speaker, via", [
    ("The Rogun dam will leave Uzbekistan without water, a video viewed two million times on TikTok says.", "en",
     "video", None),
    ("С 1 сентября в школах запрещено преподавание на русском языке, сообщают телеграм-каналы со ссылкой на "
     "«источники в министерстве».", "ru", "телеграм-каналы", ["телеграм-каналы", "источники в министерстве"]),
])
def test_a_source_after_its_claim_and_a_source_it_cites_in_quotes(text, language, speaker, via):
    claim = one(text, language)
    assert (claim["speaker"], claim["via"]) == (speaker, via)


def test_a_fact_check_s_claim_line_keeps_the_source_it_names_and_its_verdict_denies_it():
    found = claims("Fact check: Did Russia close its base in Kyrgyzstan?\n\n"
                   "Claim: Russia has withdrawn all its troops from the Kant air base, according to posts shared "
                   "widely on Telegram this week.\n\nVerdict: False.\n\n"
                   "What we found: The Russian Defence Ministry said on Monday that the base continues to operate.")
    myth = next(c for c in found if c["text"].startswith("Russia has withdrawn"))
    verdict = next(c for c in found if c["text"] == "False")
    assert myth["speaker"] == "posts"
    assert (verdict["stance"], verdict["denies"]) == ("deny", myth["claim_id"])


def test_a_label_participle_after_a_relative_clause_is_the_main_speaker_s_and_a_report_s_owner_speaks():
    found = claims("Uzbekistan's Foreign Ministry on Tuesday rejected a Human Rights Watch report that accused authorities "
                   'of torturing detainees, calling it "biased and based on unverified sources".')
    accusation = next(c for c in found if c["cue"] == "accused")
    label = next(c for c in found if c["quote"])
    assert accusation["speaker"] == "Human Rights Watch"
    assert (label["speaker"], label["stance"], label["denies"]) == (
        "Uzbekistan's Foreign Ministry", "deny", accusation["claim_id"])


def test_it_is_not_the_last_plural_speaker():
    found = claims("The group said that at least 14 of the people had told relatives they were beaten. It urged Tashkent "
                   "to allow an independent investigation.")
    urged = next(c for c in found if c["cue"] == "urged")
    assert urged["speaker"] == "group"


def test_an_office_whose_genitive_the_ner_calls_a_person_and_an_organisation_named_in_quotes():
    claim = one("В прокуратуре Каракалпакстана факт задержаний подтвердили.", "ru")
    assert claim["speaker"] == "прокуратура Каракалпакстана"
    found = [c for c in claims("Правозащитники из «Ассоциации по правам человека в Центральной Азии» назвали "
                               "задержания «превентивными репрессиями».", "ru") if c["kind"] != "author"]
    assert [(c["text"], c["speaker"]) for c in found] == [("превентивными репрессиями", "Правозащитники")]


def test_the_agency_in_russian_is_the_organisation_that_acted_before_it():
    claim = one("Генеральная прокуратура Киргизии обратилась в суд с иском о признании материалов издания «Клооп» "
                "ложными. Об этом говорится в сообщении ведомства, опубликованном в среду.", "ru")
    assert claim["speaker"] == "Генеральная прокуратура Киргизии"


def test_an_interview_s_answers_are_the_interviewee_s():
    found = claims('"We were never asked": a Kyrgyz MP on the CSTO\n\nQ: Bishkek has again asked the CSTO to help on the '
                   "Tajik border. Do you support that?\n\nA: I do not. In 2022 the CSTO did nothing while our villages "
                   "burned.\n\nQ: Some say only Russia can guarantee Kyrgyzstan's security.\n\nA: That is a myth.")
    answer = next(c for c in found if c["text"].startswith("In 2022"))
    question = next(c for c in found if c["text"].startswith("Bishkek has again"))
    assert (answer["speaker"], answer["kind"]) == ("Kyrgyz MP", "quote")
    # every sentence of an answer is theirs, and "That is a myth" denies what "some say"
    some = next(c for c in found if c["speaker"] == "Some")
    myth = next(c for c in found if c["text"] == "That is a myth")
    assert (myth["speaker"], myth["stance"], myth["denies"]) == ("Kyrgyz MP", "deny", some["claim_id"])
    assert any(c["text"] == "I do not" and c["speaker"] == "Kyrgyz MP" for c in found)
    assert question["kind"] == "author"  # (its "Q:" label trimmed)
    found = claims("Беседа с депутатом Жогорку Кенеша Аркадием Дубновым\n\nВопрос: Бишкек снова просит ОДКБ о помощи?\n\n"
                   "Ответ: Нет. Россия обещала защитить Баткен, но в 2022 году ОДКБ ничего не сделала.\n\nВопрос: А "
                   "граница?\n\nОтвет: Её надо демаркировать.", "ru")
    assert {c["speaker"] for c in found if c["text"].startswith("Россия обещала")} == {
        "депутат Жогорку Кенеша Аркадий Дубнов"}


def test_a_denial_answers_the_claim_of_its_deed_and_a_bare_label_nothing_told_after_it():
    found = claims("The New York-based group said at least 14 of the people convicted had told relatives they were beaten "
                   "in custody.\n\n\"Not a single complaint of torture has been confirmed,\" Uzbekistan's Foreign "
                   "Ministry said. "
                   "Uzbekistan has repeatedly denied allegations of abuse.")
    beaten = next(c for c in found if c["text"] == "they were beaten in custody")
    denial = next(c for c in found if c["text"] == "allegations of abuse")
    assert denial["denies"] == beaten["claim_id"]  # (abuse, beaten: one deed), not the ministry's quote
    found = claims("Власти Таджикистана опровергли информацию о мобилизации резервистов. В Минобороны назвали её "
                   "«провокацией».\n\nЕго брат рассказал нам, что силовики изъяли телефоны всей семьи.", "ru")
    assert not any(c.get("denies") for c in found if c["text"] == "провокацией")


def test_a_charge_of_false_information_denies_nothing_and_a_regional_police_office_speaks():
    claim = one("A court in Almaty on Friday sentenced journalist Duman Mukhammedkarim to seven years in prison for "
                "financing extremism and spreading false information, his lawyer said.")
    assert (claim["speaker"], claim["stance"]) == ("his lawyer", "assert")
    assert one("Officials said the reports of fighting were false.")["stance"] == "deny"
    claim = one("Один человек погиб и четверо получили ранения в результате массовой драки, сообщили в ГУВД области.", "ru")
    assert claim["speaker"] == "ГУВД области"


@pytest.mark.parametrize("text, language, expected", [
    ('Spokesman Ruslan Musaev called the Reuters report "fake news" and insisted that no request had been sent.', "en",
     ("no request had been sent", None)),
    ("Руслан Мусаев назвал публикацию Reuters «фейком» и заявил, что никаких просьб Бишкек не направлял.", "ru",
     ("никаких просьб Бишкек не направлял", None)),
    ("На следующий день два чиновника подтвердили эту просьбу РИА Новости.", "ru",
     ("эту просьбу", ["RIA Novosti", "два чиновника"])),
])
def test_an_outlet_s_story_is_no_one_the_speaker_told_and_the_outlet_told_is_no_part_of_the_object(text, language,
                                                                                                   expected):
    found = [c for c in claims(text, language) if c["kind"] == "reported" and c["cue"] not in ("called", "назвал")]
    assert [(c["text"], c["via"]) for c in found] == [expected]


def test_what_diplomats_reassure_others_of_is_asserted_not_denied():
    found = claims('Bishkek quietly begs Moscow for help, while its diplomats deny everything and reassure Washington '
                   'and Brussels that Kyrgyzstan remains "a multi-vector state".')
    assert {c["stance"] for c in found if c["text"].startswith("Kyrgyzstan remains")} == {"assert"}


def test_a_reported_request_is_no_speech():
    found = claims('Writing on X, former Kyrgyz foreign minister Alikbek Jekshenkulov called the reported request "a sign '
                   'of weakness".')
    assert [(c["text"], c["speaker"], c["cue"]) for c in found if c["kind"] != "author"] == [
        ("a sign of weakness", "Alikbek Jekshenkulov", "called")]


@pytest.mark.parametrize("text", [
    "«Мы не просили ни о каких войсках», — сказал заместитель министра Фарход Махмудзода.",
    "Руслан Мусаев заявил, что никаких просьб Бишкек не направлял.",
])
def test_a_russian_nothing_of_the_kind_denies(text):
    found = [c for c in claims(text, "ru") if c["kind"] != "author"]
    assert found and all(c["stance"] == "deny" for c in found)


def test_a_second_verb_that_does_not_agree_with_the_complement_speaks_for_the_first_speaker():
    found = claims("Минобороны Узбекистана, однако, подтвердило, что снаряды прилетели со стороны афганского города "
                   "Хайратон, и сообщило об усилении охраны границы.", "ru")
    assert [(c["text"], c["speaker"]) for c in found if c["kind"] != "author"] == [
        ("снаряды прилетели со стороны афганского города Хайратон", "Минобороны Узбекистана"),
        ("усилении охраны границы", "Минобороны Узбекистана")]


def test_a_joined_labelling_verb_is_the_speaker_s_and_ends_the_first_claim():
    found = claims("Представитель движения «Талибан» Забихулла Муджахид заявил в соцсетях, что с афганской стороны "
                   "никаких обстрелов не велось, а сообщения о ракетах назвал «попыткой очернить новую власть».", "ru")
    assert [(c["text"], c["speaker"], c["stance"]) for c in found if not c["quote"]] == [
        ("с афганской стороны никаких обстрелов не велось", "Забихулла Муджахид", "deny"),
        ("сообщения о ракетах", "Забихулла Муджахид", "deny")]


def test_a_denied_gerund_is_what_is_denied():
    found = [c for c in claims("Police denied using excessive force.") if c["kind"] != "author"]
    assert [(c["text"], c["speaker"], c["stance"]) for c in found] == [("using excessive force", "Police", "deny")]


def test_they_are_the_plural_subject_named_after_the_last_speaker_and_her_second_predicate_is_hers():
    found = claims("АЛМАТЫ, 3 декабря — КазТАГ. Суд приговорил четырёх участников беспорядков, сообщила пресс-служба "
                   "суда. По данным обвинения, подсудимые участвовали в нападении на здание акимата. Свою вину они не "
                   "признали. Адвокат Жанар Балгабаева заявила, что её подзащитного пытали в следственном изоляторе, и "
                   "намерена обжаловать приговор.", "ru")
    assert ("Свою вину", "подсудимые", "deny") in [(c["text"], c["speaker"], c["stance"]) for c in found]
    assert ("её подзащитного пытали в следственном изоляторе", "Жанар Балгабаева") in [
        (c["text"], c["speaker"]) for c in found]


@pytest.mark.parametrize("text, expected", [
    ("The attack, officials said, was planned in Afghanistan.",
     ("The attack, officials said, was planned in Afghanistan", "officials")),
    ("The attack on the border post, two officials said on Tuesday, had been planned in Afghanistan.",
     ("The attack on the border post, two officials said on Tuesday, had been planned in Afghanistan", "two officials")),
    ("Western media love a simple story. In January 2022, they told their readers, Russia used the CSTO to occupy "
     "Kazakhstan.", ("In January 2022, they told their readers, Russia used the CSTO to occupy Kazakhstan",
                     "Western media")),
])
def test_a_reporting_aside_reports_the_sentence_around_it(text, expected):
    assert [(c["text"], c["speaker"]) for c in claims(text) if c["kind"] == "reported"] == [expected]


def test_the_outlet_that_asked_carries_the_answer_and_each_blames_no_one():
    (found,) = [c for c in claims("A spokesman for the Russian Defence Ministry, asked about the reports by Interfax, "
                                  "said the base was carrying out its tasks as planned.") if c["kind"] == "reported"]
    assert found["via"] == ["Interfax", "spokesman for the Russian Defence Ministry"]
    assert not [c for c in claims("Taliban and Tajik border guards trade fire on the Panj, each blames the other")
                if c["kind"] != "author"]


def test_a_comma_before_and_opens_the_russian_speaker_s_next_verb():
    found = [c for c in claims("В Пограничных войсках ГКНБ Таджикистана заявили, что огонь первыми открыли киргизские "
                               "военные, и сообщили о двух раненых таджикских пограничниках.", "ru") if c["kind"] != "author"]
    assert [(c["text"], c["speaker"]) for c in found] == [
        ("огонь первыми открыли киргизские военные", "Пограничные войска ГКНБ Таджикистана"),
        ("двух раненых таджикских пограничниках", "Пограничные войска ГКНБ Таджикистана")]


def test_the_statement_is_its_maker_s_a_claim_of_responsibility_and_a_charge_s_name():
    found = claims("Uzbekistan's State Security Service said in a statement that it had detained six people. \"The group "
                   "received instructions from handlers in Afghanistan,\" the statement said.")
    assert {c["speaker"] for c in found if c["kind"] != "author"} == {"Uzbekistan's State Security Service"}
    (responsibility,) = [c for c in claims("Islamic State Khorasan claimed responsibility for a suicide bombing in Kabul "
                                           "that killed 12 people.") if c["kind"] != "author"]
    assert responsibility["text"] == "responsibility for a suicide bombing in Kabul that killed 12 people"
    assert not [c for c in claims("No group has claimed responsibility for the attack.") if c["kind"] != "author"]
    assert not [c for c in claims("Суд приговорил блогера к семи годам заключения по обвинению в «призывах к свержению "
                                  "конституционного строя».", "ru") if c["quote"]]


def test_a_denial_joined_to_a_relative_clause_a_tally_s_owner_and_a_russian_prediction():
    found = claims("Tajikistan's border troops said their patrol had fired warning shots at \"unknown persons\" who crossed "
                   "the border and denied that anyone had been killed by Tajik fire.")
    assert [(c["text"], c["speaker"], c["stance"]) for c in found if not c["quote"]] == [
        ("their patrol had fired warning shots at \"unknown persons\" who crossed the border",
         "Tajikistan's border troops", "assert"),
        ("anyone had been killed by Tajik fire", "Tajikistan's border troops", "deny")]
    (tally,) = claims("Since January, at least 46 people have been killed along the border, according to a tally by "
                      "Radio Azattyk.")
    assert (tally["speaker"], tally["via"]) == ("Radio Azattyk", None)
    (forecast,) = claims("По словам политолога, в ближайшие годы эта линия только усилится.", "ru")
    assert forecast["stance"] == "predict"


def test_a_denial_joined_to_a_present_tense_claim_an_object_s_words_and_a_russian_однако():
    found = claims("President Sadyr Japarov has said the law is needed to ensure transparency and denied that it was "
                   "modelled on Russia's foreign agents legislation. The U.S. State Department urged the Kyrgyz "
                   "authorities to respect freedom of assembly.")
    assert [(c["text"], c["stance"]) for c in found if c["kind"] != "author"] == [
        ("the law is needed to ensure transparency", "assert"),
        ("it was modelled on Russia's foreign agents legislation", "deny"),
        ("the Kyrgyz authorities to respect freedom of assembly", "assert")]
    # the quote is the spokesman's, and what follows ", однако" is no part of what he said
    (quote,) = [c for c in claims("Официальный представитель МИД Казахстана Айбек Смадияров заявил, что речь идет "
                                  "«исключительно о гуманитарном сотрудничестве», однако опровергать сообщение "
                                  "агентства не стал.", "ru") if c["kind"] != "author"]
    assert (quote["text"], quote["speaker"], quote["stance"]) == (
        "исключительно о гуманитарном сотрудничестве", "Айбек Смадияров", "assert")


def test_an_as_aside_and_a_passive_denial_name_their_speakers():
    found = [c for c in claims("Last month, as the Financial Times claimed, Kazakh officials quietly asked Brussels to "
                               "help them bypass Russian export routes. The story was denied within hours by the "
                               "Kazakh Foreign Ministry. At least six people have been questioned by police in Nukus.")
             if c["kind"] != "author"]
    assert [(c["text"], c["speaker"], c["stance"]) for c in found] == [
        ("Kazakh officials quietly asked Brussels to help them bypass Russian export routes", "Financial Times",
         "assert"),
        ("The story", "Kazakh Foreign Ministry", "deny")]
    assert one("The talks had stalled, as Reuters reported on Monday.")["speaker"] == "Reuters"


def test_a_russian_dash_interview_an_outlet_with_a_dot_and_a_label_that_is_no_speaker():
    found = claims("«Талибы не остановятся на Пяндже»: эксперт о рисках\n\nПолитолог Андрей Серенко в интервью "
                   "«Независимой газете» рассказал, почему обстановка ухудшается.\n\n— Насколько реальна угроза?\n\n"
                   "— Угроза вполне реальна. По моим данным, на севере Афганистана сосредоточено не менее 6 тысяч "
                   "боевиков.\n\n— Что может сделать Россия?\n\n— Россия уже усилила 201-ю базу.", "ru")
    assert {c["speaker"] for c in found if c["quote"]} == {"Политолог Андрей Серенко"}
    assert any(c["text"] == "Россия уже усилила 201-ю базу." for c in found if c["quote"])
    cited = one("Как сообщило агентство «24.kg» со ссылкой на источник в правительстве, Бишкек обратился к Москве с "
                "просьбой ускорить поставку вертолётов.", "ru")
    assert (cited["speaker"], cited["via"], cited["stance"]) == ("24.kg", ["24.kg", "источник в правительстве"], "cite")
    assert not [c for c in claims("Analysis: the week confirms that the Afghan border remains the region's main "
                                  "source of violence.") if c["kind"] != "author"]


def test_an_as_that_is_no_aside():
    (detained,) = [c for c in claims("Police detained about 30 people as protesters gathered to oppose a bill that would "
                                     "label NGOs as \"foreign representatives\", the Interior Ministry said.")
                   if not c["quote"]]
    assert detained["speaker"] == "Interior Ministry" and detained["text"].startswith("Police detained")
    assert not [c for c in claims("The contingent left on January 19, exactly as President Tokayev had announced.")
                if c["kind"] != "author"]


def test_an_allegation_another_rejects_in_a_relative_clause():
    found = [c for c in claims("Defence lawyer Rustam Nurmatov told Reuters his clients had been tortured in detention, "
                               "an allegation the Prosecutor General's Office rejected as \"groundless\".")
             if not c["quote"]]
    assert [(c["text"], c["speaker"], c["stance"], c["via"]) for c in found] == [
        ("his clients had been tortured in detention", "Rustam Nurmatov", "assert", ["Reuters", "Rustam Nurmatov"]),
        ("his clients had been tortured in detention", "Prosecutor General's Office", "deny", None)]


def test_a_demand_joined_inside_the_complement_stays_in_it():
    found = claims("Prosecutors said the three had organised the protests and called for the seizure of government "
                   "buildings.")
    assert ("the three had organised the protests and called for the seizure of government buildings",
            "Prosecutors") in [(c["text"], c["speaker"]) for c in found]


def test_a_council_that_confirms_and_a_source_s_description():
    confirmed = one("Эту информацию подтвердили «Известиям» в Совете безопасности Таджикистана.", "ru")
    assert (confirmed["speaker"], confirmed["stance"], confirmed["via"]) == (
        "Совет безопасности Таджикистана", "confirm", ["Izvestia", "Совет безопасности Таджикистана"])
    cited = one("Как сообщило агентство Reuters со ссылкой на два источника, знакомых с ситуацией, Душанбе обратился к "
                "Москве с просьбой о военной помощи.", "ru")
    assert (cited["text"], cited["via"]) == ("Душанбе обратился к Москве с просьбой о военной помощи",
                                             ["Reuters", "два источника, знакомых с ситуацией"])


def test_whom_a_confirmation_was_given_to_leaves_no_dangling_to():
    confirmed = one("A senior official in Dushanbe confirmed the request to RIA Novosti on Wednesday.")
    assert (confirmed["text"], confirmed["via"]) == ("the request", ["RIA Novosti", "senior official in Dushanbe"])


def test_chains_of_sources_and_a_statement_on_a_website():
    chain = one("Interfax, citing a source in the Russian Defence Ministry who cited intelligence reports, said militants "
                "were massing near the border.")
    assert chain["via"] == ["Interfax", "source in the Russian Defence Ministry", "intelligence reports"]
    described = one("РИА Новости со ссылкой на источник, близкий к администрации президента, сообщило, что визит "
                    "перенесён.", "ru")
    assert described["via"] == ["РИА Новости", "источник, близкий к администрации президента"]
    fergana = one("По данным «Фергана.ру», ссылающейся на местных жителей, в городе слышны выстрелы.", "ru")
    assert (fergana["text"], fergana["via"]) == ("в городе слышны выстрелы", ["Фергана.ру", "местных жителей"])
    posted = one("According to a statement posted on the ministry's website, the border was closed.")
    assert (posted["speaker"], posted["text"]) == ("ministry", "the border was closed")
    found = claims("Interfax said militants were massing near the border. The report, which cited satellite images, "
                   "said a new base was being built.")
    assert found[-1]["speaker"] == "Interfax" and found[-1]["via"] == ["Interfax", "satellite images"]
    own = claims("China's embassy in Dushanbe said it was \"deeply shocked\", according to a notice published on its "
                 "website.")
    assert {c["speaker"] for c in own if c["kind"] != "author"} == {"China's embassy in Dushanbe"}


def test_a_live_blog_entry_s_time_is_no_part_of_its_claim_and_a_genitive_byline_speaks_in_the_nominative():
    killed, evacuated = claims("12:50 — Two Kyrgyz border guards were killed near the Kok-Tash checkpoint, the GKNB "
                               "said.\n\n15:30 — Residents of several villages are being evacuated, local authorities said.")
    assert (killed["text"], evacuated["text"]) == ("Two Kyrgyz border guards were killed near the Kok-Tash checkpoint",
                                                   "Residents of several villages are being evacuated")
    column = "Неблагодарность\n\nКолонка Андрея Лузина\n\nВ 2010 году Москва выделила Бишкеку 20 млн долларов помощи."
    at = column.index("Андрея")
    (author,) = [c for c in claims(column, "ru", author="Андрея Лузина", byline=[at, at + 13]) if c["kind"] == "author"]
    assert author["speaker"] == "Андрей Лузин"  # (and "Автор: Ерлан Абенов" stays as written: the gold's own test)


def test_the_interviewee_named_on_a_line_under_the_title_answers():
    answers = [c for c in claims(
        "«Рогун — это вопрос выживания»: эксперт о таджикской ГЭС\n\nИнтервью с гидрологом Бахтиёром Нуровым\n\n"
        "— Узбекистан раньше резко возражал против строительства Рогунской ГЭС. Что изменилось?\n\n— Изменилось "
        "руководство в Ташкенте. Мирзиёев выбрал прагматизм.\n\n— Может ли спор о воде перерасти в конфликт?\n\n"
        "— Если не договоримся, то да. Вода в Центральной Азии уже сегодня дороже нефти.", "ru") if c["quote"]]
    assert answers and {c["speaker"] for c in answers} == {"гидролог Бахтиёр Нуров"}


def test_an_author_s_reminder_reports_nobody_and_what_is_said_ends_at_a_semicolon():
    assert not [c for c in claims("Напомним, ранее Запад уже пытался раскачать ситуацию в ГБАО руками местных "
                                  "«активистов».", "ru") if c["kind"] != "author"]
    calm, gunfire = claims("Чиновники заявили, что на границе спокойно; жители сообщили о стрельбе ночью.", "ru")
    assert (calm["speaker"], calm["text"]) == ("Чиновники", "на границе спокойно")
    assert gunfire["speaker"] == "жители"


def test_a_that_inside_an_embedded_clause_opens_no_claim_and_no_claim_ends_on_and():
    assert one("Analysts say the incident shows how fragile that settlement remains.")["text"] == \
        "the incident shows how fragile that settlement remains"
    assert one("Kazakh officials then tell anyone who will listen that the West is a reliable partner.")["text"] == \
        "the West is a reliable partner"
    deputies = next(c for c in claims("State television accuses Astana of ingratitude, Duma deputies question "
                                      "Kazakhstan's borders, and migrant workers face raids.") if c["speaker"] == "Duma deputies")
    assert deputies["text"] == "Kazakhstan's borders"


def test_a_state_recognised_is_no_statement_and_a_word_quoted_from_someone_s_words_is_theirs():
    assert [c["speaker"] for c in claims("Ранее Токаев сказал, что Астана не признает ни Тайвань, ни Косово.", "ru")] == [
        "Токаев"]
    assert not claims("Кремль ответил на слова Токаева о «непризнании» новых регионов", "ru")


def test_the_outlet_told_is_no_part_of_what_was_confirmed():
    claim = one("The next day a deputy head of the State Committee for National Security confirmed the talks to the "
                "Russian news agency TASS.")
    assert (claim["text"], claim["stance"]) == ("the talks", "confirm")


def test_a_short_quote_inside_what_a_speaker_said_is_theirs_and_a_kommersant_source_cites_it():
    found = claims('The U.S. embassy in Bishkek said it was "concerned" by the arrest and urged the authorities to '
                   'respect freedom of expression.')
    assert {c["speaker"] for c in found} == {"U.S. embassy in Bishkek"}
    (told,) = [c for c in claims("Россия и Таджикистан ведут переговоры об усилении 201-й военной базы, сообщил "
                                 "«Коммерсанту» источник в Минобороны России.", "ru") if c["kind"] != "author"]
    assert told["via"] == ["Kommersant", "источник в Минобороны России"]


def test_the_day_of_the_saying_is_no_part_of_the_speaker():
    (accusation,) = claims("Human Rights Watch on Wednesday accused police of beating detainees in Asaka.")
    assert accusation["speaker"] == "Human Rights Watch"


def test_a_sentence_parsed_as_a_noun_phrase_keeps_its_speaker_and_a_doubt_its_object():
    (confirmed,) = claims("Two relatives of the dead soldier, reached by phone in Kulob, confirmed to RFE/RL that he "
                          "had died in a shootout.")
    assert (confirmed["speaker"], confirmed["stance"]) == ("Two relatives of the dead soldier", "confirm")
    (doubt,) = claims("Депутат Жогорку Кенеша Дастан Бекешев усомнился в заявлениях ГКНБ.", "ru")
    assert (doubt["speaker"], doubt["stance"], doubt["text"]) == ("Дастан Бекешев", "question", "заявлениях ГКНБ")
    denial = [c for c in claims("Версию диверсии в ведомстве назвали «не имеющей оснований».", "ru")
              if c["kind"] == "reported"]
    assert [(c["speaker"], c["stance"], c["text"]) for c in denial] == [("ведомство", "deny", "Версию диверсии")]


def test_an_update_label_is_no_speaker_and_rfe_rl_is_one_name():
    (update,) = claims("UPDATE, November 27: Kyrgyz police said on Friday they had detained four men over the brawl.")
    assert update["speaker"] == "Kyrgyz police"
    (reported,) = claims("The strike hit a power station in Kharkiv, RFE/RL reported.")
    assert reported["speaker"] == "RFE/RL"


def test_more_regional_outlets_carry_what_they_were_told():
    (told,) = claims("Kovalenko told the Zvezda television channel that a second batch of drones would arrive in 2027.")
    assert told["via"] == ["Zvezda", "Kovalenko"]
    (denied,) = claims("Мавлави Абдулла Хамас заявил агентству Pajhwok, что сообщения беспочвенны.", "ru")
    assert (denied["via"], denied["stance"]) == (["Pajhwok", "Мавлави Абдулла Хамас"], "deny")


def test_the_interviewee_the_lead_says_the_outlet_spoke_to_answers():
    english = [c for c in claims(
        '"The Panj is no longer a line on a map": a Tajik border expert on drones\n\nDUSHANBE - The frontier has seen its '
        "worst month in years. Asia-Plus spoke to Rustam Haidarov, a retired colonel of the Tajik Border Troops.\n\nQ: Who "
        "was behind the drone attack?\n\nA: My sources say it was a commercial quadcopter.\n\nQ: Will it happen "
        "again?\n\nA: I expect more incidents before the spring.") if c["quote"]]
    assert english and {c["speaker"] for c in english} == {"Rustam Haidarov"}
    # an answer's first sentence (it starts at the "A:" label) and an "I expect" inside an answer are the interviewee's
    answers = claims(
        "Border chief on Batken\n\nRFE/RL spoke with Colonel Talant Abdykadyrov in Bishkek on Wednesday.\n\nQ: What "
        "happened near Kok-Tash?\n\nA: At about 6 p.m. one of our patrols came under fire from the Tajik side. A sergeant "
        "was wounded.\n\nQ: Do you expect another escalation?\n\nA: No. But I expect small incidents over water to "
        "continue until the spring.")
    assert {c["speaker"] for c in answers if "patrols" in c["text"] or "small incidents" in c["text"]} == {
        "Colonel Talant Abdykadyrov"}
    russian = [c for c in claims(
        "«Угроза с юга никуда не делась»: эксперт о безопасности\n\nKaktus.media поговорил с экспертом по вопросам "
        "безопасности, бывшим сотрудником Совбеза Кыргызстана Кубатом Рахимовым о взрыве в Кара-Суу.\n\n— Это начало "
        "новой волны?\n\n— Я бы не спешил с выводами. Исполнители — местные ребята.\n\n— Что будет весной?\n\n— Я "
        "ожидаю, что их станет больше.", "ru") if c["quote"]]
    assert russian and {c["speaker"] for c in russian} == {"Кубат Рахимов"}


def test_a_fiction_denies():
    denial = [c for c in claims("Песков 30 ноября назвал эти сообщения Радио Свобода «абсолютной выдумкой».", "ru")
              if c["kind"] == "reported"]
    assert [(c["speaker"], c["stance"]) for c in denial] == [("Песков", "deny")]


@pytest.mark.parametrize("text, language, stance", [
    ("Other members may follow Armenia's example within two or three years, analyst Arkady Dubnov said.", "en",
     "predict"),
    ("The analyst said the unrest could spread to other regions next year.", "en", "predict"),
    ("Эксперт заявил, что группировка, вероятно, попытается использовать Тахар весной.", "ru", "predict"),
    ("Police said nobody could leave the village on Friday.", "en", "assert"),
])
def test_a_possibility_set_ahead_is_a_prediction(text, language, stance):
    assert one(text, language)["stance"] == stance


def test_a_day_between_the_verb_and_the_speaker_is_no_speaker():
    found = claims("Как сообщил в понедельник пресс-секретарь МИД Узбекистана Ахрор Бурханов, Ташкент запросит разъяснений. "
                   "Как сообщило накануне издание Kaktus.media со ссылкой на местных жителей, в мае там пострадал подросток.",
                   "ru")
    assert [c["speaker"] for c in found] == ["Ахрор Бурханов", "Kaktus Media"]


def test_he_is_the_person_named_outside_quotes_not_a_platform_or_a_place():
    found = claims('Taliban chief spokesman Zabihullah Mujahid gave a different toll. "Five of our civilians were martyred by '
                   'Tajik forces. They had no weapons," he wrote on X. He said the bodies had been returned on Sunday.\n\n'
                   'Gul Mohammad said by phone from Kuf Ab that the men were traders. "They were not smugglers," he said.')
    assert [c["speaker"] for c in found if c["kind"] != "author"] == ["Zabihullah Mujahid"] * 2 + ["Gul Mohammad"] * 2


def test_who_announced_a_denial_asserts_nothing_else_and_a_surname_takes_the_full_name():
    found = claims("Министерство иностранных дел Таджикистана опровергло сообщения западных СМИ о планах России разместить "
                   "ударные беспилотники. Об этом в пятницу заявил официальный представитель министерства Шохин Самади.\n\n"
                   "\"Никаких переговоров на эту тему не ведется\", - сказал Самади журналистам.", "ru")
    assert [(c["speaker"], c["stance"]) for c in found] == [
        ("Министерство иностранных дел Таджикистана", "deny"), ("Шохин Самади", "assert")]


def test_a_speaker_named_by_a_title_is_the_person_the_text_gave_that_title():
    found = claims("Заместитель министра обороны России Алексей Криворучко частично опроверг сообщения о планах разместить "
                   "ударные беспилотники. \"Никаких ударных аппаратов на базе не будет\", - заявил замминистра.\n\n"
                   "Президент Владимир Путин заявил, что Россия выполнит обязательства. \"Угроза вторжения с юга вполне "
                   "реальна и растет с каждым месяцем\", - сказал эксперт.", "ru")
    speakers = {c["text"][:20]: c["speaker"] for c in found}
    assert speakers["Никаких ударных аппа"] == "Алексей Криворучко"
    assert speakers["Угроза вторжения с ю"] == "эксперт"  # no one was called an expert: not the president


def test_an_interview_headline_s_analyst_is_the_one_the_lead_names():
    from faultlines.ingest.files import text_document
    from faultlines.pipeline import Pipeline

    text = ("«Талибы не собираются идти на север»: аналитик о ситуации на афганской границе\n\nАвтор: Сабина Назарова\n\n"
            "«Фергана» попросила прокомментировать ситуацию политолога Тимура Исмаилова.\n\n"
            "— Насколько реальна угроза?\n\n— Я бы не драматизировал, — говорит аналитик.\n")
    (doc,) = Pipeline(("language", "segment", "nlp", "claims")).pipe(
        [text_document(text, doc_id="i", source="i", source_kind="file")])
    answer = next(a for a in doc.layer("claim") if doc.text[a.start:a.end].startswith("Я бы не драматизировал"))
    assert answer.attrs["speaker"] == "Тимур Исмаилов"  # not the byline's author, named between


def test_a_denial_of_what_the_taliban_spokesman_said_answers_him_not_the_deniers_own_source():
    text = ("Государственный комитет национальной безопасности Таджикистана опроверг заявление представителя талибов о "
            "гибели мирных жителей на таджикско-афганской границе и назвал его дезинформацией. Об этом \"Азия-Плюс\" "
            "сообщил во вторник источник в пресс-службе ведомства.\n\n"
            "\"Среди убитых нет ни одного мирного жителя. Все трое были вооружены и открыли огонь первыми\", - сказал "
            "собеседник издания. Он также отверг утверждение талибов о том, что погибших было пятеро.\n\n"
            "Напомним, в ночь на воскресенье пограничный наряд у кишлака Нусай Дарвазского района ГБАО вступил в "
            "перестрелку с группой нарушителей. По данным ГКНБ, трое нарушителей убиты, один пограничник получил "
            "ранение.\n\n"
            "Представитель движения \"Талибан\" Забихулла Муджахид в понедельник заявил, что таджикские военные убили "
            "пятерых торговцев из уезда Куфаб, у которых не было оружия.")
    found = claims(text, "ru")
    denial = next(c for c in found if c["stance"] == "deny")
    mujahid = next(c for c in found if c["speaker"] == "Забихулла Муджахид")
    assert denial["denies"] == mujahid["claim_id"]


@pytest.mark.parametrize("text, lang", [
    ("Криворучко этого не подтвердил, но и не опроверг, заметив лишь, что \"вопрос о месте дислокации еще "
     "прорабатывается\".", "ru"),
    ("The deputy minister neither confirmed nor denied the report that drones would be based at Kulob.", "en"),
])
def test_neither_confirming_nor_denying_is_a_question(text, lang):
    assert {c["stance"] for c in claims(text, lang)} == {"question"}


def test_what_someone_does_whenever_is_no_claim():
    found = claims("When Maria Zakharova calls a story \"disinformation,\" it usually means the story is true. Dushanbe "
                   "said that no negotiations were being held.")
    assert [c["speaker"] for c in found if c["kind"] != "author"] == ["Dushanbe"]


def test_a_feed_s_update_label_and_a_wire_s_desk_note_are_no_speakers_or_claims():
    found = claims("Перестрелка у Кок-Таша\n\nUPD 23:15: Пограничные войска ГКНБ Таджикистана в заявлении обвинили в "
                   "провокации кыргызских военных и сообщили о двух раненых таджикских военнослужащих.", "ru")
    assert {c["speaker"] for c in found if c["kind"] != "author"} == {"Пограничные войска ГКНБ Таджикистана"}
    update = claims("UPDATE, November 27: Two days after the initial report, Kyrgyzstan's Defence Ministry confirmed the "
                    "plan.")
    assert [(c["speaker"], c["stance"]) for c in update] == [("Kyrgyzstan's Defence Ministry", "confirm")]
    note = claims("An explosion tore through a gas pipeline, the ministry said.\n\n(Adds ministry comment on cause, "
                  "paragraph 2)")
    assert not any("Adds" in c["text"] for c in note)


def test_an_official_statement_speaks_in_the_voice_its_title_names():
    import faultlines
    from claims_support import pipeline

    def claims(text, language="en"):  # read as a file is, so that the title is the statement's
        doc = pipeline()(faultlines.document(text))
        return [dict(a.attrs) for a in doc.layer("claim")]

    english = claims("Statement by the Ministry of Foreign Affairs of the Kyrgyz Republic on the incident at Kok-Tash\n\n"
                     "December 6, 2026\n\nAs a result, one Kyrgyz border guard was killed, and two were injured. A house in "
                     "the village of Kulundu was damaged by a mortar round.")
    assert {c["speaker"] for c in english} == {"Ministry of Foreign Affairs of the Kyrgyz Republic"}
    russian = claims("Информационное сообщение МИД Таджикистана в связи с инцидентом в Исфаринском районе\n\n5 декабря 2026\n\n"
                     "В результате погибла жительница села, еще трое мирных жителей получили ранения. Повреждены здание "
                     "школы и четыре жилых дома.", "ru")
    assert {c["speaker"] for c in russian} == {"МИД Таджикистана"}


def test_the_interviewee_the_lead_names_as_speaking_to_the_outlet_or_the_title_quotes_answers():
    english = [c for c in claims(
        '"We will not hand over a single metre": Tajik border chief on the Darvoz shootout\n\nTwo weeks after a firefight, '
        "Major General Rustam Nazarzoda, deputy head of Tajikistan's Border Troops, spoke to RFE/RL's Tajik Service.\n\n"
        "Q: What happened near Khumbon?\n\nA: A group of armed men tried to cross the river.\n\nQ: Will it happen "
        "again?\n\nA: I expect the pressure to grow once the river freezes.") if c["quote"]]
    assert english and {c["speaker"] for c in english} == {"Major General Rustam Nazarzoda"}
    russian = [c for c in claims(
        "Бахтиёр Рахимов: «Мы не исключаем, что границу придется закрыть»\n\nПосле нападения на пункт пропуска "
        "заместитель министра Бахтиёр Рахимов ответил на вопросы «Коммерсанта».\n\n— Что известно о нападавших?\n\n— "
        "Их было не меньше шести.\n\n— Закроете границу?\n\n— Этого нельзя исключать.", "ru") if c["quote"]]
    assert russian and {c["speaker"] for c in russian} == {"Бахтиёр Рахимов"}


@pytest.mark.parametrize("text, language, owner", [
    ("Claims by Kyrgyz officials that Tajik guards fired first are false.", "en", "Kyrgyz officials"),
    ("The Ministry rejects the assertions made by the Tajik side on December 5 that the Kyrgyz border guards were the "
     "first to open fire.", "en", "Tajik side"),
    ("Заявления официальных лиц Кыргызской Республики о том, что огонь первыми открыли таджикские пограничники, не "
     "соответствуют действительности.", "ru", "официальные лица Кыргызской Республики"),
])
def test_a_claim_named_with_its_owner_and_called_false_is_the_owner_s_and_denied(text, language, owner):
    found = claims(text, language)
    assert [c["stance"] for c in found if c["kind"] in ("author", "reported") and c["stance"] == "deny"]
    (named,) = [c for c in found if c["stance"] == "assert"]
    assert named["speaker"] == owner and ("fire" in named["text"] or "огонь" in named["text"])


@pytest.mark.parametrize("text, language, speaker", [
    ("Накануне Telegram-канал «Ош сегодня» опубликовал пост, в котором утверждалось, что «силовики открыли огонь по "
     "толпе, есть трое погибших».", "ru", "Ош сегодня"),
    ("On Friday the channel Batken Front published a post which claimed that Tajik artillery had shelled a school.", "en",
     "Batken Front"),
])
def test_a_post_speaks_in_the_voice_of_whoever_published_it(text, language, speaker):
    assert {c["speaker"] for c in claims(text, language) if c["kind"] != "author"} == {speaker}


def test_a_transcript_with_hyphens_answers_for_the_one_the_outlet_asked_to_comment():
    found = [c for c in claims(
        "Эксперт - о перестрелке на границе\n\nВокруг перестрелки не утихают споры. «Азия-Плюс» попросила "
        "прокомментировать ситуацию военного аналитика, бывшего офицера Центра изучения Афганистана Тимура Раджабова.\n\n- Тимур, кому "
        "сейчас верить?\n\n- Я бы не спешил верить ни одной из версий.\n\n- Могли ли талибы стрелять первыми?\n\n- Не "
        "думаю. Кабулу сейчас конфликт с Душанбе невыгоден.", "ru") if c["quote"]]
    # (answers typed with a hyphen had been the author's, and the interviewee unnamed; the name is the last one of the
    # lead's sentence, not "Афганистана Тимура")
    assert found and {c["speaker"] for c in found} == {"Тимур Раджабов"}


def _said(text, language="en"):
    return [(c["speaker"], c["stance"], c["text"]) for c in claims(text, language) if c["kind"] != "author"]


def test_he_said_after_a_quote_is_the_speaker_not_a_name_the_claim_before_spoke_of():
    found = _said("Zabihullah Mujahid, the chief spokesman, dismissed the Tajik account as fabricated. \"No one crossed "
                  "from our side,\" he said in a post on X. He added that Taliban border units had been ordered to "
                  "investigate.")
    assert [s for s, _, _ in found] == ["Zabihullah Mujahid"] * 3
    assert found[2][2] == "Taliban border units had been ordered to investigate"  # ("on X." is no initial)
    asked = _said("Press secretary Askar Moldokulov told a briefing on Monday that investigators would assess it.\n\n"
                  "Asked by a reporter whether President Sadyr Japarov had been informed in advance, he replied: \"I "
                  "will not comment on operational matters.\"")
    assert ("reporter", "question", "President Sadyr Japarov had been informed in advance") in asked
    assert asked[-1][0] == "Askar Moldokulov"


@pytest.mark.parametrize("text, expected", [
    ("Kyrgyzstan has taken delivery of three more Bayraktar TB2 combat drones from Turkey, the State Committee for "
     "National Security (GKNB) said on Wednesday, bringing the country's fleet to at least nine.",
     ("State Committee for National Security", "assert",
      "Kyrgyzstan has taken delivery of three more Bayraktar TB2 combat drones from Turkey", None)),
    ("Tajik border guards set up a temporary post on the newly received land near Ak-Sai, Asia-Plus reported, citing a "
     "source in the Tajik border service.",
     ("Asia-Plus", "cite", "Tajik border guards set up a temporary post on the newly received land near Ak-Sai",
      ["Asia-Plus", "source in the Tajik border service"])),
])
def test_a_trailing_attribution_the_parse_missed_is_still_a_claim(text, expected):
    assert [(c["speaker"], c["stance"], c["text"], c["via"]) for c in claims(text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("По словам эксперта Андрея Ступина, учения пройдут в Таджикистане.", ("Андрей Ступин", "assert")),
    # (a negative statement alone asserts, as the held-out gold codes «Никаких переговоров … не ведется»)
    ("«Никаких планов по размещению китайских военных в Таджикистане не существует», — заявил Саидзода.",
     ("Саидзода", "assert")),
    ("Политолог Тимур Ганиев предупреждает, что американский военный объект может появиться в регионе к 2028 году.",
     ("Тимур Ганиев", "predict")),
])
def test_russian_surnames_negative_statements_and_present_tense_warnings(text, expected):
    assert [(s, st) for s, st, _ in _said(text, "ru")] == [expected]


def test_a_hedged_future_is_a_forecast_but_an_announced_step_is_asserted():
    assert _said("The incident will almost certainly delay plans to reopen the market, a diplomat said.")[0][1] == "predict"
    assert _said("Prosecutors will ask for two months in custody, the agency said.")[0][1] == "assert"


def test_a_court_that_declares_asserts_and_a_name_across_a_full_stop_is_one_word():
    # "признал X экстремистскими": a designation, not an admission (which "признал, что" stays)
    assert _said("Во вторник районный суд Бишкека признал экстремистскими материалы издания «Ачык Сөз».", "ru") == [
        ("районный суд Бишкека", "assert", "материалы издания «Ачык Сөз»")]
    assert [st for _, st, _ in _said("«Мемориал» признал Лаптева политзаключенным.", "ru")] == ["assert"]
    assert [st for _, st, _ in _said("Министр признал, что ситуация на границе остается сложной.", "ru")] == ["confirm"]
    # "Kavkaz.Realii" ended a sentence at its full stop, and the relatives' claim was the author's
    assert _said("Relatives of one of the dead men, 24-year-old Alim K., told the Kavkaz.Realii outlet that he had been "
                 "detained by plainclothes officers two days before the raid.") == [
        ("Relatives of one of the dead men", "assert",
         "he had been detained by plainclothes officers two days before the raid")]


def test_the_segmenter_keeps_a_name_written_across_a_full_stop_whole():
    import faultlines

    doc = faultlines.analyze("They told the Kavkaz.Realii outlet so. It ended.\"He left.\" Visit news.az today.",
                             analyzers=("language", "segment"))
    assert [doc.text[a.start:a.end] for a in doc.layer("sentence")] == [
        "They told the Kavkaz.Realii outlet so.", "It ended.", '"He left."', "Visit news.az today."]


def test_she_is_not_the_man_named_last():
    found = _said("По словам матери одного из них, 23-летнего торговца Азизбека Турсунова, сына забрали из дома ночью. "
                  "«У него были сломаны два пальца», — заявила она.", "ru")
    assert found[-1][:2] == ("мать одного из них", "assert")
    # ("Ерлан" is a man's name, whose reading as the plural of "Ерлана" came first)
    found = _said("Министр Руслан Жаксылыков заявил, что рубеж создан. Депутат Ерлан Саиров выразил сомнение. «Кто нам "
                  "угрожает с Каспия?» — написал он.", "ru")
    assert found[-1][0] == "Ерлан Саиров"


def test_an_outlet_that_reports_in_its_own_name_is_no_chain_of_itself():
    found = [c for c in claims("Их доставили в отдел полиции «Ленинский», сообщает ОВД-Инфо.", "ru") if c["kind"] != "author"]
    assert [(c["speaker"], c["via"]) for c in found] == [("ОВД-Инфо", None)]
