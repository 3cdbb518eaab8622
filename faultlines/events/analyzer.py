"""The "events" analyzer: one ``event`` annotation per incident, INTERFACES §1 fields in its attrs."""
from __future__ import annotations

from ..model import Annotation, Document
from ..pipeline import Analyzer, analyzer
from .extract import EventExtractor, aggregate_warnings

# 2: parties of talks, denials and requests; 3: "N days later" counts from the last date that is not a report's,
# outlets and Russian function words are never places, "asked X to send" is a request
# 4: who died before the cue is its target, sniper fire, "when the shooting starts" is no event, a government
# denies from its seat, a drone attacks only with a verb of attack, two governments' statements are two events,
# "later that day" / "снова" opens a new event, gunfire heard is an event
# 5: a headline's dead are the target ("Two police officers killed in attack"), CSTO forces are the alliance's,
# "каждую весну" / "every year" is a habit (no event), a jamoat lies in Tajikistan, "введены войска" deploys;
# "talks between A and B" name both, what a denial denies is not where it was made (its office's state is),
# "two years after X did Y" counts back, the Russian instrumental ("с Казахстаном") is found in the gazetteer,
# a headline's event takes the lead's place and date, an embassy's seat is not where what it speaks of happened,
# "боестолкновение", "двое нарушителей уничтожены", "на своей стороне" is the actor's own country; two counts of one
# attack keep the lower with a warning; "a Ukrainian drone" is Ukraine's forces; "stepped up attacks since the
# summer" is a trend, no event
# 6: troops are the sender's ("Russia sent troops", "the CSTO deployed peacekeepers"), knowing how to stir riots is
# no riot, "на этом же участке" / "at the same spot" is the story's previous place however long ago; "shot dead two"
# kills two; "repeatedly", "four times since 2021", "неоднократно" is no one event; a state before a comma is not the
# nationality of the actor after it ("По данным МВД Узбекистана, полиция"); tear gas, rubber bullets and batons are a
# protest with intervention (ACLED), deaths and beatings excessive force; what did not happen ("never detained", "не
# задержала", "it was not X that sent aid"), "sell sanctioned chips", a rally someone is jailed "for organising" or
# "over", and a gas explosion (an accident) are no events; "people gathered in" protests; "Dec. 16 last year"; the dead a
# rally commemorates are not its dead; a toll that "rose to" is updated; "Mangistau regional" names the region;
# "неизвестные вооружённые люди" are one armed actor, "пограничную заставу" one target; Leilek, Kadamjay, Gafurov;
# what a denial goes on to say ("and said no Tajik citizens …") names no target; a clash on a two-state border
# ("Kyrgyz-Tajik border", "киргизско-таджикском участке границы") without named sides is between the two states' forces;
# "no X has ever V" negates; rejecting things counted ("rejects two applications in three") is no denial; the day a
# text commemorates ("the anniversary of the July 2022 unrest") is not its event's date
# 7: mortars fired; the attackers a defence kills are the attack's dead; a speaking capital, an embassy's seat, a topic
# reported on and a reporting office are no setting or party; a date in a "since" clause dates only what is told
# inside it; a fight between two groups is mob violence between two groups of rioters, villagers who beat or storm
# riot, armed men who storm attack, unknown arsonists destroy property, an attack on a depot harming no one destroys
# property; "every clash", "believe in", future rallies, figures of speech are no events; an arrest for an earlier
# attack is its own event; "обстрел" without artillery is an attack; the weekend, "the following Tuesday", a year
# opening a sentence; a protest or arrests in listed towns are one event per town (docs/events.md, version 7)
# 8: a protest or talks yet to come ("planned", "ahead of", "накануне акции") are none, their "planned" hedges no
# arrest; "накануне выборов" is no date; a counted crowd after "собрались"; mortars in an exchange of fire are the
# clash; a denial's speaker from the claims stage; "Claim:" lines, "was to take place", charges of "calls for" riots
# are no events; "the deaths of two", "к гибели двух" count; a report-dated mention joins the same event told with
# its day; a relative clause's accusation is the denial's content; "X-based" is no place; "the protests" take the date
# the text named them with; a gas explosion is an accident whatever its victims; parties joined by "и пяти стран";
# "Об", "Центральной Азии", "Солтон-Сары" are no places; a past dated event never joins an undated one; road
# blockades protest; "left N" counts only the dead; an arrest after an attack is its own event; a date is the last
# cue's of its clause; a side's fire ("с афганской стороны был открыт огонь") is its forces' attack; each side's dead
# add up
# 9: rockets or shells that fell ("снаряды упали", "rockets landed") are shelling, "с территории X" the attacker's
# origin; "eight of the dead", "двое из погибших" are no new count, a later death goes to the paragraph's attack; a
# date opening the sentence frames each of its events; "the 2022 fighting", "столкновения 2022 года" are dated by the
# year; "it was Moscow that" is no place; "on strike", "a strike by workers", stones thrown at police; an arrest before
# "after" a riot is its own event, with the riot's place; "been denied", "denied access" deny nothing; "They say they
# are fighting …" is no battle; a town named by its noun is no party; Подмосковье and other regions' common names;
# officers of a security service are the government; a legal note ("* … запрещено в РФ") tells no event
# 10: money or goods "похитили" is a theft, no abduction; a street named after a place ("на улице Токтогула") is no
# place; suspects "в нападении" are arrested for an attack told elsewhere, its victims no detainees; a crime that killed
# is the event a sentence names ("jailed … for an attack … that killed three … in September"), not on the sentence's
# day; a quoted speaker is no party; a beating is no battle; ethnic clashes are mob violence; a sentence-initial
# "When …," clause keeps its places; "no one was detained" is no intervention; "the same day" after "In 2011" counts
# from the last day told; "ready for talks", "reports about" are no events; "after Azerbaijani shelling killed …" is
# one; shelling and mortars by a demonym are its forces'; a capital that asks or says is a government; a lead that
# tells an incident without a cue gives its place and day to the next paragraph's event; a security operation that
# killed is an attack; "вступили в бой" a battle; who is "held for peaceful protest" protested before; a protest at a
# parliament the text places nowhere else is in the dateline's city; the arrest of a protest's organisers is an event of
# its own and no intervention in the protest; villagers who clash with police riot; "N people, including …, were
# injured" counts; "the deal, signed in Tashkent" places the agreement; "a day after a shootout … left one … dead" is
# a day before the sentence's day, its dead the victims; what a deal is about ("agreed to withdraw troops") is no party,
# and a deal takes no place from the fighting told beside it; "fired first", "started the shooting" are cues; a state
# named before its office ("Kyrgyzstan's border service") speaks, it is no place; two speakers' statements stay two;
# each people's dead are added once, whichever count first names them; a rally at a consulate, "разогнала акцию", and a
# dispersal "через час" ends the rally told before; "killing a woman and her son" counts two, "stabbed to death"
# kills; "уничтожили в провинции Бадахшан пятерых боевиков" counts five; what a government "prefers" to do is no event;
# "ранен таджикский охранник" counts one; an outlet described ("the Russian news agency") is no party; "обменялись
# огнем" is a clash; a country that opens an outlet's name ("Afghanistan International") is no place, nor is one in a
# clause of its own after the cue ("arrested in July after he criticised … floods in the Surkhandarya region"); the
# state whose office says it arrested arrests at home, whatever the dateline; a foiled or prevented attack ("foiled plot
# to attack", "предотвратили теракт") is none, the arrests told with it are; when "the conflict began", "the fight broke
# out" dates the incident told before that had no day of its own
# 11: Afghanistan's provinces in Russian ("в провинции Бадахшан", "Нангархаре"); "a bomb killed", "a bomb attack" are
# explosions; no airport code is a town ("the SCO summit" was in Aktau); a Russian cue written with a capital inside a
# sentence is a name (the village of Погромное); a note of protest is no protest; where an official told reporters is
# no setting and whom he told no party; "the death toll from … rose to 14", "Four guards and a Chinese engineer were
# killed", "killing Sergeant X" count right, "three wounded passengers died" are no wounded; "said in a statement on
# Friday" is the report's day; a claim of responsibility, "nothing to do with", "the cell behind", "организаторы" refer
# to an event told before; "освободили похищенного" is a release, no abduction; a capital that "pushes ahead" acts;
# "серьёзный удар", "солнечный удар", "удар по экономике" are figures of speech; debris from a drone strikes; "such
# clashes are common", "подобные столкновения нередки" tell no event; "took three employees hostage" is an abduction,
# "в результате подрыва на противопехотной мине" a mine blast; "47-летний", "14-year-old" count no one; a toll "с тех
# пор", "since then" is a total; where a group is banned ("запрещена в России") is no setting; stun grenades
# ("светошумовые гранаты") are no grenade attack; "ликвидировало 14 боевиков" counts; a state that summons a diplomat
# "to protest" holds no rally; "five had died, including two who succumbed" is another source's toll, not more dead;
# "The detention took place … on Monday" dates the arrest told before with only its report's day
# 12: Russian toll updates ("число погибших … выросло до пяти") and a count given "earlier"/"at the time" yield to
# them; "В результате один пограничник погиб" is the toll of the shooting before; "Friday's bombing" owns its day;
# the day and the office of a toll update are not the blast's; a "since" clause keeps its own day and dead; an
# explosion an official calls an attack stays an explosion, fire from a grenade launcher is no grenade attack, a
# missile strike is a missile attack, battles "с применением беспилотников" are battles; "накануне" far from any date
# is the report's eve, and an answer's eve follows what it answers; "среди погибших - двое" counts no one; "подобные
# столкновения происходили и ранее", "in the months that followed", "in the past", "continues to stage attacks" tell
# no event; seasons are dates; events of other years share no place; a party's quoted version and who fired first
# are the clash told before; officials' seat, whence attackers came and a speaker's office are no places; a device
# seized is no explosion; "стрельба", "задержав" are cues; "теракт" is typed by its actors; "troops fought",
# "were shooting at each other" are battles; "not even a summit" is none; "have been rounded up … since" is a campaign;
# a state's forces arrest at home; "47-летний мужчина скончался" counts one, "Ни один человек не погиб" none; a count
# alone in the next paragraph and a toll update anywhere are the attack's; "corrosion", "no signs of sabotage" make a
# blast an accident; "September 14–16, 2022" is 2022; "38 attacks …, killing 112" is a total; "издание «Фергана»" is
# no place; an undated mention in a paragraph of another day is no part of an event two years before
# 13: a weekday beside its full date ("В пятницу, 27 ноября") takes the date; "planned for Saturday", an invitation to
# a meeting, "claims to show", "no shelling took place", "no incidents of shelling", a fact check's title, "Миф первый:"
# and "the clashes we saw in 2021 and 2022" are no events; "ударные беспилотники" are no strike; "Two children were
# among the dead" counts no one; "the attack" told before takes no place from the arrest beside it; "the Fergana
# Valley" and a name inside an institution's ("Carnegie Russia Eurasia Center") are no places; "The document was
# signed in Khujand", "Документ … в Бишкеке подписали" place the deal, whose parties' states are no place of it;
# "Police dispersed the crowd", "разогнала собравшихся" tell the protest before
# 14: the day a participle tells ("a blogger detained on November 19") is not the cue's; a relative clause's deed keeps
# its own day and place ("задержали в Хасавюрте пособников, которые в ночь на 1 декабря напали на пост … у села
# Манаскент"); a place name alone in quotes ("опрошенных «Ферганой»", "рынок «Кара-Суу»") and a sea or a lake ("the Aral
# Sea") are no places; "встретили газом" is no meeting; "raised the official death toll to four" counts, on the day it
# was said, and "Earlier reports had put the toll at two" yields to it; a ДПС post is police
# 15: "каждую весну … спор … превращается в драку" happens again and again; "talks about", "I met" are no talks;
# "a week after" a forecast's date counts from the publication; "shot dead a Tajik herder" kills one; what officials
# "expect" to happen is none
# 16: "1,112 civilians" is one figure; a period's statistics ("in the first nine months of"), a count of incidents
# ("recorded 41 attacks"), a strike "не комментировали" and an attempted arrest are no events; "двумя днями ранее",
# "неделей позже" count from the previous date; what officials "initially reported" yields to a toll that has risen
# 17: "Sergeant X, 23, was killed", "Three guards, all local Pamiris, were killed", "ранения получили четверо милиционеров
# и семеро протестующих", "второй получил ранения" count; "убиты четверо талибов" and "one of them" after the attackers
# are the attackers' dead; return fire makes a shelling a battle; a toll confirmed later goes to the attack that had it;
# "a gang … near X district" has no employer; a raid that is the arrests, an exercise, summits as a habit, "neither
# confirmed nor denied", "clashes in 2021 and 2022", "сообщило о нападении" after the attack are no (new) events; land
# handed over is a transfer of territory, "дивизион развернут" a deployment; "dispersed peacefully" is no intervention;
# Kant is a place, a market named after a district is none; Russian regions read as analysts write them ("Dagestan")
# 18: a toll that "rose to" after a later death is the new total, as are the wounded ("число раненых возросло до семи");
# a drone strike whose sentences name no attacker is the one foreign state's whose drones the article names; an army that
# "обстреляли" a town shells it; a town the gazetteer lacks before "in X region" is the location and another town than
# one the gazetteer knows ("the village of Novaya Tavolzhanka" is not Shebekino); romanisations that differ in y/i are
# one name (Kostiantynivka); "the village of Shahrak in Takhar province" is in Takhar; a "today" inside a quoted post
# may be the report's day before; a definite "the attack" is placed where it happened, not where its speaker sits;
# "after an explosion" tells a new event ("after the explosion" an old one); "a series of attacks since 2022", "threatened
# to arrest", "Никакого задержания не было", the crime a sentence is for, a charge ("возбуждение массовых беспорядков"),
# "shooting its own sequel" are no events; whom the arrested aided and whom a cargo was for are no parties; a
# surname is no village; a slogan on a placard no place; "wounding the driver" counts one
VERSION = "18"


@analyzer("events", version=VERSION, requires=("ner", "sentence"), assigns=("event",))
class EventAnalyzer(Analyzer):
    """Rule-based ACLED/PLOVER event coder over the shared sentence and NER layers (English and Russian)."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.extractor = EventExtractor()

    def __call__(self, doc: Document) -> Document:
        doc.drop_layer("event")
        doc.meta.pop("event_warnings", None)
        doc.meta.pop("event_aggregates", None)
        if doc.language not in ("en", "ru"):
            return doc
        candidates, aggregates = self.extractor.extract(doc)
        events = []
        for cand in candidates:
            attrs = self.extractor.attrs(cand, doc)
            start, end = cand.mentions[0].sentence
            listed = self.extractor.listed_places(cand, doc.text)
            if not listed:
                events.append((start, end, attrs))
            for place in listed:  # "Protests took place in Almaty, Astana and Shymkent": one event per place (ACLED)
                events.append((start, end, {**attrs, **self.extractor.place_fields(place), "warnings": attrs["warnings"] + [
                    f"one of {len(listed)} places the sentence lists ({', '.join(p.name for p in listed)})"]}))
        doc_warnings = aggregate_warnings(aggregates, [a for _, _, a in events])
        for start, end, attrs in events:
            if doc_warnings and attrs["event_type"] in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
                attrs["warnings"] = attrs["warnings"] + doc_warnings
            doc.add(Annotation("event", start, end, label=attrs["event_type"], attrs=attrs,
                               analyzer=self.name, version=self.version))
        if aggregates:
            doc.meta["event_aggregates"] = [
                {"start": a.start, "end": a.end, "fatalities": a.fatalities, "injuries": a.injuries} for a in aggregates
            ]
        if doc_warnings:
            doc.meta["event_warnings"] = doc_warnings
        return doc
