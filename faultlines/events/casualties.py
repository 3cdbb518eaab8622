"""Fatalities and injuries from digits and number words in English and Russian.

"three Chinese citizens were killed", "killing three", "two killed, two
wounded", "трое погибших", "не менее 12 человек ранены". Totals ("in total,
five nationals have died", "всего погибли") are flagged as aggregates: the
analyzer checks them against the events it counted instead of making new
events of them. ACLED's rule for vague figures is kept: the lowest number
reported ("dozens" counts as 12 is not used; "dozens" is left uncounted).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import load_resource

_NUMBERS = load_resource("numbers.json")
_EN_WORDS = {k: v for k, v in _NUMBERS["en"].items() if k not in ("a", "an", "single", "both")}
_EN_NUM = "|".join(sorted((re.escape(w) for w in _EN_WORDS), key=len, reverse=True))
_RU_NUM = "|".join(sorted((re.escape(w) for w in _NUMBERS["ru"]), key=len, reverse=True))
_QUAL_EN = r"(?:(?P<q>at\s+least|more\s+than|over|nearly|almost|about|around|up\s+to|some)\s+)?"
_QUAL_RU = r"(?:(?P<q>не\s+менее|более|около|свыше|по\s+меньшей\s+мере|как\s+минимум|почти|ещё|еще)\s+)?"
# (never an age: "47-летний чабан", "a 14-year-old boy")
# ("1,112 civilians" is one figure: its "112" alone is none)
_NUM_EN = rf"{_QUAL_EN}(?P<n>(?<![\d,.])\d{{1,3}}(?:,\d{{3}})+|(?<![\d,.])\d+|{_EN_NUM})(?!-\w)"
_NUM_RU = rf"{_QUAL_RU}(?P<n>\d+|{_RU_NUM})(?!-\w)"
_MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTHS_RU = "январ\\w*|феврал\\w*|март\\w*|апрел\\w*|ма[яй]|июн\\w*|июл\\w*|август\\w*|сентябр\\w*|октябр\\w*|ноябр\\w*|декабр\\w*"
# the words between a number and what happened to them: never a unit of time or distance, nor another number, with
# "and" or without ("Трое пострадавших и двое погибших" counts two groups, see _COORD_HEAD; "rose to 14 on Monday
# after three wounded passengers died": the 14 are no wounded)
_FILL_EN = (rf"(?:\s+(?!(?:days?|weeks?|months?|years?|hours?|minutes?|kilometres?|km|miles?|times|{_MONTHS_EN})\b"
            rf"|(?:and\s+)?(?:\d|(?:{_EN_NUM})\b))[\w’'-]+){{0,4}}?")
# (four words: "Двое военнослужащих Пограничных войск Таджикистана погибли")
_FILL_RU = (rf"(?:\s+(?!(?:дн\w*|недел\w*|месяц\w*|год\w*|лет|час\w*|минут\w*|км|километр\w*|раз|{_MONTHS_RU})\b"
            rf"|(?:и\s+)?(?:\d|(?:{_RU_NUM})\b))[\w-]+){{0,4}}?")

# the other one of two just named: "one died and the other was wounded", "второй получил ранения"
THE_OTHER = re.compile(r"(?:второй|вторая|другой|другая|the\s+other|the\s+second)\b", re.I)
# "At least five people, including two children, were killed", "Three security guards, all local Pamiris, were killed"
_APPOSITIVE_EN = r"(?:,\s+(?:including|all|both|mostly|most\s+of\s+them|among\s+them)\s+[^,.;]{1,40},)"
_PERSON_EN = (r"(?:person|soldier|man|woman|child|civilian|resident|border\s+guard|police\s+officer|policeman|officer|"
              r"worker|employee|engineer|serviceman|farmer|shepherd|driver|journalist|teacher|national|citizen|guard|"
              r"builder|miner|contractor|trader)")
_KILLED_EN = r"(?:killed|dead|died|slain|shot\s+dead|lost\s+their\s+lives|perished|killed\s+outright|(?:stabbed|beaten|hacked)\s+to\s+death)"
_HURT_EN = r"(?:wounded|injured|hurt|hospitali[sz]ed|wounds|injuries|taken\s+to\s+(?:a\s+|the\s+)?hospital)"
_KILLED_RU = r"(?:погиб\w*|гибел[иьюя]|убит\w*|скончал\w*|погибш\w*|застрелен\w*|жертв\w*)"
_HURT_RU = r"(?:ранен\w*|ранени\w*|пострадал\w*|пострадавш\w*|травм\w*|госпитализирован\w*|доставлен\w*\s+в\s+больниц\w*)"

# one person in the accusative, after a killing verb: "застрелили гражданина КНР"
_RU_PERSONS_ACCUSATIVE = ("водителя", "жителя", "жительницу", "человека", "военнослужащего", "пограничника", "полицейского",
                          "мужчину", "женщину", "ребёнка", "ребенка", "рабочего", "сотрудника", "журналиста", "фермера",
                          "пастуха", "чабана", "солдата", "инженера", "гражданина", "специалиста", "строителя")

# one person in the nominative, after a verb of death or injury: "погиб водитель грузовика", "ранен пастух" (the ranks
# count among the dead only: "погиб сержант Рустам Саидов")
_RU_PERSON_NOUNS = frozenset({
    "водитель", "житель", "жительница", "человек", "военнослужащий", "пограничник", "полицейский", "мужчина", "женщина",
    "ребёнок", "ребенок", "рабочий", "сотрудник", "журналист", "фермер", "пастух", "чабан", "солдат", "инженер",
    "гражданин", "специалист", "строитель", "охранник"})
_RU_RANKS = frozenset({"сержант", "рядовой", "ефрейтор", "лейтенант", "капитан", "майор", "прапорщик"})
_RU_PERSONS = _RU_PERSON_NOUNS | _RU_RANKS


def _alternation(words) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


def _ru_toll(nouns: str) -> re.Pattern:
    """"число погибших в результате взрыва выросло до девяти", "число раненых достигло 12": a toll, of the dead or
    of the hurt as ``nouns`` say."""
    return re.compile(rf"(?<!\w)(?:число|количество)\s+(?:{nouns})\s+(?:[^.;]{{1,160}}?\s+)?(?:возросл\w*|вырос\w*|"
                      rf"увеличил\w*|достиг\w*|составил\w*|составляет)\s+(?:до\s+)?{_NUM_RU}\b", re.I)


_RANK = re.compile(r"(?:Senior\s+|Junior\s+)?(?:Sergeant|Sgt\.|Private|Pvt\.|Corporal|Cpl\.|Lieutenant|Lt\.|Captain|Capt\.|"
                   r"Major|Colonel|Col\.|Warrant\s+Officer)")

_PATTERNS = {
    "en": [
        # "At least five people, including two children, were killed"
        ("fatalities", re.compile(rf"\b{_NUM_EN}{_FILL_EN}{_APPOSITIVE_EN}?\s+(?:(?:were|was|have\s+been|had\s+been|are|have|has|had|being)\s+)?{_KILLED_EN}\b", re.I)),
        # "Sergeant Nurbek Asanov, 23, was killed": one soldier named by rank
        ("fatalities", re.compile(rf"\b(?P<n>{_RANK.pattern})\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?(?:,\s+\d{{1,2}},)?\s+(?:was\s+)?"
                                  rf"(?:killed|shot\s+dead|died)\b")),
        ("fatalities", re.compile(rf"\b(?:killing|killed|kill|claimed\s+the\s+lives\s+of|shot\s+dead|gunned\s+down|murdered|shot\s+and\s+killed)\s+{_NUM_EN}\b(?!\s+(?:days?|weeks?|years?)\b)(?=(?:{_FILL_EN})(?:\s|[,.;]|$))", re.I)),
        # "left three dead", but not "left at least 20 people injured"
        ("fatalities", re.compile(rf"\bleft\s+{_NUM_EN}\b(?=(?:\s+[\w-]+){{0,3}}?\s+(?:dead|killed)\b)", re.I)),
        # "led to the deaths of two people", "caused the deaths of at least three soldiers"
        ("fatalities", re.compile(rf"\bdeaths\s+of\s+{_NUM_EN}\b(?!\s+(?:days?|weeks?|years?)\b)", re.I)),
        # (also "the death toll from Saturday's attack on a bus rose to 14")
        ("fatalities", re.compile(rf"\bdeath\s+toll\s+(?:(?:from|in|of|after)\s+[^,.;]{{1,80}}?\s+)?(?:(?:has|had|have)\s+)?(?:(?:rose|risen|rises|climbed|climbs|jumped|"
                                  rf"increased|grew|grown)\s+to|reached|of|(?:now\s+)?stands\s+at|stood\s+at)\s+{_NUM_EN}\b", re.I)),
        # "raised the official death toll to four", "revised the toll up to 14"
        ("fatalities", re.compile(rf"\b(?:raised|revised|increased|lowered|put|updated)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:death\s+)?toll\s+"
                                  rf"(?:(?:up|down)\s+)?(?:to|at)\s+{_NUM_EN}\b", re.I)),
        # "killing a woman and her son": two
        ("fatalities", re.compile(r"\b(?:killing|killed|shot\s+dead|murdered)\s+(?P<n>(?:a|an|one)\s+[\w-]+\s+and\s+(?:his|her|their|a|an|one)\s+"
                                  r"(?:son|daughter|child|wife|husband|brother|sister|mother|father|[\w-]+))\b", re.I)),
        ("fatalities", re.compile(r"\b(?:shot\s+dead|gunned\s+down|killed|killing|murdered|shot\s+and\s+killed)\s+(?P<n>a|an|one|the)\s+(?:[\w-]+\s+){0,2}?(?:person|soldier|man|woman|child|civilian|resident|border\s+guard|police\s+officer|policeman|officer|worker|serviceman|farmer|driver|journalist|teacher|smuggler|suspect|militant|gunman|fighter|attacker|intruder|engineer|employee|national|citizen|shepherd|guard|builder|miner|contractor|trader|herder|herdsman|villager|boy|girl|teenager|youth|student|pensioner|activist|blogger|businessman|official|imam|doctor|nurse|local)\b", re.I)),
        # "killing Sergeant Rustam Saidov": one soldier named by rank
        ("fatalities", re.compile(rf"\b(?:shot\s+dead|gunned\s+down|killed|killing|murdered)\s+(?P<n>{_RANK.pattern})\s+[A-Z][\w'-]+")),
        # "A Chinese worker was shot dead": one, with up to two words before the person ("Four Taliban guards and a
        # Chinese engineer were killed": the four are added, see _COORD_HEAD)
        ("fatalities", re.compile(r"\b(?P<n>a|an|one)\s+(?:[\w-]+\s+){0,2}?(?:person|soldier|man|woman|child|civilian|resident|border\s+guard|police\s+officer|policeman|worker|employee|engineer|serviceman|farmer|shepherd|driver)\s+(?:(?:was|were)\s+)?(?:killed|died|shot\s+dead|(?:stabbed|beaten|hacked)\s+to\s+death)\b", re.I)),
        # (not "killed five Chinese citizens and wounded four others": the wounded are the four)
        # "Eleven people, including four police officers, were injured"
        # (not "three wounded passengers died": they are dead)
        ("injuries", re.compile(rf"\b{_NUM_EN}{_FILL_EN}{_APPOSITIVE_EN}?\s+(?:(?:were|was|have\s+been|had\s+been|are|being)\s+)?{_HURT_EN}\b"
                                rf"(?!\s+(?:at\s+least\s+|about\s+|some\s+)?(?:\d|(?:{_EN_NUM})\b))"
                                rf"(?!(?:\s+[\w-]+){{0,2}}\s+(?:died|have\s+died|had\s+died|succumbed))", re.I)),
        ("injuries", re.compile(rf"\b(?:wounding|wounded|injuring|injured|hurt)\s+{_NUM_EN}\b(?!\s+(?:days?|weeks?|years?)\b)", re.I)),
        # "the number of wounded later rose to eight"
        ("injuries", re.compile(rf"\bnumber\s+of\s+(?:the\s+)?(?:wounded|injured)\s+(?:(?:has|had|later|then)\s+)?(?:rose|risen|climbed|"
                                rf"increased|grew|jumped|reached)\s+(?:to\s+)?{_NUM_EN}\b", re.I)),
        # "injuring a shepherd", "a soldier was wounded": one
        ("injuries", re.compile(rf"\b(?:wounding|injuring|wounded|injured)\s+(?P<n>a|an|one|the)\s+(?:[\w-]+\s+){{0,2}}?{_PERSON_EN}\b", re.I)),
        ("injuries", re.compile(rf"\b(?P<n>a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_PERSON_EN}\s+(?:was\s+)?(?:wounded|injured|hurt)\b", re.I)),
        # "one died and the other was wounded"
        ("injuries", re.compile(rf"\b(?P<n>{THE_OTHER.pattern})\s+(?:one\s+)?(?:was\s+)?(?:seriously\s+|badly\s+|"
                                r"critically\s+|lightly\s+)?(?:wounded|injured|hurt)\b", re.I)),
        ("fatalities_zero", re.compile(r"\b(?:no\s+one|nobody|no-one|no\s+(?:civilians|people|residents|soldiers|workers))\s+"
                                       r"(?:was|were|had\s+been|have\s+been|has\s+been)\s+(?:killed|hurt|injured|harmed)|\bno\s+(?:casualties|deaths|fatalities)\b|\bwithout\s+casualties\b", re.I)),
    ],
    "ru": [
        ("fatalities", re.compile(rf"(?<![\w-]){_NUM_RU}{_FILL_RU}\s+{_KILLED_RU}", re.I)),
        ("fatalities", re.compile(rf"{_KILLED_RU}(?:\s+(?!(?:и|а)\b)[\w-]+){{0,2}}?\s+{_NUM_RU}\b(?!\s+(?:дн\w*|лет|год\w*|недел\w*|раз)\b)", re.I)),
        # "число погибших в результате взрыва выросло до девяти", "число жертв достигло 12"
        ("fatalities", _ru_toll(r"погибш\w*|жертв|убит\w*|умерш\w*")),
        # "унесли жизни около 100 человек", "стрельба, унесшая жизни двух пограничников"
        ("fatalities", re.compile(rf"(?<!\w)(?:унесл\w*|унёс|унес|унесш\w*|унёсш\w*)\s+жизн\w+\s+{_NUM_RU}\b", re.I)),
        # "обстреляли автобус, убив двоих", "убили троих"
        ("fatalities", re.compile(rf"(?<!\w)(?:убив|убил[аи]?)\s+{_NUM_RU}\b", re.I)),
        # "уничтожили двух наркокурьеров": armed men killed by the security forces
        ("fatalities", re.compile(rf"(?:уничтож|ликвидирова|нейтрализова)\w*\s+(?:(?:в|на|у|под)\s+[\w-]+(?:\s+[А-ЯЁ][\w-]+)?\s+)?{_NUM_RU}\s+(?:[\w-]+\s+)?(?:боевик|наркокурьер|террорист|нарушител|контрабандист|бандит|нападавш)\w*", re.I)),
        # "ещё один участник группы оказал вооружённое сопротивление и был нейтрализован": one armed man killed
        ("fatalities", re.compile(r"(?<!\w)(?P<n>один|одна)\s+(?:[\w-]+\s+){0,3}?(?:участник|боевик|террорист|нападавш|"
                                  r"подозреваем|член|бандит)\w*\b[^.;]{0,80}?\s+(?:был|была)\s+(?:уничтожен|ликвидирован|"
                                  r"нейтрализован|убит|застрелен)\w*", re.I)),
        # "ликвидированы восемь членов преступной группировки", "нейтрализованы двое боевиков"
        ("fatalities", re.compile(rf"(?:уничтожен|ликвидирован|нейтрализован)\w*\s+{_NUM_RU}\s+(?:[\w-]+\s+)?(?:боевик|член|"
                                  rf"участник|террорист|бандит|нарушител|контрабандист|наркокурьер)\w*", re.I)),
        # "двое нарушителей уничтожены", "трое боевиков ликвидированы"
        ("fatalities", re.compile(rf"(?<![\w-]){_NUM_RU}\s+(?:[\w-]+\s+)?(?:боевик|наркокурьер|террорист|нарушител|контрабандист|бандит)\w*"
                                  rf"\s+(?:были\s+)?(?:уничтожен|ликвидирован|нейтрализован)\w*", re.I)),
        # a singular verb and a person: "погиб водитель грузовика"
        ("fatalities", re.compile(r"(?<!\w)(?:погиб|убит|скончался|застрелен|погибла|убита)\s+(?:[\w-]+\s+){0,2}?"
                                  rf"(?P<n>{_alternation(_RU_PERSONS)})\b", re.I)),
        # one person and a singular verb of death after it: "47-летний мужчина скончался на месте"
        ("fatalities", re.compile(rf"(?<!\w)(?P<n>{_alternation(_RU_PERSON_NOUNS)})\s+(?:[\w-]+\s+)?"
                                  r"(?:погиб|погибла|скончался|скончалась|умер|умерла|убит|убита)(?!\w)", re.I)),
        # a killing verb and one person in the accusative: "неизвестные застрелили гражданина КНР"
        ("fatalities", re.compile(r"(?<!\w)(?:застрелил[аи]?|убил[аи]?|зарезал[аи]?|расстрелял[аи]?)\s+(?:[\w-]+\s+){0,2}?"
                                  rf"(?P<n>{'|'.join(_RU_PERSONS_ACCUSATIVE)})\b", re.I)),
        # "Один из них, 27-летний сержант, скончался в больнице, второй получил ранения": one of the people the sentence
        # before named (alone, "один из них скончался" may be one of the dead counted before)
        ("fatalities", re.compile(r"(?<!\w)(?P<n>один|одна)\s+из\s+них(?:,[^,.;]{1,40},)?\s+(?:[\w-]+\s+)?"
                                  r"(?:скончал\w*|погиб\w*|умер\w*|убит\w*)(?=[^.;]*?(?<!\w)(?:втор|друг|остальн))", re.I)),
        ("injuries", re.compile(rf"(?<![\w-]){_NUM_RU}{_FILL_RU}\s+(?:получил\w*\s+)?{_HURT_RU}", re.I)),
        # "второй получил ранения средней тяжести", "ещё один ранен": the other one of them
        ("injuries", re.compile(rf"(?<!\w)(?P<n>{THE_OTHER.pattern})\s+(?:был\s+|была\s+)?(?:получил\w*\s+(?:[\w-]+\s+)?"
                                r"ранени\w*|ранен\w*|госпитализирован\w*)", re.I)),
        ("injuries", _ru_toll(r"ранен\w*|пострадавш\w*")),
        ("injuries", re.compile(rf"(?:ранен\w*|пострадал\w*)(?:\s+[\w-]+){{0,2}}?\s+{_NUM_RU}\b(?!\s+(?:дн\w*|лет|год\w*|недел\w*|раз)\b)", re.I)),
        # "напала на лагерь, ранив пятерых рабочих", "ранили троих"
        ("injuries", re.compile(rf"(?<!\w)(?:ранив|ранил[аи]?)\s+{_NUM_RU}\b", re.I)),
        # "ранили солдата": one person in the accusative
        ("injuries", re.compile(r"(?<!\w)(?:ранил[аи]?|ранив)\s+(?:[\w-]+\s+){0,2}?(?P<n>водителя|жителя|жительницу|человека|"
                                r"военнослужащего|пограничника|полицейского|мужчину|женщину|ребёнка|ребенка|рабочего|"
                                r"сотрудника|журналиста|фермера|пастуха|солдата|инженера|гражданина|строителя)\b", re.I)),
        # a singular verb and a person: "ранен пастух"
        ("injuries", re.compile(r"(?<!\w)(?:ранен|ранена|пострадал|пострадала)\s+(?:[\w-]+\s+){0,2}?"
                                rf"(?P<n>{_alternation(_RU_PERSON_NOUNS)})\b", re.I)),
        ("fatalities_zero", re.compile(r"(?:никто\s+не\s+(?:пострадал|погиб)|обошлось\s+без\s+жертв|без\s+жертв|жертв\s+нет|никого\s+не\s+было)", re.I)),
    ],
}
# Cues of a total over several events (or over a period), not one incident.
_AGGREGATE = {
    "en": re.compile(r"\b(?:in\s+the\s+first\s+(?:\w+\s+)?(?:months|weeks|half|quarter)\s+of|in\s+total|since\s+then|ever\s+since|a\s+total\s+of|in\s+all|altogether|all\s+told|overall|so\s+far\s+this\s+year|since\s+the\s+start\s+of|combined|in\s+less\s+than\s+a\s+week|over\s+the\s+past\s+(?:week|month|year)|in\s+recent\s+(?:weeks|months)|"
                     r"^\W*since\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                     r"December|(?:19|20)\d\d)|(?:a|the|its|their)\s+tally|"
                     # a count of incidents: "carried out 38 attacks in northern Afghanistan in 2025, killing 112"
                     r"(?:[3-9]|\d\d+)\s+(?:separate\s+|such\s+|deadly\s+)?(?:attacks|incidents|clashes|bombings|shootings|raids))\b", re.I),
    "ru": re.compile(r"(?:за\s+(?:первые\s+)?(?:\w+\s+)?месяц\w*\s+(?:этого|текущего|прошлого|(?:19|20)\d\d)|за\s+первое\s+полугодие|всего|с\s+тех\s+пор|в\s+общей\s+сложности|итого|общее\s+число|с\s+начала\s+года|за\s+(?:последн\w+\s+)?(?:неделю|месяц|год)|менее\s+чем\s+за\s+неделю|"
                     r"^\W*с\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|(?:19|20)\d\d\s+года)|"
                     # "произошло как минимум 17 нападений на мигрантов, в которых погибли четыре человека"
                     r"(?<!\d)(?:[3-9]|\d\d+)\s+(?:нападени|инцидент|столкновени|терракт|теракт|взрыв)\w*)", re.I),
}


@dataclass
class Count:
    field: str  # fatalities | injuries
    value: int
    start: int
    end: int
    qualifier: str | None = None
    attackers: bool = False  # the dead are the attackers ("three attackers were killed", "уничтожили двух нападавших")


# the armed men an attack's defenders kill: their dead add to the attack's, they are no new event
_ATTACKERS = re.compile(r"\b(?:attackers|assailants|gunmen|militants|insurgents|raiders|smugglers)\b|"
                        r"\btaliban\s+(?:fighters|militants|gunmen)\b|(?<!\w)(?:нападавш|боевик|террорист|нарушител|бандит|контрабандист|талиб)\w*", re.I)
# "the attackers … and that one of them was killed", "боевики … двое из них уничтожены"
_NEXT_WORDS = re.compile(r"(?:\s+[\w-]+){1,2}")
_OF_THEM = re.compile(r"\b(?:of\s+them|из\s+них)\b", re.I)
_BOUND_WORDS = re.compile(r"(?<!\w)не\s+(?:менее|более|меньше|больше)(?!\w)|\b(?:not|no)\s+(?:less|more|fewer)\s+than\b", re.I)
_NOT = re.compile(r"(?<!\w)(?:не|not|never)(?!\w)", re.I)
_AMONG = re.compile(r"(?:\bamong|(?<!\w)(?:среди|в\s+числе))\s+(?:the\s+)?$", re.I)
# "Two children were among the dead", "Двое детей оказались среди погибших": who the dead were, counted already
_AMONG_AFTER = re.compile(r"\s+(?:(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?|(?:были|был|была|оказал\w*|"
                          r"есть|также)\s+(?:также\s+)?(?:среди|в\s+числе)\s+)(?:dead|killed|victims|fatalities|wounded|"
                          r"injured|погибш|убит|жертв|ранен|пострадавш)", re.I)
_HURT = re.compile(rf"\b{_HURT_EN}\b|{_HURT_RU}", re.I)
# "eight of the dead", "трое из погибших": a share of casualties counted already ("один из них скончался" counts)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS_EN})\.?\s+$", re.I)
_COORD_ONE = re.compile(rf"\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_PERSON_EN[:-1]}|boy|girl|teenager)\s+and\s+$", re.I)
_PARTITIVE = re.compile(r"\s+(?:of\s+(?:the|those)\s+(?:dead|killed|victims|wounded|injured)|"
                        r"из\s+(?:погибш|убит|ранен|пострадавш|жертв)\w*)\b", re.I)
_KILLED = re.compile(rf"\b{_KILLED_EN}\b|{_KILLED_RU}", re.I)
# a second group after the count, its verb said once: "погибли двое военных и трое мирных жителей"
_COORD_TAIL = {
    "en": re.compile(rf"(?:\s+(?!and\b)[\w-]+){{1,2}}?\s+and\s+(?!\w+\s+(?:of|from)\b){_NUM_EN}\s+[\w-]+(?:\s+[\w-]+)?(?=\s*[,.;]|$)", re.I),
    "ru": re.compile(rf"(?:\s+(?!и\b)[\w-]+){{1,2}}?\s+и\s+{_NUM_RU}\s+[\w-]+(?:\s+[\w-]+)?(?=\s*[,.;]|$)", re.I),
}
_COORD_HEAD = {
    "en": re.compile(rf"\b{_NUM_EN}{_FILL_EN}\s+and\s+$", re.I),
    "ru": re.compile(rf"(?<![\w-]){_NUM_RU}{_FILL_RU}\s+и\s+$", re.I),
}


def _value(word: str) -> int | None:
    w = word.lower()
    if " and " in w:  # "a woman and her son"
        return 2
    if w.replace(",", "").isdigit():
        return int(w.replace(",", ""))
    if w in ("a", "an", "the") or THE_OTHER.fullmatch(w) or w in _RU_PERSONS or w in _RU_PERSONS_ACCUSATIVE or _RANK.fullmatch(word):
        return 1
    return _EN_WORDS.get(w) or _NUMBERS["ru"].get(w)


def counts(text: str, language: str, offset: int = 0) -> list[Count]:
    """Casualty figures stated in ``text`` (one sentence)."""
    found: list[Count] = []
    taken: list[tuple[int, int, str]] = []
    for field, pattern in _PATTERNS["ru" if language == "ru" else "en"]:
        for m in pattern.finditer(text):
            if field == "fatalities_zero":
                found.append(Count("fatalities", 0, offset + m.start(), offset + m.end()))
                continue
            n_start = m.start("n")
            if text[max(0, n_start - 3):n_start].lower() == "no ":  # "no one was hurt"
                continue
            if _NOT.search(_BOUND_WORDS.sub(" ", m.group(0))):
                # "Ни один человек не погиб": no one (but "один человек не погиб" alone says nothing)
                if text[max(0, m.start() - 3):m.start()].lower() == "ни ":
                    found.append(Count(field, 0, offset + m.start(), offset + m.end()))
                continue
            if _AMONG.search(text, max(0, m.start() - 20), m.start()) or _AMONG_AFTER.match(text, m.end("n")) \
                    or _AMONG_AFTER.search(m.group(0)):
                continue  # "Среди погибших - двое подростков", "among the dead were two children": who, not how many
            if _MONTH_BEFORE.search(text, max(0, n_start - 12), n_start):
                continue  # "On November 18 an engineer was shot dead": a day, not a count
            q = m.groupdict().get("q")
            if _PARTITIVE.match(text, m.end("n")) and n_start - m.start() <= (len(q) + 1 if q else 0):
                # "eight of the dead were members of a criminal group": who the dead were, no new count (but
                # "killing five of them" counts)
                continue
            if any(s <= n_start < e and f == field for s, e, f in taken):
                continue
            value = _value(m.group("n"))
            if value is None or (1900 <= value <= 2100 and m.group("n").isdigit()):  # a year, not a count
                continue
            if field == "fatalities":
                # "Five Taliban fighters and two Tajik border guards were killed": both counts
                head = _COORD_HEAD["ru" if language == "ru" else "en"].search(text[:m.start()])
                # ... but "At least 40 people were injured and one killed" adds no one to the dead
                if head is not None and _value(head.group("n")) is not None and not _HURT.search(head.group(0)):
                    value += _value(head.group("n")) or 0
                elif head is None and language != "ru" and _COORD_ONE.search(text[:m.start()]):
                    value += 1  # "A 17-year-old boy and two women were killed"
            tail = _COORD_TAIL["ru" if language == "ru" else "en"].match(text, m.end())
            if tail is not None and _value(tail.group("n")) is not None and not _HURT.search(tail.group(0)) \
                    and not _KILLED.search(tail.group(0)):
                # "ранения получили четверо милиционеров и семеро протестующих": both groups
                value += _value(tail.group("n")) or 0
            # (the noun may follow the count: "убиты четверо талибов")
            noun = _NEXT_WORDS.match(text, m.end())
            attackers = field == "fatalities" and bool(
                _ATTACKERS.search(m.group(0)) or (noun is not None and _ATTACKERS.search(noun.group(0)))
                or (_OF_THEM.search(m.group(0)) and _ATTACKERS.search(text, max(0, m.start() - 120), m.start())))
            taken.append((m.start(), m.end(), field))
            found.append(Count(field, value, offset + m.start(), offset + m.end(), q.lower() if q else None,
                               attackers=attackers))
    found.sort(key=lambda c: c.start)
    return found


def summarize(found: list[Count]) -> tuple[int | None, int | None]:
    """(fatalities, injuries) of one mention: the largest figure of each kind stated in it."""
    fat = [c.value for c in found if c.field == "fatalities"]
    inj = [c.value for c in found if c.field == "injuries"]
    return (max(fat) if fat else None), (max(inj) if inj else None)


def is_aggregate(text: str, language: str) -> bool:
    return bool(_AGGREGATE["ru" if language == "ru" else "en"].search(text))
