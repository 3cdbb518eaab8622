"""From sentences to coded events: cues, dates, places, actors, casualties, then in-article merging.

One pass over the sentences of a document, reading the shared spaCy /
natasha results only through the "sentence" and "ner" layers (no second
parse), and the claims stage's "claim" layer when it ran (who speaks in a
quote). Per sentence:

1. event cues from resources/triggers.json; a cue inside a hedge ("could
   attack", "если") or inside what is being denied ("denied reports of
   talks") makes no event;
2. a sentence with a total ("in total, five died", "всего погибли") is an
   aggregate, checked later against the events counted;
3. a sentence with casualty figures and no cue completes the event before
   it ("Один человек погиб, не менее 12 человек ранены");
4. otherwise one candidate per ACLED-typed cue (the strongest) and one per
   other PLOVER category.

Candidates are then merged: a later mention joins the latest earlier event
whose type family, date, place and fatalities do not contradict it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..model import Document
from ..sources import sources
from ..text.nlp import russian_lemma, russian_nominative, russian_parts_of_speech
from .actors import ActorMention, find_actors, inter_label, interaction
from .casualties import THE_OTHER, Count, counts, is_aggregate, summarize
from .dates import EVE_OF_PREVIOUS, DateMention, DateResolver, named_event_date
from .gazetteer import KIND_RANK, Gazetteer, Place, PlaceMention, gazetteer, rank
from .text import fold, is_cyrillic, load_resource

# a death of someone wounded in an attack reported before
_LATER_DEATH = {
    "en": re.compile(r"\b(?:died|succumbed)\s+(?:later\s+)?(?:of|from|to)\s+(?:his|her|their)\s+(?:wounds|injuries)|"
                     r"\bdied\s+(?:later\s+)?in\s+hospital|\b(?:of|among)\s+the\s+(?:wounded|injured)\s+(?:\w+\s+)?died\b",
                     re.IGNORECASE),
    "ru": re.compile(r"(?:скончал\w*|умер\w*)\s+(?:[\w-]+\s+){0,4}?(?:ранен\w*|пострадавш\w*)|"
                     r"(?:скончал\w*|умер\w*)\s+(?:в\s+больнице|от\s+(?:полученных\s+)?ран\w*)", re.IGNORECASE),
}
_INCLUDING = re.compile(r"\bincluding\b|(?<!\w)в\s+том\s+числе(?!\w)", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:came|come|comes|coming)\s+under\b|\b(?:was|were|been|being)\s+(?:\w+\s+)?"
                      r"(?:fired|opened|attacked|ambushed|shelled|targeted|hit|struck|raided|bombed)\b", re.IGNORECASE)
_FIRED_FROM = {
    "en": re.compile(r"\bfrom\s+(?:the\s+)?(?P<country>[A-Z]\w+)\s+(?:side|territory|bank)\b"
                     r"|\bfrom\s+(?:the\s+)?territory\s+of\s+(?P<country2>[A-Z]\w+)"
                     r"|\b(?:launched|flown|fired)\s+from\s+(?P<country3>[A-Z]\w+)"),
    "ru": re.compile(r"(?<!\w)со\s+стороны\s+(?P<country>[А-ЯЁ]\w+)|(?<!\w)с\s+(?P<country2>\w+(?:ск|цк)ой)\s+(?:стороны|территории)"
                     r"|(?<!\w)с\s+территории\s+(?P<country3>[А-ЯЁ]\w+)",
                     re.IGNORECASE),
}
# drones said to attack or to be downed ("27 украинских беспилотников уничтожены"), whose state a strike may be told by
_DRONES_USED = re.compile(r"\b(?:destroy\w*|shot\s+down|downed|intercept\w*|attack\w*|struck|strikes?)\b|(?<!\w)(?:уничтож\w*|"
                          r"сбит\w*|сбил\w*|перехвач\w*|перехват\w*|атак\w*|удар\w*)", re.I)
# fire on a town: "обстреляли Каменку-Днепровскую", "обстрелу Горловки", "обстреляли центр Энергодара"
_SHELLED_TOWN = re.compile(r"(?i:обстрел\w*\s+(?:(?:центр|окраин|жил\w+\s+кварт)\w*\s+)?(?:город\w*\s+|сел\w*\s+|посёлок\s+|"
                           r"поселок\s+)?)[А-ЯЁ]")
_SETTLEMENT = {
    "en": re.compile(r"\b(?:village|town|settlement|hamlet)\s+of\s+(?P<name>[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?)"),
    "ru": re.compile(r"(?<!\w)(?:сел[оеау]|селом|пос[её]л(?:ок|ке|ка|ком)|деревн\w+|хутор\w*|аул\w*|кишлак\w*)\s+"
                     r"(?P<name>[А-ЯЁ][\w-]+(?:\s+[А-ЯЁ][\w-]+)?)"),
}
# "a source in Ukraine's military intelligence agency (HUR) told …": the source's agency tells, it does not act
_SOURCE_IN = re.compile(r"(?:(?:a|an|the|two|three|several)\s+)?(?:[\w-]+\s+)?sources?\s+(?:in|at|within|from|close\s+to)\b|"
                        r"источник\w*\s+(?:в|из|близк)", re.I)
# whom a cargo is for: "a freight train carrying fuel for the Russian military" (no party to the blast)
_CARGO_FOR = re.compile(r"\b(?:carrying|supplying|delivering|transporting|bound|destined|intended|meant)\b[^,.;]{0,30}?\bfor\s+"
                        r"(?:the\s+)?$|(?<!\w)(?:перевозивш|доставлявш|вёзш|везш|везущ|предназначенн)\w*[^,.;]{0,30}?\sдля\s+$", re.I)
# whom the arrested are said to have helped: "задержаны двое, подозреваемых в пособничестве боевикам"
_AIDED = re.compile(r"(?<!\w)(?:подозрева\w+|обвиня\w+|обвинени\w+)\s+в\s+(?:пособничеств\w*|связ\w+\s+с|помощи|финансировани\w*|"
                    r"содействи\w*)\s+$|\b(?:suspected|accused)\s+of\s+(?:aiding|helping|financing|funding|links\s+to|ties\s+to|"
                    r"supporting|sheltering)\s+(?:the\s+)?$", re.I)
_TODAY = re.compile(r"(?:сегодня|today|this\s+morning|tonight)(?:\s+(?:утром|днём|днем|вечером|ночью))?", re.IGNORECASE)
_IN_REGION = re.compile(r",?\s+(?:в|во|in)\s+(?:the\s+)?")
# whose drones an article names: "27 украинских беспилотников", "Ukrainian drones"
_DRONES_OF = {
    "en": re.compile(r"\b(?P<country>[A-Z]\w+)\s+(?:(?:attack|combat|kamikaze|long-range)\s+)?(?:drones?|UAVs?)\b"),
    "ru": re.compile(r"(?<!\w)(?P<country>\w+(?:ск|цк)(?:ий|ого|ому|им|ом|ие|их|ими|ая|ой|ую))\s+(?:(?:ударн|боев)\w+\s+)?"
                     r"(?:беспилотн\w+|дрон\w*|БПЛА)", re.IGNORECASE),
}
STORY_DAYS = 7  # an event without a place of its own takes the story's place only this close in time
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
ACLED_CODED_FATALITIES = VIOLENT_TYPES | {"Protests", "Riots", "Strategic developments"}
_DATE_LINE = re.compile(r"^\W*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\w+,?\s+\w+\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\s+\d{4}(?:\s*г\.?|\s+года)?|\w+\s+\d{1,2},\s+\d{4})[\s,\d:.г]*$")
# administrative units of one state only, before a name the gazetteer lacks ("в джамоате Сурх", "Aiyl Okmotu")
_UNIT_COUNTRY = re.compile(r"\b(jamoat|джамоат\w*|aiyl|айыл)\b[^.;\n]*$", re.I)
_UNIT_COUNTRIES = {"jamo": "TJ", "джам": "TJ", "aiyl": "KG", "айыл": "KG"}
_BLOW_BEFORE = re.compile(r"(?<!\w)(?:солнечн|теплов|серь[её]зн|сильн|болезненн|тяж[её]л|двойн|очередн|сокрушительн|"
                          r"ощутим|чувствительн)\w*\s+$", re.I)
_BLOW_ON = re.compile(r"\s+по\s+(?:\w+\s+)?(?:экономик|бюджет|репутаци|имидж|карман|доход|интерес|рынк|план|"
                      r"отношени|семь|переводам|торговл|бизнес|курс)", re.I)
_FIGURATIVE = re.compile(r"\s+(?:on|against|upon)\s+(?:the\s+|our\s+|their\s+)?(?:free\s+speech|freedom|democracy|human\s+"
                         r"rights|(?:civil\s+)?rights|the\s+press|(?:press|media)\s+freedom|sovereignty|independence|"
                         r"(?:the\s+)?constitution|common\s+sense|truth|values|civil\s+society|journalism)\b|"
                         r"\s+на\s+(?:свобод|демократи|прав[аои]\b|СМИ|суверенитет|независимост|конституци|гражданск|"
                         r"журналист)|"
                         # "Astana is shooting its own sequel": a film
                         r"\s+(?:(?:a|an|the|its|his|her|their|our)\s+)?(?:own\s+|new\s+|next\s+)?(?:sequel|film|movie|video|"
                         r"scene|documentary|remake|episode|footage|commercial|clip)s?\b", re.I)
_PROPERTY = re.compile(r"\b(?:depot|warehouse|office|shop|store|plant|factory|pipeline|power\s+line|substation|tower|"
                       r"vehicles?|trucks?|equipment)\b|(?<!\w)(?:склад|нефтебаз|офис|магазин|завод|трубопровод|подстанци|"
                       r"техник|автомобил|грузовик)\w*", re.I)
_STORMED = re.compile(r"stormed|штурмовал", re.I)
_ARSON = re.compile(r"set(?:ting)? (?:fire|alight)|torched|подожг|поджог", re.I)
_CROWD = re.compile(r"\b(?:crowds?|mobs?|villagers|residents|rioters|protesters|demonstrators)\b|(?<!\w)(?:толп\w*|"
                    r"жител(?:и|ей|ям|ями|ях)(?!\w)|"  # (residents, not "местного жителя": one man)
                    r"сельчан\w*|протестующ\w*|демонстрант\w*|митингующ\w*)", re.I)
_CIVILIAN_PLACE = re.compile(r"\b(?:camp|village|house|home|market|bus|school|mosque|workers|residents|civilians|лагер\w*|сел\w*|жил\w+ дом\w*|рынк\w*|автобус\w*|мирн\w+)\b", re.I)
# Parties of the events ACLED does not code (talks, denials, requests, aid): named entities of the cue's sentence.
_PARTY_LABELS = {"en": {"PERSON", "ORG", "GPE", "NORP"}, "ru": {"PER", "ORG", "LOC"}}  # natasha tags states LOC
# a name after one of these is a setting or a source, not the one who acts ("sources in Dushanbe")
_NOT_ACTING = {"en": {"in", "at", "near", "from", "to", "with", "of", "for", "on", "against", "into", "about", "over",
                      "citing", "inside", "outside", "across", "than"},
               "ru": {"в", "во", "на", "из", "с", "со", "к", "ко", "по", "о", "об", "от", "для", "у", "против", "при",
                      "через", "над", "под",
                      # "со стороны афганского города Хайратон": a town named by its noun is a place, not a party
                      "города", "городе", "село", "села", "селе", "посёлка", "поселка", "кишлака", "кишлаке"}}
# the other party of talks, requests or aid: "talks with Russia", "assistance from the CSTO", "aid to Afghanistan"
_COUNTERPART = {"en": {"with", "to", "from", "against"}, "ru": {"с", "со", "к", "ко", "против", "у"}}
# cues whose object is the other party: "denied a Reuters report", "accused Western media"
_TARGETED = {"REJECT", "ACCUSE", "THREATEN", "SANCTION", "COERCE"}
# cues of speech: inside a quote, the one quoted acts (the Foreign Ministry: "Reuters is spreading misinformation")
_SPEECH = {"REJECT", "ACCUSE", "THREATEN", "REQUEST"}
_AND = {"en": "and", "ru": "и"}
# a sentence that passes on a count: "МВД сообщило о двух погибших", "police said two people died"
_FIGURES_REPORTED = re.compile(r"\b(?:said|says|saying|reported|announced|told|confirmed|according\s+to|writes|wrote|"
                               r"(?:reports?|officials?|authorities)\s+(?:had\s+|have\s+)?(?:put|given|gave|set))\b|"
                               r"сообщ\w*|заявил\w*|пиш\w*|писал\w*|по\s+данным|по\s+(?:\w+\s+)?словам|подтвердил\w*", re.I)
# the toll of an incident told before: "the death toll from the blast", "число погибших в результате взрыва"
_TOLL_OF = re.compile(r"\b(?:death\s+)?toll\s+(?:from|in|of|after)\b|(?<!\w)(?:число|количество)\s+"
                      r"(?:погибш|жертв|убит|ранен|пострадавш)\w*", re.I)
# a day that owns the noun after it: "Friday's bombing" (up to one word between: "Friday's deadly attack")
_POSSESSIVE_DAY = re.compile(r"['’]s\s+(?:[\w-]+\s+)?")
# a sentence that tells what the incident before led to: "В результате один пограничник погиб"
_CONSEQUENCE = re.compile(r"\W*(?:в\s+результате|в\s+итоге|as\s+a\s+result)\b", re.I)
# a count superseded by the one the report gives: "Ранее погранвойска сообщали о трех погибших", "Officials had
# earlier put the toll at three", "Eleven people were killed at the scene, he said at the time"
_EARLIER_COUNT = re.compile(r"^\W*(?:ранее|прежде|первоначально|изначально|earlier|previously|initially)\b|"
                            r"\b(?:(?:had|have)\s+)?(?:earlier|initially|previously|originally)\s+(?:said|reported|put|given|gave|"
                            r"announced)\b|"
                            r"\b(?:said|reported|told\s+\w+)\s+at\s+the\s+time\b|(?<!\w)(?:сообщал\w*|заявлял\w*)\s+тогда(?!\w)", re.I)
# a later count that updates the toll: "the death toll rose to three", "число погибших возросло до трёх"
_TOLL_ROSE = re.compile(r"\b(?:rose|risen|climbed|increased|grew|jumped)\s+to\b|(?<!\w)(?:возросл\w*|вырос\w*|увеличил\w*|"
                        r"достиг\w*)(?:\s+\w+)?\s+до(?!\w)", re.I)
# a gas cause makes an explosion an accident, which ACLED does not code
_ACCIDENT = re.compile(r"\bgas\s+(?:cylinder|canister|bottle|leak|pipe|main)s?\b|\b(?:boiler|gas)\s+explo|"
                       r"газов\w+\s+(?:баллон|труб|котл)\w*|утечк\w+\s+газа|взрыв\w*\s+(?:бытового\s+)?газа|котельн\w+", re.I)
# the cause an official gives, in the explosion's paragraph or the next: "corrosion of a 40-year-old pipe was the most
# likely cause … no signs of sabotage"
_ACCIDENT_CAUSE = re.compile(r"\bcorrosion\b|коррози\w+|\btechnical\s+(?:fault|failure|malfunction)\b|"
                             r"техническ\w+\s+неисправност\w*|\bno\s+signs?\s+of\s+sabotage\b|"
                             r"признак\w*\s+диверси\w+\s+(?:нет|не\s+обнаружен\w*)", re.I)
_EXPLOSION = re.compile(r"explo|blast|взрыв|взорв", re.I)
# a negation right before an event cue: "Police never detained", "не задержала", "no X has ever threatened"
_NEGATED = {"en": re.compile(r"\b(?:not(?!\s+only\b)|never|no\s+longer)\s+(?:\w+\s+)?$|n't\s+(?:\w+\s+)?$|"
                             # "no shelling took place", "recorded no incidents of shelling"
                             r"\bno\s+(?:(?:new|further|major|other|such|fresh)\s+)?(?:(?:incidents?|reports?|signs?|"
                             r"cases?|evidence)\s+of\s+)?$|"
                             r"\bnot\s+even\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$|"  # "not even an emergency summit"
                             r"\b(?:no|no\s+other)\s+(?:[\w-]+\s+){1,3}(?:has|have|had|did|was|were|will)\s+(?:ever\s+)?$|"
                             r"\b(?:declined|refused)\s+to\s+$|\bany\s+$|"  # "took part in any shooting": none in particular
                             # "Not a single CSTO soldier took part in the clashes"
                             r"\b(?:not\s+a\s+single|no)\s+(?:[\w-]+\s+){1,3}(?:took\s+part|participated|was\s+involved|were\s+"
                             r"involved|fought)\s+in\s+(?:the\s+)?(?:\w+\s+)?$", re.I),
            "ru": re.compile(r"(?<!\w)(?:не|никогда\s+не)\s+(?!только)(?:\w+\s+)?$|(?<!\w)никак(?:ого|ой|их|ое|ая|ие)\s+$|(?<!\w)отказал\w*\s+$|(?<!\w)не\s+(?:принимал\w*\s+участи\w*|"
                             r"участвовал\w*)\s+в\s+(?:\w+\s+)?$", re.I)}
# "опровергать сообщение агентства не стал": an infinitive cue negated after it
_NEGATED_AFTER = re.compile(r"[а-яё]*ть(?:ся)?\s+(?:[\w«»\"-]+\s+){0,4}не\s+(?:стал[аи]?|станет|станут|будет|будут|собира\w+)\b|"
                            # "Никакого задержания не было", "No arrest took place" (with "no" before it, above)
                            r"\w+(?:\s+[\w«»\"-]+){0,3}?\s+не\s+(?:было|произошло|проводил\w*)(?!\w)", re.I)
# "hours before a planned rally", "ahead of the protest", "накануне акции": a protest yet to come is no event
_UPCOMING = re.compile(r"(?:\b(?:planned|upcoming|scheduled|announced|proposed|intended)\s+(?:[\w-]+\s+){0,2}|"
                       r"\b(?:ahead\s+of|before)\s+(?:a|an|the|their|its|this|next)\s+(?:[\w-]+(?<!ed)(?<!ing)\s+){0,2}|"
                       r"(?<!\w)(?:накануне|перед)\s+(?:[а-яё]+(?:ой|ого|его|ей|ых|их)\s+)?|"
                       r"(?<!\w)(?:запланированн|предстоящ|анонсированн)\w*\s+(?:\w+\s+)?)$", re.I)
# ... and its "planned" hedges nothing else: "Накануне запланированной акции полиция задержала 11 активистов"
_PLANNED_PROTEST = re.compile(r"\b(?:planned|upcoming|scheduled)\s+(?:[\w-]+\s+)?(?:rally|rallies|protests?|march|"
                              r"demonstrations?|strike|picket)\b|\b(?:rally|rallies|protests?|march|demonstrations?|"
                              r"strike|picket)\s+(?:that\s+)?(?:(?:is|was|are|were)\s+)?(?:planned|scheduled|slated)\s+for\b|(?<!\w)(?:запланированн|предстоящ|анонсированн)\w*\s+"
                              r"(?:\w+\s+)?(?:акци|митинг|протест|шестви|забастовк|пикет)\w*", re.I)
_INSTITUTION_NAME = re.compile(r"\s(?:Center|Centre|Institute|Foundation|University|College|Fund|Programme|Program|"
                               r"Initiative|Project|Network|Forum|Endowment)$|^(?:Центр|Институт|Фонд|Университет)\w*\s")
_COUNTED_CUE = re.compile(r"(?<![\d,.])(?!(?:19|20)\d\d\b)(?:[3-9]|\d\d+|(?:\d{1,3},)+\d{3}|three|four|five|six|seven|eight|nine|ten|dozens\s+of|"
                          r"hundreds\s+of|трех|четыр\w+|пят\w+|шест\w+|десят\w+|десятк\w+)\s+(?:[\w-]+\s+)?$", re.I)
_NOT_COMMENTED = re.compile(r"(?:\s+[\w«»\"-]+){0,4}?\s+(?:не\s+(?:комментир|прокомментир)\w*|(?:did\s+not|declined\s+to|would\s+not)\s+"
                            r"comment)", re.I)
_ATTEMPTED = re.compile(r"(?<!\w)попытк\w*\s+$|\b(?:attempt(?:ed|ing)?|tried|trying)\s+to\s+$|\battempted\s+$", re.I)
_HABITUAL = re.compile(r"(?<!\w)(?:кажд\w+\s+(?:весн|осен|зим|лет|год|раз)\w*|из\s+года\s+в\s+год|every\s+(?:spring|summer|"
                       r"autumn|fall|winter|year|time)|whenever|year\s+after\s+year)(?!\w)", re.I)
_PLURAL_CUE = re.compile(r"(?:clashes|attacks|protests|riots|bombings|strikes|skirmishes|столкновени[яй]|нападени[яй]|"
                         r"протест(?:ы|ов)|беспорядк(?:и|ов)|атак(?:и)?|теракт(?:ы|ов)|стычк(?:и|ек))$", re.I)
_TOLL_SET = re.compile(r"\b(?:raised|revised|increased|lowered|updated)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:death\s+)?toll\b|"
                       r"(?<!\w)(?:уточнил\w*|повысил\w*|увеличил\w*)\s+(?:число|количество)\s+(?:погибш|жертв|ранен)\w*", re.I)
_RELATIVE_CUE = re.compile(r",\s*(?:котор\w+|who|which)\s+[^,;]{0,50}$", re.I)
_RELATIVE_BEFORE = re.compile(r"(?:,\s*|\s)(?:котор\w+|who|which|that)\s+(?:[\w-]+\s+){0,3}?(?:в\s+ночь\s+(?:с\s+\w+\s+)?на\s+|"
                              r"on\s+the\s+night\s+of\s+|on\s+|in\s+|в\s+|во\s+)?$", re.I)
_PARTICIPLE_DAY = re.compile(r"(?:,\s+|\b(?:a|an|the|who\s+was|who\s+were)\s+[\w-]+\s+|\b)(?:detained|arrested|jailed|sentenced|"
                             r"convicted|abducted|kidnapped|born|elected|appointed|released|freed)\s+(?:on\s+|in\s+)?$|"
                             r"(?<!\w)(?:задержанн|арестованн|осужденн|осуждённ|похищенн|родившегося|родившейся|избранн|"
                             r"назначенн|освобожденн|освобождённ)\w*\s+(?:в\s+|во\s+)?$", re.I)
_YEARS_LIST = re.compile(r"\b(?:19|20)\d\d(?:\s+год\w*)?\s*(?:,|and|и|or|или|–|-)\s*(?:19|20)\d\d\b", re.I)
# "deadly clashes in 2021 and 2022", whatever day the sentence tells ("Baisalov wrote on Monday that …")
_IN_YEARS = re.compile(rf"\s+(?:in|of|during|в|во)\s+{_YEARS_LIST.pattern}", re.I)
_FACT_CHECK_TITLE = re.compile(r"\W*(?:fact[\s-]?check(?:ing|ed)?|фактчек\w*|проверка\s+факт\w*|фейк)\s*[:.—–-]", re.I)
# "Claim: …", "Миф № 2: …": a line that states what the text denies
_LABELLED_CLAIM = re.compile(r"[\s*_#>•-]*(?:\d{1,2}[.)]\s*)?(?:claim|myth|fake|lie|false claim|rumou?r|утверждение|миф|"
                             r"фейк|ложь|слух)(?:\s*(?:№|#|no\.?)?\s*\d{1,2}|\s+(?:перв|втор|трет|четв[её]рт|пят)\w+|"
                             r"\s+(?:one|two|three|four|five|first|second|third|fourth|fifth))?[*_]*\s*[:—–]", re.I)
# "rejected a report that accused …": the accusation is the rejected report's
_EMBEDDED_SPEECH = re.compile(r"[^;,]*?\b(?:that|which|who)\s+(?:\w+\s+){0,2}$|[^;,]*?(?<!\w)(?:котор\w+)\s+(?:\w+\s+){0,2}$",
                              re.I)
# "Police blocked the road": forces that block hold no protest
_BLOCKADE = re.compile(r"block|перекры", re.I)
_FORCES_BEFORE = re.compile(r"\b(?:police|troops|soldiers|security\s+forces|authorities|officers|guards)\s+(?:[\w-]+\s+)?$|"
                            r"(?<!\w)(?:полици\w*|милици\w*|силовик\w*|военн\w*|власти|сотрудник\w*)\s+(?:[\w-]+\s+)?$", re.I)
# where a clause of its own begins: a date after it is no earlier cue's
_CLAUSE_SPLIT = re.compile(r",\s+(?:and|but|while|а|и|но)\b|;", re.I)
# "the Central Asia-China gas pipeline": a facility's name, no place
_FACILITY_AFTER = re.compile(r"\s+(?:(?:gas|oil)\s+)?(?:pipeline|canal|dam|reservoir|mine|field|plant|refinery|railway|"
                             r"highway|bridge|street|avenue|boulevard)\b", re.I)
_DEADLY_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,5}?(?:that|which|in which)\s+(?:[\w-]+\s+)?(?:killed|wounded|injured|left)\b|"
                           r"[^.;]{0,60}?(?:в результате|в ходе) (?:которого|которой|которых)\s+(?:\w+\s+)?(?:погиб|ранен|убит)|"
                           r"\s+(?:[\w-]+\s+){0,5}?(?:унесш|унёсш|унесше|унёсше)\w*\s+(?:жизн|жизни)", re.I)
# a seat of power a protest gathers at, which stands in the capital: "у здания парламента", "outside parliament"
_SEAT_OF_POWER = re.compile(r"(?<!\w)(?:здани\w+\s+(?:парламента|правительства|Жогорку\s+Кенеша|Белого\s+дома|администрации\s+"
                            r"президента)|(?:у|к|перед|возле)\s+(?:парламент\w*|Белого\s+дома|Дома\s+правительства))|"
                            r"\b(?:outside|near|in front of|at)\s+(?:the\s+)?(?:parliament|presidential\s+(?:palace|administration)|"
                            r"government\s+(?:house|building|headquarters))\b", re.I)
_HELD_UNTIL = re.compile(r"(?:под\s+стражу|под\s+стражей|арест\w*|заключени\w*|домашн\w+\s+арест\w*|срок\w*)"
                         r"(?:\s+[\w-]+){0,3}\s+до\s+$|\b(?:custody|detention|jail|prison|arrest)\b(?:\s+[\w-]+){0,3}\s+"
                         r"until\s+$", re.I)
_GOVERNMENT_ACT = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:asked|requested|appealed|demanded|urged|accused|blamed|denied|"
                             r"rejected|refused|warned|insisted|proposed|called\s+(?:for|on)|says|said|describes|described|"
                             r"calls|considers|regards|treats|"
                             r"(?:is\s+)?(?:push(?:es|ed|ing)\s+ahead|seeks|sought|wants|plans|planned|hopes|intends)|"
                             r"(?:по)?просил\w*|обратил\w*|потребовал\w*|требует|обвинил\w*|обвиняет|отверг\w*|"
                             r"опроверг\w*|отказал\w*|призвал\w*|предупредил\w*|настаивал\w*|настаивает|предложил\w*|"
                             r"заявил\w*|заявляет|называет|назвал\w*|считает)\b", re.I)
# an event a number of days before the day its sentence gives: "a day after a shootout", "на следующий день после"
_DAYS_BEFORE = re.compile(r"\b(a|one|two|three|four|five|\d+)\s+days?\s+after\s+(?:an?\s+)?$|(?<!\w)на\s+(следующий)\s+день\s+"
                          r"после\s+$", re.I)
_HARM_VERB_AFTER = re.compile(r"(?:\s+[\w'-]+){0,6}?\s+(?:had\s+)?(?:killed|wounded|injured|left\s+(?:[\w-]+\s+){1,4}?(?:dead|killed|wounded))\b|"
                              r"\s+(?:унес|унёс|убил|ранил)\w*", re.I)
_BEATING = re.compile(r"(?:(?:was|were|been)\s+)?beat(?:en|ing|s)?\b|избил\w*|избиени\w*", re.I)
# the victims of a crime named after its noun: "attack on cash collectors", "в убийстве двух граждан"
_CRIME_OBJECT = re.compile(r"\b(?:attacks?|assault|murders?|killings?|kidnapping|abduction|robbery|beating)\s+(?:of|on)\s+"
                           r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$|(?<!\w)(?:нападени\w*|атак\w*|убийств\w*|"
                           r"похищени\w*|ограблени\w*|избиени\w*)\s+(?:на\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# "на улице Токтогула": a street named after a person or a place, not where the name points
_STREET_NAME = re.compile(r"\b(?:street|avenue|boulevard|square|road|lane|highway)$|^(?:улиц|проспект|переул|бульвар|площад)",
                          re.I)
_STREET_BEFORE = re.compile(r"(?<!\w)(?:улиц\w*|ул\.|проспект\w*|переул\w*|бульвар\w*|микрорайон\w*|мкр\.?)\s+[«\"]?$", re.I)
# a government's protest ("Kazakhstan protested", "МИД выразил протест"): a statement, no demonstration
_PROTESTED = re.compile(r"protest(?:ed|s)\b", re.I)
_DIPLOMATIC_PROTEST = re.compile(r"(?<!\w)(?:выразил\w*|заявил\w*|направил\w*)\s+(?:\w+\s+)?протест|"
                                 r"\b(?:lodged|filed|delivered)\s+(?:a|an)\s+(?:\w+\s+)?protest", re.I)
# "summoned the Russian charge d'affaires to the Foreign Ministry to protest", up to the cue
_SUMMONED_TO = re.compile(r"\bsummon(?:ed|s)?\b[^.;]{0,80}\bto\s+$", re.I)
_OFFICE_SUBJECT = re.compile(r"\b(?:ministry|government|embassy|kremlin|state\s+department|foreign\s+office)\b[^,.;]{0,25}$",
                             re.I)
_PARTICIPANTS_OF = re.compile(r"(?<!\w)участник\w*\s+(?:\w+\s+)?$|\bparticipants?\s+(?:in|of)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_YEAR_AFTER = re.compile(r"\s+(?:of\s+|in\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|"
                         r"November|December|январ[яе]|феврал[яе]|марта?|апрел[яе]|ма[яе]|июн[яе]|июл[яе]|августа?|"
                         r"сентябр[яе]|октябр[яе]|ноябр[яе]|декабр[яе])\s+)?(?:19|20)\d\d\b")
# a present tense that tells what happens each time ("turns into", "перерастает в") after a generic subject
_GENERIC_TURN = re.compile(r"\b(?:turns?|escalates?|spirals?|descends?|becomes?)\s+(?:into\s+)?(?:[\w-]+\s+){0,2}$|"
                           r"(?<!\w)(?:перерастает|превращается|оборачивается)\s+в\s+(?:\w+\s+){0,2}$", re.I)
# a clause of its own after an event's cue, with its own subject and verb: "after he criticised …", "когда они вышли …"
_OWN_CLAUSE_AFTER = re.compile(r"\b(?:after|because|since|when)\s+(?:he|she|they|it|we)\s+(?:had\s+)?\w+(?:ed|t)\b|"
                               r"(?<!\w)(?:после\s+того,?\s+как|потому\s+что|когда)\s+(?:он|она|они)\s+\w+л[аои]?(?!\w)", re.I)
# "detained 30 people on Friday after a strike … turned violent": the arrests follow the riot, each its own event
_AFTER_CLAUSE = re.compile(r"\b(?:after|following)\b|(?<!\w)после\s+того,?\s+как(?!\w)", re.I)
_GENERIC_SUBJECT = re.compile(r"\W*(?:a|an|every|each|any|any\s+other|всякий|каждый|любой|любая|любое|каждая|очередной)\s",
                              re.I)
_PROTEST_WORD = re.compile(r"\b(?:protest\w*|rall(?:y|ies)|demonstrat\w*)\b|(?<!\w)(?:протест\w*|митинг\w*|демонстрац\w*|"
                           r"акци\w* протеста)", re.I)
_CELEBRATION = re.compile(r"(?<!\w)(?:праздну\w*|отмеча\w+ (?:победу|праздник)|болельщик\w*)|\b(?:celebrat\w*|"
                          r"(?:football|sports?) fans)\b", re.I)
# "тогда погиб 21 человек": the dead of the event just told
_THEN = re.compile(r"(?<!\w)(?:тогда|в тот день|в те дни|в ходе (?:тех|этих) \w+)(?!\w)|\b(?:at the time|that day)\b", re.I)
# a commentary's "its diplomats deny everything": what someone does, not a statement made
_PRESENT_SPEECH = re.compile(r"(?:deny|denies|reject|rejects|accuse|accuses|dismiss|dismisses|blame|blames|"
                             r"threaten|threatens)\b", re.I)
# "It was not Brussels that sent aid"
_NOT_CLEFT = re.compile(r"\bit\s+(?:was|is|were)\s+not\b[^,;]*\b(?:that|who)\s+(?:\w+\s*)?$", re.I)
# "sell sanctioned microchips": the adjective, not a sanction
_ATTRIBUTIVE = re.compile(r"\b(?:the|a|an|of|sell\w*|sold|buy\w*|bought|ship\w*|suppl\w*|export\w*|import\w*|re-export\w*)"
                          r"\s+sanctioned\s+[a-z]", re.I)
# what someone is jailed, charged or sentenced for ("for organising an unsanctioned rally") happened before
_CHARGED = re.compile(r"\b(?:for|over)\s+(?:organi[sz]ing|taking\s+part\s+in|participating\s+in|leading|holding|calling\s+for|"
                      r"joining)\s+(?:[\w-]+\s+){0,4}$|\b(?:jail\w*|sentenc\w*|convict\w*|fine[sd]?|charg\w*|tried|prosecut\w*|held|imprison\w*)"
                      r"\b[^.;]{0,60}\b(?:over|for)\s+(?:(?:an?|the|their|his|her)\s+)?(?:[\w-]+\s+){0,3}$|(?<!\w)за\s+"
                      r"(?:организаци\w+|участи\w+\s+в|проведени\w+)\s+(?:[\w-]+\s+){0,4}$|"
                      # "приговорил … к 16 годам колонии за поджог локомотива": the crime of a sentence
                      r"(?<!\w)(?:приговор|осужд|осуд|обвин)\w*[^.;]{0,80}?(?<!\w)за\s+$|"
                      # "обвинение в призывах к массовым беспорядкам", "charged with calling for riots": a charge
                      r"(?<!\w)(?:призыв\w*\s+(?:к\s+)?|возбуждени\w+\s+|разжигани\w+\s+)(?:[\w-]+\s+){0,2}$|(?<!\w)участии\s+в\s+(?:[\w-]+\s+){0,2}$|"
                      # "подозреваемые в организации массовых беспорядков", "suspected of organising riots"
                      r"(?<!\w)(?:подозрева\w+|обвиняем\w+)\s+в\s+(?:организаци\w+|подготовк\w+|участии\s+в)\s+(?:[\w-]+\s+){0,2}$|"
                      r"\b(?:suspected|accused)\s+of\s+(?:organi[sz]ing|planning|inciting|preparing)\s+(?:[\w-]+\s+){0,2}$|"
                      r"\b(?:calls?|calling|called|incit\w+)\s+(?:for|to)\s+(?:[\w-]+\s+){0,2}$|"
                      # "уголовное дело по статье «Массовые беспорядки»", "under the article on mass riots": the charge
                      r"(?<!\w)по\s+стать\w+\s+(?:\d+\s+)?(?:УК\s+(?:[А-ЯЁ]{2,3}\s+)?)?\(?«?(?:\w+\s+)?$|\bunder\s+(?:the\s+)?article\s+"
                      r"(?:\d+\s+)?(?:on\s+)?(?:[\w-]+\s+)?$", re.I)
# the dead of a day a gathering commemorates are not its dead
_COMMEMORATED = re.compile(r"\b(?:commemorat\w+|mourn\w*|in\s+memory\s+of|honou?r(?:ing)?\s+the\s+memory|the\s+anniversary\s+of)\b|"
                           r"(?<!\w)(?:памят\w+|годовщин\w+|почтить|помянуть|помина\w+)(?!\w)", re.I)
_SINCE_OPENING = re.compile(r"\W*(?:since|с)\s+(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|"
                            r"October|November|December|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
                            r"ноября|декабря|начала\s+(?:года|месяца|недели|\w+\s+года)|the\s+(?:start|beginning)\s+of\s+(?:the\s+)?"
                            r"(?:year|month))\b", re.I)
_SUSPICION = re.compile(r"suspicion|suspected|suspects? in|подозрени|подозреваем", re.I)
# "the three attackers were killed", "эти двое нападавших": dead already counted
_TOLD_BEFORE = re.compile(r"\b(?:the|these|those|all)\s+$|(?<!\w)(?:эти|все|оба|обе)\s+$", re.I)
# the weapons a fight is waged with: "бои с применением бронетехники", "clashes using drones"
_MEANS = re.compile(r"(?:(?<!\w)с\s+(?:применением|использованием)|\busing|\bwith\s+the\s+use\s+of)\s+(?:[\w-]+\s+){0,2}$", re.I)
_MEANS_CUE = re.compile(r"(?:применени|использовани)\w*\s", re.I)
_FIRST_FIRE = re.compile(r"перв\w+\s+открыл\w*\s+огонь|открыл\w*\s+огонь\s+первы\w+|огонь\s+(?:\w+\s+)?перв\w+\s+открыл\w*|"
                         r"\bfired\s+first\b|\bopened\s+fire\s+first\b|\bfirst\s+to\s+open\s+fire\b|\bfired\s+the\s+first\s+shots?\b",
                         re.I)
_SEIZED = re.compile(r"(?<!\w)(?:изъят\w*|изъял\w*|обнаружен\w*|обнаружил\w*|найден\w*|нашли|обезврежен\w*|обезвредил\w*)|"
                     r"\b(?:seized|found|recovered|confiscated|discovered|defused|dismantled)\b", re.I)
_DETONATED = re.compile(r"(?<!\w)(?:взорвал\w*|взорвалось|сработал\w*|взрыв(?!\w*\s+устройств|\w*\s+веществ|чат)\w*|подорвал\w*|"
                        r"погиб\w*|ранен\w*)|\b(?:exploded|went\s+off|detonated|blast|explosion|killed|wounded|injured)\b", re.I)
_DURING_ARREST = re.compile(r"\W*(?:при|во\s+время|в\s+ходе)\s+(?:задержани|арест)\w*|\W*(?:during|in)\s+the\s+(?:arrests?|raid|"
                            r"detention)\b|\W*while\s+being\s+(?:arrested|detained)\b", re.I)
_WHEN_CLAUSE = re.compile(r"\s*(?:when|in\s+which|когда|в\s+ходе\s+котор\w+)\b", re.I)
_SAID_AFTER = re.compile(r"(?:\s+(?:and|и)\s+[A-ZА-ЯЁ][\w-]+)?,?\s+(?:said|say|says|told|reported|заявил\w*|сообщил\w*|"
                         r"рассказал\w*|утверждают|считают)\b", re.I)
_SUPERLATIVE = re.compile(r"\b(?:deadliest|worst|bloodiest|largest|biggest|most\s+(?:serious|deadly|violent))\s+(?:[\w-]+\s+){0,2}$|"
                          r"(?<!\w)(?:крупнейш\w*|кровавейш\w*|сам\w+\s+(?:кровав|смертоносн|крупн|масштабн)\w*)\s+"
                          r"(?:[\w-]+\s+){0,2}$", re.I)
_SINCE_WORD = re.compile(r"\b(?:ever\s+)?since\b|(?<!\w)(?:с\s+тех\s+пор,?\s+как|с\s+момента)", re.I)
# ... the last one of a text, with no sentence end after it
_SINCE = re.compile(rf"(?:{_SINCE_WORD.pattern})[^.;:!?]*$", re.I)
# a border named by its two states: "Kyrgyz-Tajik border", "киргизско-таджикской границе"
_BORDER_PAIR = re.compile(r"\b(?P<a>[A-Z][a-z]+)[-–](?P<b>[A-Z][a-z]+)\s+(?:state\s+)?(?:border|frontier)\b|"
                          r"(?<!\w)(?P<c>[а-яё]+ско)[-–](?P<d>[а-яё]+)\s+(?:участк\w+\s+)?(?:государственн\w+\s+)?границ|"
                          r"\bborder\s+between\s+(?P<e>[A-Z]\w+)\s+and\s+(?P<f>[A-Z]\w+)", re.I)
# a rejection of things counted ("rejects two applications in three") is no denial
_COUNTED_OBJECT = re.compile(r"\s+(?:about\s+|some\s+|over\s+|more\s+than\s+)?(?:\d+|two|three|four|five|six|seven|eight|"
                             r"nine|ten|several|many|dozens|hundreds|thousands|half|most|all)\b(?!\s+(?:reports?|claims?))|"
                             r"\s+(?:около\s+)?(?:\d+|два|две|три|четыре|пять|несколько|десятки|сотни)(?!\w)", re.I)
# "denied them access to lawyers", "refused bail": something withheld, not a statement rejected
_WITHHELD = re.compile(r"\s+(?:(?:him|her|them|the\s+\w+)\s+)?(?:access|entry|bail|permission|visas?|registration|"
                       r"accreditation)\b", re.I)
# a thing someone owns before or after the owner: "автомобилей полиции", "police cars", "the police station"
_OWNER_THING = re.compile(r"(?:автомобил|машин|здани|имуществ|офис|участк|отделени|техник)\w*\s+$", re.I)
_THING_OWNED = re.compile(r"\s+(?:cars?|vehicles?|vans?|stations?|buildings?|offices?|posts?|property)\b", re.I)
_ROAD_BEFORE = re.compile(r"(?<!\w)(?:трасс|автотрасс|автодорог|шоссе)\w*\s+(?:[А-ЯЁA-Z][\w-]*\s*[—–-]\s*)?$", re.I)
_ROAD_AFTER = re.compile(r"(?:\s*[—–-]\s*[A-ZА-ЯЁ][\w-]*)?\s+(?:highway|road|motorway|трасс\w*|шоссе)\b", re.I)
# "Kyrgyzstan's border service", "the Tajik Foreign Ministry": a state's office named after the state
_OFFICE_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:service|ministry|committee|forces|troops|guards|office|agency|"
                           r"police|army|government|authorities|side|spokesman|spokeswoman|spokesperson)\b", re.I)
# an office named before a state in a speaker's name: "Пограничные войска ГКНБ Таджикистана", "the border service of Tajikistan"
_OFFICE_OF = re.compile(r"(?:войск|служб|министерств|ведомств|ГКНБ|КНБ|МИД|МВД|Минобороны|прокуратур|комитет|"
                        r"service|ministry|troops|guards|office|committee|agency)", re.I)
_SIDE_AFTER = re.compile(r"\w*\s+(?:сторон\w*|side)\b", re.I)
_TOLD_TO = re.compile(r"\b(?:told|tells|telling|wrote\s+to|said\s+to)\s+(?:the\s+)?$|(?<!\w)(?:рассказал|сообщил|заявил|"
                      r"сказал)\w*\s+(?:агентству\s+|изданию\s+|газете\s+)?$", re.I)
_BLAMED = re.compile(r"\b(?:blam\w+|accus\w+|holding)\s+(?:the\s+)?$|(?<!\w)(?:обвинив|обвиняя|возложив\s+ответственность\s+на|"
                     r"возлагая\s+ответственность\s+на)\s+$", re.I)
_SUSPECT = re.compile(r"\b(?:the\s+)?(?:suspects?|suspected|gunman|attacker|shooter|killer)\b|(?<!\w)(?:подозреваем\w*|стрел(?:ок|ка)|"
                      r"нападавш\w*|убийц\w*)", re.I)
# a crowd on the other side of a clash: "police clash with villagers", "жители столкнулись с полицией"
_CROWD_CLASH = re.compile(r"\bclash(?:es|ed)?\s+(?:with|between)\s+(?:[\w-]+\s+){0,2}(?:villagers|residents|locals|farmers|"
                          r"workers|miners|herders|shepherds|crowds?)\b|\b(?:villagers|residents|locals|farmers|workers|miners|"
                          r"herders|crowds?)\s+(?:[\w-]+\s+){0,2}clash(?:es|ed)?\b|(?<!\w)(?:жител\w*|сельчан\w*|местн\w+|"
                          r"рабоч\w+|горняк\w*|толп\w*)\s+(?:[\w-]+\s+){0,3}?столкнул\w*|столкновени\w+\s+(?:[\w-]+\s+){0,3}?"
                          r"(?:с\s+)?(?:жител|сельчан|местн|рабоч|горняк|толп)\w*", re.I)
_FOILED = re.compile(r"\b(?:foil(?:ed|s)?|thwart(?:ed|s)?|prevent(?:ed|s)?|averted)\b[^.;]{0,30}$|(?<!\w)(?:предотвра(?:тил|щен|щ)"
                     r"\w*|сорвал\w*|пресек\w*|пресёк\w*)[^.;]{0,30}$", re.I)
_FAILED_TO = re.compile(r"\b(?:fail(?:ed|s)?\s+to|could\s+not|couldn't|did\s+not|didn't|unable\s+to)\s+(?:\w+\s+)?prevent|"
                        r"(?<!\w)не\s+(?:смогл?и?|удалось|сумел\w*)\s+(?:\w+\s+)?предотврат", re.I)
# a sentence telling when the incident told before began: "Конфликт … начался …", "The fight broke out …"
# (or took place: "The detention took place in the early hours of Monday", "Задержание произошло в понедельник")
_INCIDENT_BEGAN = re.compile(r"(?<!\w)(?:конфликт|драк|столкновени|инцидент|стычк|потасовк|задержани|нападени|взрыв|"
                             r"пожар|поджог|рейд|операци)\w*\s+(?:[\w-]+\s+){0,8}?"
                             r"(?:начал(?:ся|ась|ось|ись)|вспыхнул\w*|произош[её]л|произошл\w+|случил\w*)|\b(?:the\s+)?(?:fight|"
                             r"brawl|clash|clashes|incident|scuffle|detentions?|arrests?|raid|attack|explosion|blast|fire|"
                             r"operation)\s+(?:[\w-]+\s+){0,5}?(?:began|started|broke\s+out|erupted|took\s+place|happened|"
                             r"occurred)\b", re.I)
_ARREST_NOUN = re.compile(r"detention|arrest|задержани", re.I)
_DISPERSED = re.compile(r"разогнал|dispersed|broke up", re.I)
# who organised a protest, arrested for it afterwards: no arrest at the protest
_ORGANISERS = re.compile(r"\borgani[sz](?:ers?|ing)\b|(?<!\w)(?:организатор\w*|в\s+организации)(?!\w)", re.I)
_SIMILAR = re.compile(r"(?<!\w)(?:похож|аналогичн|подобн)\w+\s+(?:конфликт|инцидент|случа|драк|столкновени|нападени|"
                      r"происшестви)\w*|\ba\s+similar\s+(?:incident|clash|brawl|fight|attack|confrontation)\b", re.I)
# "the two attacks", "both clashes", "оба нападения", "двух нападений": several events told together
_SEVERAL = re.compile(r"(?:\b(?:two|three|four|both)|(?<!\w)(?:два|две|три|четыре|оба|обе|двух|трёх|трех|обоих))\s+"
                      r"(?:[\w-]+\s+){0,2}$", re.I)
_BEARING_BEFORE = re.compile(r"\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of\s+$|\b\d+\s*(?:km|kilomet(?:re|er)s?|"
                             r"miles?)\s+(?:\w+\s+)?(?:from|of)\s+$|(?<!\w)(?:к\s+)?(?:северу|югу|востоку|западу)\s+от\s+$|"
                             r"(?<!\w)(?:северо-|юго-)?(?:севернее|южнее|восточнее|западнее)\s+$|\d+\s*(?:км|километр\w*)\s+от\s+$",
                             re.I)
_SITE_BEFORE = re.compile(r"(?<!\w)(?:полигон\w*|аэродром\w*|авиабаз\w*|training\s+(?:ground|range)|firing\s+range)\s+[«\"“]?$",
                          re.I)
# a "when" clause set inside a sentence after a comma ("в январе 2022 года, когда …,"), and where such a clause ends: at
# a comma not followed by what joins within it
_EMBEDDED_WHEN = re.compile(r"(?:^\s*|,\s+)(?:когда|when)\s+(?!.*,\s+(?:когда|when)\s)", re.I | re.S)
_CLAUSE_CLOSE = re.compile(r",\s+(?!(?:а|и|но|или|котор\w*|где|что|and|but|or|which|who|where|killing|wounding|injuring|"
                           r"убив|ранив)\b)", re.I)
_QUARTER_BEFORE = re.compile(r"(?<!\w)(?:махалл\w*|микрорайон\w*|квартал\w*|жилмассив\w*)\s+$|\b(?:mahalla|neighbou?rhood|"
                             r"quarter)\s+(?:of\s+)?$", re.I)
_CLEFT_BEFORE = re.compile(r"\b(?:it\s+(?:was|is)|именно)\s+$", re.I)
_OWN_SIDE = re.compile(r"на\s+своей\s+(?:стороне|территории)|\bon\s+(?:their|its)\s+(?:own\s+)?(?:side|territory|soil)\b", re.I)
_MISSION = re.compile(r"embass|consulat|посольств|консульств", re.I)
_LIST_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+|и\s+)?|and\s+|и\s+)", re.I)
_DATELINE_PLACE = re.compile(r"\s*([A-ZА-ЯЁ][\w'’-]+(?:[ -][A-ZА-ЯЁ][\w'’-]+)?)\s*[,(—–-]")
_TOPIC = re.compile(r"\b(?:report(?:ing|s)?|coverage|writing|wrote|articles?|posts?|stories|story|book|film|video)\s+"
                    r"(?:on|about)\s+(?:the\s+)?(?:situation\s+in\s+(?:the\s+)?)?$|(?<!\w)(?:публикаци\w*|материал\w*|"
                    r"репортаж\w*|стат\w+|пост\w*)\s+(?:о|об)\s+(?:ситуации\s+в\s+)?$", re.I)
# a foreign mission's state: "China's embassy", "Посольство КНР" (its own ministries may speak for where it happened)
# (and "the New York-based group", "a London-based monitor": where an organisation sits)
_OWNER_AFTER = re.compile(r"['’]s\s+(?:embassy|consulate)\b|-based\b", re.I)
_OWNER_BEFORE = re.compile(r"(?<!\w)(?:посольств|консульств)\w*\s+$", re.I)
_MISSION_SEAT = re.compile(r"\b(?:embassy|consulate)\s+(?:of\s+\w+\s+)?in\s+$|(?<!\w)(?:посольств|консульств)\w*"
                           r"(?:\s+[\w-]+){0,2}\s+в\s+$", re.I)
# ... but one a crowd goes to is where it gathers: "вышли к посольству КНР в Душанбе", "rallied outside the embassy in …"
_AT_MISSION = re.compile(r"\b(?:outside|near|at|to|in\s+front\s+of)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?(?:embassy|consulate)|"
                         r"(?<!\w)(?:к|у|перед|возле)\s+(?:здани\w+\s+)?(?:посольств|консульств)", re.I)
_OUTLET_WORD = re.compile(r"(?<!\w)(?:издани|агентств|газет|телеканал|портал|сайт|журнал)\w*\s+[«\"“]$|"
                          r"\b(?:outlet|agency|newspaper|website|channel|site|portal)\s+[«\"“]$", re.I)
# whence armed men came, not where they struck: "со стороны афганской провинции Бадахшан", "from the Afghan side of"
_FROM_SIDE = re.compile(r"(?:(?<!\w)(?:со\s+стороны|с\s+территории)|\bfrom\s+(?:the\s+)?(?:direction|territory|side)\s+of|"
                        r"\bfrom\s+across)\s+(?:[\w-]+\s+){0,2}$", re.I)
# the office of the speaker named before, up to the place it sits in: ", spokesman for the Taliban police in "
_SPEAKER_OFFICE_IN = re.compile(r",\s+[^,.;:!?\n]{0,60}?\b(?:spokes\w+|head|chief|director|official|representative|"
                                r"secretary|представител\w*|пресс-секретар\w*|начальник\w*|глав\w+)\b[^,.;:!?\n]{0,60}?"
                                r"\s+(?:in|в)\s+", re.I)
# where an office sits, not where anything happened: "the Taliban authorities in Kabul", "источники в Душанбе"
_SEAT = re.compile(r"\b(?:authorities|officials?|government|embassy|consulate|ministry|sources?|spokes\w+|office|"
                   r"representatives?|diplomats?|headquarters)\s+(?:of\s+\w+\s+)?in\s+$|(?<!\w)(?:власт|чиновник|посольств|"
                   r"консульств|министерств|источник|представител|дипломат|штаб)\w*(?:\s+[\w-]+){0,2}\s+в\s+$", re.I)
# "has denied it at least four times since 2021", "неоднократно опровергал", "has in the past denied", "continues to
# stage attacks", "In the months that followed, police detained thousands", "have been rounded up in raids since the
# Crocus City Hall attack": done again and again, no one event
_REPEATED = re.compile(r"\brepeatedly\b|\b(?:have|has)\s+been\s+(?:\w+\s+){1,4}?since\b|\bin\s+the\s+(?:days|weeks|months|years)\s+(?:that\s+followed|after(?:wards)?)\b|"
                       r"(?<!\w)в\s+(?:последующие|следующие)\s+(?:дни|недели|месяцы|годы)(?!\w)|\bcontinu(?:e|es|ed|ing)\s+to\s+(?:stage|carry\s+out|launch|mount|conduct)\b|\bin\s+the\s+past\b(?!\s+(?:\d+|few|two|three|several|24|week|month|day|year|hour)\w*)|"
                       r"(?<!\w)в\s+прошлом\b(?!\s+(?:год|месяц|недел|век|сезон)\w*)|\b(?:twice|(?:three|four|five|six|several|many|\d+)\s+times)\s+(?:since|this year|"
                       r"in the past)\b|(?<!\w)(?:неоднократно|не\s+раз|(?:дважды|трижды|\w+\s+раза?)\s+(?:с|за)\s)|"
                       # "Such clashes are common along the border", "Подобные столкновения здесь нередки"
                       r"\b(?:such|similar)\s+(?:\w+\s+){1,3}(?:are|have\s+been|were)\s+(?:\w+\s+)?(?:common|frequent|routine|"
                       r"regular|rare)\b|(?<!\w)(?:подобн|такие|такого\s+рода)\w*\s+(?:\w+\s+){1,3}(?:нередк|част|регулярн|"
                       r"обычн|не\s+редкость)\w*|"
                       # "Подобные столкновения в Бадахшане происходили и ранее", "Similar clashes have happened before"
                       r"(?<!\w)(?:подобн|аналогичн|такие)\w*\s+(?:[\w-]+\s+){1,4}?(?:происходил|случал|бывал|вспыхивал)\w*|"
                       r"\b(?:similar|such)\s+(?:[\w-]+\s+){1,3}?(?:have|had)\s+(?:\w+\s+)?(?:happened|occurred|taken\s+place|"
                       r"broken\s+out|erupted)\b", re.I)
# "на этом же участке", "at the same spot": the place of the story's previous event, however long ago
_SAME_PLACE = re.compile(r"\b(?:at|on|in|near|along)\s+(?:the\s+)?(?:very\s+)?same\s+(?:spot|place|area|section|stretch|site|"
                         r"location|post|checkpoint|crossing|village|district|town|city|region|province)\b|(?<!\w)(?:на|в)\s+(?:этом|том)\s+же\s+"
                         r"(?:участке|месте|посту|направлении|районе|селе|кишлаке|пункте|городе|области)(?!\w)|(?<!\w)там\s+же(?!\w)", re.I)
# where another clause begins: "… as Dushanbe demands answers" ("dismissed … as a provocation" is no clause)
_NEW_CLAUSE = re.compile(r"\b(?:while|when|whereas|after|before|but|because)\b|\bas\s+(?=[A-Z][\w-]*\s+\w+(?:s|ed)\b)|"
                         r"\s(?:когда|пока|а|но|после\s+того)\s|[;:]")
# after a cue, a complement clause too: what "denied reports that Astana was negotiating … in Aktau" names is its content
_NEW_CLAUSE_AFTER = re.compile(_NEW_CLAUSE.pattern + r"|\bthat\b|,\s+что\s|\b(?:and|adding|saying)\s+(?:\w+\s+)?"
                               r"(?:said|added|insisted|stressed|noted|claimed)\b|(?<!\w)и\s+(?:заявил\w*|добавил\w*|"
                               r"подчеркнул\w*|отметил\w*)")  # "denied any involvement and said no Tajik citizens …"
_SIDE = {"en": re.compile(r"\b(?:the\s+)?(?P<people>[A-Z]\w+)\s+(?:side|authorities|government)\b"),
         "ru": re.compile(r"(?<!\w)(?P<people>\w+(?:ск|цк)(?:ой|ая|ую|ей|ие|их|им|ими))\s+(?:сторон|власт|правительств)\w*",
                          re.IGNORECASE)}
# between two actors joined as one subject: " and two ", " fighters and two "
_COORDINATED = re.compile(r"\s*(?:\w+\s+)??(?:,|and|и)\s+(?:\w+\s+){0,2}$", re.I)
_REPORTED_ABOUT = re.compile(r"(?:(?<!\w)(?:сообщил\w*|рассказал\w*|заявил\w*|узнал\w*|написал\w*|доложил\w*)\s+"
                             r"(?:[\w-]+\s+)?об?|\b(?:reported|confirmed|announced|disclosed|acknowledged)\s+the)\s+$", re.I)
_EVERY_BEFORE = re.compile(r"(?:\b(?:every|each)|(?<!\w)кажд\w+)\s+$", re.I)
_MEETINGS_PLURAL = re.compile(r"\bsummits\b|(?<!\w)саммит(?:ах|ы|ов)\b", re.I)
_NEITHER_NOR = re.compile(r"\b(?:neither\s+\w+\s+nor|(?:did\s+not|didn't|would\s+not|wouldn't|could\s+not)\s+\w+\s+or)\s+$|"
                          r"(?<!\w)(?:не|ни)\s+(?:[\w-]+\s+){1,2}?(?:и\s+не|ни)\s+$", re.I)
_EXERCISE = re.compile(r"(?<!\w)(?:учени(?:я|й|ях|ям)|маневр\w*|манёвр\w*|отрабатыва\w*|отработ(?:ал|ал[иао]|ка|ки|ку)|"
                       r"учебн\w+\s+(?:стрельб|цел|бо[йяю]))|\b(?:military\s+exercises?|joint\s+exercises?|"
                       r"during\s+(?:the\s+)?(?:exercises?|drills?|manoeuvres|maneuvers)|war\s+games|simulated|rehearsed|"
                       r"practi[sc]ed)\b", re.I)
_BASE_AT = re.compile(r"\b(?:(?:air|military|naval)\s+base|airbase)\s+(?:at|in)\s+$|"
                      r"(?<!\w)(?:авиабаз\w*|военн\w+\s+баз\w*)\s+(?:в|под)\s+$", re.I)
_RAIDED = re.compile(r"raid(?:ed|s)?", re.I)
_RESPONSE = re.compile(r"returned fire|fired back|ответил\w* огн[её]м|ответный огонь", re.I)
# before the cue, a sentence that tells a new event of the same story: "Later that day …", "Hours later …",
# "Вечером того же дня …", "… снова / again …"
_FRESH = {
    "en": re.compile(r"\b(?:later (?:that|the same) (?:day|night|evening|morning)|(?:hours|minutes) later|"
                     r"(?:that|the same) (?:evening|night)|again|another|a second|a new|a similar)\b", re.I),
    "ru": re.compile(r"(?<!\w)(?:(?:вечером|ночью|утром|днём|позже|позднее) того же дня|(?:через|спустя) "
                     r"(?:несколько |\w+ )?час\w*|снова|вновь|ещё одн\w*|повторн\w*|очередн\w*|аналогичн\w*|"
                     r"так(?:ая|ой|ое) же)(?!\w)", re.I),
}
# "Two border guards were killed … when a drone struck their post": who died or was hurt before the cue is its target
_CASUALTY_SUBJECT = re.compile(
    r"\W*(?:\w+\W+){0,3}?(?:(?:were|was|have been|had been|are|is)\s+(?:\w+\s+)?(?:killed|wounded|injured|shot|hurt)"
    r"|(?:killed|wounded|injured|shot|hurt)\s+(?:in|by|as|when|after|during|while|near|on)\b"  # headline: "Two police officers killed in attack"
    r"|died|погибл?\w*|(?:были\s+)?(?:убит|ранен)\w*|получил\w* ранени\w*|пострадал\w*)\b", re.I)
# "погибли два пограничника", "killing two Tajik soldiers": the dead named after their verb
_CASUALTY_OBJECT = re.compile(r"(?:\b(?:killing|wounding|injuring|left)|(?<!\w)(?:погиб\w*|ранен\w*|пострадал\w*))\s+"
                              r"(?:[\w-]+\s+){0,2}$", re.I)
_REACH = 100  # characters between a party and the cue, at most: a name further away belongs to another clause
_AGAINST = {"against", "против"}  # "threatened sanctions against Kyrgyz officials"
_ARTICLES = {"the", "a", "an"}
# a demonym names a party with the institution after it: "the Uzbek foreign ministry", "Western media"
_INSTITUTION = re.compile(r"(?:['’]s)?(?:\s+(?:foreign|defen[cs]e|interior|security|border|state|news))?\s+(?:media|press|government|"
                          r"authorities|officials|ministry|forces|troops|army|military|guards|services|president|"
                          r"leadership|embassy|diplomats|agency|agencies)\b", re.I)
# ... or with the institution before it: "the foreign ministry of Tajikistan", "Президент Узбекистана"
_INSTITUTION_BEFORE = {
    "en": re.compile(r"\b(?:(?:foreign|defen[cs]e|interior)\s+)?(?:ministry|government|president|prime minister|authorities|"
                     r"embassy|parliament|army|armed forces|border guards|security council|leadership)\s+of\s+(?:the\s+)?$",
                     re.I),
    "ru": re.compile(r"(?<![\w-])((?:[Пп]резидент|[Пп]ремьер-министр|[Мм]инистр|[Вв]ласт|[Пп]равительств|[Пп]осол|"
                     r"[Пп]осольств|[Пп]ограничн\w+ войск|[Пп]огранслужб|[Вв]ооруж[её]нн\w+ сил)\w*)\s+$"),
}
_TITLE = {"en": re.compile(r"\b(?:president|minister|leader)$", re.I),  # "Chinese President" (a name follows)
          "ru": re.compile(r"^(?:[Пп]резидент|[Пп]ремьер-министр|[Мм]инистр)\w*\s")}  # "Президент Узбекистана"
_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")
# ACLED: arrests, pepper spray, tear gas, water cannon and rubber bullets are an intervention; lethal weapons, deaths
# and beatings are excessive force
_INTERVENTION = {"en": re.compile(r"\b(?:detained|arrested|dispersed|broke up|detentions?|arrests?|tear gas|rubber bullets|"
                                  r"water cannons?|pepper spray|batons?|crushed|suppressed|quelled)\b", re.I),
                 "ru": re.compile(r"задерж\w*|разогнал\w*|разгон\w*|арест\w*|слезоточив\w*|резинов\w+ пул\w*|"
                                  r"водомет\w*|водомёт\w*|дубинк\w*|подавил\w*|подавлени\w*", re.I)}
# "the protesters dispersed peacefully in the evening": the crowd went home, no one dispersed it
_SELF_DISPERSED = re.compile(r"dispersed\s+(?:peacefully|quietly|calmly|on\s+their\s+own|voluntarily|of\s+their\s+own)", re.I)
_CROWD_BEFORE = re.compile(r"\b(?:protesters|demonstrators|crowds?|participants|people|residents|they)\s+(?:later\s+|then\s+|"
                           r"eventually\s+|had\s+|have\s+)?$", re.I)
_NO_ONE = re.compile(r"\b(?:no one|nobody|none|not|never|no)\b(?:\s+\w+){0,3}\s+$|(?<!\w)(?:никто|никого|не|ни один\w*)"
                     r"(?:\s+\w+){0,2}\s+$", re.I)
# An arrest verb says the police intervened even when the police go unnamed ("задержаны пятеро участников").
_ARREST_VERB = {"en": re.compile(r"\b(?:were|was|have been|had been)\s+(?:detained|arrested)\b", re.I),
                "ru": re.compile(r"(?<!\w)(?:задержан[аоы]?|задержали|арестован[аоы]?|арестовали)(?!\w)", re.I)}
_FORCE = {"en": re.compile(r"\b(?:live (?:fire|ammunition)|opened fire on (?:the )?(?:protesters|demonstrators|crowd)|beat(?:en)? (?:protesters|demonstrators)|(?:were|was) killed)\b", re.I),
          "ru": re.compile(r"открыл\w* огонь по (?:протестующ|демонстрант|толп)\w*|погиб\w*|убит\w*", re.I)}


@dataclass
class Trigger:
    start: int
    end: int
    text: str
    event_type: str | None
    sub_event_type: str | None
    plover: str
    priority: int


@dataclass
class Mention:
    """One sentence's evidence for one event."""

    sentence: tuple[int, int]
    paragraph: int
    trigger: Trigger
    dates: list[DateMention]
    places: list[PlaceMention]
    actors: list[ActorMention]
    fatalities: int | None
    injuries: int | None
    inherited_date: DateMention | None
    loose_places: list[tuple[int, int, str]] = field(default_factory=list)  # NER places the gazetteer lacks
    definite: bool = False
    fresh: bool = False  # "Later that day …", "Вечером того же дня …", "… again": a new event, not more of the last
    inherited_place: Place | None = None  # the setting of the event before it in the paragraph
    story_place: Place | None = None  # else the setting of the article's coded event before it ...
    story_date: date | None = None  # ... and that event's date
    headline: bool = False  # told in the title, which names neither date nor exact place as a rule
    # "The two attacks, on November 18 and on the night of December 1, killed five": (dead, wounded) of all the
    # events the sentence tells together, how many there are and which of them this mention is
    share: tuple[int | None, int | None, int, int] | None = None
    # the wounded an arrest's sentence counts ("44 people were detained and 16 injured"): the protest's it belongs to
    arrest_injuries: int | None = None
    counts: list[Count] = field(default_factory=list)  # the casualty figures counted in it
    # an arrest in its sentence is an event of its own ("задержаны организаторы митинга"): no intervention in this one
    arrest_apart: bool = False


@dataclass
class Candidate:
    mentions: list[Mention]
    event_type: str | None = None
    sub_event_type: str | None = None
    plover: str = ""
    warnings: list[str] = field(default_factory=list)
    answered: bool = False  # the side attacked fired back ("открыли ответный огонь"): a battle, whatever hit first

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def date(self) -> DateMention | None:
        return _best_date([d for m in self.mentions for d in m.dates])

    def setting(self) -> Place | None:
        """Its own place, else the one it took from its paragraph or its story."""
        return self.place() or next((p for m in self.mentions for p in (m.inherited_place, m.story_place) if p), None)

    def place(self) -> Place | None:
        return _most_specific([p for m in self.mentions for p in m.places])

    def fatalities(self) -> int | None:
        values = [m.fatalities for m in self.mentions if m.fatalities is not None]
        return values[0] if values else None


@dataclass
class Aggregate:
    start: int
    end: int
    fatalities: int | None
    injuries: int | None
    text: str


def _strength(d: DateMention) -> int:
    if d.date is None:
        return -1
    return {"day": 3, "range": 2, "month": 2, "year": 1}[d.precision] + (0 if d.relative else 1)


def _best_date(dates: list[DateMention]) -> DateMention | None:
    """The event date among a sentence's dates: explicit before relative, event dates before report dates."""
    usable = [d for d in dates if d.date is not None]
    if not usable:
        impossible = [d for d in dates if d.date is None]
        return impossible[0] if impossible else None
    events = [d for d in usable if not d.report] or usable
    return max(events, key=lambda d: (_strength(d), -d.start))


def _inside_a_name(sentence: str, start: int) -> bool:
    """A Russian cue written with a capital inside running text is a name: the village of Погромное is no pogrom
    (but «Взрыв прогремел …», a quote's first word, is a cue)."""
    before = sentence[:start].rstrip()
    return sentence[start].isupper() and bool(before) and (before[-1].isalnum() or before[-1] in ",")


@lru_cache(maxsize=2)
def _cues(language: str):
    """(cues, hedges, definite references, demands, back-references) of one language."""
    data = load_resource("triggers.json")
    lang = "ru" if language == "ru" else "en"
    # Russian cues are stems ("удар\\w*"): anchor them at a word start so "государственной" holds no "удар".
    cues = [(re.compile(e["re"] if lang == "en" else r"(?<!\w)(?:" + e["re"] + ")", re.IGNORECASE), e) for e in data[lang]]
    # Hedges are case-sensitive in English so that the month "May" is no hedge.
    hedges = re.compile(data["hedges"][lang], 0 if lang == "en" else re.IGNORECASE)
    definite = re.compile(data["definite_reference"][lang], re.IGNORECASE)
    demands = re.compile(data["demands"][lang], re.IGNORECASE)
    references = re.compile(data["references"][lang], re.IGNORECASE)
    return cues, hedges, definite, demands, references


class EventExtractor:
    """Extracts, merges and codes the events of one document."""

    def __init__(self, gaz: Gazetteer | None = None) -> None:
        self.gaz = gaz or gazetteer()
        self.focus = set(self.gaz.config["focus_countries"])
        self._published: date | None = None  # the document's, while it is extracted

    # cues -------------------------------------------------------------------
    def triggers(self, sentence: str, offset: int, language: str) -> list[Trigger]:
        cues, hedges, _, demands, references = _cues(language)
        found: list[Trigger] = []
        for pattern, e in cues:
            for m in pattern.finditer(sentence):
                if language == "ru" and _inside_a_name(sentence, m.start()):
                    continue
                found.append(Trigger(offset + m.start(), offset + m.end(), m.group(), e["type"], e["sub"], e["plover"], e["prio"]))
        if not found:
            return []
        # a cue inside a stronger one is part of it: "освободили похищенного предпринимателя" is a release, not an abduction
        found = [t for t in found if not any(o is not t and o.priority > t.priority and o.start <= t.start and t.end <= o.end
                                             for o in found)]
        found.sort(key=lambda t: t.start)
        # what happens again and again is no one event, in its own clause: "… claimed a bombing in Kabul that killed 12
        # people, and Uzbek officials have warned repeatedly that it recruits …" keeps the bombing
        repeated = {_clause_start(sentence, m.start()) for m in _REPEATED.finditer(sentence)}
        found = [t for t in found if _clause_start(sentence, t.start - offset) not in repeated]
        # What follows a denial or accusation is its content, not an event ("denied reports of talks").
        speech = [t for t in found if t.plover in ("REJECT", "ACCUSE")]
        cut = speech[0].end if speech else None
        probe = sentence[0].lower() + sentence[1:] if language != "ru" else sentence
        kept = []
        if not found or _SINCE_OPENING.match(sentence) or _LABELLED_CLAIM.match(sentence):
            # (and "Since 2021, the attacks have continued": a stretch of time, no one event; "Claim: Russia has
            # withdrawn its troops": what a fact check or a myth list goes on to deny)
            return []
        for t in found:
            s, e = t.start - offset, t.end - offset
            # "Police never detained anyone", "не задержали", "it was not Brussels that sent aid": nothing happened
            if _NEGATED[language].search(sentence[max(0, s - 45):s]) or _NOT_CLEFT.search(sentence[:s]) \
                    or _NEGATED_AFTER.match(sentence, s):
                continue
            # "sell sanctioned microchips", "sentenced … for organising an unsanctioned rally": a word, not an event
            # (but a crime that killed is an event told again: "jailed … for an attack on a gold mine that killed three")
            if _ATTRIBUTIVE.search(sentence[max(0, s - 20):e + 3]) or _CHARGED.search(sentence[max(0, s - 90):s]) \
                    and not _DEADLY_AFTER.match(sentence, e):
                continue
            if _FIGURATIVE.match(sentence, e) or t.text.lower().startswith("удар") and (
                    _BLOW_BEFORE.search(sentence[max(0, s - 25):s]) or _BLOW_ON.match(sentence, e)):
                # "an attack on free speech", "атака на свободу слова", "серьёзный удар", "солнечный удар", "удар по
                # экономике": a figure of speech
                continue
            if _COUNTED_CUE.search(sentence[max(0, s - 30):s]) and _PLURAL_CUE.search(t.text):
                continue  # "UNAMA recorded 41 attacks … compared with 63 in 2025": a count of incidents, no one of them
            if _NOT_COMMENTED.match(sentence, e):
                continue  # "В Киеве удар по Ижевску не комментировали": the strike told before, no new one
            if t.sub_event_type == "Arrests" and _ATTEMPTED.search(sentence[max(0, s - 25):s]):
                continue  # "оказали сопротивление при попытке задержания": no one was arrested
            if t.plover == "ASSAULT" and _FOILED.search(sentence[max(0, s - 40):s]) \
                    and not _FAILED_TO.search(sentence[max(0, s - 70):s]):
                continue  # "foiled an attack on a school", "предотвратили теракт": it did not happen (the arrest did)
            if t.plover in ("PROTEST", "CONSULT") and _UPCOMING.search(sentence[max(0, s - 50):s]):
                continue  # (nor talks or a summit: "ahead of a CSTO summit")
            if t.plover == "ASSAULT" and _EXERCISE.search(sentence):
                continue  # "в ходе маневров отрабатывалось применение беспилотников": an exercise, no strike
            if t.plover == "CONSULT" and (_EVERY_BEFORE.search(sentence[max(0, s - 20):s])
                                          or _MEETINGS_PLURAL.search(t.text)):
                continue  # "what Moscow promises Dushanbe at every summit", "на саммитах — объятия": a habit, no meeting
            if t.plover == "PROTEST" and _BLOCKADE.match(t.text) and _FORCES_BEFORE.search(sentence[max(0, s - 40):s]):
                continue  # "Police blocked the road to the square": no protest
            if (t.event_type in ("Protests", "Riots") or t.plover == "PROTEST") and _PARTICIPANTS_OF.search(
                    sentence[max(0, s - 30):s]) and _YEAR_AFTER.match(sentence, e):
                # "трое участников беспорядков 2022 года", "participants in the 2022 protests … of 2022": who they are,
                # by an event of another year (but "задержаны пятеро участников митинга": the rally they were held at)
                continue
            if _GENERIC_TURN.search(sentence[max(0, s - 40):s]) and (
                    _GENERIC_SUBJECT.match(sentence) or _HABITUAL.search(sentence, 0, s)):
                # "A quarrel over a water pipe turns into mortar fire", "каждую весну … спор … превращается в драку":
                # what happens again and again, no event
                continue
            if t.plover == "PROTEST" and _CELEBRATION.search(sentence):
                continue  # "Тысячи болельщиков вышли на улицы, празднуя победу": a celebration, no protest
            if t.plover == "PROTEST" and (_DIPLOMATIC_PROTEST.search(sentence[max(0, s - 30):e])
                                          or _SUMMONED_TO.search(sentence[max(0, s - 100):s])
                                          or _PROTESTED.match(t.text) and self._state_before(sentence[max(0, s - 50):s])):
                continue  # "Kazakhstan immediately protested", "МИД выразил протест": a government's protest, no rally
            if t.plover in ("REJECT", "ACCUSE"):
                if t.plover == "REJECT" and _NEITHER_NOR.search(sentence[max(0, s - 50):s]):
                    continue  # "neither confirmed nor denied", "не подтвердили и не опровергли": no denial
                if _COUNTED_OBJECT.match(sentence, e) or _WITHHELD.match(sentence, e):
                    continue  # "a visa office that rejects two applications in three": things counted, no denial
                if cut is not None and t.start >= cut and _EMBEDDED_SPEECH.match(sentence, cut - offset, s):
                    continue  # "rejected a Human Rights Watch report that accused …": the report's accusation
                kept.append(t)
                continue
            if cut is not None and t.start >= cut:
                continue
            window = probe[max(0, s - 70):min(len(probe), e + 25)]
            suspicion = _SUSPICION.search(window) if t.sub_event_type == "Arrests" else None
            if suspicion:
                # "detained on suspicion of involvement", "men suspected of plotting an attack were detained": what
                # they are suspected of is hypothetical, the arrest happened
                cue_at = s - max(0, s - 70)
                window = window[:suspicion.start()] + (window[cue_at:] if suspicion.start() < cue_at else "")
            if t.plover == "THREATEN":
                at = s - max(0, s - 70)
                window = window[:at] + " " + window[at + e - s:]  # a threat is no hedge of itself
            if t.plover != "PROTEST":
                window = _PLANNED_PROTEST.sub(" ", window)
            if hedges.search(window):
                continue
            # "after the attacks", "после нападений": an event told before, not a new one (but "after Azerbaijani
            # shelling killed dozens of soldiers" tells it in its own clause)
            if references.search(sentence[max(0, s - 40):s]) and not (
                    _HARM_VERB_AFTER.match(sentence, e) and not _TOLD_BEFORE.search(sentence[max(0, s - 25):s])):
                continue
            # "demanding the release of activists" is a demand, not a release
            if t.plover != "PROTEST" and demands.search(sentence[max(0, s - 60):s]):
                continue
            kept.append(t)
        return kept

    # main -------------------------------------------------------------------
    def extract(self, doc: Document) -> tuple[list[Candidate], list[Aggregate]]:
        language = "ru" if doc.language == "ru" else "en"
        text = doc.text
        notes = [(a.start, a.end) for a in doc.layer("boilerplate")]  # "* Движение запрещено в РФ": no story
        datelines = [(a.start, a.end) for a in doc.layer("dateline")]
        sentences = [(a.start, a.end) for a in doc.layer("sentence") if not any(s <= a.start < e for s, e in notes)] \
            or [(0, len(text))]
        # "On November 18 an engineer was shot dead …; on the night of December 1, gunmen fired on a camp …": a
        # semicolon joins two sentences, each its own events
        sentences = [part for span in sentences for part in self._semicolon_parts(text, *span, language)]
        paragraphs = [(a.start, a.end) for a in doc.layer("paragraph")]
        ner = [(a.start, a.end) for a in doc.layer("ner") if a.label in ("LOC", "GPE", "FAC")]
        # "in the village of Novaya Tavolzhanka", "в селе Лакомая Буда": a settlement the text names as one, whatever
        # the NER made of it
        settlements = [m.span("name") for m in _SETTLEMENT[language].finditer(text)]
        ner = sorted(ner + [(a, b) for a, b in settlements if not any(x < b and a < y for x, y in ner)])
        # names no place inside them is: a person's full name (natasha calls "Пянджа" of "у Пянджа" a person too) and an
        # institution's ("the Carnegie Russia Eurasia Center", "University of Central Asia")
        names = [(a.start, a.end) for a in doc.layer("ner") if a.label in ("PER", "PERSON")
                 and " " in text[a.start:a.end].strip() and not any(x < a.end and a.start < y for x, y in settlements)]
        surnames = {fold(text[a:b].split()[-1]) for a, b in names}
        names += [(a.start, a.end) for a in doc.layer("ner") if a.label == "ORG"
                  and _INSTITUTION_NAME.search(text[a.start:a.end])]
        resolver = DateResolver(language, doc.published, language)
        self._published = date.fromisoformat(doc.published) if doc.published else None
        self._text = text
        self._settlements = settlements
        definite_re = _cues(language)[2]
        claims = [c for c in doc.layer("claim") if c.attrs.get("kind") != "author"]
        self._speakers = [(c.attrs["speaker_start"], c.attrs["speaker_end"], (c.attrs.get("speaker") or "").lower())
                          for c in claims if c.attrs.get("speaker_start") is not None]
        self._quotes = [(c.start, c.end) for c in claims if c.attrs.get("quote")]
        title_end = len(doc.title) if doc.title and text.startswith(doc.title) else 0

        raw: list[tuple[int, int, int, list[PlaceMention]]] = []
        for start, end in sentences:
            s = text[start:end]
            if _DATE_LINE.match(s) or not s.strip():
                continue
            para = next((i for i, (ps, pe) in enumerate(paragraphs) if ps <= start < pe), 0)
            # a news outlet that shares its name with a village ("according to Kabar") is no place
            # (nor does one open an outlet's longer name: "издание Afghanistan International сообщило")
            places = [p for p in self.gaz.find(s, start) if (p.locative or sources().outlet(p.text) is None)
                      and not any(a <= p.start and p.end <= b and (p.start, p.end) != (a, b) for a, b in names)
                      and not _opens_outlet(text, p.start, p.end) and not _quoted_name(text, p.start, p.end)
                      and not (" " not in p.text and fold(p.text) in surnames)]
            for p, q in zip(places, places[1:]):
                if _IN_REGION.fullmatch(text, p.end, q.start):
                    p.region = q
            # ("Vladimir" of "Vladimir Putin" is no town; the NER's whole "Shir Khan Bandar" may be one; nor is
            # "Лаптева задержали" after "Максим Лаптев" the village of Laptevo)
            raw.append((start, end, para, places))
        context_isos, context_admin1 = self._context(raw)

        mentions: list[Mention] = []
        aggregates: list[Aggregate] = []
        candidates: list[Candidate] = []
        last_by_para: dict[int, Candidate] = {}
        violent_by_para: dict[int, Candidate] = {}  # the last attack of each paragraph: later figures are its
        setting_by_para: dict[int, Place] = {}  # a place a paragraph names before any event
        # the lead's own where (and when), when it tells an incident in words that code no event ("Пограничники в ночь
        # на 5 декабря предотвратили попытку переправить наркотики через Пяндж в … районе"): (paragraph, place, date)
        lead: tuple[int, Place, DateMention | None] | None = None
        lead_para = next((i for i, (ps, pe) in enumerate(paragraphs) if ps >= title_end and text[ps:pe].strip()), None)
        last_typed: Candidate | None = None
        date_para = None
        for start, end, para, places in raw:
            s = text[start:end]
            inherited = None
            # a date carries over to later sentences of its own paragraph only
            if resolver.anchor is not None and date_para == para:
                inherited = DateMention(start, start, "", resolver.anchor, resolver.anchor_precision,
                                        "carried from the previous date in the text", end_date=resolver.anchor_end,
                                        relative=True)
            # "posts marking the anniversary of the July 2022 unrest": the day commemorated is not the event's
            # ("отправил под стражу до 3 февраля", "remanded in custody until February 3": how long they are held)
            resolver.near_start = paragraphs[max(0, para - 1)][0] if paragraphs else 0
            dates = [d for d in resolver.find(s, start) if not _COMMEMORATED.search(text, max(start, d.start - 40), d.start)
                     and not _HELD_UNTIL.search(text, max(start, d.start - 50), d.start)
                     and not any(a <= d.start < b for a, b in datelines)]  # "OSH, Dec 6 (AFP) -": the report's day
            # "the most serious clash since the Taliban returned to power in August 2021", "since 2021": the start of
            # a period the sentence measures against, not the day of an event told before "since" (one told inside the
            # clause keeps it: "since the two countries signed a border treaty in March")
            # (and "The protesters, who had gathered … since Wednesday": the day the event told before began)
            since = {id(d): (m.start(), d.precision in ("month", "year"), self._clause_end(text, d.end, end))
                     for d in dates for m in [_SINCE.search(text, max(start, d.start - 60), d.end)] if m}
            if any(d.date for d in dates):
                date_para = para
            found = self.triggers(s, start, language)
            if start < title_end and _FACT_CHECK_TITLE.match(s):
                found = []  # "Fact Check: Video of "Tajik Shelling of Kyrgyz School" Is From 2022": the claim checked
            # "Пограничная служба Киргизии эти обвинения отвергла. По данным ведомства, огонь первой открыла таджикская
            # сторона, а киргизские пограничники у села Кок-Таш …": who fired first, by the other side's account, in the
            # clash told before (the village its guards held is no other place of it)
            first_fire = [t for t in found if last_typed is not None and last_typed.first.trigger.plover == "ASSAULT"
                          and any(f.start() <= t.start - start < f.end() or t.start - start <= f.start() < t.end - start
                                  for f in _FIRST_FIRE.finditer(s))]
            if _SEIZED.search(s) and not _DETONATED.search(s):
                # "В съемной квартире изъяты самодельное взрывное устройство и два пистолета", "police found a bomb":
                # a device seized, no explosion
                found = [t for t in found if t.sub_event_type != "Remote explosive/landmine/IED"]
            if not any(d.date for d in dates):
                # "The same pipeline produced Russia's deadliest terrorist attack in two decades": an event named by
                # its rank among others, told (and dated) elsewhere if at all
                found = [t for t in found if not _SUPERLATIVE.search(text, max(start, t.start - 40), t.start)]
            similar = _SIMILAR.search(s) if not found and last_typed is not None else None
            kind = last_typed.first.trigger if similar else None
            if kind is not None and (kind.event_type in VIOLENT_TYPES or kind.event_type in ("Riots", "Protests")):
                # "Ранее в ноябре похожий конфликт произошел в Красногорске", "a similar clash": another event of the
                # kind told before
                found = [Trigger(start + similar.start(), start + similar.end(), similar.group(), kind.event_type,
                                 kind.sub_event_type, kind.plover, kind.priority)]
            if language == "en" and start >= title_end:
                # "while its diplomats deny everything": a commentary's present tense tells what someone does, not a
                # statement made (a headline's "rejects" and a quote's "We reject …" are)
                found = [t for t in found if not (t.plover in _SPEECH and _PRESENT_SPEECH.match(t.text) and not any(
                    c.attrs.get("quote") and c.start <= t.start < c.end for c in claims))]
            # "to commemorate the 16 oil workers killed in 2011", "почтить память погибших": the dead of another day
            figures = [f for f in counts(s, language, start)
                       if not _COMMEMORATED.search(text, max(start, f.start - 45), f.start)]
            fat, inj = summarize(figures)
            if fat is None and inj is None and any(t.sub_event_type == "Arrests" for t in found):
                # "Police raided the Sadovod market and detained 148 migrants": the raid is the arrests, no attack
                found = [t for t in found if not _RAIDED.fullmatch(t.text)]
            if found and not figures and last_typed is not None and last_typed.first.trigger.plover == "ASSAULT" \
                    and not any(p.locative for p in places):
                # "Министерство обороны России сообщило о нападении только в понедельник" after the attack: a report of
                # the attack told before, no new one
                found = [t for t in found if not (t.plover == "ASSAULT" and _REPORTED_ABOUT.search(
                    text, max(start, t.start - 40), t.start))]
            # (the total's own clause: "Это уже второе подобное нападение за месяц — 18 ноября … был убит китайский
            # инженер" tells one event after the dash)
            head = max(s.rfind(sep, 0, figures[0].start - start) for sep in (" — ", " – ", ": ", "; ")) if figures else -1
            if figures and is_aggregate(s[max(0, head):], language):
                aggregates.append(Aggregate(start, end, fat, inj, s))
                continue
            killed = [f for f in figures if f.field == "fatalities"]
            # (where the officials who tell it sit is no place of its own: "Two officials in Dushanbe … said … one of
            # the attackers was killed in the exchange")
            if killed and all(f.attackers for f in killed) and not any(
                    not _SEAT.search(text, max(start, p.start - 40), p.start) for p in places) and not any(d.date for d in dates) \
                    and not _FRESH[language].search(s) and not _TOLD_BEFORE.search(text, max(start, killed[0].start - 8),
                                                                                killed[0].start):
                # "It said at least three attackers were killed", "Пограничники уничтожили двух нападавших": the
                # defenders' answer in the same attack; its dead are the attack's too (ACLED counts every side)
                prev = last_by_para.get(para)
                if prev is None and last_typed is not None and para == last_typed.mentions[-1].paragraph + 1:
                    prev = last_typed
                if prev is not None and prev.first.trigger.plover == "ASSAULT" and prev.fatalities() is not None \
                        and not any(f.attackers for m in prev.mentions for f in m.counts):
                    counted = next(m for m in prev.mentions if m.fatalities is not None)
                    dead = max(f.value for f in killed)
                    counted.fatalities += dead
                    if inj is not None and all(m.injuries is None for m in prev.mentions):
                        counted.injuries = inj
                    prev.warnings.append(f"{dead} attackers killed ({s.strip()[:80]!r}): added to the dead")
                    prev.answered = prev.answered or any(_RESPONSE.search(t.text) for t in found)
                    continue
            later = _LATER_DEATH[language].search(s) if not found else None
            if later:
                # "A third soldier died of his wounds on Wednesday", "скончался ещё один раненый": the toll of
                # the attack before it rises
                prev = violent_by_para.get(para) or last_by_para.get(para) or last_typed
                if prev is not None and prev.first.trigger.plover == "ASSAULT":
                    counted = next((m for m in prev.mentions if m.fatalities is not None), prev.mentions[-1])
                    if fat is not None and counted.fatalities is not None and _INCLUDING.search(s, 0, later.start()):
                        # "said five officers had died, including two who succumbed overnight": another source's
                        # whole toll, not more dead; the lower is kept, as ACLED keeps the most conservative report
                        prev.warnings.append(f"counts differ in the text: {counted.fatalities} dead, then {fat} "
                                             f"({s.strip()[:60]!r}); the lower is kept")
                        counted.fatalities = min(counted.fatalities, fat)
                        continue
                    if fat is not None and counted.fatalities is not None and fat > counted.fatalities \
                            and _TOLL_ROSE.search(s):
                        # "одна из раненых скончалась …, таким образом число погибших возросло до четырех": the
                        # new total, not four more
                        prev.warnings.append(f"the toll rose from {counted.fatalities} to {fat} ({s.strip()[:60]!r})")
                        counted.fatalities = fat
                        continue
                    died = fat or 1
                    counted.fatalities = (counted.fatalities or 0) + died
                    prev.warnings.append(f"{died} later died of wounds ({s.strip()[:80]!r}): added to the dead")
                    other = [f.value for f in figures if f.field == "injuries" and THE_OTHER.match(text, f.start)]
                    if other and all(m.injuries is None for m in prev.mentions):
                        # "Один из них скончался в больнице, второй получил ранения" (but "скончались еще двое
                        # пострадавших" are the dead, no wounded)
                        counted.injuries = max(other)
                continue
            if not found:
                # "… were injured, the regional health department said on Friday": a report's date is no new day
                dates = [d for d in dates if not d.report and not (id(d) in since and (since[id(d)][1] or definite_re.search(s)))]
                told = last_typed if last_typed is not None and para <= last_typed.mentions[-1].paragraph + 1 else None
                day = next((d for d in dates if d.date and d.precision == "day"), None)
                began = _INCIDENT_BEGAN.search(s)
                # (an arrest's day goes to the arrest told before, any other incident's to the violence told before)
                arrest = began is not None and _ARREST_NOUN.search(began.group(0))
                if day is not None and told is not None and began and (
                        told.first.trigger.sub_event_type == "Arrests" if arrest
                        else told.first.trigger.plover == "ASSAULT") and not any(
                            x.date and not x.report for m in told.mentions for x in m.dates):
                    # "В Шымкенте … массовой драки …. Конфликт между рабочими начался … вечером в пятницу": when the
                    # incident told before, which had no day of its own, began
                    told.mentions[-1].dates.append(day)
                    continue
                if figures and (_TOLL_SET.search(s) or _TOLL_OF.search(s) and _TOLL_ROSE.search(s)):
                    # "The interior ministry on Sunday raised the official death toll to four": the day a toll is given
                    # is the report's, the toll the event's
                    dates = []
                if figures and _EARLIER_COUNT.search(s) and _FIGURES_REPORTED.search(s):
                    # (the wounded it gave stand until a later count: "… he said at the time, and 19 were wounded")
                    figures = [f for f in figures if f.field == "injuries"]
                    fat, inj = summarize(figures)
                    if not figures:
                        continue
                prev = last_by_para.get(para)
                if figures and prev is not None and prev.first.trigger.plover != "ASSAULT":
                    # "… задержала 47 граждан, а в Екатеринбурге неизвестные избили двух рабочих. Один из них скончался":
                    # the dead are the attack's, not the arrest's told after it in the same sentence
                    prev = violent_by_para.get(para, prev)
                if prev is None and figures and not dates and last_typed is not None \
                        and para == last_typed.mentions[-1].paragraph + 1 \
                        and (_FIGURES_REPORTED.search(s) or _CONSEQUENCE.match(s)
                             or last_typed.first.trigger.plover == "ASSAULT" and not places):
                    # "МВД сообщило о двух погибших …", "В результате один пограничник погиб", "Погиб один кыргызский
                    # пограничник, еще двое ранены." in the next paragraph: another count of it, or its toll
                    prev = last_typed
                    if fat is not None and prev.fatalities() not in (None, fat):
                        # "The Chinese embassy confirmed … that two of its citizens had died" after a clash that killed
                        # four: the toll of the attack before it that killed two, confirmed
                        prev = next((c for c in reversed(candidates) if c.first.trigger.plover == "ASSAULT"
                                     and c.fatalities() == fat), prev)
                if prev is None and figures and not dates and _TOLL_OF.search(s) and _TOLL_ROSE.search(s):
                    # "UPD 21:40: Число погибших выросло до трех": the toll of the last attack told, however far down
                    prev = next((c for c in reversed(candidates) if c.first.trigger.plover == "ASSAULT"), None)
                if prev is None:
                    # "На прошлой неделе в Хатлонской области снова пролилась кровь. В ночь на 1 декабря неизвестные
                    # обстреляли лагерь …": where the paragraph opens is where its first event happened
                    located = [p for p in places if p.locative
                               and not _SEAT.search(text, max(start, p.start - 40), p.start)]
                    for p in located:
                        p.candidates = rank(p, context_isos, context_admin1, self.focus)
                        p.place = p.candidates[0] if p.candidates else None
                    setting = _most_specific(located)
                    if setting is not None and para not in setting_by_para:
                        setting_by_para[para] = setting
                    if lead is None and para == lead_para and all(m.headline for c in candidates for m in c.mentions):
                        day = next((d for d in dates if d.date and d.precision == "day"), None)
                        lead = (para, setting, day) if setting is not None else None
                    continue
                last = prev.mentions[-1]
                # "Тогда погибли 238 человек" after riots too: a riot kills as an attack does
                # (and a protest that was put down: "силовики подавили протесты … Тогда погиб 21 человек")
                # (or any protest whose dead the sentence tells as its own: "По официальным данным, тогда погиб 21
                # человек" after "в июле 2022 года в Нукусе прошли массовые протесты")
                killing = prev.first.trigger.plover == "ASSAULT" or prev.first.trigger.event_type == "Riots" or (
                    prev.first.trigger.event_type == "Protests"
                    and (_INTERVENTION[language].search(text, *prev.mentions[-1].sentence) is not None
                         or _THEN.search(s) is not None))
                if figures and killing and prev.fatalities() is None and not dates:
                    last.fatalities = fat if last.fatalities is None else last.fatalities
                    last.injuries = inj if last.injuries is None else last.injuries
                    last.counts = last.counts + figures
                elif figures and killing and fat is None and inj is not None and not dates \
                        and all(m.injuries is None for m in prev.mentions):
                    last.injuries = inj  # "… погибли пять человек. Ещё восемь человек получили ранения."
                elif figures and killing and fat is None and inj is not None and not dates and _TOLL_ROSE.search(s) \
                        and inj > max(m.injuries or 0 for m in prev.mentions):
                    # "Позднее он уточнил, что число раненых возросло до семи": the new number of wounded
                    counted = next(m for m in prev.mentions if m.injuries is not None)
                    prev.warnings.append(f"the wounded rose from {counted.injuries} to {inj} ({s.strip()[:60]!r})")
                    counted.injuries = inj
                elif figures and killing and fat is None and inj is not None and not dates and self._other_side(
                        text, [c for m in prev.mentions for c in m.counts], figures, field="injuries"):
                    # "трое киргизских военнослужащих получили ранения … сообщили о двух раненых таджикских
                    # пограничниках": each side's wounded, both counted
                    counted = next(m for m in prev.mentions if m.injuries is not None)
                    counted.injuries += inj
                    prev.warnings.append(f"{inj} wounded of the other side added ({s.strip()[:60]!r})")
                elif figures and killing and not dates and fat is not None and fat != prev.fatalities():
                    counted = next(m for m in prev.mentions if m.fatalities is not None)
                    before = counted.fatalities
                    if fat > before and _TOLL_ROSE.search(s):
                        # "число погибших возросло до трёх", "the death toll rose to three": the later count updates it
                        counted.fatalities = fat
                        prev.warnings.append(f"the toll rose from {before} to {fat} ({s.strip()[:60]!r})")
                    elif self._other_side(text, [c for m in prev.mentions for c in m.counts], figures):
                        # "Два киргизских пограничника погибли … сообщили о гибели одного таджикского военного": each
                        # side's dead, both counted (ACLED counts every side)
                        counted.fatalities = before + fat
                        prev.warnings.append(f"{fat} dead of the other side added ({s.strip()[:60]!r})")
                    else:
                        # two sources, two counts: the lower is kept, as ACLED codes the most conservative report
                        if fat < before:
                            counted.fatalities, counted.injuries = fat, inj
                        prev.warnings.append(f"counts differ in the text: {before} dead, then {fat} "
                                             f"({s.strip()[:60]!r}); the lower is kept")
                elif definite_re.search(s):
                    # "Акция прошла накануне", "The attack took place in ...": details of the event before
                    if prev.date() is None and dates:
                        last.dates = last.dates + dates
                    if prev.place() is None:
                        for p in places:
                            p.candidates = rank(p, context_isos, context_admin1, self.focus)
                            p.place = p.candidates[0] if p.candidates else None
                        last.places = last.places + places
                    if figures and prev.fatalities() is None:
                        last.fatalities, last.injuries = fat, inj
                continue
            for p in places:
                p.candidates = rank(p, context_isos, context_admin1, self.focus)
                p.place = p.candidates[0] if p.candidates else None
            # "сообщили в пограничной службе ГКНБ Киргизии", "the Interior Ministry's press service said": the office
            # that reports an event is no party to it
            # (nor is whoever says in their own words what happened: "'My client was beaten,' lawyer X told AP", nor
            # whom they tell it)
            actors = [a for a in find_actors(s, start, language, self.gaz) if not any(
                c.attrs.get("speaker_start") is not None and (
                    c.attrs["speaker_start"] <= a.start < c.attrs["speaker_end"] and (
                        sources().office_word(c.attrs.get("speaker") or "") or _SOURCE_IN.match(c.attrs.get("speaker") or "")
                        # "… have detained Nurbek Asanaliev, a reporter, his lawyer said": one named after what they say
                        or c.start < c.attrs["speaker_start"])
                    or c.attrs.get("quote") and c.attrs["speaker_start"] <= a.end + 1 and a.start < c.attrs["speaker_end"]
                    and not text[a.end:c.attrs["speaker_start"]].strip()) for c in claims)
                and not _TOLD_TO.search(text, max(start, a.start - 25), a.start)  # "заявил журналистам": whom told
                and not _CARGO_FOR.search(text, max(start, a.start - 60), a.start)  # "a train carrying fuel for the army"
                and not _AIDED.search(text, max(start, a.start - 50), a.start)]  # "suspected of aiding militants"
            for p in places:  # "граждане Китая", "gunmen from Afghanistan": who, not where
                if any(a.start <= p.start < a.end for a in actors):
                    p.origin = True
                elif not p.locative and _GOVERNMENT_ACT.match(text, p.end) and any(
                        c.kind in ("city", "country") for c in p.candidates[:1]):
                    p.origin = True  # "…, Yerevan asked for help", "Бишкек просил Москву": a government that acts
                elif _TOPIC.search(text, max(start, p.start - 40), p.start):
                    p.origin = True  # "over her reporting on the Gorno-Badakhshan region": what was written about
                elif _SEAT.search(text, max(start, p.start - 40), p.start) and _SAID_AFTER.match(text, p.end):
                    p.origin = True  # "officials in Dushanbe and Kabul said": where those who tell it sit
                elif text[max(0, p.start - 1):p.start] in ("«", "\"", "“") and text[p.end:p.end + 1] in ("»", "\"", "”") \
                        and _OUTLET_WORD.search(text, max(start, p.start - 25), p.start):
                    p.origin = True  # "ссылается издание «Фергана»": an outlet named after a place
                elif _FROM_SIDE.search(text, max(start, p.start - 50), p.start):
                    p.origin = True  # "переправилась через Пяндж со стороны афганской провинции Бадахшан": whence
                elif _ROAD_BEFORE.search(text, max(start, p.start - 40), p.start) or _ROAD_AFTER.match(text, p.end) \
                        or _QUARTER_BEFORE.search(text, max(start, p.start - 20), p.start):
                    # (nor is a city quarter's name a town: "в махалле Янгиабад" lies in the city the text names)
                    p.origin = True  # "перекрыли трассу Бишкек — Ош", "the Bishkek–Osh highway": a road's name
                elif not p.locative and _CLEFT_BEFORE.search(text, max(start, p.start - 12), p.start):
                    p.origin = True  # "it was Moscow that brought both presidents to the table": who, not where
                elif _BASE_AT.search(text, max(start, p.start - 25), p.start) and not any(
                        t.start < p.start for t in found):
                    # "valued … the Russian air base at Kant, but did not comment on the Bishkek protests": where the
                    # base sits, said before the deed (but "an attack on the air base at Kant" is there)
                    p.origin = True
                elif _MISSION_SEAT.search(text, max(start, p.start - 40), p.start) \
                        and not _AT_MISSION.search(text, max(start, p.start - 60), p.start):
                    p.origin = True  # "China's embassy in Dushanbe condemned the attack": where the mission sits
                # (the gazetteer's name may hold the "'s" or stop before it)
                elif not p.locative and (_OWNER_AFTER.match(text, p.end) or _OWNER_AFTER.match(text, p.end - 2)
                                         or _OWNER_BEFORE.search(text, max(start, p.start - 30), p.start)):
                    p.origin = True
                # "Dushanbe says two soldiers killed": the government that speaks, not where it happened (but
                # "сообщил житель Дарваза" speaks of Darvaz)
                elif not p.locative and any(c.attrs.get("speaker_start") is not None and p.start <= c.attrs["speaker_start"]
                                            and c.attrs["speaker_end"] <= p.end for c in claims):
                    p.origin = True
                elif any(c.attrs.get("speaker_end") is not None and c.attrs["speaker_end"] <= p.start
                         and _SPEAKER_OFFICE_IN.fullmatch(text, c.attrs["speaker_end"], p.start) for c in claims):
                    # "said Mohammad Asif Waziri, spokesman for the Taliban police in Balkh": where the speaker's
                    # office sits
                    p.origin = True
                elif any(c.attrs.get("speaker_start") is not None and c.attrs["speaker_start"] <= p.start
                         and p.end <= c.attrs["speaker_end"] and (_OFFICE_OF.search(text, c.attrs["speaker_start"], p.start)
                                                                  or _SIDE_AFTER.match(text, p.end)
                                                                  or _OFFICE_AFTER.match(text, p.end))
                         for c in claims):
                    # "В Пограничных войсках ГКНБ Таджикистана заявили", "Киргизская сторона заявила": the state whose
                    # office or side speaks
                    p.origin = True
            # "in the Vahdat district east of Dushanbe", "в 30 км от Хорога": a bearing's reference point is no place of
            # the event when the sentence names the place itself
            bearings = [p for p in places if not p.origin and _BEARING_BEFORE.search(text, max(start, p.start - 30), p.start)]
            if bearings and any(p.locative and not p.origin and p not in bearings for p in places):
                for p in bearings:
                    p.origin = True
            # a name the gazetteer lacks; never an ordinal ("the 201st base")
            loose = [(a, b, text[a:b]) for a, b in ner if start <= a < end and text[a:a + 1].isalpha()
                     and not any(p.start <= a < p.end for p in places)
                     and not self.gaz.demonym(text[a:b]) and not any(x.start <= a < x.end for x in actors)
                     and sources().outlet(text[a:b]) is None and not _FACILITY_AFTER.match(text, b)
                     and not _STREET_NAME.search(text[a:b])  # "the drone hit the car on Sovetskaya Street"
                     and not _STREET_BEFORE.search(text[max(start, a - 15):a])
                     and not _TOLD_TO.search(text, max(start, a - 25), a)  # "told Central Asia Monitor": whom, not where
                     and not any(d0 <= a < d1 for d0, d1 in datelines)  # "MOSCOW, Dec 5 (Reuters) -": where it is filed
                     and not text.startswith("-based", b)]  # "the New York-based group": where it sits
            definite = bool(definite_re.search(s))
            # (but "Через час полиция разогнала акцию": the dispersal ends the rally told before, it is no new one)
            fresh = bool(_FRESH[language].search(s[: max(0, found[0].start - start)])) and not definite \
                and not any(_DISPERSED.match(t.text) for t in found)
            selected = self._select(found, text)
            for trig in selected:
                own_dates = [d for d in dates if not (id(d) in since and not since[id(d)][0] < trig.start < since[id(d)][2]
                                                      and (since[id(d)][1] or definite))]
                if len(selected) > 1 and dates:
                    # several events in one sentence: each takes the dates nearest to its own cue (never the day of
                    # the report: "said on Saturday that an explosion … on Thursday …, and that three … had been detained")
                    own_dates = [d for d in own_dates if not d.report] or own_dates
                    # ... but a date that opens the sentence frames all of it ("На прошлой неделе полиция задержала …,
                    # а в Екатеринбурге неизвестные избили …")
                    # (but not a cue with a date of its own: "в пятницу задержали … пособников, которые в ночь на 1
                    # декабря напали на пост")
                    own_dates = [d for d in own_dates if self._cue_of_date(selected, d, text) is trig] or [
                        d for d in own_dates if len(text[start:d.start].split()) <= 2
                        and d.end <= min(t.start for t in selected)] \
                        or [d for d in own_dates if d.end <= min(t.start for t in selected)]
                    # (a cue with no date of its own shares one told before every cue: "В ходе спецоперации в ночь на
                    # четверг ликвидированы восемь …, ещё 14 человек задержаны")
                opened = _SINCE.search(text, start, trig.start)
                if opened is not None and any(d.start >= opened.start() for d in own_dates):
                    # "Friday's attack was the deadliest since a suicide bomber killed five … in March": the event told
                    # after "since" has its own day there, and the one before is the other event's
                    own_dates = [d for d in own_dates if d.start >= opened.start()]
                toll = _TOLL_OF.search(text, start, trig.start)
                rose = _TOLL_ROSE.search(text, trig.end, end) if toll is not None else None
                if rose is not None:
                    # "The death toll from the blast rose to 11 on Sunday, according to a spokesman for the Balkh
                    # health department": the day the toll rose and who gave it are not the blast's
                    own_dates = [d for d in own_dates if d.start < rose.start()]
                gone = _DAYS_BEFORE.search(text, max(start, trig.start - 30), trig.start)
                if gone is not None:
                    # "spoke by phone on Thursday …, a day after a shootout near Vorukh": the shootout's day is the one
                    # before
                    word = (gone.group(1) or "one").lower()  # ("на следующий день после": one)
                    back = timedelta(days=int(word) if word.isdigit() else load_resource("numbers.json")["en"][word])
                    own_dates = [replace(d, date=d.date - back, end_date=None, relative=True,
                                         basis=f"{gone.group(0).strip()!r} the day the sentence gives")
                                 for d in own_dates if d.date and d.precision == "day"]
                if trig.plover == "ASSAULT" and any(t.sub_event_type == "Arrests" for t in selected) \
                        and _SUSPICION.search(text, max(start, trig.start - 60), trig.start):
                    # "накануне … задержаны трое подозреваемых в причастности к теракту": the day of the arrest is not
                    # the attack's (but "suspected of involvement in Friday's bombing" names it)
                    own_dates = [d for d in own_dates if d.start > trig.start
                                 or _POSSESSIVE_DAY.fullmatch(text, d.end, trig.start)]
                if _CHARGED.search(text[max(start, trig.start - 90):trig.start]):
                    # "on Thursday sentenced six men … for an attack … that killed three … in September": the day of the
                    # sentence is not the attack's
                    own_dates = [d for d in own_dates if d.start > trig.start] or own_dates
                # "chanted the name of Tleuov, a blogger detained on November 19", "блогера, задержанного 19 ноября":
                # the day of the deed a participle tells, not the cue's (unless the participle is the cue)
                own_dates = [d for d in own_dates if not any(
                    not (p.start() <= trig.start - start < p.end()) for p in [_PARTICIPLE_DAY.search(
                        text[start:d.start])] if p)]
                hurt = trig.plover in ("ASSAULT", "PROTEST")  # counts belong to violence, not to a deal in the same sentence
                # "В посольстве Таджикистана в Москве заявили, что … о задержании граждан": where an embassy sits is
                # not where what it speaks of happened (but "Житель Дарваза рассказал …" speaks of Darvaz)
                framed = [c for c in claims if c.start <= trig.start < c.end and c.attrs.get("speaker_start") is not None
                          and _MISSION.search(c.attrs.get("speaker") or "")]
                own_places = places if trig.plover in _SPEECH or not framed else [
                    p for p in places if not any(c.attrs["speaker_start"] <= p.start < c.attrs["speaker_end"] for c in framed)]
                if rose is not None:
                    own_places = [p for p in own_places if p.start < rose.start()]
                told = last_typed.setting() if trig in first_fire else None
                if told is not None:
                    # (but "The border service said the Taliban fighters opened fire first on a Tajik post near
                    # Ishkashim" places the clash)
                    own_places = [p for p in own_places if p.place is None or p.place.iso == told.iso]
                own_actors = actors
                if len(selected) > 1 and any(t.event_type for t in selected if t is not trig) and trig.event_type:
                    # two coded events in one sentence (an arrest for an attack): each its nearest places and actors
                    def nearest(x):
                        return min(selected, key=lambda t: abs(t.start - x.start)) is trig
                    # (one with no place of its own is where the sentence's other event is: "detained 12 people in Osh
                    # after a rally turned into clashes")
                    near = [p for p in own_places if nearest(p)]
                    # (but a deal agreed by phone is not made where the fighting it answers happened, nor "the attack"
                    # told before where the suspects were arrested: "said the attack was carried out by ISIS-K and that
                    # security forces had arrested two suspects in … Chah Ab")
                    # (nor the deed a relative clause tells: "задержали в Хасавюрте … пособников боевиков, которые …
                    # напали на пост ДПС у села Манаскент")
                    told_before = any(m.start() <= trig.start - start < m.end() for m in definite_re.finditer(s))
                    own_places = near if any(p.locative for p in near) or trig.plover in ("AGREE", "CONSULT") \
                        or told_before or _RELATIVE_CUE.search(text, max(start, trig.start - 60), trig.start) \
                        else near + [p for p in own_places if p.locative and p not in near]
                    own_actors = [a for a in actors if nearest(a)]
                # "was arrested in July after he criticised the handling of floods in the Surkhandarya region": a place
                # in a clause of its own after the cue is that clause's
                own_places = [p for p in own_places if not (p.start > trig.end and _OWN_CLAUSE_AFTER.search(
                    text, trig.end, p.start))]
                when = _EMBEDDED_WHEN.search(text[start:trig.start])
                if when is not None and "," not in text[start + when.end():trig.start].replace(", а ", "").replace(", and ", ""):
                    # "в январе 2022 года, когда … в уличных столкновениях погибли 238 человек, именно российские
                    # десантники … спасли власть": who acts after the clause the cue stands in is no party to it
                    close = _CLAUSE_CLOSE.search(text, trig.end, end)
                    if close is not None:
                        own_actors = [a for a in own_actors if a.start < close.start()]
                        # ("Когда в 2010 году на юге Киргизии вспыхнули …, Бишкек просил …": nor where the rest is)
                        own_places = [p for p in own_places if p.start < close.start()] or own_places
                if trig.plover in _SPEECH and self._published is not None:
                    # "Муджахид накануне отверг причастность … к нападению" after the attack of 27 November: an answer
                    # comes after what it answers, so its eve is the report's
                    attacks = [c.date().date for c in candidates if c.first.trigger.plover == "ASSAULT" and c.date()
                               and c.date().date]
                    own_dates = [replace(d, date=self._published - timedelta(days=1),
                                         basis="'накануне': the day before the report (what it answers came later)")
                                 if d.basis == EVE_OF_PREVIOUS and d.date
                                 and any(a > d.date for a in attacks) else d for d in own_dates]
                if not own_dates and _DURING_ARREST.match(s):
                    # "При задержании ещё один участник группы оказал вооружённое сопротивление": on the day of the
                    # arrest told before
                    arrest = next((c for c in reversed(candidates) if c.first.trigger.sub_event_type == "Arrests"
                                   and c.date() is not None and c.date().date), None)
                    if arrest is not None:
                        own_dates = [replace(arrest.date(), basis="the day of the arrest it happened in")]
                own_figures, own_fat, own_inj = figures, fat, inj
                cut = _SINCE_WORD.search(text, start, end) if figures else None
                if cut is not None:
                    # "Saturday's rally was the largest since July 2022, when … unrest in which 21 people were killed":
                    # the dead told after "since" are the earlier event's
                    own_figures = [f for f in figures if (f.start < cut.start()) == (trig.start < cut.start())]
                    own_fat, own_inj = summarize(own_figures)
                mention = Mention((start, end), para, trig, own_dates, own_places, own_actors, own_fat if hurt else None,
                                  own_inj if hurt else None, inherited, loose, definite or rose is not None or trig in first_fire,
                                  fresh and trig not in first_fire,
                                  headline=start < title_end,
                                  counts=own_figures if hurt else [])
                if trig.sub_event_type == "Arrests" and len(selected) == 1 and not own_fat:
                    mention.arrest_injuries = own_inj
                mention.arrest_apart = trig.sub_event_type != "Arrests" and any(
                    t.sub_event_type == "Arrests" for t in selected)
                days = sorted({d.date for d in own_dates if d.date and d.precision == "day"})
                years = {d.date.year for d in own_dates if d.date and d.precision == "year"}
                if _PLURAL_CUE.search(trig.text) and (not days and (len(years) >= 2 or _YEARS_LIST.search(
                        text[max(start, trig.start - 50):min(end, trig.end + 50)])) or _IN_YEARS.match(text, trig.end)):
                    continue  # "the clashes we saw in 2021 and 2022": events of several years, none told
                batch = [mention]
                if hurt and len(days) >= 2 and _SEVERAL.search(text, max(start, trig.start - 30), trig.start):
                    # "The two attacks, on November 18 and on the night of December 1, killed five Chinese citizens":
                    # one event per day, the toll of all of them divided evenly, no count of one's own to
                    # disagree with where an attack was told before
                    batch = [replace(mention, dates=[d for d in own_dates if d.date == day], fatalities=None,
                                     injuries=None, counts=[], share=(own_fat, own_inj, len(days), k))
                             for k, day in enumerate(days)]
                for mention in batch:
                    own_day = _best_date(mention.dates)

                    def apart(cand: Candidate) -> bool:
                        # "В июне 2010 года в Оше … В апреле 2021 года … А в сентябре 2022 года … на границе": events of
                        # other years told one after another share no place (unless "на этом же участке")
                        other = cand.date()
                        return bool(own_day and own_day.date and other and other.date) and abs(
                            (own_day.date - other.date).days) > 62 and not _SAME_PLACE.search(text, start, end)
                    if para in last_by_para and apart(last_by_para[para]):
                        pass
                    elif para in last_by_para:
                        mention.inherited_place = last_by_para[para].setting()
                    elif para in setting_by_para and trig.event_type is not None:
                        mention.inherited_place = setting_by_para[para]
                    elif lead is not None and para > lead[0] and trig.event_type is not None \
                            and (last_typed is None or all(m.headline for m in last_typed.mentions)):
                        mention.story_place = lead[1]
                        mention.story_date = lead[2].date if lead[2] else None
                        if lead[2] is not None and mention.inherited_date is None and not mention.dates:
                            mention.inherited_date = replace(lead[2], basis="the date the lead gives")
                    elif last_typed is not None and trig.event_type is not None and not apart(last_typed):
                        mention.story_place = last_typed.setting()
                        previous = last_typed.date()
                        mention.story_date = previous.date if previous else None
                    mentions.append(mention)
                    cand = self._merge_or_new(candidates, mention)
                    if trig.event_type is not None:
                        last_by_para[para] = last_typed = cand
                    if trig.plover == "ASSAULT":
                        violent_by_para[para] = cand
        for cand in candidates:
            self._code(cand, language, text)
        # "По предварительным данным, взорвался газовый баллон": an accident is no political violence (ACLED codes none)
        # (a headline's explosion by the cause its lead gives)
        # (also when its victims made it an attack on civilians: "A gas cylinder exploded at a market, injuring six")
        candidates = [c for c in candidates if not ((c.event_type == "Explosions/Remote violence" or all(
            _EXPLOSION.search(m.trigger.text) for m in c.mentions)) and any(
            _ACCIDENT.search(text, *paragraphs[p]) for m in c.mentions
            for p in ((m.paragraph, m.paragraph + 1) if m.paragraph == 0 else (m.paragraph,)) if p < len(paragraphs))
            or any(_ACCIDENT_CAUSE.search(text, *paragraphs[p]) for m in c.mentions
                   for p in (m.paragraph, m.paragraph + 1) if p < len(paragraphs)))]
        return candidates, aggregates

    def _context(self, raw) -> tuple[set[str], set[str]]:
        """Countries and regions the article names unambiguously: they settle the ambiguous names."""
        isos: set[str] = set()
        admin1: set[str] = set()
        for _, _, _, places in raw:
            for p in places:
                if len({c.iso for c in p.candidates}) == 1:
                    isos.add(p.candidates[0].iso or "")
                if len({c.admin1_code for c in p.candidates}) == 1 and p.candidates[0].admin1_code:
                    admin1.add(p.candidates[0].admin1_code)
        return isos, admin1

    def _other_side(self, text: str, earlier: list[Count], later: list[Count], field: str = "fatalities") -> bool:
        """Whether two death (or injury) counts are of different peoples' dead ("два киргизских пограничника",
        "одного таджикского военного"), each named by a people's adjective next to its number."""
        a, b = self._people(text, earlier, field), self._people(text, later, field)
        return len(a) == 1 and len(b) == 1 and a != b

    def _people(self, text: str, counts: list[Count], field: str = "fatalities") -> set[str]:
        """The peoples whose adjective stands next to the counts' numbers."""
        found = set()
        for c in (c for c in counts if c.field == field):
            for word in re.findall(r"[\w-]+", text[max(0, c.start - 20):c.end + 30]):
                iso = self.gaz.demonym(word)
                if iso:
                    found.add(iso)
        return found

    def _state_before(self, prefix: str) -> bool:
        """Whether a state, its capital or one of its offices ends ``prefix`` as the subject of what follows."""
        if _OFFICE_SUBJECT.search(prefix):
            return True
        places = [p for p in self.gaz.find(prefix) if not p.locative and not p.origin]
        return bool(places) and places[-1].end >= len(prefix.rstrip()) - 25 and any(
            c.kind in ("country", "city") for c in places[-1].candidates[:1])

    def _semicolon_parts(self, text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
        """A sentence's clauses joined by "; " when each tells an event of its own (has a cue), else the sentence
        ("… fought with sticks and stones on May 31; Kyrgyz officials said four people were injured" stays whole)."""
        parts, at = [], start
        for m in re.finditer(r";\s+", text[start:end]):
            cut, after = start + m.start(), start + m.end()
            if self.triggers(text[at:cut + 1], at, language) and self.triggers(text[after:end], after, language):
                parts.append((at, cut + 1))
                at = after
        return parts + [(at, end)]

    @staticmethod
    def _clause_end(text: str, at: int, end: int) -> int:
        """Where the clause of a date ends: its comma, unless a clause about that time follows ("since July 2022,
        when … sparked unrest in which 21 people were killed")."""
        comma = next((i for i in range(at, end) if text[i] in ",;"), end)
        return end if _WHEN_CLAUSE.match(text, comma + 1) else comma

    @staticmethod
    def _cue_of_date(selected: list[Trigger], d: DateMention, text: str) -> Trigger:
        """Which of a sentence's cues a date belongs to: the last one before it in the same clause ("an explosion …
        near Bagtyyarlyk on Thursday was sabotage, and … had been detained"), else the nearest."""
        # "detained three men suspected of involvement in Friday's bombing": the bombing's day
        owned = [t for t in selected if d.end < t.start <= d.end + 30 and _POSSESSIVE_DAY.fullmatch(text, d.end, t.start)]
        if owned:
            return owned[0]
        # "задержали … пособников боевиков, которые в ночь на 1 декабря напали на пост": the day inside a relative
        # clause is the deed it tells
        relative = [t for t in selected if d.end <= t.start <= d.end + 40 and _RELATIVE_BEFORE.search(
            text, max(0, d.start - 40), d.start) and not re.search(r"[,;]", text[d.end:t.start])]
        if relative:
            return relative[0]
        before = [t for t in selected if t.end <= d.start and not _CLAUSE_SPLIT.search(text, t.end, d.start)]
        return max(before, key=lambda t: t.start) if before else min(selected, key=lambda t: abs(t.start - d.start))

    @staticmethod
    def _select(found: list[Trigger], text: str) -> list[Trigger]:
        """The strongest ACLED-typed cue, plus one cue per other PLOVER category (talks give way to an agreement)."""
        typed = [t for t in found if t.event_type is not None]
        out: list[Trigger] = []
        if typed:
            best = max(typed, key=lambda t: (t.priority, -t.start))
            if best.event_type == "Explosions/Remote violence" and (
                    _MEANS.search(text, max(0, best.start - 30), best.start)
                    or _MEANS_CUE.match(best.text) and text[max(0, best.start - 2):best.start].lower() == "с "):
                # "боевые действия на границе с применением беспилотников": the fighting, waged with drones
                best = max((t for t in typed if t.event_type == "Battles" and t.end <= best.start),
                           key=lambda t: (t.priority, -t.start), default=best)
            best = _explosion_over_attack(best, typed)  # "several attacks …, including a bombing at a Shiite mosque"
            out.append(best)
        plovers = {t.plover for t in out}
        # A second coded event in one sentence only for a different kind of development
        # ("clashes ... and three years later the two sides signed a deal"); an arrest at a protest is the protest.
        if typed:
            extra = [t for t in typed if t.plover in ("AGREE", "MOBILIZE") and t.plover not in plovers]
            if extra and out[0].plover not in ("AGREE", "MOBILIZE"):
                out.append(max(extra, key=lambda t: t.priority))
                plovers.add(out[-1].plover)
            # "задержали трёх человек, подозреваемых в нападении … 26 ноября": an arrest for an attack told after it
            # (or before it: "the explosion … was an act of sabotage, and three foreign nationals had been detained")
            arrest = next((t for t in typed if t.sub_event_type == "Arrests"), None)
            # (and "задержали … подозреваемого в поджоге офиса": the arrest of the one suspected of an arson)
            # (or of those who organised a protest: "задержаны организаторы митинга", "detained the organisers of")
            if arrest is not None and (out[0].plover == "ASSAULT" or out[0].plover == "PROTEST" and arrest.end <= out[0].start
                                       and (_AFTER_CLAUSE.search(text, arrest.end, out[0].start)
                                            or _ORGANISERS.search(text, arrest.end, out[0].start)
                                            or _ARSON.search(out[0].text) and _SUSPECT.search(text, arrest.end, out[0].start))):
                out.append(arrest)
                plovers.add(arrest.plover)
        for t in sorted((t for t in found if t.event_type is None), key=lambda t: -t.priority):
            if t.plover in plovers:
                continue
            if t.plover == "CONSULT" and ("AGREE" in plovers or any(x.plover == "AGREE" for x in found)):
                continue
            if t.plover == "RETREAT" and any(x.plover == "AGREE" and x.start < t.start for x in found):
                continue  # "договорились об отводе дополнительных сил": what was agreed, not done yet
            if typed and t.plover in ("REJECT", "ACCUSE") and out[0].plover == "ASSAULT" and t.start > out[0].start:
                continue
            out.append(t)
            plovers.add(t.plover)
        return out

    # merging ----------------------------------------------------------------
    def _merge_or_new(self, candidates: list[Candidate], mention: Mention) -> Candidate:
        fits = [c for c in candidates if self._compatible(c, mention)]
        if fits:
            # An event of the same paragraph first (the one just told), else the article's main (first) event.
            same = [c for c in fits if c.mentions[-1].paragraph == mention.paragraph]
            cand = same[-1] if same else fits[0]
            cand.mentions.append(mention)
            return cand
        cand = Candidate([mention])
        candidates.append(cand)
        return cand

    def _compatible(self, cand: Candidate, m: Mention) -> bool:
        a, b = cand.first.trigger, m.trigger
        if m.fresh:
            return False
        violent = a.plover == "ASSAULT" and b.plover == "ASSAULT" or a.event_type == b.event_type == "Riots"
        same = violent or (a.plover == b.plover and (a.event_type == b.event_type or None in (a.event_type, b.event_type)))
        # (but "The suspect was detained at the scene" after a shooting is no arrest at the next day's protest: the
        # arrest of a suspect, told in another paragraph)
        arrests = [x for x in cand.mentions + [m] if x.trigger.sub_event_type == "Arrests"]
        # (nor is a suspect's arrest for an arson the arson: "задержали … подозреваемого в поджоге офиса")
        arson = [x for x in cand.mentions + [m] if x.trigger.sub_event_type != "Arrests"]
        protest_arrest = {a.sub_event_type, b.sub_event_type} >= {"Arrests"} and (
            "PROTEST" in (a.plover, b.plover) or "Riots" in (a.event_type, b.event_type)) and not (
            arson and all(_ARSON.search(x.trigger.text) for x in arson)
            and any(_SUSPECT.search(self._text, *x.sentence) for x in arrests)) and (
            any(x.paragraph == m.paragraph for x in cand.mentions)
            or not any(_SUSPECT.search(self._text, *x.sentence) for x in arrests)) and not any(
            _ORGANISERS.search(self._text, *x.sentence) for x in arrests)
        if not (same or protest_arrest):
            return False
        d1, d2 = cand.date(), _best_date(m.dates)
        if d1 and d2 and d1.date and d2.date:
            r1 = (d1.date, d1.end_date or d1.date)
            r2 = (d2.date, d2.end_date or d2.date)
            # "said on Wednesday it had detained a Russian citizen … The man was detained on Monday": the day of a
            # report is no day of the event, which may come up to two weeks before it
            reported = d1 if d1.report and not d2.report else d2 if d2.report and not d1.report else None
            happened = d2 if reported is d1 else d1
            if reported is not None and timedelta(0) <= reported.date - (happened.end_date or happened.date) <= timedelta(days=14):
                pass
            elif self._quoted_today(d2) and timedelta(0) <= d2.date - d1.date <= timedelta(days=1):
                # «Сегодня около 16.00 противник нанес удар …», — написал Балицкий: the day the post was written, which
                # the report that quotes it may date a day earlier ("в понедельник")
                pass
            elif r1[1] < r2[0] or r2[1] < r1[0]:
                return False
        elif d1 is not None and d1.date and d2 is None and m.inherited_date is not None and m.inherited_date.date \
                and m.inherited_date.precision == "day" \
                and abs((m.inherited_date.date - d1.date).days) > 62:
            # "Нескольких задержанных избили" in a paragraph about a raid on 27 November 2026 is no part of the Crocus
            # City Hall attack of 2024 told before
            return False
        elif d1 is None and d2 is not None and d2.date is not None and not m.definite and self._published is not None \
                and (d2.end_date or d2.date) < self._published - timedelta(days=31):
            # "Напомним, в июле 2022 года в Нукусе прошли массовые протесты" after this week's undated arrests: a past
            # event the text recalls, not the same one
            return False
        p1 = cand.place()
        # "Zakharova called the attack a war crime and said Moscow would raise it at the UN": the attack told before,
        # whatever place the sentence names other than where it happened
        p2 = _most_specific(m.places) if not m.definite or any(p.locative for p in m.places) else None
        named = [x for x in m.loose_places if any(a <= x[0] < b for a, b in self._settlements)]
        if p1 is not None and p1.kind == "city" and named and p2 is None:
            # "in the village of Novaya Tavolzhanka" is not Shebekino, though the gazetteer knows only the town
            return False
        if p1 and p2 and p1.kind == "country" and a.plover in ("AGREE", "CONSULT") and any(
                p.place is not None and p.place.iso == p2.iso for x in cand.mentions for p in x.places):
            # "Kyrgyzstan and Tajikistan signed a protocol …. The document was signed in … Khujand": the parties'
            # states are no place of the deal
            p1 = None
        if p1 and p2:
            if p1.iso != p2.iso:
                return False
            if p1.admin1_code and p2.admin1_code and p1.admin1_code != p2.admin1_code:
                return False
            if p1.kind == p2.kind and p1.kind in ("admin2", "city") and p1.id != p2.id:
                return False
            if p1.kind == "admin1" and p2.kind in ("admin2", "city") and self._town_in_region(cand, p1, self._text):
                # "обстреляли Каменку-Днепровскую в Запорожской области" is not "атаки беспилотника на Энергодар": a
                # town the gazetteer lacks is another town
                return False
        f1, f2 = cand.fatalities(), m.fatalities
        # a party's own words about what happened, with no day or place of their own, tell the incident told before
        # in their way: "«Наши сотрудники подверглись нападению вооруженной группы, в результате погибли трое
        # моджахедов», — заявил пресс-секретарь МВД талибов" after 12 dead in clashes with villagers (its count is
        # that party's, the first report's stands)
        version = violent and not m.dates and not m.places and any(
            a <= m.trigger.start < b for a, b in self._quotes) and cand.mentions[-1].paragraph >= m.paragraph - 1
        if version:
            return True
        # (but "Два киргизских пограничника погибли … первыми огонь открыли киргизские военнослужащие, … о гибели
        # одного таджикского военного" tells the other side's dead of the same clash)
        if f1 is not None and f2 is not None and f1 != f2 and not self._other_side(
                self._text, [c for x in cand.mentions for c in x.counts], m.counts) and not (
                f2 < f1 and self._toll_rises_after(m)):
            # (but "Two people died at the scene … he said the toll had risen to three": the first count of the toll
            # the lead gives)
            return False
        if a.plover in _SPEECH and b.plover in _SPEECH:
            # "Dushanbe's Foreign Ministry denied … Kyrgyzstan's Foreign Ministry dismissed …": two governments, two
            # statements
            s1, s2 = _speaker_state(cand.first), _speaker_state(m)
            if s1 and s2 and s1 != s2:
                return False
            # (nor are "Mujahid denied …" and "Tajikistan's border service rejected that account" one statement)
            w1, w2 = self._speaker_of(cand.first), self._speaker_of(m)
            if w1 and w2 and w1 != w2:
                return False
        if not violent and not protest_arrest and not m.definite and (d2 is not None or p2 is not None) and (d1 is None and p1 is None) \
                and not all(x.headline for x in cand.mentions):  # "В Подмосковье задержаны …" then "задержали в Подольске"
            return False
        # Two fully specified mentions of non-violent events stay apart unless they agree on both date and place.
        return True

    # coding -----------------------------------------------------------------
    def _code(self, cand: Candidate, language: str, text: str) -> None:
        mentions = cand.mentions
        best = max(mentions, key=lambda m: (m.trigger.event_type is not None, m.trigger.priority))
        if best.trigger.sub_event_type == "Shelling/artillery/missile attack":
            # "перестрелка" and then "открыли огонь из минометов": mortars fired in an exchange of fire are a battle's
            # (ACLED codes remote weapons used in an armed clash as the clash)
            best = next((m for m in mentions if m.trigger.sub_event_type == "Armed clash"), best)
        if best.trigger.sub_event_type == "Armed clash" and not any(a.armed and not a.weak for m in mentions for a in m.actors):
            # "столкнулись участники земельного спора … массовой драки между жителями двух сёл": a clash no armed group
            # fights is the brawl told with it
            best = next((m for m in mentions if m.trigger.sub_event_type == "Mob violence"), best)
        # ("An explosion ripped through a market …. UNAMA condemned the attack")
        chosen = _explosion_over_attack(best.trigger, [m.trigger for m in mentions])
        best = next(m for m in mentions if m.trigger is chosen)
        t = best.trigger
        cand.plover = t.plover
        cand.event_type, cand.sub_event_type = t.event_type, t.sub_event_type
        if cand.answered and t.sub_event_type == "Shelling/artillery/missile attack":
            # "обстреляли из миномётов заставу … Таджикские военные открыли ответный огонь": an exchange of fire
            cand.event_type, cand.sub_event_type = "Battles", "Armed clash"
        span_text = " ".join(text[m.sentence[0]:m.sentence[1]] for m in mentions)
        actors = [a for m in mentions for a in m.actors]
        fat = cand.fatalities()
        if cand.event_type == "Riots" and all(_STORMED.match(m.trigger.text) for m in mentions
                                              if m.trigger.event_type == "Riots") \
                and any(a.armed and not a.weak and not a.riot for a in actors) \
                and not any(a.riot or a.protest for a in actors) and not _CROWD.search(span_text):
            cand.event_type, cand.plover = "attack", "ASSAULT"  # "Gunmen stormed a police station": armed men storm, no crowd riots
        if cand.event_type == "attack" and any(a.protest and not a.armed for a in actors):
            # "Security forces opened fire on protesters": force against a protest (ACLED), not an attack on civilians
            cand.event_type, cand.sub_event_type, cand.plover = "Protests", "Excessive force against protesters", "PROTEST"
        if cand.event_type == "attack" and any(a.acled_template.startswith("Military Forces") and a.start < m.trigger.start
                                               for m in mentions for a in m.actors) \
                and all(_SHELLED_TOWN.match(text, m.trigger.start) for m in mentions if m.trigger.event_type == "attack"):
            # "Украинские войска обстреляли Каменку-Днепровскую": an army that fires on a town shells it (ACLED)
            cand.event_type, cand.sub_event_type = "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if cand.event_type == "attack":
            armed = [a for a in actors if a.armed and not a.weak]
            targets = [a for a in actors if not a.armed]
            second_armed = len(armed) > 1 or (armed and armed[0].countries)
            # "у села Кок-Таш снова стреляли: … погиб один пограничник": the forces hit are the other side, whatever
            # the village
            forces_hit = any(c.start <= a.start <= c.end + 3 for a in armed for m in mentions for c in m.counts)
            # (a beating with no one armed on the other side is no battle: "My client was beaten into a confession")
            if targets or (_CIVILIAN_PLACE.search(span_text) and not second_armed and not forces_hit) or (
                    not second_armed and all(_BEATING.match(m.trigger.text) for m in mentions)):
                cand.event_type, cand.sub_event_type = "Violence against civilians", "Attack"
            elif not second_armed and not fat and not any(m.injuries for m in mentions) and any(
                    _PROPERTY.search(text, m.trigger.end, m.sentence[1]) for m in mentions):
                # "a second attack hit a Chinese-owned fuel depot; no one was hurt": one armed side and a building, no
                # one harmed: property destruction (ACLED), no battle
                cand.event_type, cand.sub_event_type, cand.plover = "Strategic developments", "Looting/property destruction", "COERCE"
            else:
                cand.event_type, cand.sub_event_type = "Battles", "Armed clash"
        if cand.event_type == "Violence against civilians" and cand.sub_event_type == "Attack":
            targets = [a for a in actors if a.armed and not a.weak][1:] + [a for a in actors if not a.armed]
            if targets and all(a.armed for a in targets) and not any(not a.armed for a in actors):
                cand.event_type, cand.sub_event_type = "Battles", "Armed clash"
        if cand.event_type == "Battles" and (any(a.riot or a.protest for a in actors) or (
                _PROTEST_WORD.search(span_text) and len({(a.acled_template, c) for a in actors if a.armed and not a.weak
                                                         for c in (a.countries or [a.nationality])}) <= 1)):
            # (also "A protest in Osh turned into clashes with police": one armed side, and the protest the other)
            # "rioters ... clashed with police", "clashes between protesters and police": a riot, not a battle between
            # armed groups
            cand.event_type, cand.sub_event_type, cand.plover = "Riots", "Violent demonstration", "PROTEST"
        elif cand.event_type == "Battles" and cand.sub_event_type == "Armed clash" and _CROWD_CLASH.search(span_text) \
                and len({a.acled_template for a in actors if a.armed and not a.weak}) <= 1 \
                and len({c for a in actors if a.armed and not a.weak for c in (a.countries or [a.nationality]) if c}) <= 1:
            # "Kyrgyz police clash with villagers": a crowd that fights the police riots (ACLED), no armed group does
            cand.event_type, cand.sub_event_type, cand.plover = "Riots", "Mob violence", "PROTEST"
        if cand.event_type == "Riots" and all(_ARSON.search(m.trigger.text) for m in mentions) \
                and not any(a.riot or a.protest for a in actors) and not _CROWD.search(span_text):
            # "неизвестные подожгли вагончики": property set on fire by no crowd is destruction, not a riot (ACLED)
            cand.event_type, cand.sub_event_type, cand.plover = "Strategic developments", "Looting/property destruction", "COERCE"
        if cand.event_type == "Protests":
            police = any(a.armed and not a.weak for a in actors)
            span_text = " ".join(text[m.sentence[0]:m.sentence[1]] for m in mentions if not m.arrest_apart)
            if fat or _FORCE["ru" if language == "ru" else "en"].search(span_text):
                cand.sub_event_type = "Excessive force against protesters"
            elif (police or _ARREST_VERB["ru" if language == "ru" else "en"].search(span_text)) and any(
                    not _NO_ONE.search(span_text[max(0, m.start() - 30):m.start()])
                    and not _SELF_DISPERSED.match(span_text, m.start())
                    and not (m.group().lower() == "dispersed"
                             and _CROWD_BEFORE.search(span_text[max(0, m.start() - 40):m.start()]))
                    for m in _INTERVENTION["ru" if language == "ru" else "en"].finditer(span_text)):
                # (not "Police said the protest was peaceful and no one had been detained")
                cand.sub_event_type = "Protest with intervention"

    def _named_before(self, cand: Candidate, text: str, language: str) -> DateMention | None:
        """For an undated event told with a definite cue ("the protests", "those riots"; in Russian any cue), the
        date an earlier sentence gave the event of that name."""
        for m in cand.mentions:
            cue = m.trigger
            if language == "en" and not re.search(r"\b(?:the|those|these)\s+(?:[\w-]+\s+)?$", text[max(0, cue.start - 25):cue.start],
                                                  re.I):
                continue
            named = named_event_date(text, cue.text.split()[0][:5], m.sentence[0], language)
            if named is not None:
                return named
        return None

    # output -----------------------------------------------------------------
    def attrs(self, cand: Candidate, doc: Document) -> dict[str, Any]:
        """The INTERFACES §1 event fields (plus extras) of one merged event."""
        language = "ru" if doc.language == "ru" else "en"
        warnings = list(cand.warnings)
        d = cand.date()
        basis = d.basis if d else None
        if d is None or d.date is None:
            fallback = next((m.inherited_date for m in cand.mentions if m.inherited_date), None)
            if d is not None:
                warnings.extend(d.warnings)
            named = self._named_before(cand, doc.text, language) if d is None and fallback is None else None
            if fallback is not None and (d is None):
                d, basis = fallback, fallback.basis
            elif named is not None:
                # "At least 21 people were killed when security forces put down the protests in Nukus" after "the
                # July 2022 protests": the event the text named with its date
                d, basis = named, named.basis
            elif doc.published and d is None:
                pub = date.fromisoformat(doc.published)
                d = DateMention(0, 0, "", pub, "day", "publication date (the text gives no date)")
                basis = d.basis
                warnings.append("no date in the text: dated by publication")
        if d is not None:
            warnings.extend(w for w in d.warnings if w not in warnings)
        actors = [a for m in cand.mentions for a in m.actors]
        a1, a2 = self._roles(cand, actors, doc, language)
        pair = self._border_pair(cand, doc.text) if cand.event_type == "Battles" and a2 is None else None
        if pair and (a1 is None or (a1[0].inter == 1 and not a1[0].nationality and not a1[0].countries
                                    and not a1[0].fixed_country)):
            # "Clashes on the Kyrgyz-Tajik border", "перестрелка между пограничниками двух стран": the two states' forces
            forces = a1[0] if a1 else ActorMention(0, 0, "", "Military Forces of {country}", 1, True)
            forces.countries = list(pair)
            a1, a2 = (forces, 0), (forces, 1)
            warnings.append(f"the two states of the border named ({pair[0]}, {pair[1]}) are the parties")
        # talks, denials, agreements: no ACLED actor, so the parties the sentence names
        unnamed = (cand.event_type is None or cand.event_type == "Strategic developments"
                   and cand.sub_event_type not in ("Looting/property destruction", "Arrests")) and not a1 and not a2
        party1, party2, party_spans = self._parties(cand, doc, language) if unnamed else (None, None, [])
        for m in cand.mentions:  # "Moscow and Dushanbe signed an agreement": governments, not where it was signed
            for p in m.places:
                if p.place is not None and p.place.kind == "city" and not p.locative and any(
                        s <= p.start < e for s, e in party_spans):
                    p.origin = True
                # a denial's setting is in its own clause: not "… deny role in the shootout as Dushanbe demands …",
                # nor "Bishkek blamed Tajik forces; Dushanbe's Foreign Ministry denied …"
                if unnamed and (p.start > m.trigger.end and _clause_between(doc.text, m.trigger.end, p.start)
                                or p.end <= m.trigger.start and _clause_before(doc.text, p.end, m.trigger.start)):
                    p.origin = True
                if unnamed and cand.plover in _SPEECH and self.gaz.demonym(p.text):
                    p.origin = True  # "dismissed the Kyrgyz account": whose account, not where it was dismissed
        place = cand.place()
        if place is None and party1 and party_spans and cand.plover in _SPEECH:
            # "Dushanbe's Foreign Ministry denied …": a government speaks from its seat (but two that sign an
            # agreement sign it somewhere the text does not say)
            place = next((p.place for m in cand.mentions for p in m.places if p.place is not None and p.origin
                          and p.place.kind == "city" and party_spans[0][0] <= p.start < party_spans[0][1]), None)
        if place is None and party1 and party_spans and cand.plover in _SPEECH:
            # "Tajikistan's border troops dismissed …", "МИД Казахстана опроверг …": a state's office speaks at home
            place = next((p.place for m in cand.mentions for p in reversed(m.places) if p.place is not None
                          and p.origin and p.place.kind == "country" and p.end <= m.trigger.start
                          and not _clause_before(doc.text, p.end, m.trigger.start)), None)
        place_text = next((p.text for m in cand.mentions for p in m.places if p.place is place), None) if place else None
        own_side = next((a1[0].nationality or a1[0].fixed_country for m in cand.mentions
                         if a1 and _OWN_SIDE.search(doc.text, m.sentence[0], m.sentence[1])), None)
        if place is None and own_side and self.gaz.country(own_side) is not None:
            # "Талибы … задержали на своей стороне ещё четырёх человек": on the actor's own side of the border
            place = self.gaz.country(own_side)
            warnings.append(f"place: the actor's own side of the border ({place.name})")
        arrester = (a1[0].nationality or a1[0].fixed_country) if a1 and cand.sub_event_type == "Arrests" else None
        carried = next((m.inherited_place or m.story_place for m in cand.mentions
                        if m.inherited_place or m.story_place), None)
        if place is None and arrester and carried is not None and carried.iso and carried.iso != arrester \
                and self.gaz.country(arrester) is not None and not any(m.loose_places for m in cand.mentions):
            # "Afghan border forces had detained two men on the southern bank of the Panj" after a clash in
            # Tajikistan: a state's forces arrest at home, not where the story's last event was
            place = self.gaz.country(arrester)
            warnings.append(f"place: the arresting forces' country ({place.name}), not the story's")
        if place is None and not any(m.loose_places for m in cand.mentions):
            place = next((m.inherited_place for m in cand.mentions if m.inherited_place), None)
            if place is not None:
                place_text = None
                warnings.append("place carried from earlier in the paragraph (its previous event or opening place)")
            else:  # "Protesters had gathered outside the town administration": the town of the story so far,
                # unless the event lies far from it in time ("in September 2022, fighting on the border …")
                own = d.date if d and d.date else None
                published = date.fromisoformat(doc.published) if doc.published else None
                place = next((m.story_place for m in cand.mentions if m.story_place and (
                    own is None or (m.story_date or published) is None
                    or abs((own - (m.story_date or published)).days) <= STORY_DAYS
                    or _SAME_PLACE.search(doc.text, m.sentence[0], m.sentence[1]))), None)
                if place is not None:
                    place_text = None
                    warnings.append("place carried from the article's previous event (the text names none)")
        if place is None and not any(m.loose_places for m in cand.mentions) and any(
                _SEAT_OF_POWER.search(doc.text, *m.sentence) for m in cand.mentions):
            # "у здания парламента", "outside parliament" in a report datelined in the capital: the capital's
            place = self._dateline_city(doc)
            if place is not None:
                place_text = None
                warnings.append(f"place: the dateline's city ({place.name}), where the seat of power it names stands")
        country = iso = admin1 = admin2 = location = None
        lat = lon = None
        geo_precision = None
        if place is not None:
            country, iso, admin1 = place.country, place.iso, place.admin1
            admin2 = place.admin2
            location = place.name
            lat, lon = place.latitude, place.longitude
            if place.kind == "country":
                capital = None
                lat = lon = capital
            geo_precision = place.geo_precision
            town = self._town_in_region(cand, place, doc.text) if place.kind == "admin1" else None
            if town is not None:
                # "обстреляли Каменку-Днепровскую в Запорожской области": a town the gazetteer lacks, in the region
                # the text names
                location = place_text = russian_nominative(town) if is_cyrillic(town) else town
                warnings.append(f"place {location!r} not in the gazetteer: the region's coordinates")
            if place.kind == "city":
                admin2 = next((p.place.admin2 for m in cand.mentions for p in m.places
                               if p.place and p.place.kind == "admin2" and p.place.admin1_code == place.admin1_code), None)
        else:
            loose = next((lp for m in cand.mentions for lp in m.loose_places), None)
            if loose is not None:
                location, place_text = loose[2], loose[2]
                if is_cyrillic(location) and " " not in location.strip():
                    location = russian_nominative(location)  # "под Айдарканом": the village Айдаркан
                warnings.append(f"place {location!r} not in the gazetteer: no coordinates")
                # "обстреляли школу в селе Максат" after a clash in Batken: the village lies where the story is
                own = d.date if d and d.date else None
                around = next((m.inherited_place for m in cand.mentions if m.inherited_place), None) or next(
                    (m.story_place for m in cand.mentions if m.story_place and (
                        own is None or m.story_date is None or abs((own - m.story_date).days) <= STORY_DAYS)), None)
                unit = _UNIT_COUNTRY.search(doc.text, max(0, loose[0] - 24), loose[0])
                home = self.gaz.country(_UNIT_COUNTRIES[unit.group(1).lower()[:4]]) if unit else None
                if home is not None and (around is None or around.iso != home.iso):
                    # "в джамоате Сурх": a jamoat is a Tajik unit, whatever the story's previous place
                    country, iso = home.name, home.iso
                    warnings.append(f"country from the kind of place ({unit.group(1)}: {home.name})")
                elif around is not None and around.kind != "country":
                    country, iso, admin1 = around.country, around.iso, around.admin1
                    warnings.append(f"country and region from the article's previous event ({around.name})")
            elif cand.sub_event_type == "Arrests" and a1 and a1[0].inter == 1 and (a1[0].nationality or a1[0].fixed_country):
                # "Kyrgyzstan's State Committee for National Security detained eight people": a state arrests at
                # home, so the country is its own (ACLED geo-precision 3) when the text names no place (its aircraft
                # may strike abroad)
                home = self.gaz.country(a1[0].nationality or a1[0].fixed_country)
                if home is not None:
                    country, iso, location, geo_precision = home.name, home.iso, home.name, 3
                    warnings.append(f"country from the state forces' nationality ({home.name}): the text names no place")
            elif cand.sub_event_type == "Arrests" and (home := self._speaking_state(cand)) is not None:
                # "Tajikistan's State Committee for National Security said it had detained 15 people": the state
                # whose office speaks arrests at home, wherever the report is filed from
                country, iso, location, geo_precision = home.name, home.iso, home.name, 3
                warnings.append(f"country from the state whose office speaks ({home.name}): the text names no place")
            elif cand.sub_event_type == "Arrests" and (home := self._dateline_country(doc)) is not None:
                # "DUSHANBE, Dec 5 (AP) — … Hakimova was arrested on Nov. 14": arrested where the report is filed from
                country, iso, location, geo_precision = home.name, home.iso, home.name, 3
                warnings.append(f"country from the dateline ({home.name}): the text names no place")
        dead = [m for m in cand.mentions if m.fatalities is not None]
        fat = dead[0].fatalities if dead else None
        # each people's dead once: the first count that names a people stands for the base count when the base names
        # none (a headline's bare "two killed" before "Two Kyrgyz border guards were killed")
        first = self._people(doc.text, dead[0].counts) if dead else set()
        sides = [first] if len(first) == 1 else []
        for m in dead[1:]:
            people = self._people(doc.text, m.counts)
            if len(people) != 1 or people in sides or not m.fatalities:
                continue
            if not sides and not first:
                sides.append(people)  # the base count's people, told again
                continue
            if sides:
                fat += m.fatalities
                sides.append(people)
                warnings.append(f"{m.fatalities} dead of the other side added")
        hurt = [m for m in cand.mentions if m.injuries is not None]
        inj = hurt[0].injuries if hurt else None
        if inj is None and cand.event_type in ("Protests", "Riots"):
            inj = next((m.arrest_injuries for m in cand.mentions if m.arrest_injuries), None)
            if inj is not None:
                warnings.append(f"{inj} wounded counted in the sentence of its arrests")
        share = next((m.share for m in cand.mentions if m.share), None)
        if share is not None and fat is None and inj is None:
            total_dead, total_hurt, n, k = share
            fat = total_dead // n + (k < total_dead % n) if total_dead is not None else None
            inj = total_hurt // n + (k < total_hurt % n) if total_hurt is not None else None
            warnings.append(f"the toll of {n} events told together ({total_dead} dead, {total_hurt} wounded) divided "
                            f"evenly between them")
        for m in hurt[1:]:
            # "трое киргизских военнослужащих получили ранения … сообщили о двух раненых таджикских пограничниках":
            # each side's wounded, both counted
            if m.injuries and self._other_side(doc.text, hurt[0].counts, m.counts, field="injuries"):
                inj += m.injuries
                warnings.append(f"{m.injuries} wounded of the other side added")
        acled = cand.event_type is not None
        if acled and fat is None:
            fat = 0  # ACLED codes an event with no reported deaths as 0 fatalities
        # "обстреляли со стороны Киргизии", "fire from the Afghan side": an unnamed attacker from that country
        fired_from = self._side_of_origin(cand, doc.text, language) if not a1 and cand.event_type in VIOLENT_TYPES else None
        drones_of = self._drones_of(doc.text, language, iso) if not a1 and not fired_from and \
            cand.sub_event_type == "Air/drone strike" else None
        a1_name = a1[0].acled(iso, self.gaz, a1[1]) if a1 else f"Military Forces of {self._country_name(drones_of)}" \
            if drones_of else (self._default_actor1(cand, fired_from or iso) if acled else None)
        # protesters who clash are rioters (inter 5), and so are two groups that fight each other
        brawl = bool(a1 and a2) and cand.event_type == "Riots" and a1[0] is a2[0]
        rioting = bool(a1) and cand.event_type == "Riots" and (a1[0].protest or brawl)
        if rioting:
            a1_name = self._default_actor1(cand, iso)
        a2_name = a2[0].acled(iso, self.gaz, a2[1]) if a2 else (self._default_actor2(cand, iso) if acled else None)
        if brawl:
            a2_name = a1_name
        inter1 = 5 if rioting else a1[0].inter if a1 else 1 if drones_of else (
            self._default_inter1(cand) if acled else None)
        inter2 = 5 if brawl else a2[0].inter if a2 else (1 if a2_name else None)
        attrs: dict[str, Any] = {
            "event_type": cand.event_type,
            "sub_event_type": cand.sub_event_type,
            "plover": cand.plover,
            "date": d.date.isoformat() if d and d.date else None,
            "date_precision": d.precision if d and d.date else None,
            "country": country,
            "iso": iso,
            "admin1": admin1,
            "admin2": admin2,
            "location": location,
            "latitude": lat,
            "longitude": lon,
            "actor1": _side_text(a1, a2) or a1_name if a1 else a1_name or party1,
            "actor2": _side_text(a2, a1) or a2_name if a2 else a2_name or party2,
            "fatalities": fat,
            "injuries": inj,
            # extras
            "actor1_acled": a1_name,
            "actor2_acled": a2_name,
            "actor1_type": inter_label(inter1),
            "actor2_type": inter_label(inter2),
            "inter1": inter1,
            "inter2": inter2,
            "interaction": interaction(inter1, inter2) if acled else None,
            "actor1_origin": self._country_name(a1[0].origin) if a1 else self._country_name(fired_from),
            "actor1_nationality": self._country_name(a1[0].countries[0] if brawl else a1[0].nationality) if a1 else None,
            "actor2_origin": self._country_name(a2[0].origin) if a2 else None,
            "actor2_nationality": self._country_name(a2[0].countries[1] if brawl else a2[0].nationality) if a2 else None,
            "actor2_employer": a2[0].employer if a2 else None,
            "date_basis": basis,
            "date_range": d.range if d and d.date else None,
            "geo_precision": geo_precision,
            "place_text": place_text,
            "trigger": cand.mentions[0].trigger.text,
            "mentions": [[m.sentence[0], m.sentence[1]] for m in cand.mentions],
            "warnings": warnings,
        }
        return attrs

    def _toll_rises_after(self, m: Mention) -> bool:
        """Whether the rest of the mention's paragraph says the toll rose ("… he said the toll had risen to three")."""
        end = self._text.find("\n\n", m.sentence[1])
        return _TOLL_ROSE.search(self._text, m.sentence[1], len(self._text) if end == -1 else end) is not None

    def _quoted_today(self, d: DateMention) -> bool:
        """A "today" said inside a quotation: the speaker's day, not necessarily the report's."""
        return bool(_TODAY.fullmatch(d.text.strip())) and any(a <= d.start < b for a, b in self._quotes)

    @staticmethod
    def _town_in_region(cand: Candidate, region: Place, text: str) -> str | None:
        """A name the gazetteer lacks written just before the region the event is placed in: "Каменку-Днепровскую в
        Запорожской области", "Kamianka-Dniprovska in Zaporizhzhia region"."""
        for m in cand.mentions:
            for p in m.places:
                if p.place is not region:
                    continue
                for a, b, name in m.loose_places:
                    if b <= p.start and _IN_REGION.fullmatch(text, b, p.start):
                        return name
        return None

    def _drones_of(self, text: str, language: str, iso: str | None) -> str | None:
        """The one foreign state whose drones the article names: a drone strike whose own sentences say only "a drone
        hit a house" in a report of "27 Ukrainian drones" downed over three regions is Ukraine's."""
        # (drones said to attack or be downed: "Russian drones will not fly over Afghanistan" are no one's strike)
        states = {self._country_of_word(m.group("country")) for m in _DRONES_OF[language].finditer(text)
                  if _DRONES_USED.search(text, max(0, m.start() - 80), m.end() + 80)} - {None}
        return next(iter(states)) if len(states) == 1 and iso not in states else None

    def _side_of_origin(self, cand: Candidate, text: str, language: str) -> str | None:
        """The country an unnamed attack came from: "со стороны Киргизии", "from the Afghan side", "from Afghan
        territory" in one of the event's sentences."""
        for m in cand.mentions:
            found = _FIRED_FROM[language].search(text, *m.sentence)
            if found is None:
                continue
            iso = self._country_of_word(next(v for v in found.groupdict().values() if v))
            if iso:
                return iso
        return None

    def _country_of_word(self, word: str) -> str | None:
        """The country a people's adjective or a country's name stands for: "Kyrgyz", "российской", "Киргизии"."""
        iso = self.gaz.demonym(word)
        if iso is None:
            places = self.gaz.find(word, require_capital=False)
            iso = next((c.iso for p in places for c in p.candidates[:1] if c.kind == "country"), None)
        return iso

    def _border_pair(self, cand: Candidate, text: str) -> tuple[str, str] | None:
        """The two states of a border the event's sentences name ("on the Kyrgyz-Tajik border", "на
        киргизско-таджикском участке границы", "on the border between Kyrgyzstan and Tajikistan"), else None."""
        for m in cand.mentions:
            sentence = text[m.sentence[0]:m.sentence[1]]
            found = _BORDER_PAIR.search(sentence)
            if not found:
                continue
            a = found.group("a") or found.group("c") or found.group("e")
            b = found.group("b") or found.group("d") or found.group("f")
            # "киргизско-": the first half of a Russian compound adjective
            isos = [self._country_of_word(re.sub(r"ско$", "ский", w.lower()) if w.lower().endswith("ско") else w)
                    for w in (a, b)]
            if all(isos) and isos[0] != isos[1]:
                return isos[0], isos[1]
        return None

    def _country_name(self, iso: str | None) -> str | None:
        c = self.gaz.country(iso)
        return c.name if c else None

    def _roles(self, cand: Candidate, actors: list[ActorMention], doc: Document, language: str):
        """(actor1, actor2) as (mention, which-country-index) pairs by the event type's logic."""
        et, sub = cand.event_type, cand.sub_event_type
        # "Пограничники ответили огнём": who returns fire defends, never initiates
        responders = {id(a) for m in cand.mentions if _RESPONSE.search(m.trigger.text) for a in m.actors}
        armed = [a for a in actors if a.armed and not a.weak]
        state = [a for a in actors if a.armed]
        unarmed = [a for a in actors if not a.armed]
        protesters = [a for a in actors if a.protest]
        if et == "Protests":
            p1 = (protesters[0], 0) if protesters else None
            police = [a for a in state if not a.weak] or state
            p2 = (police[0], 0) if police and sub != "Peaceful protest" else None
            return p1, p2
        if et == "Riots":
            # "clashes between protesters and police": the protesters riot, the police face them
            rioters = [a for a in actors if a.riot] or protesters
            pair = next((a for a in actors if len(a.countries) == 2 and not a.armed), None)
            if not rioters and pair is not None:
                return (pair, 0), (pair, 1)  # "a fight between Kazakh and Chinese workers": each group riots
            forces = [a for a in actors if a.armed and not a.weak]
            if not rioters and forces and any(_CROWD_CLASH.search(doc.text, *m.sentence) for m in cand.mentions):
                # "Kyrgyz police clash with villagers": the crowd riots (named by default), the forces face it
                return None, (forces[0], 0)
            if not rioters:
                # "местные жители избили четырёх граждан Китая", "villagers stormed a mine, beating workers": the crowd
                # is the rioters (named by default), who it set on is the other side
                after = [a for m in cand.mentions for a in m.actors if a.start >= m.trigger.end]
                target = next((a for a in after if not a.armed), None) or next(iter(after), None)
                return None, ((target, 0) if target else None)
            p1 = (rioters[0], 0) if rioters else None
            others = sorted((a for a in actors if not a.riot and not a.protest), key=lambda a: not a.armed)
            return p1, ((others[0], 0) if others else None)
        if sub == "Arrests":
            # the state arrests ("detained six people suspected of planning an attack on behalf of the Islamic
            # State": the group they are suspected for is no party)
            forces = [a for a in state if a.inter == 1] or state
            p1 = (forces[0], 0) if forces else None
            # ("арестовал подозреваемых в нападении на инкассаторов": whom the crime hurt was not arrested)
            held = [a for a in unarmed if not _CRIME_OBJECT.search(doc.text[max(0, a.start - 40):a.start])]
            return p1, ((held[0], 0) if held else None)
        if et in VIOLENT_TYPES:
            multi = next((a for a in armed if len(a.countries) == 2), None)
            if multi is not None:
                return (multi, 0), (multi, 1)
            # The initiator stands before the cue (active voice), the nearest one ("Three border guards were killed
            # when militants ambushed their patrol"), or the first of those joined to it by "and" ("Five Taliban
            # fighters and two Tajik border guards were killed in a firefight"); what follows the cue is the target.
            first = coordinated = None
            passive_targets, killed_after = [], []
            for m in cand.mentions:
                if _PASSIVE.search(doc.text[max(m.sentence[0], m.trigger.start - 16):m.trigger.end]):
                    # "a Tajik border post came under fire", "the patrol was ambushed": before the cue, the target
                    passive_targets += [a for a in m.actors if a.start < m.trigger.start]
                    continue
                victims = [a for a in m.actors if a.end <= m.trigger.start
                           and _CASUALTY_SUBJECT.match(doc.text, a.end, m.trigger.start)]
                passive_targets += victims
                # who died after the cue attacked no one either (but the target named by the cue comes first)
                dead = [a for a in m.actors if _CASUALTY_OBJECT.search(doc.text, max(m.sentence[0], a.start - 30), a.start)]
                killed_after += dead
                victims += dead
                # "<=": the cue "gunmen crossed the Panj and killed" starts with its attacker
                own = [a for a in m.actors if a.armed and not a.weak and a.start <= m.trigger.start
                       and id(a) not in responders and a not in victims]
                if own:
                    k = len(own) - 1
                    while k and _COORDINATED.match(doc.text, own[k - 1].end, own[k].start):
                        k -= 1
                    if k < len(own) - 1:
                        # "Tajik troops and Taliban exchange fire": both sides act; a later sentence may say who began
                        coordinated = coordinated or own[k]
                        continue
                    first = own[k]
                    break
            first = first or coordinated
            if first is None:
                # "Two Kyrgyz farmers were shot dead …, Kyrgyz police said, blaming Tajik border guards for the killing":
                # the attacker the source names
                first = next((a for m in cand.mentions for a in m.actors if a.armed and a not in passive_targets
                              and _BLAMED.search(doc.text, max(m.sentence[0], a.start - 30), a.start)), None)
            if first is None and et == "Battles" and armed:
                first = next((a for a in armed if a not in passive_targets and a not in killed_after), None)
            if et == "Battles":
                rest = [a for a in armed if a is not first and (first is None or a.acled_template != first.acled_template or a.nationality != first.nationality)]
                second = rest[0] if rest else None
                return ((first, 0) if first else None), ((second, 0) if second else None)
            targets = passive_targets or [a for a in unarmed if a.nationality] or unarmed or [a for a in armed if a is not first]
            target = targets[0] if targets else None
            return ((first, 0) if first else None), ((target, 0) if target else None)
        if sub == "Looting/property destruction":
            # whoever destroyed it; the owner is no party ("поджоге автомобилей полиции", "torched police cars")
            state = [a for a in state if not _OWNER_THING.search(doc.text, max(0, a.start - 25), a.start)
                     and not _THING_OWNED.match(doc.text, a.end)]
            return ((state[0], 0) if state else None), None
        if sub == "Agreement":
            # "agreed to withdraw additional troops": what the deal is about is no party to it (the parties the
            # sentence names are)
            state = [a for a in state if not any(m.trigger.start <= a.start and not _clause_between(doc.text, m.trigger.end, a.start)
                                                 for m in cand.mentions)]
        if et == "Strategic developments":
            return ((state[0], 0) if state else None), None
        return None, None

    def _parties(self, cand: Candidate, doc: Document, language: str
                 ) -> tuple[str | None, str | None, list[tuple[int, int]]]:
        """Who acts and towards whom in an event ACLED does not code, from the named entities of its cue's sentence.

        The one who acts is the speaker when a speech cue stands inside a quote (the claims stage's ``claim``
        layer), else the nearest name before the cue that no preposition governs and that is not a news outlet
        ("Tajikistan was holding talks", not "sources in Dushanbe" or "Reuters reported"); the other party is the
        second of two names joined by "and" ("Uzbekistan and Tajikistan held talks"), else, for a denial or an
        accusation, the first name after the cue ("denied a Reuters report"), else the first name behind "with",
        "to", "from" ("talks with Russia", "обратился к ОДКБ с просьбой"). Names more than ``_REACH``
        characters from the cue are left out. Returns the two names and the spans they were read from.
        """
        m = cand.first
        cue, (s0, s1), text = m.trigger, m.sentence, doc.text
        # (never a site named after its word: "на полигоне «Харбмайдон»", "the Kant air base")
        names = _joined([(a.start, a.end, a.label) for a in doc.layer("ner") if a.label in _PARTY_LABELS[language]
                         and s0 <= a.start < s1 and not a.start < cue.start < a.end
                         and not _SITE_BEFORE.search(text, max(s0, a.start - 25), a.start)], text, language, s0)
        # a capital or a country the NER missed ("Bishkek blamed Tajik forces") still names a government
        for p in (p for m in cand.mentions for p in m.places):
            if p.place is not None and p.place.kind in ("country", "city") and not p.locative \
                    and s0 <= p.start < s1 and not p.start < cue.start < p.end \
                    and not any(n[0] < p.end and p.start < n[1] for n in names):
                names.append((p.start, p.end))
        # "с российской стороной", "with the Tajik side": a state named by its people's adjective
        sides = {}
        for side in _SIDE[language].finditer(text, s0, s1):
            country = self._country_name(self._country_of_word(side.group("people")))
            if country and not any(n[0] <= side.start("people") < n[1] for n in names):
                sides[(side.start("people"), side.end())] = country
        names = sorted(names + list(sides))

        def word_before(start: int) -> str:
            w = _WORD_BEFORE.search(text, s0, start)
            if w and w.group(1).lower() in _ARTICLES:  # "from the CSTO"
                w = _WORD_BEFORE.search(text, s0, w.start(1))
            return w.group(1).lower() if w else ""

        speaker = None
        if cand.plover in _SPEECH:  # a quote's own words: the one quoted denies, accuses, threatens
            claim = next((c for c in doc.layer("claim") if c.start <= cue.start < c.end and c.attrs.get("quote")
                          and c.attrs.get("speaker") not in (None, "author")), None)
            if claim is not None:
                speaker = claim.attrs["speaker"]
                names = [n for n in names if claim.start <= n[0] < claim.end]
        quoted = speaker is not None
        before = [n for n in names if cue.start - _REACH <= n[1] <= cue.start]
        # inside the cue too: "called the Reuters story misinformation"
        after = [n for n in names if cue.start < n[0] <= cue.end + _REACH]
        first = second = None
        if speaker is None:  # a news outlet reports the talks, it does not hold them
            acting = [n for n in before
                      if word_before(n[0]) not in _NOT_ACTING[language] and not _is_outlet(text[n[0]:n[1]])]
            if acting:
                first = acting[-1]
                k = names.index(first)
                if k and _joined_by_and(text[names[k - 1][1]:first[0]], language):
                    first, second = names[k - 1], first
        if first is None and speaker is None and re.match(r"(?:was|were|been)\s", cue.text):
            # "The story was denied within hours by the Kazakh Foreign Ministry": the agent denies
            first = next((n for n in after if word_before(n[0]) == "by"), None)
        if first is None:  # "консультации между Россией и Казахстаном", "talks between Russia and Kazakhstan"
            k = next((i for i, n in enumerate(names) if n in after and word_before(n[0]) in ("between", "между")), None)
            if k is not None and k + 1 < len(names) and _joined_by_and(text[names[k][1]:names[k + 1][0]], language):
                first, second = names[k], names[k + 1]
        if first is not None and speaker is None and cand.plover in _SPEECH:
            # "В департаменте полиции Алматы обвинения … назвали «беспочвенными»": a name inside the speaker the
            # claims stage found is part of that speaker
            owner = next((c for c in doc.layer("claim") if c.attrs.get("speaker_start") is not None
                          and c.attrs["speaker_start"] <= first[0] < c.attrs["speaker_end"]
                          and c.attrs["speaker_end"] - c.attrs["speaker_start"] > first[1] - first[0]
                          and s0 <= c.attrs["speaker_start"] < s1), None)
            if owner is not None:
                speaker, first = owner.attrs["speaker"], (owner.attrs["speaker_start"], owner.attrs["speaker_end"])
        if first is None and speaker is None and cand.plover in _SPEECH:
            # "It accused Bishkek of …", "The city's police department said … and denied …": the speaker the claims
            # stage found before the cue (a pronoun resolved, an office no entity names)
            # (the nearest: "A lawyer … told X that his clients denied any link": the clients deny)
            said = max((c for c in doc.layer("claim")
                        if c.attrs.get("speaker") not in (None, "author") and c.attrs.get("speaker_start") is not None
                        and s0 <= c.attrs["speaker_start"] < cue.start), key=lambda c: c.attrs["speaker_start"],
                       default=None)
            if said is not None:
                speaker, first = said.attrs["speaker"], (said.attrs["speaker_start"], said.attrs["speaker_end"])
        if cand.plover in _TARGETED:
            # ... in the cue's own clause: not "Taliban deny role in border shootout as Dushanbe demands answers"
            target = next((n for n in after if n != first and (word_before(n[0]) not in _NOT_ACTING[language]
                                                               or word_before(n[0]) in _AGAINST)
                           and not _clause_between(text, cue.end, n[0])), None)
            if quoted and target is None:  # "Reuters is spreading misinformation", quoted
                target = before[-1] if before else None
        else:  # "talks with Russia"; "обратился к ОДКБ с просьбой"
            # ... or named inside the cue: "asked the CSTO for help"
            # ... never a news outlet: "confirmed to Kaktus Media that talks were under way"
            behind = [n for n in after + before if (word_before(n[0]) in _COUNTERPART[language]
                                                    or cue.start < n[0] and n[1] <= cue.end)
                      and not _is_outlet(text[n[0]:n[1]])]
            target = next((n for n in behind if not first or n[0] > first[0]), None)
        second = second or target  # "Kyrgyzstan and Uzbekistan signed an agreement on transit to and from China"
        spans = [n for n in (first, second) if n is not None]
        return (speaker or sides.get(first) or self._party_name(first, text)), \
            sides.get(second) or self._party_name(second, text), spans

    def _party_name(self, span: tuple[int, int] | None, text: str) -> str | None:
        """A party's name: a place the gazetteer knows by its name ("с Москвой" → "Moscow"), else the text."""
        if span is None:
            return None
        name = re.sub(r"^(?:the|The)\s+", "", text[span[0]:span[1]])
        if sources().outlet(name) is None and sources().canonical(name) != name:
            return sources().canonical(name)  # an office: "МИД Таджикистана" → "Tajikistan's Foreign Ministry"
        places = self.gaz.find(name, require_capital=False)
        if len(places) == 1 and places[0].text == name and places[0].candidates:
            return rank(places[0], set(), set(), self.focus)[0].name
        if " " not in name and is_cyrillic(name) and not name.isupper() and not any(
                spoken == name.lower() for *_, spoken in self._speakers):  # ("Захарова опровергла": her name as it stands)
            return russian_lemma(name).capitalize()  # "секретарь Совбеза": the party is "Совбез"
        words = name.split()
        if is_cyrillic(name) and all("ADJF" in russian_parts_of_speech(w) for w in words[:-1]):
            # "пяти стран Центральной Азии": "Центральная Азия" (but "власти Узбекистана" keeps its genitive)
            return russian_nominative(name)
        return name

    def listed_places(self, cand: Candidate, text: str) -> list[Place]:
        """The places a protest's or an arrest's first sentence lists as its settings ("Protests took place in Almaty,
        Astana and Shymkent"), two or more, else []: ACLED codes one event per place."""
        if cand.sub_event_type not in ("Peaceful protest", "Protest with intervention", "Arrests") or cand.fatalities():
            return []
        for mention in cand.mentions:  # the first sentence that lists them (a headline may name only the country)
            places = sorted((p for p in mention.places if p.place is not None and not p.origin and p.place.kind == "city"),
                            key=lambda p: p.start)
            chain: list[PlaceMention] = []
            for p in places:
                if chain and _LIST_JOINT.fullmatch(text, chain[-1].end, p.start):
                    chain.append(p)
                elif len(chain) >= 2:
                    break
                else:
                    chain = [p] if p.locative else []
            if len(chain) >= 2:
                return [p.place for p in chain]
        return []

    @staticmethod
    def place_fields(place: Place) -> dict[str, Any]:
        """The setting fields of an event's attrs for one gazetteer place."""
        return {"country": place.country, "iso": place.iso, "admin1": place.admin1, "admin2": place.admin2,
                "location": place.name, "latitude": place.latitude, "longitude": place.longitude,
                "geo_precision": place.geo_precision, "place_text": place.name}

    def _speaking_state(self, cand: Candidate) -> Place | None:
        """The country of the state whose office a mention's sentence names before its cue, if any."""
        states = [_speaker_state(m) for m in cand.mentions]
        return next((self.gaz.country(state) for state in states if state), None)

    def _speaker_of(self, m: Mention) -> str | None:
        """Who makes the statement a mention's cue tells, from the claims stage: the speaker named before the cue,
        as the state it speaks for where its words name one ("the Tajik side", "Tajikistan's border troops": TJ)."""
        named = [w for s, e, w in getattr(self, "_speakers", []) if m.sentence[0] <= s and e <= m.trigger.start
                 and not _clause_before(self._text, e, m.trigger.start)]
        if not named:
            return None
        states = {p.candidates[0].iso for p in self.gaz.find(named[-1], require_capital=False)
                  if p.candidates and p.candidates[0].kind == "country"}
        states |= {iso for word in re.findall(r"[\w-]+", named[-1]) if (iso := self.gaz.demonym(word))}
        return f"state:{min(states)}" if len(states) == 1 else named[-1]

    def _dateline_city(self, doc: Document) -> Place | None:
        """The city a wire dateline names, when the gazetteer knows exactly one city of that name."""
        for line in doc.layer("dateline"):
            name = _DATELINE_PLACE.match(doc.text, line.start, line.end)
            cities = [p for p in self.gaz.lookup(name.group(1)) if p.kind == "city"] if name else []
            if len(cities) == 1:
                return cities[0]
        return None

    def _dateline_country(self, doc: Document) -> Place | None:
        """The country of the city a wire dateline names ("DUSHANBE, Dec 5 (AP) —"), when the gazetteer knows it."""
        for line in doc.layer("dateline"):
            name = _DATELINE_PLACE.match(doc.text, line.start, line.end)
            cities = [p for p in self.gaz.lookup(name.group(1)) if p.kind in ("city", "admin1")] if name else []
            if len({p.iso for p in cities}) == 1:
                return self.gaz.country(cities[0].iso)
        return None

    def _default_actor1(self, cand: Candidate, iso: str | None) -> str | None:
        country = self._country_name(iso)
        suffix = f" ({country})" if country else ""
        if cand.event_type == "Protests":
            return f"Protesters{suffix}"
        if cand.event_type == "Riots":
            return f"Rioters{suffix}"
        if cand.event_type in VIOLENT_TYPES or cand.sub_event_type == "Looting/property destruction":
            return f"Unidentified Armed Group{suffix}"
        if cand.sub_event_type == "Arrests" and country:
            return f"Police Forces of {country}"
        return None

    def _default_actor2(self, cand: Candidate, iso: str | None) -> str | None:
        return None

    @staticmethod
    def _default_inter1(cand: Candidate) -> int | None:
        if cand.event_type in VIOLENT_TYPES or cand.sub_event_type == "Looting/property destruction":
            return 3  # an unidentified armed group
        return {"Protests": 6, "Riots": 5}.get(cand.event_type or "", 1 if cand.sub_event_type == "Arrests" else None)


def _explosion_over_attack(best: Trigger, triggers: list[Trigger]) -> Trigger:
    """An attack told with an explosion is the explosion (ACLED types violence by its means, whoever it hits): the
    strongest explosion cue among ``triggers`` when ``best`` is a bare attack, else ``best``."""
    if best.event_type != "attack":
        return best
    return max((t for t in triggers if t.event_type == "Explosions/Remote violence"),
               key=lambda t: (t.priority, -t.start), default=best)


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause holding offset ``at`` of ``sentence`` begins (after ", and", ", but", ", а", ";" …)."""
    return max([0] + [m.end() for m in _CLAUSE_SPLIT.finditer(sentence, 0, max(0, at))])


def _clause_between(text: str, start: int, name: int) -> bool:
    """Whether another clause begins between ``start`` and the name at ``name`` (the clause may open with it:
    "as Dushanbe demands")."""
    found = _NEW_CLAUSE_AFTER.search(text, start, min(len(text), name + 40))
    return found is not None and found.start() < name


def _joined_by_and(between: str, language: str) -> bool:
    """Two names joined by "and", perhaps with a quantity between: "России и пяти стран Центральной Азии"."""
    return re.fullmatch(rf"\s*(?i:{_AND[language]})(?:\s+[^\W\d_A-ZА-ЯЁ][\w-]*){{0,2}}\s*", between) is not None


def _speaker_state(m: Mention) -> str | None:
    """The country of the place named nearest before a statement's cue ("Dushanbe's Foreign Ministry denied")."""
    before = [p for p in m.places if p.place is not None and p.end <= m.trigger.start and not p.locative]
    return before[-1].place.iso if before else None


def _clause_before(text: str, end: int, cue: int) -> bool:
    """Whether another clause ends between a name that ends at ``end`` and the cue ("Bishkek blamed Tajik forces;
    Dushanbe denied …"); a colon only opens what the name's clause says ("the ministry said: '… is a lie'")."""
    return any(found.group() != ":" for found in _NEW_CLAUSE.finditer(text, end, cue))


_POST_BEFORE = re.compile(r"(?<!\w)(?:пост\w*|погранпост\w*|застав\w*|КПП|пункт\w*\s+пропуска|checkpoint|post|crossing)\s*$",
                          re.I)


def _quoted_name(text: str, start: int, end: int) -> bool:
    """A place name alone in quotes names an outlet, a market or a firm ("опрошенных «Ферганой»", "рынке «Кара-Суу»"),
    not where anything happened (but a post or a checkpoint bears its village's name: "КПП «Достук»")."""
    if _SLOGAN_BEFORE.search(text, max(0, start - 40), start):
        return True  # "развернувших плакат «Свободу Максиму»", "a banner reading 'Free Osh'": words on a placard
    return start > 0 and end < len(text) and text[start - 1] in "«\"“" and text[end] in "»\"”" \
        and not _POST_BEFORE.search(text, max(0, start - 25), start - 1)


_SLOGAN_BEFORE = re.compile(r"(?:плакат\w*|лозунг\w*|транспарант\w*|баннер\w*|надпись\w*|placards?|banners?|slogans?|"
                            r"signs?)(?:\s+(?:reading|saying|with\s+the\s+words|с\s+надписью))?\s*[«\"“][^»\"”]*$", re.I)


def _opens_outlet(text: str, start: int, end: int) -> bool:
    """Whether a name is the first word of a longer outlet name there ("Afghanistan International")."""
    found = sources().find_outlet(text[start:start + 60])
    return found is not None and found[0] == 0 and found[1] > end - start


def _is_outlet(name: str) -> bool:
    """A news outlet's name, alone or at the end ("the news agency Reuters"), or an outlet described ("the Russian news
    agency" whose name the NER left out)."""
    found = sources().find_outlet(name)
    return sources().outlet(name) is not None or (found is not None and found[1] == len(name.rstrip())) \
        or _OUTLET_DESCRIBED.search(name) is not None


_OUTLET_DESCRIBED = re.compile(r"\b(?:news\s+agency|newspaper|broadcaster|news\s+outlet|news\s+site|TV\s+channel)\s*$|"
                               r"(?<!\w)(?:агентств\w*|газет\w*|телеканал\w*|издани\w*)\s*$", re.I)


def _joined(spans: list[tuple[int, int, str]], text: str, language: str, floor: int) -> list[tuple[int, int]]:
    """Names that are one party joined: "Tajikistan's Foreign Ministry", "Совет безопасности Таджикистана",
    "Western media", "the foreign ministry of Tajikistan", "Chinese President Xi Jinping" (``floor``: the
    sentence's start, which an institution before a name does not cross)."""
    out: list[tuple[int, int]] = []
    labels: list[str] = []
    for start, end, label in sorted(spans):
        if out and start < out[-1][1]:  # "Foreign Ministry" inside "Tajikistan's Foreign Ministry"
            out[-1] = (out[-1][0], max(out[-1][1], end))
            continue
        institution = _INSTITUTION.match(text, end) if language == "en" else None
        if institution:
            end = institution.end()
        before = _INSTITUTION_BEFORE[language].search(text, floor, start)
        if before and not (out and out[-1][1] > before.start()):
            start = before.start(1) if language == "ru" else before.start()
        if out:
            gap = text[out[-1][1]:start]
            possessive = language == "en" and gap in ("'s ", "’s ")
            # "Совет безопасности Таджикистана": an organisation and the place it belongs to
            genitive = language == "ru" and gap == " " and labels[-1] == "ORG" and label == "LOC"
            # "Chinese President Xi Jinping", "Президент Узбекистана Шавкат Мирзиёев": a title and the person holding it
            titled = gap == " " and label in ("PERSON", "PER") and bool(_TITLE[language].search(text[out[-1][0]:out[-1][1]]))
            if possessive or genitive or titled:
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
        labels.append(label)
    return out


_PAIR_TEXT = re.compile(r"^(?P<a>\S+)\s+(?:and|и)\s+(?P<b>\S+)\s+(?P<head>.+)$")
_PAIR_AFTER = re.compile(r"^(?P<head>.+?)\s+(?P<a>[А-ЯЁA-Z]\S+)\s+(?:и|and)\s+(?P<b>[А-ЯЁA-Z]\S+)$")


def _side_text(actor: tuple[ActorMention, int], other: tuple[ActorMention, int] | None) -> str:
    """The words naming one side: "Kazakh workers" of "Kazakh and Chinese workers", "пограничниками Таджикистана" of
    "пограничниками Киргизии и Таджикистана", where one mention names both."""
    mention, which = actor
    if other is None or other[0] is not mention:
        return mention.text
    m = _PAIR_TEXT.match(mention.text)
    if m:
        return f"{m.group('b' if which else 'a')} {m.group('head')}"
    m = _PAIR_AFTER.match(mention.text)
    return f"{m.group('head')} {m.group('b' if which else 'a')}" if m else mention.text


def _most_specific(places: list[PlaceMention]) -> Place | None:
    """The most specific place the text locates the event in ("in", "near", "в"), else the most specific named."""
    usable = [p for p in places if p.place is not None and not p.origin]
    located = [p for p in usable if p.locative] or usable
    best = None
    for p in located:
        if best is None or KIND_RANK[p.place.kind] > KIND_RANK[best.kind]:
            best = p.place
    # "in Tajikistan's southern Khatlon province": a more specific place inside the located one refines it.
    for p in usable:
        q = p.place
        if best is not None and KIND_RANK[q.kind] > KIND_RANK[best.kind] and q.iso == best.iso and (
                best.kind == "country" or (best.admin1_code and q.admin1_code == best.admin1_code)):
            best = q
    # "the village of Shahrak in Takhar province": a name the gazetteer knows only in another province (Ghor) is not
    # that place; the province the text names is where it happened
    within = next((p.region.place for p in usable if p.place is best and p.region is not None), None)
    if best is not None and best.kind not in ("country", "admin1") and within is not None and within.kind == "admin1" \
            and within.iso == best.iso and within.admin1_code != best.admin1_code:
        best = within
    return best


def aggregate_warnings(aggregates: list[Aggregate], events: list[dict[str, Any]]) -> list[str]:
    """Compare each stated total with the sum of the violent events counted in the article."""
    out = []
    counted = [e for e in events if e.get("event_type") in VIOLENT_TYPES]
    total = sum(e.get("fatalities") or 0 for e in counted)
    for agg in aggregates:
        if agg.fatalities is None or not counted:
            continue
        if agg.fatalities != total:
            out.append(f"stated total of {agg.fatalities} fatalities ({agg.text.strip()[:80]!r}) does not match the "
                       f"{total} counted in {len(counted)} event(s)")
    return out


__all__ = ["EventExtractor", "Aggregate", "Candidate", "aggregate_warnings", "timedelta"]
