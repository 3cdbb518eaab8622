"""The ``claims`` analyzer: claim annotations with speaker, source chain, stance, topic and links."""
from __future__ import annotations

import hashlib

from ..model import Annotation, Document
from ..pipeline import Analyzer, analyzer
from . import worthiness
from .extract import Claim, extract
from .linking import link
from .speakers import is_outlet

# 2: complements end before the speaker's next clause, passive and negated speech verbs claim nothing, the claim
# a denial names ("claims by X that P") is X's own, speakers as the text names them; 3: who blames or accuses
# claims it, "mention" reports, a name in quotes is no quote, a quote is not framed by the clause after its ", and"
# 4: who believes what lies ahead predicts it, "were quick to blame" / "refused to confirm", "no connection" denies,
# a denial of "заявления Бишкека" answers the Kyrgyz office, claims start after the wire dateline; "After the meeting, X said P"
# claims P, not the fronted adverbial; an outlet in quotes after "издания" speaks; "Тем временем," is no part of P;
# "P. Об этом сообщил X." / "P. This was announced by X." gives P to X; a denied "link between A and B" answers only
# a claim naming both; "пишет о трёх погибших", "эту информацию назвали недостоверной" (an object before the verb);
# a rebuttal list's labels ("Myth 1:", "Fact:") neither speak nor are said; 'citing "sources in …"' is no quote claim;
# a question ("этого не подтвердили") links to what it questions (`questions`); "Reuters could not independently
# verify the report", "AFP was unable to confirm the figure" question it
# 5: a rebuttal list's myth is nobody's claim (not the author's), its motive line ("Why they say it:") the author's, and
# its fact line denies the myth before it; a name in quotes inside a noun phrase is no quote claim; "движения «Талибан»"
# stays in the speaker; "заявил агентству «Бахтар»" gives the outlet the table lacks as the source (via); "выразил
# обеспокоенность X", "expressed deep concern over X"; "the report, published by X, claims" is X's; "called the report
# misinformation / reports that P 'a provocation'" denies; "could not verify the police account" questions the police;
# "поправок, которые, по их мнению, лишают …" claims the relative clause, "их" being the sentence's subject; a verb
# joined to a denial that has not happened ("will deny … and call") has not happened either; "Ложь № 1:", "На самом
# деле:" label a rebuttal list; what people "считают себя", things counted ("rejects two applications") and "you"
# addressing the reader make no claim; reported speech stays in the segmenter's paragraph (a headline above its lead);
# "The service said" is the last service that spoke; "that night" opens no claim; "a statement from X" is X's;
# Russian "объявили", "уточнил", "пишут", "уверяют", "пообещал" and more report; an indirect question ("напомнил,
# кто в доме хозяин") states nothing
# 6: "urged", "called for", "warned against" (no prediction); speech another wants ("wants X to believe") is none; a
# denier's later quote is the denier's; a concern before another clause; labels deny as labels ("назвали «домыслами»")
# and are no part of what they name; "quoted X as saying", "was quoted as saying"; the speaker after the last comma;
# an office after "в"; "как утверждают X", "по версии X", "со слов X"; a newspaper told something is the source; a
# denial answers what others confirmed, a whole claim rather than its quote, never its own container; a surname is
# the full name said before (docs/claims.md, version 6)
# 7: a participle speaks for its clause's subject ("gave a different account, saying …", "заявив, что …"); nobody
# ("a 'ceasefire' that nobody believes") never speaks; "a claim rights groups have questioned" is the groups'; a
# rebuttal line's claim keeps the source it names after it ("…, according to posts on Telegram", "…, a video … says"),
# whose verdict denies it; a cited source in quotes ("со ссылкой на «источники в …»"); "Rating:", "Вердикт:" label;
# a participle after a comma speaks for the main clause, its label goes with the denial; a report's owner speaks;
# "it" is no plural speaker
# 8: a Russian verb joined to a complement whose subject's number is not its own is the first speaker's ("подтвердило,
# что снаряды прилетели …, и сообщило об …"), as is a second root the parse made of a joined verb ("…, а сообщения
# назвал «…»"), which ends the first claim; a denied gerund is what is denied ("denied using excessive force"); no
# claim in a legal note
# 9: a live blog entry's time is no part of its claim (segment 7); a column's byline in the genitive ("Колонка Андрея
# Лузина") speaks in the nominative; an interviewee named on a line under the title ("Интервью с гидрологом …") answers;
# the author's "Напомним," reports nobody; reported speech ends at a semicolon; a "that" inside a clause that began
# after the verb opens no claim; no claim ends on a dangling "and"; a state recognised ("не признает ни Тайвань") is no
# statement; a short quote inside someone's words ("на слова Токаева о «непризнании»") is no statement of the frame's;
# the outlet told is no part of what was confirmed ("confirmed the talks to the Russian news agency TASS"); a short
# quote inside what a speaker said is theirs ('said it was "concerned" by the arrest')
# 10: the day of a saying is no part of its speaker ("Human Rights Watch on Wednesday accused …"); a sentence the English
# parse makes a noun phrase keeps its speaker ("Two relatives …, reached by phone, confirmed to RFE/RL that …");
# "усомнился в заявлениях" doubts them; an office hung on a fronted object speaks ("Версию диверсии в ведомстве
# назвали «не имеющей оснований»"), and "не имеющей оснований" denies; a line's label is no speaker ("UPDATE, November
# 27: police said …"), and "RFE/RL" is one name; an interview's answers are the one the lead says the outlet spoke to
# ("Asia-Plus spoke to Rustam Haidarov", "поговорил с … Кубатом Рахимовым о …"), or the one a line under the title
# names, before the title's generic "эксперт"; a possibility set ahead ("may follow … within two or three years",
# "вероятно, попытается … весной") is a prediction
# 11: a day between the verb and its speaker is none of it ("как сообщил в понедельник пресс-секретарь …"); "he" is the
# person named outside quotes, not a platform or a place; a denial announced ("Об этом заявил …") is no second claim; a
# surname takes the full name the text gave; a bare title ("замминистра", "аналитик") is the person given that title;
# "neither confirmed nor denied" questions; "When X calls …, it usually means" is no claim; a denial answers the claim
# whose speaker it describes ("заявление представителя талибов"); a feed's "UPD 23:15:" is a label, the name after it
# speaks; a wire's "(Adds …)", "(Corrects …)" is no claim
# 12: an interview answer's first sentence (it starts at "A:") and its "I expect …" are the interviewee's; a ministry's
# release ("Пресс-служба МВД …" under the title, read by ingest as the byline) speaks its own sentences
# 13: a statement whose title names its institution ("Statement by the Ministry of Foreign Affairs of …", "Информационное
# сообщение МИД Таджикистана …") speaks its own sentences; the interviewee is the one the lead says spoke to the outlet
# ("Major General X, deputy head of …, spoke to RFE/RL") or answered its questions, or the title quotes by name
# 14: "Claims by X that P are false", "Заявления X о том, что P, не соответствуют действительности" are the author's
# denial of P and X's claim P, and "the assertions made by X that P" name X; a post speaks in the voice of whoever
# published it ("опубликовал пост, в котором утверждалось, что …")
# 15: a transcript typed with hyphens ("- Тимур, кому сейчас верить?") is an interview, and its interviewee the one the
# outlet "попросила прокомментировать"
# 16: "he said" after a quote is not a name the claim before spoke of; an answer is no part of the question ("Asked
# whether …, he replied:"); a trailing attribution the parse missed ("…, the State Committee … (GKNB) said on Wednesday,
# bringing …", "…, Asia-Plus reported, citing …"); "Андрея Ступина" is Ступин; "предупреждает" and "will almost
# certainly" predict
# 17: "суд признал экстремистскими материалы", "признал политзаключенным": a designation asserts, no admission;
# "the Kavkaz.Realii outlet" is one word of one sentence (segment 9, nlp 6)
VERSION = "17"


def claim_id(doc: Document, start: int, end: int, speaker: str | None) -> str:
    """Stable across re-analysis: the article's content hash, the span and the speaker."""
    key = f"{doc.content_hash}:{start}:{end}:{speaker or ''}"
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def attrs(claim: Claim, text: str) -> dict:
    """The INTERFACES §1 claim fields plus extras (see docs/claims.md)."""
    phrase = text[claim.speaker_span[0]:claim.speaker_span[1]] if claim.speaker_span else ""
    data = {
        "speaker": claim.speaker,
        "via": claim.via,
        "stance": claim.stance,
        "quote": claim.quote,
        "about": claim.about,
        "claim_id": claim.id,
        "kind": claim.kind,
        "cue": claim.cue,
        "check_worthiness": claim.worthiness,
        "speaker_start": claim.speaker_span[0] if claim.speaker_span else None,
        "speaker_end": claim.speaker_span[1] if claim.speaker_span else None,
        "speaker_is_outlet": is_outlet(claim.speaker, phrase),
    }
    for key in ("denies", "confirms", "questions"):
        data[key] = claim.links.get(key)
    return data


@analyzer("claims", version=VERSION, requires=("parse", "sentence"), assigns=("claim",))
class ClaimsAnalyzer(Analyzer):
    """Finds who claims what, via whom and with which stance (English and Russian)."""

    def __call__(self, doc: Document) -> Document:
        doc.drop_layer("claim")
        if not doc.meta.get("language_supported", doc.language in ("en", "ru")):
            return doc
        claims = extract(doc, worthiness.score)
        ex = doc.work.get("claims_extractor")
        for claim in claims:
            claim.id = claim_id(doc, claim.start, claim.end, claim.speaker)
            if ex is not None:
                claim.worthiness = worthiness.score(ex, claim)
        if ex is not None:
            link(ex, claims)
        for claim in claims:
            if claim.rebuts is not None:  # a rebuttal list's counter line denies the myth before it
                claim.links["denies"], claim.about = claim.rebuts.id, claim.rebuts.about
        for claim in claims:
            doc.add(Annotation("claim", claim.start, claim.end, label=claim.stance, attrs=attrs(claim, doc.text),
                               score=claim.worthiness, analyzer=self.name, version=self.version))
        return doc
