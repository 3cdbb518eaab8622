"""Claims in one parsed document: quotes, reported speech, "according to", and the author's own assertions.

Reads the shared parse through :mod:`.parse` (no second parse) and the cue
lexicons through :mod:`.lexicon`. Returns :class:`Claim` objects; the
analyzer turns them into ``claim`` annotations.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Document
from ..sources import sources
from ..text.nlp import russian_future, russian_nominative
from .lexicon import Lexicon, lexicon
from .parse import Parsed, Tok, parsed
from .quotes import Quote, find_quotes
from .speakers import OUTLET_HEADS, PERSON, QUOTED_NAME, STATEMENT_NOUNS, clean, first_name_gender, is_outlet, speaker_of

SUBJECTS = ("nsubj", "nsubj:pass")
PASSIVE_SUBJECTS = ("nsubjpass", "nsubj:pass")
# speech not (yet) made: "will deny", "should expect"; not "can confirm" or "would not confirm", which are said
_MODALS = {"will", "could", "might", "may", "shall", "should", "must", "'ll", "будет", "будут", "буду", "станет", "станут"}
# "the agency said": a body named before, not a speaker called "agency"
_GENERIC_BODIES = {"agency", "ministry", "committee", "service", "department", "office", "administration",
                   "secretariat", "embassy", "organisation", "organization", "company", "watchdog", "regulator"}
# a day or time between a reporting verb and its speaker ("как сообщил в понедельник пресс-секретарь …")
_TIME_WORDS = {"в", "во", "накануне", "вчера", "сегодня", "ранее", "позднее", "позже", "утром", "вечером", "днём", "днем",
               "ночью", "понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье", "минувшую",
               "минувший", "прошлую", "прошлый", "on", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "earlier", "later", "yesterday", "today"}
_PLACE_BEFORE = re.compile(r"(?:\b(?:from|in|at|near|on)|(?<!\w)(?:из|в|во|у|под))\s+$", re.I)
_HABITUAL = re.compile(r"\W*(?:When(?:ever)?|Каждый\s+раз,?\s+когда|Всякий\s+раз,?\s+когда|Когда)\b(?P<clause>[^.;]*?),[\"”»]?\s+"
                       r"(?:\w+\s+){0,3}?(?:usually|always|typically|generally|invariably|обычно|всегда|как\s+правило)\b")
_NEITHER = re.compile(r"(?<!\w)не\s+(?:\w+\s+)?(?:подтверд|опроверг)\w*[^.;]{0,40}?не\s+(?:\w+\s+)?(?:опроверг|подтверд)\w*|"
                      r"\bneither\s+(?:confirm|den)\w*\s+nor\s+(?:den|confirm)\w*|\b(?:not|n't)\s+(?:confirm|deny)\s+or\s+"
                      r"(?:deny|confirm)\b", re.I)
# a speaker named by a title alone, and the words that describe a person with a title of that kind
_MINISTER = re.compile(r"(?<!\w)(?:министр|замминистр|заместител\w* министр)\w*|\b(?:deputy\s+)?minister\b", re.I)
_ANALYST = re.compile(r"(?<!\w)(?:аналитик|политолог|эксперт|директор\w*\s+(?:\w+\s+){0,2}центр)\w*|\b(?:analyst|expert|"
                      r"political\s+scientist|fellow|researcher)\b", re.I)
_SPOKESMAN = re.compile(r"(?<!\w)(?:пресс-секретар|официальн\w+ представител|спикер)\w*|\bspokes(?:man|woman|person)\b", re.I)
_DIPLOMAT = re.compile(r"(?<!\w)(?:дипломат|посол|представител\w+ МИД|МИД)\w*|\b(?:diplomat|ambassador|Foreign\s+Ministry)\b")
_TITLES = {"замминистра": _MINISTER, "министр": _MINISTER, "the minister": _MINISTER, "the deputy minister": _MINISTER,
           "дипломат": _DIPLOMAT, "the diplomat": _DIPLOMAT, "политолог": _ANALYST, "эксперт": _ANALYST,
           "аналитик": _ANALYST, "the analyst": _ANALYST, "the expert": _ANALYST, "the political scientist": _ANALYST,
           "пресс-секретарь": _SPOKESMAN, "спикер": _SPOKESMAN, "the spokesman": _SPOKESMAN,
           "the spokeswoman": _SPOKESMAN, "the spokesperson": _SPOKESMAN}
_POSSESSIVE = {"their": "they", "its": "it", "his": "he", "her": "she", "его": "он", "её": "она", "их": "они"}
POSITIVE = ("assert", "confirm", "cite")
# a sentence that says who told the one before it
_THIS_REPORTED = {"ru": re.compile(r"\W*(?:Об этом|О том же|Об этом же)\s", re.IGNORECASE),
                  "en": re.compile(r"\W*(?:This|That) was (?:reported|announced|confirmed|stated|said) by\s", re.IGNORECASE)}
_OUTLETS_WORK = re.compile(r"['’]?s?\s*(?:report|story|article|investigation|publication|claims?|allegations?)\b|"
                           r"\s*(?:публикаци|материал|стать|сообщени|расследовани)", re.IGNORECASE)
_WORK_OF = re.compile(r"(?:report|story|article|investigation|публикаци|материал|стать|сообщени|расследовани)\w*\s+"
                      r"(?:(?:by|of|from)\s+)?[«\"]?$", re.IGNORECASE)
_CHARGE_BEFORE = re.compile(r"\b(?:for|over)\s+(?:[\w-]+\s+){0,4}$|\b(?:spread\w*|disseminat\w*)\s+$|"
                            r"(?<!\w)за\s+(?:\w+\s+){0,3}$|(?<!\w)распространени\w*\s+$", re.IGNORECASE)
_NOBODY = {"nobody", "none", "noone", "никто", "ничто"}
# a source's description after it: "два источника, знакомых с ситуацией, …", "two sources, familiar with the matter, …"
_SOURCE_DESCRIBED = re.compile(r"(?:знаком\w+|близк\w+\s+к|пожелавш\w+|осведомл[её]нн\w+|familiar\s+with|close\s+to|"
                               r"who\s+(?:spoke|asked|requested|declined))\b", re.I)
# a noun that sums up what was said before it: "…, an allegation the ministry rejected as groundless"
_SUMMARY_NOUNS = {"allegation", "allegations", "claim", "claims", "charge", "charges", "accusation", "accusations",
                  "assertion", "account", "version", "statement"}
# a stretch of time says nothing: "the week confirms that …", "прошедший год показал, что …" are the author's words
_TIMES = {"week", "month", "year", "day", "decade", "weekend", "неделя", "месяц", "год", "день", "десятилетие"}
_CLAUSE_BREAKS = {"but", "while", "whereas", "however", "но", "однако", "а"}
_CONNECTIVES = {"meanwhile", "however", "moreover", "also", "in addition", "furthermore", "at the same time", "still",
                "тем временем", "между тем", "кроме того", "при этом", "однако", "также", "вместе с тем", "в то же время",
                "впрочем", "тем не менее"}
# who governs "to blame" in "were quick to blame", "rushed to deny" also speaks
_EAGER = {"quick", "swift", "eager", "keen", "ready", "willing", "rush", "hasten", "hurry", "continue", "go",
          "refuse", "decline", "fail", "unable"}
# a newspaper or station by the word its name ends with, after the verb that tells it something
_NEWSPAPER = re.compile(r"\b(?:told|telling|to)\s+(?:the\s+)?((?:[A-Z][\w'’-]+\s+){1,3}(?:Herald|Times|Post|Gazette|Tribune|"
                        r"Journal|Daily|Monitor|Observer|Telegraph|Courier|Chronicle|Review|Insider|Radio|TV))\b")
_GUILT = re.compile(r"(?:(?:their|his|her|any)\s+)?(?:guilt|the\s+charges?|вин[ауы]|(?:свою\s+)?вин[ау])\b", re.I)
_RULE_OUT = re.compile(r"(?:исключа|исключил|rule[sd]?\s+out|ruling\s+out)", re.I)
_SAID_WHEN = re.compile(r"(?:(?:late|early)\s+)?(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})"
                        r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?=(?:it|he|she|they|the|a|an|[A-Z])\b)")
# "UPDATE, November 27:", "ОБНОВЛЕНО:", "UPD 21:40:"
_LINE_LABEL = re.compile(r"[A-ZА-ЯЁ]{3,}(?:[ \t]+\d{1,2}:\d{2})?(?:,[ \t][^:\n]{1,30})?:")
# a wire's note on what changed: "(Adds ministry comment on cause, paragraph 2)", "(Corrects death toll …)"
_WIRE_NOTE = re.compile(r"\((?:Adds|Corrects|Updates|Recasts|Changes|Fixes|Removes|Rewrites)\b[^)\n]*\)")
# a possibility set in the future: "may follow Armenia's example within two or three years", "could spread next year"
# (the Russian list has its own in the lexicon's predict_content; not "nobody could leave", a past without a time ahead)
_FORECAST = re.compile(r"\b(?:may|might|could|will\s+probably|would\s+probably|would\s+likely)\b[^.;]{0,60}\b(?:next\s+"
                       r"(?:year|month|week|spring|summer|autumn|fall|winter)|within\s+(?:\w+\s+){0,3}(?:years?|months?|"
                       r"weeks?)|by\s+(?:the\s+end\s+of\s+)?(?:20\d\d|next))", re.I)
_EAGER_RU = ("продолжа", "продолжи", "поспеш", "спеш")  # stems: the Russian parse keeps word forms
# dobj-only complements make a claim only for these stances ("confirmed the talks", "dismissed the report")
NOMINAL_OK = ("confirm", "deny", "question", "predict")
_FINAL = " \t\n.;:!?\"'”“»«„’‘"
_OPENING_OF = {"»": "«", "”": "“"}
_WORD = re.compile(r"\w+", re.UNICODE)
_SYMBOL = re.compile(r"[\u2190-\u2bff\u2600-\u27bf\ufe0f\U0001f000-\U0001faff]")


@dataclass
class Claim:
    start: int
    end: int
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    via: list[str] | None = None
    stance: str = "assert"
    quote: bool = False
    cue: str | None = None
    kind: str = "reported"  # quote | reported | according | author
    group: int | None = None
    about: str | None = None
    pronoun: str | None = None  # unresolved pronoun speaker ("he", "его", "they")
    frame: tuple[int, int] | None = None  # the attribution text outside the claim
    links: dict[str, str] = field(default_factory=dict)
    id: str = ""
    worthiness: float = 0.0
    contradicts: list[str] = field(default_factory=list)
    rebuts: "Claim | None" = field(default=None, repr=False, compare=False)  # the myth a rebuttal list's counter line denies


class Extractor:
    def __init__(self, doc: Document, view: Parsed, lex: Lexicon) -> None:
        self.doc, self.text, self.p, self.lex = doc, doc.text, view, lex
        self.quotes = find_quotes(doc.text)
        self.consumed: set[int] = set()
        self.persons = self._person_mentions()
        self.datelines = [(a.start, a.end) for a in doc.layer("dateline")]

    # -- helpers -------------------------------------------------------------
    def in_quote(self, offset: int) -> Quote | None:
        for q in self.quotes:
            if q.open <= offset < q.close:
                return q
        return None

    def quoted(self, offset: int) -> bool:
        return self.in_quote(offset) is not None

    def _long_quote_at(self, offset: int) -> bool:
        """Inside a quote that is more than a name: «Известий», "Asia-Plus" may stand in a speaker's phrase or
        be a subject; scare quotes on a common word («союзники») may not."""
        q = self.in_quote(offset)
        inner = self.text[q.start:q.end] if q is not None else ""
        return q is not None and not (q.closed and len(inner.split()) <= 3 and "," not in inner
                                   and (inner[:1].isupper() or inner[:1].isdigit()))  # («24.kg»)

    def _person_mentions(self) -> list[tuple[int, str]]:
        found, run = [], []
        for tok in self.p.tokens + [None]:
            if tok is not None and tok.ent in PERSON and tok.text[:1].isupper() and (not run or run[-1].i == tok.i - 1):
                run.append(tok)
                continue
            if run:
                if tok is not None and tok.pos == "NOUN" and all(t.pos == "ADJ" for t in run):
                    run = run + [tok]  # the NER's "person" "Душанбинский" is an adjective of "политолог"
                name = self.text[run[0].start : run[-1].end]
                if self.lex.language == "ru":
                    from .speakers import nominative

                    name = nominative(run, self.text) or name
                found.append((run[0].start, clean(re.sub(r"['’]s$", "", name), self.lex)))
            run = [tok] if tok is not None and tok.ent in PERSON and tok.text[:1].isupper() else []
        return found

    def stance_of(self, tok: Tok) -> str | None:
        if tok.dep == "amod" and self.lex.language == "en":
            return None  # "the reported request", "the alleged plot": a word that describes, no one speaking
        if tok.pos not in ("VERB", "AUX") and not (self.lex.language == "en" and tok.lemma in ("say", "tell")) \
                and not (self.lex.language == "ru" and tok.lower.startswith(("уверен", "убежден", "убеждён"))):
            return None
        if self.lex.language == "ru" and tok.lower in _AUTHOR_ASIDES:
            return None  # "Напомним, ранее Запад …": the author reminds the reader, nobody is reported
        stance = self.lex.verb_stance(tok.lemma, tok.text)
        following = self.p.tokens[tok.i + 1].lower if tok.i + 1 < len(self.p.tokens) else ""
        if stance == "predict" and following in ("against", "от"):
            return "assert"  # "warned against provocations", "предостерёг от …": an admonition foretells nothing
        return stance

    def label_denies(self, text: str) -> bool:
        """Whether a label something is called denies it: a denial word ("дезинформацией", "a fabrication") or a word
        that denies only as such a label ("назвали «домыслами»", "dismissed as speculation")."""
        return self.lex.has_cue("deny_content", text) or self.lex.has_cue("deny_labels", text)

    def belief_stance(self, start: int, end: int) -> str:
        """What one who believes or is sure of ``text[start:end]`` does: predicts it when it lies ahead
        ("считает, что столкновения повторятся", "believes the violence will spread"), else asserts it."""
        body = self.text[start:end]
        if self.lex.has_cue("future_content", body):
            return "predict"
        if self.lex.language == "ru":
            words = self.p.tokens_in(start, end)  # not "пусть посмотрит на карту": an exhortation
            return "predict" if any(russian_future(t.text) and not (k and words[k - 1].lower in ("пусть", "пускай"))
                                    for k, t in enumerate(words)) else "assert"
        return "assert"

    def span_of(self, indices: list[int]) -> tuple[int, int]:
        tokens = [self.p.tokens[i] for i in indices]
        # "confirmed the request to RIA Novosti", the outlet taken out as the source: no dangling "to"
        while len(tokens) > 1 and tokens[-1].lower in ("to", "for", "of", "by", "with"):
            tokens.pop()
        # (nor the outlet's description left before it: "confirmed the talks to the Russian news agency TASS")
        told = _TOLD_OUTLET.search(self.text, tokens[0].start, tokens[-1].end)
        if told is not None and told.start() > tokens[0].start:
            return self._trim(tokens[0].start, told.start())
        return self._trim(tokens[0].start, tokens[-1].end)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        # (nor the answer the clause runs on into: "Asked whether X had been informed, he replied: '…'")
        answer = _ANSWER_AFTER.search(self.text, start, end)
        if answer is not None and answer.start() > start:
            end = answer.start()
        # (a dangling conjunction the clause's end left: "question Kazakhstan's borders, and")
        dangling = _DANGLING_CONJUNCTION.search(self.text, start, end)
        if dangling is not None and dangling.start() > start:
            end = dangling.start()
        while end > start and self.text[end - 1] in _FINAL:
            closing = self.text[end - 1]
            opening = _OPENING_OF.get(closing)
            if opening and self.text.count(opening, start, end - 1) > self.text.count(closing, start, end - 1):
                break  # the quote a name in the span opened: "причастность «Исламского эмирата»"
            if closing == '"' and self.text.count('"', start, end - 1) % 2:
                break  # 'the trial was "a travesty"': straight quotes pair up by count
            end -= 1
        # (a list item's marker too, and a post's emoji: "🔴 В Душанбе задержан …")
        while start < end and (self.text[start] in " \t\n,—–-*•" or _SYMBOL.match(self.text, start)):
            start += 1
        return start, end

    def subject(self, verb: int, depth: int = 0) -> int | None:
        tokens = self.p.tokens
        if depth > 8:
            return None  # a cycle in the parse
        fronted = self._after_comma(verb)
        if fronted is not None:
            return fronted
        agent = self._agent(verb)
        subjects = [c for c in self.p.children[verb] if tokens[c].dep in SUBJECTS and c < verb]
        if len(subjects) > 1 and self._aside_end(verb, self.p.sentence_of(verb)) is not None:
            return subjects[-1]  # "The attack …, two officials said …": the parse gave the verb the fronted subject too
        for child in self.p.children[verb]:
            label = _LINE_LABEL.match(self.text, tokens[child].start) if tokens[child].dep in SUBJECTS \
                and child == self.p.sentence_of(child)[0] else None
            if label is not None:
                # "UPD 23:15: Пограничные войска … обвинили …": the parse made the label the subject; the verb's other
                # subject is the speaker ("UPDATE, November 27: Two days after …, the Defence Ministry confirmed"), else
                # the name the parse hung on the label
                others = [c for c in self.p.children[verb] if tokens[c].dep in SUBJECTS and c != child
                          and tokens[c].start >= label.end()]
                after = others[0] if others else next(
                    (t.i for t in tokens[child + 1:verb] if t.start >= label.end() and t.pos in ("NOUN", "PROPN")
                     and t.dep in ("appos", "nmod", "compound", "flat", "nsubj")), None)
                while after is not None and after < tokens[after].head < verb and tokens[tokens[after].head].pos in ("NOUN", "PROPN"):
                    after = tokens[after].head  # ("Kyrgyz police said": the phrase's head)
                if after is not None:
                    return after
            # a name in quotes may be the subject: "сообщает «Власть»"
            # never the place of a dateline the parser hung on the verb ("ASTANA, Dec 1 — X said …")
            if tokens[child].dep in SUBJECTS and not self._long_quote_at(tokens[child].start) \
                    and not any(s <= tokens[child].start < e for s, e in self.datelines) \
                    and not (child + 1 < len(tokens) and tokens[child + 1].text == ":"
                             and child == self.p.sentence_of(child)[0]) \
                    and not (child == self.p.sentence_of(child)[0] and _LINE_LABEL.match(self.text, tokens[child].start)):
                # ("Analysis: the week confirms …", "UPDATE, November 27: police said …": a label)
                # expletive "it was reported by X that": X speaks
                # (and the agent of a passive: "The story was denied within hours by the Foreign Ministry")
                # ("six people have been questioned by police" were interrogated)
                return agent if agent is not None and (tokens[child].lower in ("it", "this", "that")
                                                       or tokens[child].dep in PASSIVE_SUBJECTS and self.stance_of(
                                                           tokens[verb]) in ("deny", "confirm", "deny_if_content")) \
                    else child
        if tokens[verb].dep == "conj" and tokens[verb].head != verb:
            return self.subject(tokens[verb].head, depth + 1)
        if self._misparsed_main_verb(verb):
            return tokens[verb].head
        if tokens[verb].head == verb and any(tokens[c].dep == "cc" and c < verb for c in self.p.children[verb]):
            # a second root the parse made of a joined verb: "X заявил, что P, а сообщения … назвал «…»" (X named)
            s0 = self.p.sentence_of(verb)[0]
            root = next((i for i in range(verb - 1, s0 - 1, -1) if tokens[i].head == i and tokens[i].pos == "VERB"), None)
            if root is not None:
                return self.subject(root, depth + 1)
        if self._participle(verb):
            # "X gave a different account, saying P", "issued a statement saying P", "изложил версию, заявив, что P":
            # the participle speaks for the subject of the clause it hangs on
            governor = self._participle_governor(verb)
            if tokens[governor].pos in ("VERB", "AUX"):
                return self.subject(governor, depth + 1)
        if tokens[verb].dep == "xcomp" and tokens[verb].head != verb:
            # "were quick to blame", "rushed to deny": who governs speaks, unless an object does ("asked Y to confirm")
            governor = tokens[verb].head
            eager = tokens[governor].lemma in _EAGER or tokens[governor].lower.startswith(_EAGER_RU)
            if tokens[governor].dep == "acomp" and tokens[governor].head != governor:
                governor = tokens[governor].head
            if eager and not any(tokens[c].dep in ("dobj", "obj") for c in self.p.children[governor]):
                return self.subject(governor, depth + 1)
        if agent is None and self.lex.language == "ru":
            # "В департаменте полиции заявили, что …": a plural verb without a subject speaks for the office
            # named with "в" before it
            # (or after it: "…, сообщили в пограничной службе ГКНБ Киргизии")
            # (the parse may hang it on a fronted object: "Версию диверсии в ведомстве назвали «безосновательной»")
            fronted = [c for o in self.p.children[verb] if tokens[o].dep == "obj" and o < verb
                       for c in self.p.children[o] if tokens[c].dep == "nmod" and c < verb]
            for child in self.p.children[verb] + fronted:
                if tokens[child].dep not in ("obl", "nmod") or not any(
                        tokens[c].lower in ("в", "во") for c in self.p.children[child]):
                    continue
                # (an abbreviation's case is anyone's guess: "В ГКНБ Киргизии обвинили …")
                office = sources().office_word(tokens[child].text)
                if tokens[child].dep == "nmod" and not office:
                    continue
                if (tokens[child].case == "Loc" or office) and (child < verb or office):
                    return child
        return agent

    def _misparsed_main_verb(self, verb: int) -> bool:
        """"Two relatives of the soldier, reached by phone, confirmed to RFE/RL that P": the English parse may make the
        sentence a noun phrase (root "relatives") and the verb a participle of it; a past-tense verb with a clause of
        its own is the sentence's verb, and the noun its subject."""
        tokens = self.p.tokens
        head = tokens[verb].head
        return (self.lex.language == "en" and tokens[verb].dep == "acl" and head != verb and tokens[head].head == head
                and tokens[head].pos in ("NOUN", "PROPN") and tokens[verb].lower.endswith("ed")
                and any(tokens[c].dep == "ccomp" and c > verb for c in self.p.children[verb]))

    def _participle(self, verb: int) -> bool:
        """An adverbial participle without a subject of its own: "saying", "adding"; "заявив", "утверждая"."""
        tok = self.p.tokens[verb]
        if tok.head == verb or tok.dep not in ("advcl", "acl"):
            return False
        if self.lex.language == "en":
            return tok.lower.endswith("ing")
        return tok.lower.endswith(("в", "вши", "я", "ясь", "вшись")) and tok.pos == "VERB"

    def _participle_governor(self, verb: int) -> int:
        """The verb of the clause an adverbial participle belongs to."""
        tokens = self.p.tokens
        governor = tokens[verb].head
        if tokens[verb].dep == "acl" and tokens[governor].head != governor:
            governor = tokens[governor].head
        if verb and tokens[verb - 1].text == ",":
            # after a comma it speaks for the sentence's main clause, wherever the parse hung it: 'rejected a report
            # that accused X, calling it "biased"', 'denied that troops had crossed, calling the reports …'
            for _ in range(6):
                if tokens[governor].dep not in ("ccomp", "relcl", "acl", "acl:relcl", "obj", "dobj", "pobj", "obl",
                                                "nmod") or tokens[governor].head == governor:
                    break
                governor = tokens[governor].head
        return governor

    def _after_comma(self, verb: int) -> int | None:
        """The speaker of "P, the State Committee for National Security said." / "P, witnesses and local media
        said.", which the English parser may hang on P ("Committee" an apposition of its last noun, "20" the subject):
        the head of the noun phrase between the last comma and a reporting verb ending its sentence."""
        tokens = self.p.tokens
        if self.lex.language != "en" or self.stance_of(tokens[verb]) is None \
                or any(c > verb and tokens[c].dep in ("ccomp", "obj", "dobj", "xcomp") for c in self.p.children[verb]):
            return None
        k, phrase = verb - 1, []
        # (a participle too: "P, a video viewed two million times on TikTok says.")
        while k >= 0 and verb - k <= 10 and (tokens[k].pos in ("DET", "ADJ", "PROPN", "NOUN", "ADP", "CCONJ", "PART", "NUM")
                                             or tokens[k].pos == "VERB" and tokens[k].lower.endswith(("ed", "ing"))
                                             or tokens[k].text == "/" and 0 < k < verb - 1  # "RFE/RL"
                                             and tokens[k - 1].end == tokens[k].start == tokens[k + 1].start - 1):
            phrase.append(k)
            k -= 1
        if k < 1 or tokens[k].text != "," or not phrase or tokens[k].sent != tokens[verb].sent \
                or tokens[phrase[-1]].pos == "VERB":
            return None
        inside = set(phrase)
        heads = sorted(i for i in phrase if tokens[i].pos in ("NOUN", "PROPN") and (
            tokens[i].head not in inside or tokens[i].dep in SUBJECTS and tokens[tokens[i].head].pos == "VERB"))
        # "P, an allegation the Prosecutor General's Office rejected": the verb's own subject, not the noun before it
        own = [i for i in heads if tokens[i].dep in SUBJECTS and tokens[i].head == verb
               and tokens[verb].dep in ("relcl", "acl:relcl")]
        return own[0] if own else heads[0] if heads else None

    def _subjects(self, verb: int, depth: int = 0) -> list[int]:
        """The verb's subject tokens as parsed, quoted or not (a conjoined verb shares its head's)."""
        tokens = self.p.tokens
        found = [c for c in self.p.children[verb] if tokens[c].dep in SUBJECTS]
        if not found and tokens[verb].dep == "conj" and tokens[verb].head != verb and depth < 8:
            return self._subjects(tokens[verb].head, depth + 1)
        return found

    def speaking_subject(self, verb: int) -> int | None:
        """The subject of a speech verb when it is the one speaking: not the passive subject of "six people
        have been questioned" or "the detainees had been denied access" (the agent of "it was reported by X"
        and the expletive "it" stay)."""
        head = self.subject(verb)
        tokens = self.p.tokens
        if head is not None and (tokens[head].lower in _NOBODY or tokens[head].lemma in _TIMES or any(
                tokens[c].lower in ("no", "ни", "никакая", "никакой", "никакие") for c in self.p.children[head])):
            return None  # 'a "ceasefire" that nobody believes', "No group has claimed responsibility": no one speaks
        if head is not None and tokens[head].lower in ("each", "каждый", "каждая", "каждое") and head + 1 == verb:
            return None  # "… trade fire, each blames the other": who said what, the sentences after tell
        if head is not None and tokens[head].dep in PASSIVE_SUBJECTS and tokens[head].lower != "it" \
                and head != self._agent(verb) and not self._quoted_as_saying(verb):
            return None
        return head

    def _quoted_as_saying(self, verb: int) -> bool:
        """"Tokayev was quoted as saying that …", "Officials were quoted by TASS as saying …": the passive subject is
        the one who said it."""
        tokens = self.p.tokens
        if tokens[verb].lemma not in ("quote", "cite") or not any(tokens[c].dep in PASSIVE_SUBJECTS
                                                                  for c in self.p.children[verb]):
            return False
        last = min(len(tokens) - 1, verb + 8)
        return any(tokens[j].lower == "as" and tokens[j + 1].lower in ("saying", "telling") for j in range(verb + 1, last))

    def _agent(self, verb: int) -> int | None:
        tokens = self.p.tokens
        for child in self.p.children[verb]:
            if tokens[child].dep == "agent":
                objects = [c for c in self.p.children[child] if tokens[c].dep == "pobj"]
                if objects:
                    return objects[0]
        return None

    def speaker(self, head: int) -> tuple[str | None, tuple[int, int] | None, str | None]:
        """(name, span, pronoun) for a subject token; pronouns are resolved later, in text order."""
        tok = self.p.tokens[head]
        verb = self.p.tokens[tok.head]
        if tok.lower in STATEMENT_NOUNS:  # "their statement", "its post": whoever "they" are speaks
            owner = next((self.p.tokens[c] for c in self.p.subtree(head) if self.p.tokens[c].lower in _POSSESSIVE), None)
            if owner is not None:
                return None, (owner.start, owner.end), _POSSESSIVE[owner.lower]
        if tok.lower in _RELATIVE_PRONOUNS and verb.dep in ("relcl", "acl:relcl", "acl") and verb.head != verb.i:
            antecedent = self.p.tokens[verb.head]
            published = antecedent.lower in _PUBLISHED_NOUNS and antecedent.dep in ("obj", "dobj") \
                and self.p.tokens[antecedent.head].lemma.lower().startswith(_PUBLISH_VERBS)
            publisher = next((c for c in self.p.children[antecedent.head] if self.p.tokens[c].dep in ("nsubj", "nsubj:pass")),
                             None) if published else None
            # "Telegram-канал «Ош сегодня» опубликовал пост, в котором утверждалось, что …": who published it speaks
            return self.speaker(publisher if publisher is not None else verb.head)
        author = self._published_by(head)
        if author is not None:  # "The latest version, published by a Washington institute last week, claims …"
            return self.speaker(author)
        if tok.lower in self.lex.words("pronouns_person") or tok.lower in self.lex.words("pronouns_group") or tok.lower in (
            "which", "who", "который", "которая", "которое", "которые"):
            return None, (tok.start, tok.end), tok.lower
        if tok.lower in _GENERIC_BODIES and all(self.p.tokens[c].dep == "det" for c in self.p.children[head]):
            named = self._last_organisation(tok, head)  # "the agency said": the organisation named before
            if named is not None:
                return named, (tok.start, tok.end), None
            if self.lex.language == "en" and any(self.p.tokens[c].lower == "the" for c in self.p.children[head]):
                # else the last speaker of that kind ("Kyrgyzstan's border service said …. The service said …"),
                # resolved with the pronouns, in text order
                return None, (tok.start, tok.end), f"the {tok.lower}"
        q = self.in_quote(tok.start)
        if q is not None and not self._long_quote_at(tok.start):  # a name in quotes: «Газеты.uz», «Власть»
            inner = self.text[q.start:q.end]
            return sources().canonical(inner), (q.start, q.end), None
        name, start, end = speaker_of(self.p, self.text, head, self.lex, self._long_quote_at)
        if name in ("ведомство", "ведомства"):
            # "говорится в сообщении ведомства", "в ведомстве заявили": the last organisation named before it
            named = self._organisation_before(tok)
            if named is not None:
                return self.speaker(named)[0], (start, end), None
        return (name or None), (start, end), None

    def _published_by(self, head: int) -> int | None:
        """The author of a text that speaks ("the report, published by X", "доклад, подготовленный X"): the head of
        the agent phrase of a participle modifying ``head``, else None."""
        tokens, children = self.p.tokens, self.p.children
        if tokens[head].pos != "NOUN" or tokens[head].ent:
            return None
        if tokens[head].lower in _COUNTED_WORKS:  # "according to a tally by Radio Azattyk", "a study by the foundation"
            by = next((c for c in children[head] if tokens[c].lower == "by" and tokens[c].dep in ("prep", "agent")), None)
            if by is not None:
                return next((o for o in children[by] if tokens[o].dep == "pobj"), None)
        for c in children[head]:
            if tokens[c].dep != "acl" or tokens[c].pos != "VERB" or not tokens[c].lower.startswith(_PUBLISHED):
                continue
            for a in children[c]:
                if tokens[a].dep == "agent":  # English: "by" heads the agent phrase
                    return next((o for o in children[a] if tokens[o].dep == "pobj"), None)
                if tokens[a].lower == "on" and tokens[a].dep == "prep":
                    # "a statement posted on the ministry's website": whose site it is
                    site = next((o for o in children[a] if tokens[o].dep == "pobj"
                                 and tokens[o].lower in ("website", "site", "page", "channel", "account")), None)
                    owner = next((o for o in children[site] if tokens[o].dep == "nmod:poss"
                                  and tokens[o].pos != "PRON"), None) if site else None  # (not "its website")
                    if owner is not None:
                        return owner
                if tokens[a].dep in ("obl", "obl:agent", "nmod") and tokens[a].case == "Ins" and tokens[a].pos in ("NOUN", "PROPN"):
                    return a
        return None

    def _organisation_before(self, tok: Tok) -> int | None:
        """The head token of the last organisation the NER named before ``tok`` in its paragraph, else None."""
        floor = self.text.rfind("\n\n", 0, tok.start)
        found = [a for a in self.doc.layer("ner") if a.label == "ORG" and floor < a.start and a.end <= tok.start
                 and sources().outlet(self.text[a.start:a.end].strip("«»\"")) is None]  # never an outlet it names
        heads = []
        for a in found:
            inside = [t.i for t in self.p.tokens_in(a.start, a.end)]
            heads += [i for i in inside if self.p.tokens[i].head not in inside or self.p.tokens[i].head == i][:1]
        # the last one that acts (a subject) before any other: "Генеральная прокуратура Киргизии обратилась в суд …"
        return next((i for i in reversed(heads) if self.p.tokens[i].dep in SUBJECTS), heads[-1] if heads else None)

    def _last_organisation(self, tok: Tok, head: int) -> str | None:
        """The organisation a definite "the agency" / "the administration" points back to: the last one named
        before it in its paragraph whose name holds that word ("the GBAO regional administration"), else the
        subject of its own sentence ("The GKNB detained eight people …, the agency said"); else None."""
        floor = self.text.rfind("\n\n", 0, tok.start)
        found = [a for a in self.doc.layer("ner") if a.label == "ORG" and floor < a.start and a.end <= tok.start]
        chosen = next((a for a in reversed(found) if tok.lower in self.text[a.start:a.end].lower()), None)
        if chosen is None:
            sentence = self.p.sentence_of(head)
            first, last = self.p.tokens[sentence[0]].start, self.p.tokens[sentence[1] - 1].end
            chosen = next((a for a in found if first <= a.start and a.end <= last and any(
                t.dep in SUBJECTS for t in self.p.tokens_in(a.start, a.end))), None)
        if chosen is None:
            return None
        # with the country that owns it ("Kyrgyzstan's State Committee …"): both states have such a committee
        owner = re.search(r"(?:^|\s)([A-Z][\w-]+['’]s\s+)$", self.text[max(floor, 0, chosen.start - 40):chosen.start])
        return clean((owner.group(1) if owner else "") + self.text[chosen.start:chosen.end], self.lex)

    def content_stance(self, stance: str, start: int, end: int) -> str:
        body = self.text[start:end]
        # (not the name of a charge: "sentenced … for spreading false information", "за распространение ложной информации")
        if stance in ("assert", "cite") and any(not _CHARGE_BEFORE.search(body, 0, m.start())
                                                for m in self.lex.cue_matches("deny_content", body)):
            return "deny"
        if stance == "assert" and (self.lex.has_cue("predict_content", body)
                                   or self.lex.language == "en" and _FORECAST.search(body)):
            return "predict"
        return stance

    def _neither(self, sentence: tuple[int, int]) -> bool:
        """Whether a sentence neither confirms nor denies: "не подтвердил, но и не опроверг", "did not confirm or deny"."""
        tokens = self.p.tokens
        return bool(_NEITHER.search(self.text, tokens[sentence[0]].start, tokens[sentence[1] - 1].end))

    def negated(self, verb: int) -> bool:
        tokens = self.p.tokens
        if tokens[verb].dep == "xcomp" and tokens[tokens[verb].head].lemma in ("refuse", "decline", "fail", "unable") \
                or verb > 0 and tokens[verb - 1].lower.startswith(("отказал", "отказыва")):
            return True  # "refused to confirm", "отказался подтвердить"
        if any(tokens[c].dep in ("neg", "advmod") and tokens[c].lower in ("not", "n't", "never", "не") for c in self.p.children[verb]):
            return True
        return verb > 0 and tokens[verb - 1].lower == "не"

    def via_for(self, speaker: str | None, lo: int, hi: int, sent: tuple[int, int]) -> tuple[list[str] | None, bool]:
        """The source chain named between token ``lo`` and ``hi``: (via, cites_someone)."""
        tokens = self.p.tokens
        for i in range(max(lo, sent[0]), min(hi, sent[1])):
            tok = tokens[i]
            if self.quoted(tok.start):
                continue
            j = self._cited_from(i, sent[1])
            if j is not None and j < sent[1]:
                phrase = self._phrase_until_comma(j, sent)
                # "citing a source in the ministry who cited intelligence reports": the source's own source
                who = next((k for k in phrase if tokens[k].lower in ("who", "which", "that") and k + 1 < sent[1]
                            and tokens[k + 1].lower in ("cited", "quoted")), None)
                if who is not None:
                    phrase = [k for k in phrase if k < who]
                    further = self._phrase_until_comma(who + 2, sent)
                elif phrase and phrase[-1] + 2 < sent[1] and tokens[phrase[-1] + 1].text == "," \
                        and _SOURCE_DESCRIBED.match(self.text, tokens[phrase[-1] + 2].start):
                    # "со ссылкой на источник, близкий к администрации президента, …": the source as described
                    phrase = phrase + self._phrase_until_comma(phrase[-1] + 2, sent)
                if phrase:
                    origin = clean(self.text[tokens[phrase[0]].start : tokens[phrase[-1]].end], self.lex)
                    if who is not None and further:
                        return [speaker or "?", origin,
                                clean(self.text[tokens[further[0]].start:tokens[further[-1]].end], self.lex)], True
                    return [speaker or "?", origin], True
        # an outlet the statement was given to ("told Asia-Plus", "confirmed to RIA Novosti", "рассказал РИА Новости")
        window_start, window_end = tokens[max(lo, sent[0])].start, tokens[min(hi, sent[1]) - 1].end
        found = sources().find_outlet(self.text[window_start:window_end])
        if found is not None and (_OUTLETS_WORK.match(self.text, window_start + found[1]) or _WORK_OF.search(
                self.text, window_start, window_start + found[0])):
            found = None  # "called the Reuters report fake news and insisted …": the outlet's story, no one it was told to
        if found is not None and speaker and found[2] not in speaker \
                and sources().canonical(speaker) != found[2]:  # ("сообщает ОВД-Инфо": the outlet speaks, no chain)
            return [found[2], speaker], False
        paper = _NEWSPAPER.search(self.text, window_start, window_end) if self.lex.language == "en" else None
        if paper and speaker and paper.group(1) not in speaker:  # "told the Caspian Herald by phone": one the table lacks
            return [paper.group(1), speaker], False
        for i in range(max(lo, sent[0]), min(hi, sent[1])):  # "заявил агентству «Бахтар»": one the table lacks
            named = QUOTED_NAME.match(self.text, tokens[i].end) if tokens[i].lower in OUTLET_HEADS else None
            if named and speaker and named.group(1).strip() not in speaker and not self._long_quote_at(named.start(1)):
                return [named.group(1).strip(), speaker], False
        if speaker:
            inside = sources().find_outlet(speaker)
            if inside is not None and inside[2] != speaker and speaker.strip() != speaker[inside[0]:inside[1]]:
                return [inside[2], speaker], False
            # "A spokesman, asked about the reports by Interfax, said …", "in an interview with RIA Novosti"
            asked = _ASKED_BY.search(self.text, tokens[sent[0]].start, window_end)
            outlet = sources().find_outlet(asked.group("who")) if asked else None
            if outlet is not None and outlet[0] <= 4 and outlet[2] not in speaker:
                return [outlet[2], speaker], False
        return None, False

    def _cited_from(self, i: int, last: int) -> int | None:
        """Where the cited source begins when a "citing" cue starts at token ``i`` ("citing", "со ссылкой на",
        "ссылаясь на"), else None."""
        tokens = self.p.tokens
        word = tokens[i].lower
        if self._quoted_as_saying(i):
            return None  # "X was quoted as saying": X is no source cited
        if word in ("со", "с") and i + 1 < last and tokens[i + 1].lower == "ссылкой":
            j = i + 2
        elif word in self.lex.words("citing") or word in ("ссылаясь", "цитируя") or word.startswith("ссылающ") or (
                word == "ссылкой" and i > 0 and tokens[i - 1].lower in ("со", "с")):  # ("«Фергана.ру», ссылающейся на …")
            j = i + 1
        else:
            return None
        return j + 1 if j < last and tokens[j].lower == "на" else j

    def _past_aside(self, comma: int, last: int) -> int:
        """The comma that closes the aside opening at ``comma`` (its tokens consumed), else ``comma``."""
        nxt = next((j for j in range(comma + 1, last) if self.p.tokens[j].text == ","), None)
        if nxt is None:
            return comma
        self.consumed.update(range(comma, nxt))
        return nxt

    def _phrase_until_comma(self, j: int, sent: tuple[int, int]) -> list[int]:
        tokens = self.p.tokens
        out = []
        # the source cited may be a phrase in quotes: 'citing "sources in the ministry"', "со ссылкой на «источники …»"
        opening = self.in_quote(tokens[j].end) if j < sent[1] and tokens[j].text in ('"', "“", "«", "„") else None
        cited = opening if opening is not None and not re.search(r"[.!?…]", self.text[opening.start:opening.end]) \
            and len(self.text[opening.start:opening.end].split()) <= 6 else None
        while j < sent[1] and (tokens[j].text not in (",", ".", ";", "—", ":") or self.quoted(tokens[j].start)
                               or tokens[j].text == "." and 0 < j and tokens[j - 1].end == tokens[j].start
                               and j + 1 < sent[1] and tokens[j + 1].start == tokens[j].end) \
                and not (self._long_quote_at(tokens[j].start) and self.in_quote(tokens[j].start) is not cited):
            # (a name in quotes may hold a dot: «Газеты.uz»; so may one without: "агентство 24.kg")
            # a verb ends the phrase, but not a participle that modifies it ("one exiled activist")
            if out and tokens[j].pos in ("VERB",) and tokens[j].lower not in ("based",) and tokens[j].dep != "amod" \
                    and not (tokens[j].dep == "acl" and tokens[j].lower.startswith(_PUBLISHED)):  # "a statement posted on …"
                break
            if out and tokens[j].lower == "as" and j + 1 < sent[1] and tokens[j + 1].lower in ("saying", "telling"):
                break  # "quoted a source … as saying"
            out.append(j)
            j += 1
        return out

    # -- quotes --------------------------------------------------------------
    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        for first, last in self.p.sentences:
            if first < last and self.p.tokens[first].start <= offset < self.p.tokens[last - 1].end + 1:
                return first, last
        return None

    def _cue_in(self, indices: list[int], prefer_last: bool) -> int | None:
        hits = [i for i in indices if self.stance_of(self.p.tokens[i]) is not None]
        if not hits:
            return None
        return hits[-1] if prefer_last else hits[0]

    def quote_claims(self) -> list[Claim]:
        claims: list[Claim] = []
        by_group: dict[int, Claim] = {}
        previous: Claim | None = None
        for q in self.quotes:
            claim = Claim(q.start, q.end, quote=True, kind="quote", group=q.group)
            self._attribute(q, claim)
            inner_words = len(_WORD.findall(self.text[q.start:q.end]))
            short = inner_words <= 3 and not re.search(r"[.!?…](?:\s|$)", self.text[q.start:q.end])  # not «Газеты.uz»
            if short and (not self._introduced(q, claim) or sources().outlet(self.text[q.start:q.end])
                          or self._is_name(q) or _TOPIC_BEFORE.search(self.text, max(0, q.open - 50), q.open)):
                continue  # scare quotes, names ("агентству «Ховар»", "«Исламского эмирата»"), single words: not a statement
            if self._cited_source(q):
                continue  # 'citing "sources in the ministry"': whom they cite, not what
            if claim.speaker is None and claim.pronoun is None:
                earlier = by_group.get(q.group)
                if earlier is not None and earlier is not claim:
                    claim.speaker, claim.pronoun = earlier.speaker, earlier.pronoun
                elif previous is not None and self._same_paragraph(previous.end, q.open) and self._only_frame_between(previous, q):
                    claim.speaker, claim.pronoun, claim.via = previous.speaker, previous.pronoun, previous.via
                    claim.stance = previous.stance if previous.stance != "deny" else "assert"
            if claim.speaker is None and claim.pronoun is None and claim.cue is None and self._verbless_phrase(q):
                continue  # 'открылся очередной «центр по развитию гражданского общества»': nobody says a name
            if claim.speaker is None and claim.pronoun is None and _CHARGE_NAMED.search(
                    self.text, max(0, q.open - 40), q.open):
                continue  # "по обвинению в «призывах к свержению …»", 'charged with "inciting hatred"': a charge's name
            claim.stance = self.content_stance(claim.stance, q.start, q.end)
            if q.group in by_group and claim.speaker is not None and by_group[q.group].speaker is None:
                first = by_group[q.group]
                first.speaker, first.pronoun, first.speaker_span = claim.speaker, claim.pronoun, claim.speaker_span
            by_group.setdefault(q.group, claim)
            if claim.speaker is not None or claim.pronoun is not None:
                for other in claims:
                    if other.group == q.group and other.speaker is None and other.pronoun is None:
                        other.speaker, other.pronoun, other.speaker_span = claim.speaker, claim.pronoun, claim.speaker_span
            claims.append(claim)
            previous = claim
        return claims

    def _verbless_phrase(self, q: Quote) -> bool:
        """A quote with neither a verb nor a sentence's end of its own, inside a noun phrase ("очередной «центр по
        развитию …»", 'a so-called "peace mission"'): a name or scare quotes. After a verb ('the graffiti read "Water
        for Vorukh, not for Kok-Tash"') or a colon it is said."""
        inner = self.text[q.start:q.end]
        if re.search(r"[.!?…:;]", inner) or any(t.pos in ("VERB", "AUX") for t in self.p.tokens_in(q.start, q.end)):
            return False
        before = [t for t in self.p.tokens_in(max(0, q.open - 60), q.open) if t.end <= q.open and not self.quoted(t.start)]
        # (or a capitalised one after a preposition: "Правозащитники из «Ассоциации по правам человека …»")
        return bool(before) and (before[-1].pos in ("ADJ", "DET", "NUM", "NOUN", "PROPN")
                                 or before[-1].pos == "ADP" and inner[:1].isupper()) \
            and self.sentence_at(before[-1].start) == self.sentence_at(q.open)

    def _is_name(self, q: Quote) -> bool:
        """A capitalised quote without a verb names something («Исламского эмирата», "Islamic State")."""
        inner = self.text[q.start:q.end].strip()
        if not inner[:1].isupper():
            return False
        return not any(t.pos in ("VERB", "AUX") for t in self.p.tokens_in(q.start, q.end))

    def _introduced(self, q: Quote, claim: Claim) -> bool:
        """A short quote is a statement only when a reporting verb stands right by it."""
        if claim.cue is None or claim.cue == ":" or claim.frame is None:
            return False
        between = self.text[claim.frame[1] : q.open] if claim.frame[1] <= q.open else self.text[q.close : claim.frame[0]]
        return len(_WORD.findall(between)) <= 5 and len(_WORD.findall(self.text[claim.frame[0]:claim.frame[1]])) <= 12

    def _cited_source(self, q: Quote) -> bool:
        """A quote right after "citing" / "со ссылкой на" with no sentence inside: the source named, not a claim."""
        before = self.text[max(0, q.open - 20):q.open].rstrip().lower()
        return before.endswith(tuple(self.lex.words("citing"))) and not re.search(r"[.!?…]", self.text[q.start:q.end])

    def _same_paragraph(self, a: int, b: int) -> bool:
        return "\n\n" not in self.text[a:b]

    def _only_frame_between(self, previous: Claim, q: Quote) -> bool:
        between = self.text[previous.end : q.open]
        return previous.frame is not None and len(between) < 120 and between.count(".") <= 1

    def _attribute(self, q: Quote, claim: Claim) -> None:
        tokens = self.p.tokens
        inner = self.text[q.start:q.end]
        after = self.text[q.close : q.close + 3].lstrip(" ")
        right_ok = inner.endswith((",", "?", "!", "…")) or after[:1] in (",", "—", "–", "-") or after[:1].islower()
        # '… mention "partnership facilities", and the State Department confirmed …': a new clause, not the frame
        if re.match(r"\s*,?\s*(?:and|but|while|whereas|however|а|но|и|однако)\s", self.text[q.close:q.close + 12]) \
                and not inner.endswith((",", "?", "!", "…")):
            right_ok = False
        # 'Госдеп выражает «озабоченность», западные журналисты пишут о …': the object of a verb before it is no quote
        # fronted before a speaker who goes on to say something of their own (but 'The drills will practise "…", the
        # press service said' is the service's)
        governed = any(tokens[t.head].end <= q.open and tokens[t.head].pos == "VERB" and self.stance_of(tokens[t.head])
                       is None and tokens[t.head].sent == t.sent for t in tokens if q.start <= t.start < q.end)
        if right_ok:
            right = []
            for tok in tokens:
                if tok.start < q.close:
                    continue
                if tok.text in (".", "!", "?") or self.quoted(tok.start) or "\n\n" in self.text[q.close : tok.start]:
                    break
                right.append(tok.i)
            verb = self._cue_in(right, prefer_last=False)
            if governed and verb is not None and any(c > verb and tokens[c].dep in ("ccomp", "obj", "dobj", "obl")
                                                     for c in self.p.children[verb]):
                verb = None
            if verb is not None and self._attribute_by_verb(verb, claim, right):
                return
        sent = self.sentence_at(q.open)
        left = [t.i for t in tokens if sent is not None and sent[0] <= t.i < sent[1] and t.end <= q.open and not self.quoted(t.start)]
        before = self.text[: q.open].rstrip(" \t")
        if not left or all(tokens[i].text in ("\"", "“", "«", "„", ">") for i in left):
            # the quote opens its sentence: a colon ending the previous line introduces it
            if before.rstrip().endswith(":"):
                prev = self.sentence_at(len(before.rstrip()) - 1)
                if prev is not None:
                    left = [i for i in range(*prev) if not self.quoted(tokens[i].start)]
        if left:
            verbs = [i for i in left if self.stance_of(self.p.tokens[i]) is not None]
            if len(verbs) >= 2 and self.p.tokens[verbs[-1]].lower in self.lex.words("frame_participles") \
                    and self.subject(verbs[-1]) is None:
                # 'denied that …, calling the reports "a provocation"': the participle's speaker is the finite verb's
                # (which the participle finds itself when the parse hangs it on that verb: not 'rejected a report
                # that accused X, calling it "biased"', whose last finite verb is the report's)
                verbs = verbs[:-1]
            if verbs and self._attribute_by_verb(verbs[-1], claim, left):
                return
            if self.text[tokens[left[-1]].start : q.open].strip().endswith((":", ",")) or before.rstrip().endswith(":"):
                head = self._main_subject(left)
                if head is not None:
                    claim.speaker, claim.speaker_span, claim.pronoun = self.speaker(head)
                    claim.frame = (tokens[left[0]].start, tokens[left[-1]].end)
                    claim.cue = ":"

    def _main_subject(self, indices: list[int]) -> int | None:
        tokens = self.p.tokens
        inside = set(indices)
        for i in indices:
            if tokens[i].dep in SUBJECTS and tokens[i].pos in ("NOUN", "PROPN", "PRON"):
                return i
        for i in indices:
            if tokens[i].pos in ("NOUN", "PROPN") and (tokens[i].head not in inside or tokens[tokens[i].head].pos != "NOUN"):
                return i
        return None

    def _attribute_by_verb(self, verb: int, claim: Claim, window: list[int]) -> bool:
        tokens = self.p.tokens
        stance = self.stance_of(tokens[verb]) or "assert"
        if stance == "deny_if_content" and self.label_denies(self.text[claim.start:claim.end]):
            stance = "deny"  # 'назвало «не соответствующими действительности» сообщения': the label denies
        elif stance in ("deny_if_content", "assert_nominal"):
            stance = "assert"
        elif stance == "belief":
            stance = self.belief_stance(claim.start, claim.end)
        # 'denied that its forces had started the clash and blamed "smugglers …"': the denier blames
        speaking = self._outer_speech(verb)
        speaking = verb if speaking is None else speaking
        if self.subject(speaking) is not None and self.speaking_subject(speaking) is None:
            return False
        if any(claim.start <= tokens[i].start < claim.end for i in self._subjects(speaking)):
            return False  # "наши «союзники» … рассказывают": the quoted word is who speaks, not what is said
        head = self.speaking_subject(speaking)
        if head is not None and head not in window:
            head = None
        if head is None:
            # "— говорится в заявлении МИД", "said Deputy Minister X" without a parsed subject; never the one
            # spoken to ("рассказывают западным журналистам")
            for i in window:
                if i > verb and tokens[i].pos in ("NOUN", "PROPN") and not self.quoted(tokens[i].start) \
                        and tokens[i].case not in ("Dat", "Acc", "Ins") and tokens[i].dep not in ("iobj", "obj", "dobj"):
                    head = i
                    break
        if head is None:
            return False
        claim.speaker, claim.speaker_span, claim.pronoun = self.speaker(head)
        claim.cue = tokens[verb].text
        sent = self.p.sentence_of(verb)
        if stance in ("confirm", "deny") and self._neither(sent):
            stance = "question"  # "не подтвердил, но и не опроверг, заметив лишь, что «…»", "neither confirmed nor denied"
        elif self.negated(verb) and stance == "confirm":
            stance = "question"  # "did not confirm"
        claim.stance = stance
        claim.via, cites = self.via_for(claim.speaker, window[0], window[-1] + 1, sent)
        if claim.via and claim.stance == "deny" and claim.via[0] in self.text[tokens[verb].end:claim.start]:
            claim.via = None  # "назвал публикацию Reuters «дезинформацией»": what is denied is no source of the denial
        if stance == "cite" and claim.via is None:
            # "приводит агентство слова одного из них": the origin is the nmod of "слова"
            for child in self.p.children[verb]:
                if tokens[child].dep == "obj":
                    owners = [c for c in self.p.children[child] if tokens[c].dep == "nmod"]
                    if owners:
                        origin = self.text[tokens[min(self.p.subtree(owners[0]))].start : tokens[max(self.p.subtree(owners[0]))].end]
                        claim.via = [claim.speaker or "?", clean(origin, self.lex)]
        if cites and claim.stance == "assert":
            claim.stance = "cite"
        claim.frame = (tokens[window[0]].start, tokens[window[-1]].end)
        return True

    # -- reported speech -----------------------------------------------------
    def according_claims(self) -> list[Claim]:
        claims = []
        tokens = self.p.tokens
        for first, last in self.p.sentences:
            words = [t.lower for t in tokens[first:last]]
            cues = list(self.lex.according)
            if self.lex.language == "ru":
                # "Как утверждают правозащитники, P", "как сообщили в МВД, P": "как" and any reporting verb
                for k in range(len(words) - 1):
                    if words[k] == "как" and tokens[first + k].pos == "SCONJ" and self.stance_of(tokens[first + k + 1]):
                        cue = tuple(words[k:k + 3]) if k + 2 < len(words) and words[k + 2] in ("в", "во") else tuple(words[k:k + 2])
                        if cue not in cues:
                            cues.append(cue)
            for seq in cues:
                n = len(seq)
                for k in range(0, last - first - n + 1):
                    if tuple(words[k : k + n]) != seq or self.quoted(tokens[first + k].start):
                        continue
                    cue_start = first + k
                    claim = Claim(0, 0, kind="according", cue=" ".join(seq))
                    pronouns = [i for i in range(cue_start, cue_start + n) if tokens[i].lower in self.lex.words("pronouns_person") + self.lex.words("pronouns_group")]
                    if pronouns:  # "по его словам, ...": the speaker sits inside the cue
                        phrase = list(range(cue_start, cue_start + n))
                        claim.speaker_span, claim.pronoun = (tokens[pronouns[0]].start, tokens[pronouns[0]].end), tokens[pronouns[0]].lower
                    else:
                        phrase = self._phrase_until_comma(cue_start + n, (first, last))
                        # "как сообщает ТАСС со ссылкой на источник, ...": the source's source, without a comma
                        citing = next((j for j in phrase if self._cited_from(j, last) is not None), None)
                        if citing is None and phrase and phrase[-1] + 1 < last and \
                                self._cited_from(phrase[-1] + 1, last) is not None:
                            citing = phrase[-1] + 1  # "according to AKIpress citing a source in …, P"
                            phrase = phrase + [citing] + self._phrase_until_comma(citing + 1, (first, last))
                        speaker_phrase = phrase[:phrase.index(citing)] if citing is not None else phrase
                        # "как сообщил в понедельник пресс-секретарь …", "как сообщило накануне издание …": the day
                        # is no speaker
                        while speaker_phrase and tokens[speaker_phrase[0]].lower in _TIME_WORDS:
                            speaker_phrase = speaker_phrase[1:]
                        if not speaker_phrase:
                            continue
                        heads = [i for i in speaker_phrase if tokens[i].head not in speaker_phrase or tokens[i].head == i]
                        head = heads[0] if heads else speaker_phrase[0]
                        claim.speaker, claim.speaker_span, claim.pronoun = self.speaker(head)
                        if citing is not None:
                            claim.via, _ = self.via_for(claim.speaker, citing, phrase[-1] + 1, (first, last))
                    self.consumed.update(range(cue_start, phrase[-1] + 1))
                    after = phrase[-1] + 1
                    # the name in quotes after "агентства": "по информации агентства «24.kg», P"
                    while after < last and (tokens[after].text in ("«", "»", "\"", "“", "”") or self.quoted(tokens[after].start)):
                        after += 1
                    # ", знакомых с ситуацией,", ", familiar with the matter,": the source's description goes with it
                    if after + 1 < last and tokens[after].text == "," \
                            and _SOURCE_DESCRIBED.match(self.text, tokens[after + 1].start):
                        after = self._past_aside(after, last)
                    # skip ", which cited local residents," / ", со ссылкой на ..."
                    if after + 1 < last and tokens[after].text == "," and (tokens[after + 1].lower in (
                            "which", "who", "citing", "quoting", "который", "которое", "которая", "со")
                            or tokens[after + 1].lower.startswith(("ссылающ", "цитирующ"))):  # "«Фергана.ру», ссылающейся на …"
                        claim.via, _ = self.via_for(claim.speaker, after + 1, last, (first, last))
                        after = self._past_aside(after, last)
                    # "Тем временем, по данным …, P", "Meanwhile, according to X, P": a connective before the source
                    # is no part of P (but "Во второй половине дня, по данным …, P" is)
                    lead_in = self.text[tokens[first].start:tokens[cue_start - 1].start].strip().lower() in _CONNECTIVES
                    inside = cue_start > first + 2 and tokens[cue_start - 1].text == "," and after + 3 < last \
                        and tokens[after].text == ","
                    relative = cue_start - 2 if inside and tokens[cue_start - 2].lower in _RELATIVES else None
                    if relative is not None:
                        # "поправок, которые, по их мнению, лишают республику права …": the source's view is the
                        # relative clause (from its pronoun to the clause's end); "их" is the sentence's subject
                        end = next((tokens[j].start for j in range(after + 1, last) if tokens[j].text == ";"),
                                   tokens[last - 1].end)
                        start, end = self._trim(tokens[relative].start, end)
                        subject = self._main_subject(list(range(first, relative)))
                        if claim.pronoun is not None and claim.speaker is None and subject is not None \
                                and claim.pronoun in self.lex.words("pronouns_group"):
                            claim.speaker, claim.speaker_span, claim.pronoun = self.speaker(subject)
                    elif inside and lead_in:
                        start, end = self._trim(tokens[after].end, tokens[last - 1].end)
                    elif inside:
                        # "Вечером таджикские военные, по данным киргизской стороны, обстреляли школу": the source
                        # stands inside P, which runs on after it
                        start, end = self._trim(tokens[first].start, tokens[last - 1].end)
                    elif cue_start > first + 2 and tokens[cue_start - 1].text == ",":
                        start, end = self._trim(tokens[first].start, tokens[cue_start - 1].start)  # "P, according to X."
                        subject = self._main_subject(list(range(first, cue_start - 1)))
                        if claim.pronoun is not None and claim.speaker is None and subject is not None:
                            # "the embassy has asked …, according to a post on its account": "its" is the embassy
                            claim.speaker, _, _ = self.speaker(subject)
                            claim.pronoun = None
                    elif after < last and tokens[after].text == ",":
                        start, end = self._trim(tokens[after].end, tokens[last - 1].end)
                    else:
                        continue
                    if end - start < 8:
                        continue
                    claim.start, claim.end = start, end
                    claim.stance = self.content_stance("cite" if claim.via else "assert", start, end)
                    claim.frame = (tokens[cue_start].start, tokens[phrase[-1]].end)
                    claims.append(claim)
        return claims

    def anaphoric_claims(self) -> list[Claim]:
        """"P. Об этом сообщил X." / "P. This was announced by X.": P, the sentence before in the paragraph, is X's."""
        claims = []
        tokens = self.p.tokens
        for k in range(1, len(self.p.sentences)):
            first, last = self.p.sentences[k]
            before = self.p.sentences[k - 1]
            if first >= last or before[0] >= before[1] or not _THIS_REPORTED[self.lex.language].match(self.text, tokens[first].start):
                continue
            if not self._same_paragraph(tokens[before[0]].start, tokens[first].start):
                continue
            verb = next((i for i in range(first, last) if self.stance_of(tokens[i]) is not None), None)
            if verb is None:
                continue
            if any(tokens[i].dep in ("ROOT", "root") and self.stance_of(tokens[i]) not in (None, "assert")
                   for i in range(before[0], before[1])):
                # "Министерство … опровергло сообщения … Об этом заявил представитель министерства": the sentence
                # before is itself a denial (its claim); who announced it asserts nothing else
                continue
            start, end = self._trim(tokens[before[0]].start, tokens[before[1] - 1].end)
            claim = Claim(start, end, kind="reported")
            if not self._attribute_by_verb(verb, claim, list(range(first, last))):
                continue
            claim.cue = tokens[verb].text
            claim.stance = self.content_stance(claim.stance, start, end)
            self.consumed.update(range(first, last))
            claims.append(claim)
        return claims

    def phrase_claims(self) -> list[Claim]:
        """Multiword stance cues whose object is the claim: "cast doubt on X", "called into question X"."""
        claims = []
        tokens = self.p.tokens
        for cue, stance in (self.lex.data.get("verb_particles") or {}).items():
            words = cue.split()
            for first, last in self.p.sentences:
                for k in range(first, last - len(words)):
                    if self.quoted(tokens[k].start):
                        continue
                    j = self._cue_sequence(words, k, last)
                    if j is None:
                        continue
                    said = re.sub(r"[«»\"“”]", "", self.text[tokens[k].start:tokens[j - 1].end]).lower()
                    if j < last and (tokens[j].pos == "ADP" or tokens[j].lower in self.lex.words("complementizers")):
                        j += 1  # "cast doubt on X", "did not rule out that X"
                    head = self.subject(k)
                    stop = self._next_clause(j, last)
                    if head is None or j >= last - 1:
                        continue
                    if stop == j:
                        # "Госдеп выражает «озабоченность», западные журналисты пишут …": the concern is all it says
                        start, end = self._trim(tokens[k].start, tokens[j - 1].end)
                    else:
                        start, end = self._trim(tokens[j].start, tokens[stop - 1].end)
                    # "did not rule out that …": a possibility foreseen
                    own = "predict" if self.negated(k) and _RULE_OUT.match(self.text, tokens[k].start) else stance
                    claim = Claim(start, end, cue=said, kind="reported", stance=own)
                    claim.speaker, claim.speaker_span, claim.pronoun = self.speaker(head)
                    claim.frame = (tokens[min(head, k)].start, tokens[j - 1].end)
                    self.consumed.update(range(k, j))
                    claims.append(claim)
        return claims

    def _next_clause(self, j: int, last: int) -> int:
        """Where what follows a cue at token ``j`` ends: at a comma or dash before words that hang on nothing
        between (another clause of the sentence: "…, западные журналисты пишут о «репрессиях»"), else at ``last``."""
        tokens = self.p.tokens
        for x in range(j, last - 1):
            if tokens[x].text not in (",", ";", "—", "–"):
                continue
            node, steps = x + 1, 0  # climb to the top of the words after the comma
            while tokens[node].head != node and tokens[node].head > x and steps < 12:
                node, steps = tokens[node].head, steps + 1
            top = tokens[node]
            if top.head == node or top.pos in ("VERB", "AUX") and top.dep in ("conj", "parataxis", "advcl") \
                    and top.head < j:
                return x
        return last

    def _cue_sequence(self, words: list[str], k: int, last: int) -> int | None:
        """Where a multiword cue starting at token ``k`` ends, else None. Between its words may stand up to three
        adjectives, adverbs or quote marks ("expressed deep concern", "выразил «глубокую обеспокоенность»"); a cue
        word ending in "*" is a stem ("выразил*")."""
        tokens, j = self.p.tokens, k
        for n, word in enumerate(words):
            skipped = 0
            while n and j < last and skipped < 3 and not self._cue_word(tokens[j], word) and (
                    tokens[j].pos in ("ADJ", "ADV") or tokens[j].text in "«»\"“”"):
                j, skipped = j + 1, skipped + 1
            if j >= last or not self._cue_word(tokens[j], word):
                return None
            j += 1
        while j < last and tokens[j].text in "«»\"“”":  # the quote closing "«глубокую обеспокоенность»"
            j += 1
        return j

    @staticmethod
    def _cue_word(tok: Tok, word: str) -> bool:
        return tok.lower.startswith(word[:-1]) if word.endswith("*") else tok.lemma == word or tok.lower == word

    def reported_claims(self) -> list[Claim]:
        claims = []
        tokens = self.p.tokens
        for tok in tokens:
            if tok.i in self.consumed or self.quoted(tok.start):
                continue
            stance = self.stance_of(tok)
            if stance is None:
                continue
            claim = self._reported(tok.i, stance)
            if claim is not None:
                claims.append(claim)
                embedded = self._embedded(claim) if claim.stance == "deny" else None
                if embedded is not None:
                    if claim.via and embedded.speaker in claim.via:  # "rejected reports from Reuters": not its source
                        claim.via = None
                    claims.append(embedded)
        return claims

    def _embedded(self, denial: Claim) -> Claim | None:
        """The claim a denial names with its owner: 'dismissed as fabrications claims by relatives that P',
        'назвало ложью заявления родственников о том, что P' give P, said by the relatives."""
        tokens = self.p.tokens
        sentence = self.sentence_at(denial.start)
        if sentence is None:
            return None
        nouns = self.lex.words("claim_nouns")
        for tok in self.p.tokens_in(tokens[sentence[0]].start, denial.end):
            if tok.lower not in nouns:
                continue
            owner = None
            for child in self.p.children[tok.i]:
                c = tokens[child]
                if c.dep == "prep" and c.lower in ("by", "from"):
                    owner = next((g for g in self.p.children[child] if tokens[g].dep == "pobj"), None)
                elif c.dep == "nmod" and c.case == "Gen" and c.pos in ("NOUN", "PROPN") and child > tok.i:
                    owner = child
                elif c.dep == "acl" and c.lower in ("made", "voiced", "put", "spread", "circulated", "published"):
                    # "the assertions made by the Tajik side on December 5 that …"
                    agent = next((g for g in self.p.children[child] if tokens[g].dep == "agent"), None)
                    owner = next((g for g in self.p.children[agent] if tokens[g].dep == "pobj"), None) \
                        if agent is not None else None
                if owner is not None:
                    break
            sub = self.p.subtree(tok.i)
            mark = next((i for i in sub if tokens[i].dep == "mark" and tokens[i].lower in ("that", "что")), None)
            if owner is None or mark is None:
                continue
            clause = [i for i in self.p.subtree(tokens[mark].head) if i > mark]
            if not clause:
                continue
            start, end = self._trim(tokens[clause[0]].start, tokens[clause[-1]].end)
            if end - start < 8:
                continue
            claim = Claim(start, end, cue=tok.text, kind="reported", stance="assert")
            claim.speaker, claim.speaker_span, claim.pronoun = self.speaker(owner)
            claim.frame = (tok.start, tokens[mark].end)
            if tok.start < denial.start:  # "назвало ложью заявления родственников о том, что P": the denial is of them
                denial.start = tok.start
            return claim
        return None

    def _complement(self, verb: int, stance: str) -> tuple[int, int] | None:
        tokens = self.p.tokens
        sent = self.p.sentence_of(verb)
        comps = self.lex.words("complementizers")
        responsibility = next((c for c in self.p.children[verb] if tokens[c].dep in ("obj", "dobj") and c > verb
                               and tokens[c].lower in ("responsibility", "credit", "ответственность")), None)
        if responsibility is not None:
            # "claimed responsibility for a suicide bombing … that killed 12 people": what they claim is the deed
            return self.span_of(self.p.subtree(responsibility))
        summary = tokens[verb].head
        if tokens[verb].dep in ("relcl", "acl:relcl") and summary != verb and tokens[summary].lower in _SUMMARY_NOUNS:
            # "X told Reuters P, an allegation the Prosecutor General's Office rejected as groundless": what the
            # allegation sums up, the complement before it
            gov = tokens[summary].head
            inner = next((c for c in self.p.children[gov] if tokens[c].dep == "ccomp" and c < summary), None)
            if inner is not None and gov != summary:
                return self.span_of([i for i in self.p.subtree(inner) if i < summary and tokens[i].text != ","])
        passive = next((c for c in self.p.children[verb] if tokens[c].dep in PASSIVE_SUBJECTS and c < verb), None)
        if passive is not None and stance in ("deny", "confirm", "deny_if_content") and self._agent(verb) is not None \
                and tokens[passive].lower not in ("it", "this", "that"):
            return self.span_of(self.p.subtree(passive))  # "The story was denied within hours by the ministry"
        governor = tokens[verb].head
        mark = next((c for c in self.p.children[verb] if tokens[c].dep == "mark" and tokens[c].lower == "as"), None)
        subjects = [c for c in self.p.children[verb] if tokens[c].dep in SUBJECTS and c < verb]
        # ("as" + the subject + the verb, nothing else between: not 'label NGOs … as "foreign representatives", the
        # Interior Ministry said')
        if self.lex.language == "en" and tokens[verb].dep == "advcl" and governor != verb and mark is not None \
                and len(subjects) == 1 and set(range(mark + 1, verb)) <= set(self.p.subtree(subjects[0])) \
                and not (mark > 0 and tokens[mark - 1].pos == "ADV"):  # "…, exactly as Tokayev had announced": a likeness
            # "As Reuters reported on Monday, the talks had stalled", "Last month, as the FT claimed, officials asked
            # …": the clause the aside hangs on, on the side of it where that clause's verb stands
            aside = set(self.p.subtree(verb))
            run: list[int] = []
            for i in self.p.subtree(governor):
                if i in aside:
                    if governor in run:
                        break
                    run = []
                elif tokens[i].pos != "PUNCT" or run:
                    run.append(i)
            while run and tokens[run[-1]].pos == "PUNCT":
                run.pop()
            return self.span_of(run) if governor in run else None
        # "said that P", "reported, citing sources, that P", "rejected claims that P", "заявил, что P"
        for j in range(verb + 1, min(sent[1], verb + 14)):
            tok = tokens[j]
            if tok.text in (".", ";", "!", "?") or self._long_quote_at(tok.start):
                break
            if self.quoted(tok.start):
                continue  # a name in quotes: "подтвердил агентству «Ховар», что …"
            if tok.lower == "that" and tok.dep == "det" and j + 1 < sent[1] and tokens[j + 1].pos == "NOUN" \
                    and tokens[j + 1].head != j:
                continue  # "had crossed the border that night": a determiner, not "that" opening the claim
            if tok.lower == "that" and tok.dep in SUBJECTS + ("obj", "dobj") and tokens[tok.head].dep == "relcl":
                continue  # "a bombing that killed 12 people": a relative pronoun, no claim opens there
            if tok.lower in comps and (tok.lower != "ли") and (self.lex.language == "en" or tokens[j - 1].text == "," or tokens[j - 1].lower == "том"):
                if tok.lower == "if" and stance != "question":
                    continue
                if self.lex.language == "en" and any(
                        tokens[k].dep == "ccomp" and tokens[k].head == verb and any(
                            tokens[c].dep in ("nsubj", "nsubjpass") and tokens[c].lower not in ("who", "which", "that")
                            for c in self.p.children[k]) for k in range(verb + 1, j)):
                    # "say the incident shows how fragile that settlement remains": the clause began before it (not
                    # "tell anyone who will listen that …", a relative clause the parse hung on the verb)
                    break
                if j + 1 < sent[1]:
                    first = j + 1
                    if tokens[j - 1].lower in ("and", "or") and j - 1 > verb + 2 and self.lex.language == "en":
                        first = verb + 1  # "said no force had been used and that …": the first clause has no "that"
                    return self._trim(tokens[first].start, tokens[self._clause_end(verb, j + 1, sent[1]) - 1].end)
            if j > verb + 1 and self.stance_of(tok) is not None and tok.lower not in self.lex.words("citing") \
                    and not (tokens[j - 1].lower == "as" and tok.lower in ("saying", "telling")):  # "quoted X as saying that"
                break
        if self.lex.language == "en" and tokens[verb].lemma in ("tell", "inform") and verb + 1 < sent[1] \
                and tokens[verb + 1].dep in ("obj", "dobj", "dative") and tokens[verb + 1].pos in ("PROPN", "PRON", "NOUN"):
            # "told Reuters the depot supplied Russian units": no "that", a clause right after whom it was told to
            after = max(self.p.subtree(verb + 1)) + 1 if tokens[verb + 1].head == verb else verb + 2
            rest = [t for t in tokens[after:sent[1]] if t.text not in (".", "!", "?")]
            first_verb = next((k for k, t in enumerate(rest) if t.pos in ("VERB", "AUX")), None)
            # ... a clause with a subject, not "told reporters in Dushanbe after meeting the delegation"
            if len(rest) >= 3 and not self.quoted(rest[0].start) and first_verb and all(
                    t.pos in ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ", "PART") for t in rest[:first_verb]):
                return self._trim(rest[0].start, tokens[self._clause_end(verb, after, sent[1]) - 1].end)
        aside = self._aside_end(verb, sent)
        if aside is not None:
            # an aside: "The attack, two officials said on Tuesday, had been planned …", "In January 2022, they told
            # their readers, Russia used …": the sentence around it is what they said
            last = sent[1] - 1
            while last > aside and tokens[last].pos == "PUNCT" and not self.quoted(tokens[last].start):
                last -= 1
            return self._trim(tokens[sent[0]].start, tokens[last].end)
        head = self.subject(verb)
        # fronted: "P, a security source told Asia-Plus." / "P, — сказал X."
        left_edge = min(verb, head if head is not None else verb)
        if head is not None and head < verb:
            left_edge = min(self.p.subtree(head) + [verb])
        relative = head is not None and tokens[head].lower in ("which", "who", "that", "который", "которая", "которое", "которые")
        # not "After the meeting, the minister said the talks had been useful": what follows the verb is the claim
        # (nor "…, западные журналисты пишут о «репрессиях»": what they write of follows)
        said_after = any(c > verb and (tokens[c].dep == "ccomp" or tokens[c].dep in ("obj", "dobj")
                                       and tokens[verb].lemma not in ("tell", "inform")
                                       or tokens[c].dep == "obl" and any(tokens[k].lower in ("о", "об", "обо")
                                                                         for k in self.p.children[c]))
                         for c in self.p.children[verb])
        if not relative and not said_after and left_edge - 1 > sent[0] + 2 and tokens[left_edge - 1].text in (",", "—"):
            cut = left_edge - 1
            while cut > sent[0] and tokens[cut - 1].text in (",", "—"):
                cut -= 1
            return self._trim(tokens[sent[0]].start, tokens[cut - 1].end)
        for child in self.p.children[verb]:
            if tokens[child].dep == "ccomp" and child > verb:
                sub = [i for i in self.p.subtree(child) if i > verb]
                gap = range(verb + 1, min(sub))
                if len(gap) and all(tokens[i].pos not in ("PUNCT", "SCONJ") and tokens[i].text[:1].isalnum() and
                                    not self.quoted(tokens[i].start) for i in gap):
                    # "say pressure on bloggers and their families has increased": the parser hung the
                    # subject's first words on "say"; the clause starts right after the verb
                    sub = list(gap) + sub
                # (up to the speaker's own next verb: "said their patrol had fired … and denied that …")
                cut = self._clause_end(verb, min(sub), max(sub) + 1)
                return self.span_of([i for i in sub if i < cut])
        if self.lex.language == "ru" and stance == "assert" and tokens[verb].lower.startswith(("сообщ", "пиш", "писал", "заяв")):
            # "пишет о трёх погибших пограничниках", "сообщил о задержании пяти человек": what it tells of
            about = next((c for c in self.p.children[verb] if c > verb and tokens[c].dep in ("obl", "nmod")
                          and any(tokens[k].lower in ("о", "об", "обо") and k < c for k in self.p.children[c])), None)
            if about is not None:
                sub = [i for i in self.p.subtree(about) if tokens[i].lower not in ("о", "об", "обо") or i > about]
                return self.span_of(sub)
        objects = [c for c in self.p.children[verb] if tokens[c].dep in ("obj", "dobj") and c > verb]
        xcomp = [c for c in self.p.children[verb] if tokens[c].dep == "xcomp" and c > verb]
        if objects and xcomp and xcomp[0] > objects[0]:  # "expects the economy to grow by 8 percent"
            if stance == "deny_if_content" and self.label_denies(tokens[xcomp[0]].text):
                return self.span_of(self.p.subtree(objects[0]))  # "назвал публикацию Reuters «дезинформацией»"
            return self._trim(tokens[min(self.p.subtree(objects[0]))].start, tokens[max(self.p.subtree(xcomp[0]))].end)
        if stance in NOMINAL_OK or stance in ("deny_if_content", "assert_nominal"):
            gerund = next((c for c in xcomp if tokens[c].lower.endswith("ing") and tokens[c].pos == "VERB"), None)
            if not objects and gerund is not None and self.lex.language == "en":
                return self.span_of(self.p.subtree(gerund))  # "Police denied using excessive force"
            if not objects and self.lex.language == "ru":  # "эту информацию назвали недостоверной": fronted object
                objects = [c for c in self.p.children[verb] if tokens[c].dep == "obj"]
            if not objects and self.lex.language == "ru" and stance == "question":
                # "усомнился в заявлениях ГКНБ": what is doubted follows "в"
                doubted = next((c for c in self.p.children[verb] if c > verb and tokens[c].dep in ("obl", "nmod")
                                and any(tokens[k].lower == "в" and k < c for k in self.p.children[c])), None)
                if doubted is not None:
                    return self.span_of([i for i in self.p.subtree(doubted) if tokens[i].lower != "в" or i > doubted])
            if not objects and stance == "deny_if_content":
                # "called the Reuters report misinformation", parsed as one noun phrase: what stands before the label
                label = next((c for c in self.p.children[verb] if tokens[c].dep == "oprd" and c > verb
                              and self.label_denies(tokens[c].text)), None)
                before = [i for i in self.p.subtree(label) if i < label] if label is not None else []
                if len(before) >= 2:
                    return self.span_of(before)
            if objects and any(tokens[c].dep == "nummod" for c in self.p.children[objects[0]]):
                return None  # "a visa office that rejects two applications in three": things counted, no proposition
            if objects and tokens[verb].lower.startswith(("призна", "recogni")) and (
                    tokens[objects[0]].text[:1].isupper() or any(tokens[c].text[:1].isupper() and tokens[c].dep == "conj"
                                                                 for c in self.p.children[objects[0]])
                    or tokens[objects[0]].lower in ("ни", "neither")):
                return None  # "Астана не признает ни Тайвань, ни Косово": a state recognised, no statement
            if objects:
                # the object, not the verb's own second verb that a misattached word drags in ("отверг
                # причастность «…» и назвал сообщения «безосновательными»")
                sub = self.p.subtree(objects[0])
                if self.lex.language == "ru" and objects[0] < verb:  # "Версию … в ведомстве назвали …": not the office
                    office = {i for c in self.p.children[objects[0]] if tokens[c].dep == "nmod"
                              and sources().office_word(tokens[c].text) and any(
                                  tokens[k].lower in ("в", "во") for k in self.p.children[c]) for i in self.p.subtree(c)}
                    sub = [i for i in sub if i not in office]
                if stance == "assert_nominal":  # "accused Dushanbe of sheltering militants": whom, and of what
                    sub += [i for c in self.p.children[verb] if c > objects[0] and tokens[c].lower in ("of", "for")
                            or tokens[c].dep == "obl" and c > objects[0] for i in self.p.subtree(c)]
                cut = self._clause_end(verb, objects[0], max(sub) + 1)
                # 'dismissed the reports as "fake news"': the label is not what was dismissed
                label = {i for c in self.p.children[objects[0]] if tokens[c].lower == "as" and tokens[c].dep == "prep"
                         and stance in ("deny", "deny_if_content") for i in self.p.subtree(c)}
                kept = sorted(i for i in sub if i < cut and i not in label)
                # "call the Reuters report misinformation" parsed with the label inside the object: it is no part of it
                while stance == "deny_if_content" and len(kept) > 2 and tokens[kept[-1]].pos == "NOUN" \
                        and self.label_denies(tokens[kept[-1]].text):
                    kept.pop()
                # "подтвердили эту просьбу РИА Новости": the outlet told, which the parse hung on the object, is no part of it
                for k in range(1, len(kept)):
                    tail = self.text[tokens[kept[k]].start:tokens[kept[-1]].end]
                    outlet = sources().find_outlet(tail)
                    if outlet is not None and outlet[0] == 0 and outlet[1] >= len(tail.rstrip(" .»\"")) \
                            and not _WORK_OF.search(self.text, max(0, tokens[kept[k]].start - 40),
                                                    tokens[kept[k]].start):  # (not "публикацию Reuters")
                        kept = kept[:k]
                        break
                return self.span_of(kept)
            for child in self.p.children[verb]:  # "cast doubt on the figures"
                if tokens[child].dep == "prep" and child > verb:
                    pobj = [c for c in self.p.children[child] if tokens[c].dep == "pobj"]
                    if pobj:
                        return self.span_of(self.p.subtree(pobj[0]))
        return None

    def _aside_end(self, verb: int, sent: tuple[int, int]) -> int | None:
        """Where an English reporting aside ends (its closing comma), when ``verb`` and its subject stand between two
        commas inside the clause they report: "The attack, officials said on Tuesday, had been planned …"."""
        tokens = self.p.tokens
        if self.lex.language != "en":
            return None
        subjects = [c for c in self.p.children[verb] if tokens[c].dep in SUBJECTS and c < verb]
        if not subjects:
            return None
        left = min(self.p.subtree(subjects[-1]))
        if left - 1 <= sent[0] or tokens[left - 1].text != ",":
            return None
        j = verb + 1  # what the verb itself takes: "on Tuesday", "their readers"
        while j < sent[1] and tokens[j].text != "," and tokens[j].pos not in ("VERB", "AUX", "SCONJ", "PUNCT"):
            j += 1
        if j >= sent[1] - 2 or tokens[j].text != ",":
            return None
        # the clause reported goes on after it: the verb hangs on it, or it on the verb (not "…, X said, adding …")
        gov = tokens[verb].head
        goes_on = tokens[verb].dep in ("parataxis", "ccomp") and j < gov < sent[1] or any(
            tokens[c].dep == "ccomp" and c > j for c in self.p.children[verb])
        return j if goes_on else None

    def _clause_end(self, verb: int, start: int, end: int) -> int:
        """Where the complement of ``verb`` ends: before a comma and a clause of the verb's own or a speaker's
        participle ("denied that talks had taken place, calling the reports a provocation"), else at ``end``."""
        tokens = self.p.tokens
        framing = self.lex.words("frame_participles")
        for j in range(start + 2, end):
            # (not "… had organised the protests and called for the seizure of buildings": a demand they made, inside
            # the complement)
            if tokens[j].dep == "cc" and j + 1 < end and self._outer_speech(j + 1) == verb \
                    and not (j + 2 < end and tokens[j + 2].lower == "for"):
                # "that police had acted lawfully and denied that …": the second verb is the speaker's
                return j - 1 if tokens[j - 1].text == "," else j
            joined = tokens[tokens[j].head]
            if tokens[j].dep == "cc" and joined.dep == "conj" and joined.number and joined.number == tokens[verb].number \
                    and tokens[joined.head].number and tokens[joined.head].number != joined.number \
                    and start <= joined.head < joined.i:
                # "заявила, что её подзащитного пытали …, и намерена обжаловать приговор": a second predicate that
                # agrees with the speaker's verb, not with the complement's, is the speaker's
                return j - 1 if tokens[j - 1].text == "," else j
            if tokens[j].dep == "cc" and (tokens[j].head == verb or joined.dep == "conj" and joined.head == verb
                                          or joined.head == joined.i and joined.i != verb and joined.pos == "VERB"):
                # (or a second root the parse made of it: "заявил, что P, а сообщения … назвал «…»")
                # "заявили, что P, и отрицали …", "insisted that P and said …": the verb's own second verb
                return j - 1 if tokens[j - 1].text == "," else j
            if tokens[j - 1].text == "," and tokens[j].lower in ("an", "a", "the") and j + 1 < end \
                    and tokens[j + 1].lower in _SUMMARY_NOUNS:
                return j - 1  # "…, an allegation the Prosecutor General's Office rejected": what another made of it
            if tokens[j - 1].text == "," and tokens[j].lower == "однако" and self.lex.language == "ru":
                return j - 1  # "заявил, что P, однако опровергать сообщение не стал": the speaker's (or author's) next clause
            if tokens[j - 1].text == "," and (tokens[j].lower in framing or
                                              (tokens[j].head == verb and tokens[j].dep == "advcl")):
                return j - 1
        return end

    def _hypothetical(self, verb: int) -> bool:
        """Speech that has not happened: "a government that will deny they were ever there", "may claim",
        "будет отрицать"."""
        tokens = self.p.tokens
        if self.negated(verb) and tokens[verb].lemma in ("verify", "confirm", "corroborate"):
            return False  # "Reuters could not independently verify the report": it tried and failed, a question
        # "will deny they were ever there and call the whole thing …": the joined verb shares the modal (the parser
        # may join it to the complement's verb instead)
        verbs = [verb]
        if self._participle(verb) and any(tokens[c].dep == "aux" and tokens[c].lower in _MODALS | {"would", "'d"}
                                          for c in self.p.children[tokens[verb].head]):
            return True  # "would come running to Moscow while insisting that …": the governor's modal
        if tokens[verb].dep == "conj" and tokens[verb].head != verb:
            verbs.append(tokens[verb].head)
            if tokens[verbs[-1]].dep == "ccomp":
                verbs.append(tokens[verbs[-1]].head)
        return any(tokens[c].dep in ("aux", "aux:pass") and tokens[c].lower in _MODALS
                   for v in verbs for c in self.p.children[v])

    def _wanted(self, verb: int) -> bool:
        """Speech another verb wants, not speech made: "Moscow wants Dushanbe to believe …", "заставить поверить"
        (but "went on to say", "продолжает утверждать" are said)."""
        tokens = self.p.tokens
        tok = tokens[verb]
        if tok.dep not in ("xcomp", "ccomp") or tok.head == verb:
            return False
        governor = tokens[tok.head]
        if governor.lemma in _EAGER or governor.lower.startswith(_EAGER_RU) or tokens[governor.head].lemma in _EAGER:
            return False  # (the head's: "were quick to", an acomp)
        infinitive = any(tokens[c].lower == "to" for c in self.p.children[verb]) if self.lex.language == "en" \
            else tok.lower.endswith(("ть", "ться", "ти"))
        return infinitive and self.stance_of(governor) is None

    def _outer_speech(self, verb: int) -> int | None:
        """The reporting verb whose speaker also speaks ``verb``: "X told reporters that police had acted lawfully
        and denied that anyone was beaten". ``verb`` is a reporting verb joined to the backshifted verb ("had
        acted") of another reporting verb's complement, without an auxiliary of its own, or (Russian) to a
        complement verb whose subject's number is not its own; else None."""
        tokens = self.p.tokens
        tok = tokens[verb]
        if tok.dep != "conj" or self.stance_of(tok) is None or tok.head == verb:
            return None
        inner = tokens[tok.head]
        for _ in range(4):  # "their patrol had fired at persons who crossed the border and denied …": up to the complement
            if inner.dep != "relcl" and not (inner.dep in ("pobj", "prep", "obj", "dobj") and tok.dep == "conj"
                                             and tokens[tok.head].dep == "relcl"):
                break
            inner = tokens[inner.head]
        outer = inner.head
        aux = lambda i: any(tokens[c].dep in ("aux", "aux:pass", "auxpass") for c in self.p.children[i])  # noqa: E731
        if inner.dep != "ccomp" or outer == inner.i or self.stance_of(tokens[outer]) is None or aux(verb):
            return None
        # "подтвердило, что снаряды прилетели …, и сообщило об …": a Russian verb that does not agree in number
        # with the complement's subject is not that subject's
        disagrees = tok.number and any(tokens[c].dep in SUBJECTS and tokens[c].number and tokens[c].number != tok.number
                                       for c in self.p.children[inner.i])
        # ("заявили, что огонь первыми открыли киргизские военные, и сообщили о …": Russian puts no comma before an
        # "и" joining two verbs of one subject, so a comma there opens the speaker's next verb)
        comma_and = self.lex.language == "ru" and any(
            tokens[c].dep == "cc" and tokens[c].lower == "и" and c > 0 and tokens[c - 1].text == ","
            for c in self.p.children[verb])
        return outer if aux(inner.i) or disagrees or comma_and else None

    def _reported(self, verb: int, stance: str) -> Claim | None:
        tokens = self.p.tokens
        outer = self._outer_speech(verb)
        head = self.speaking_subject(outer if outer is not None else verb)
        if head is None or self._hypothetical(verb) or tokens[head].lower in ("you", "вы", "ты") \
                or tokens[head].lower == "one" and not self.p.children[head]:
            return None  # "you cannot … and expect nobody to notice", "One would think …": the author's own voice
        if self._wanted(verb):
            return None
        if stance == "deny_if_content" and self._participle(verb) \
                and self.stance_of(tokens[self._participle_governor(verb)]) is not None:
            return None  # 'denied that …, calling the reports "a provocation"': the label goes with the denial (its quote)
        if self._quoted_as_saying(verb):
            stance = "assert"  # what the quoted one said, as if said to the author
        span = self._complement(verb, stance)
        if span is not None and (q := self.in_quote(span[0])) is not None and q.close < span[1] - 3 \
                and re.search(r"\b(?:as|как)\s*$", self.text[max(0, q.open - 6):q.open], re.IGNORECASE):
            # 'dismissed as "fabrications" claims by relatives that …': the label is not the claim (but in
            # 'said that "no one from the Emirate" was involved' the quote opens it)
            span = self._trim(q.close, span[1])
        if span is None or span[1] - span[0] < 3:
            return None
        when = _SAID_WHEN.match(self.text, span[0], span[1])
        if when and span[0] > tokens[verb].start:
            span = (when.end(), span[1])  # "said on Monday it had detained …": the day is the saying's
        if stance == "assert" and _INDIRECT_QUESTION.match(self.text, span[0]):
            return None  # "Кремль напомнил Астане, кто в доме хозяин": an indirect question states nothing
        if stance == "deny_if_content":
            sent = self.p.sentence_of(verb)
            frame = self.text[tokens[sent[0]].start : tokens[sent[1] - 1].end]
            if not self.label_denies(frame):
                return None
            stance = "deny"
            # 'called reports that P "a provocation"': the label after a clause is no part of P (in "назвал эту
            # информацию «безосновательной»" it stays with the noun it describes)
            label = self.in_quote(span[1] - 1)
            if label is not None and label.open > span[0] and self.label_denies(self.text[label.start:label.end]) \
                    and any(t.pos in ("VERB", "AUX") for t in self.p.tokens_in(span[0], label.open)):
                span = self._trim(span[0], label.open)
        elif stance == "assert_nominal":
            stance = "accuse"  # an accusation asserts, whatever its words ("обвинили Бишкек в провокации")
        elif stance == "belief":
            if any(tokens[c].lower in self.lex.words("first_person") for c in self._subjects(verb)):
                return None  # "I think …", "мы считаем …": the speaker's own opinion, part of what they say
            if not any(t.pos in ("VERB", "AUX") for t in self.p.tokens_in(span[0], span[1])) and not re.search(
                    r"(?<!\w)(?:что|that|будто)(?!\w)", self.text[min(tokens[verb].end, span[0]):span[0]], re.IGNORECASE):
                return None  # "считают себя гражданами Казахстана": what they consider themselves, no proposition
            stance = self.belief_stance(span[0], span[1])
        elif stance == "question" and tokens[verb].lemma == "ask" and not any(t.lower in ("whether", "if") for t in self.p.tokens_in(tokens[verb].end, span[0] + 1)):
            return None
        claim = Claim(span[0], span[1], cue=tokens[verb].text, kind="reported")
        claim.speaker, claim.speaker_span, claim.pronoun = self.speaker(head)
        if stance in ("confirm", "deny") and self._neither(self.p.sentence_of(verb)):
            stance = "question"  # "He neither confirmed nor denied the report", "не подтвердил, но и не опроверг"
        elif self.negated(verb) and _RULE_OUT.match(self.text, tokens[verb].start):
            stance = "predict"  # "Эксперты не исключают, что конфликт может возобновиться", "did not rule out that"
        elif stance == "confirm" and tokens[verb].lower.startswith("призна") and not self.negated(verb) and any(
                tokens[c].case == "Ins" for c in self.p.children[verb]):
            # "суд признал экстремистскими материалы издания", "«Мемориал» признал Лаптева политзаключенным": a
            # designation, which asserts, not an admission
            stance = "assert"
        elif self.negated(verb) and stance == "confirm" and _GUILT.match(self.text, span[0]):
            stance = "deny"  # "их подзащитные вину не признают", "did not admit guilt": they deny the charge
        elif self.negated(verb):
            if stance not in ("confirm", "deny"):
                return None  # "the statement did not say where the drone came from" claims nothing
            stance = {"confirm": "question", "deny": "confirm"}[stance]
        sent = self.p.sentence_of(verb)
        lo = min(verb, head)
        hi = max(verb + 1, next((t.i for t in tokens[verb:sent[1]] if t.start >= span[0]), sent[1]))
        if span[1] <= tokens[verb].start and not (head < verb and tokens[head].start < span[0]):
            hi = sent[1]  # fronted: the frame follows the claim (not "В МИД этого не подтвердили, однако … ТАСС")
        claim.via, cites = self.via_for(claim.speaker, lo, hi, sent)
        if claim.via is None and tokens[verb].dep not in ("relcl", "acl:relcl"):
            # (not "X told Reuters P, an allegation the ministry rejected": the ministry told Reuters nothing)
            # ... within the verb's own clause: not "этого не подтвердили, однако X заявил ТАСС"
            stop = next((t.i for t in tokens[verb + 1:sent[1]] if t.lower in _CLAUSE_BREAKS
                         and tokens[t.i - 1].text == ","), sent[1])
            outside = [t.i for t in tokens[sent[0]:stop] if not (span[0] <= t.start < span[1])]
            if outside:
                claim.via, _ = self.via_for(claim.speaker, outside[0], outside[-1] + 1, sent)
                if claim.via and self.text[span[0]:span[1]].find(claim.via[0]) >= 0:
                    claim.via = None
        if stance == "accuse":
            claim.stance = "cite" if cites else "assert"
        else:
            claim.stance = self.content_stance("cite" if cites and stance == "assert" else stance, span[0], span[1])
        claim.frame = (tokens[lo].start, tokens[hi - 1].end)
        return claim

    # -- the author's own claims -------------------------------------------
    def author_claims(self, taken: list[Claim], score) -> list[Claim]:
        doc = self.doc
        speaker = _author_name(doc)
        claims = []
        title_end = len(doc.title) if doc.title and self.text.startswith(doc.title) else 0
        for first, last in self.p.sentences:
            if first >= last:
                continue
            start, end = self.p.tokens[first].start, self.p.tokens[last - 1].end
            while end > start and self.text[end - 1].isspace():
                end -= 1
            while start < end and (self.text[start] in "-*•–— \t" or _SYMBOL.match(self.text, start)):
                start += 1  # a list item's marker, a post's emoji
            if end <= title_end or not any(t.pos in ("VERB", "AUX") for t in self.p.tokens[first:last]):
                continue
            if any(c.start < end and start < c.end for c in taken) or any(c.frame and c.frame[0] < end and start < c.frame[1] for c in taken):
                continue
            if any(q.open < end and start < q.close and len(_WORD.findall(self.text[q.start:q.end])) > 3 for q in self.quotes):
                continue
            body = self.text[start:end].rstrip()
            if body.endswith(("?", "!", ":")) or len(_WORD.findall(body)) < 5 or "\n" in body.strip():
                continue
            if body[-1:].isalnum() and (end >= len(self.text) or self.text[end:end + 1] == "\n"):
                continue  # a headline or a label line ("Three myths about the Rogun dam"): no sentence of the author's
            denied = self._denied_subject(first, last)
            if denied is not None:
                # "Заявления официальных лиц КР о том, что P, не соответствуют действительности", "Claims by Kyrgyz
                # officials that P are false": the author denies what the subject says someone claimed
                denial = Claim(start, denied, speaker=str(speaker), stance="deny", kind="author")
                embedded = self._embedded(denial)
                claims += [denial] + ([embedded] if embedded is not None else [])
                continue
            trailing = _TRAILING_SAID.fullmatch(body) if self.lex.language == "en" else None
            if trailing is not None:
                # "X took delivery of drones, the State Committee for National Security (GKNB) said on Wednesday,
                # bringing …", "…near Ak-Sai, Asia-Plus reported, citing a source": the attribution the parse missed
                claims.append(self._trailing_claim(start, trailing))
                continue
            claim = Claim(start, end, speaker=str(speaker), stance="assert", kind="author")
            if score(self, claim) >= AUTHOR_MIN:
                claims.append(claim)
        return claims

    def _trailing_claim(self, start: int, m: re.Match) -> Claim:
        who = clean(m.group("speaker"), self.lex)
        cited = m.group("cited")
        stance = {"confirmed": "confirm", "denied": "deny"}.get(m.group("verb"), "cite" if cited else "assert")
        claim = Claim(*self._trim(start, start + m.end("content")), speaker=who, kind="reported", cue=m.group("verb"),
                      stance=stance)
        claim.stance = self.content_stance(stance, claim.start, claim.end)
        if cited:
            claim.via = [who, clean(cited, self.lex)]
        return claim

    def _denied_subject(self, first: int, last: int) -> int | None:
        """Where the subject ends when a sentence opens with a noun of saying and says it is false ("Claims by X that P
        are false", "Сообщения о том, что P, не соответствуют действительности"), else None."""
        tokens = self.p.tokens
        words = [t for t in tokens[first:last] if t.pos != "PUNCT"]
        opening = next((i for i, t in enumerate(words[:3]) if t.lower in self.lex.words("claim_nouns")), None)
        if opening is None or any(t.pos in ("NOUN", "PROPN") for t in words[:opening]):
            return None
        found = _FALSE_PREDICATE.search(self.text, words[opening].end, tokens[last - 1].end)
        if found is None:
            return None
        return self._trim(words[opening].start, found.start())[1]


# A sentence of the author's becomes a claim at this check-worthiness: base 0.2 plus
# at least 0.3 of evidence (numbers, dates, named actors, event verbs).
AUTHOR_MIN = 0.5


def resolve_pronouns(claims: list[Claim], ex: Extractor) -> None:
    """Give pronoun speakers a name: he/she/его -> the last person named; they/it/which -> the last speaker."""
    last_speaker: str | None = None
    last_at = 0
    speakers: list[str] = []
    person_names = {name for _, name in ex.persons}
    for claim in sorted(claims, key=lambda c: c.start):
        if claim.pronoun is not None and claim.speaker is None and claim.pronoun.startswith("the "):
            body = claim.pronoun[4:]
            claim.speaker = next((s for s in reversed(speakers) if re.search(rf"\b{body}\b", s, re.I)), body)
            claim.pronoun = None
        elif claim.pronoun is not None and claim.speaker is None:
            at = claim.speaker_span[0] if claim.speaker_span else claim.start
            if claim.pronoun in ex.lex.words("pronouns_person"):
                # (not a name inside a quote, a one-letter platform the NER calls a person, "he wrote on X", or a place
                # the NER calls one, "said by phone from Kuf Ab")
                # (nor one the claims just before speak of, when a person said them or they ask: "Zabihullah Mujahid dismissed
                # the Tajik account as fabricated. '…,' he said", "Asked whether President Sadyr Japarov had been
                # informed, he replied")
                spoken_of = [(c.start, c.end, c.speaker or "") for c in claims if c is not claim and c.kind != "author"
                             and 0 < at - c.start < 400 and (c.stance == "question" or c.speaker in person_names)]
                # (nor a man for "она": "— заявила она" after the mother of "Азизбек Турсунов")
                other_gender = {"она": "Masc", "он": "Fem"}.get(claim.pronoun)
                people = [name for offset, name in ex.persons if offset < at and not ex.quoted(offset) and len(name) > 2
                          and not _PLACE_BEFORE.search(ex.text, max(0, offset - 8), offset)
                          and not any(s <= offset < e and name not in who for s, e, who in spoken_of)
                          and not (other_gender and len(name.split()) > 1
                                   and first_name_gender(name.split()[0]) == other_gender)]
                claim.speaker = people[-1] if people else last_speaker
            elif claim.pronoun == "it":  # "It urged Tashkent …" after "at least 14 of the people had told relatives …"
                claim.speaker = next((s for s in reversed(speakers) if not _plural(s)), last_speaker)
            else:
                # "подсудимые … участвовали в нападении … Свою вину они не признали": a plural subject named after the
                # last speaker (Russian, where the parse gives number) is whom "они" stands for
                # (in English only with no speaker before: "Western media love a simple story. …, they told …")
                subject = _plural_subject_between(ex, last_at, at) \
                    if ex.lex.language == "ru" or last_speaker is None else None
                claim.speaker = ex.speaker(subject)[0] if subject is not None else last_speaker
        if claim.speaker and claim.kind != "author":
            last_speaker, last_at = claim.speaker, claim.start
            speakers.append(claim.speaker)
    # '"The group received instructions …," the statement said' after "the service said in a statement": the statement
    # is the last speaker's
    named: list[tuple[int, str]] = []
    for claim in sorted(claims, key=lambda c: c.start):
        noun = (claim.speaker or "").casefold().removeprefix("the ").removeprefix("this ")
        # (one the claim itself names first: "X said …, according to a notice published on its website")
        inside = [c.speaker for c in claims if c is not claim and claim.start <= c.start < claim.end and c.speaker
                  and c.kind != "author" and c.speaker.casefold().removeprefix("the ") not in _STATEMENT_NOUNS]
        if noun in _STATEMENT_NOUNS and (inside or named):
            owner = inside[0] if inside else named[-1][1]
            if claim.via and claim.via[0] == claim.speaker:
                claim.via = [owner] + claim.via[1:]  # "The report, which cited satellite images, said …"
            claim.speaker = owner
        elif claim.speaker and claim.kind != "author":
            named.append((claim.start, claim.speaker))
    # '"This is a turning point," Umarov added' after "said Temur Umarov" (or after the text named him in full
    # anywhere: "заявил официальный представитель министерства Шохин Самади" … "сказал Самади"): one person
    full = [s for s in speakers + [name for offset, name in ex.persons if not ex.quoted(offset)]
            if len(s.split()) in (2, 3) and all(w[:1].isupper() for w in s.split())]
    for claim in claims:
        name = claim.speaker or ""
        if " " not in name and name[:1].isupper() and len(name) > 2:
            matches = {s for s in full if s.split()[-1] == name}
            if len(matches) == 1:
                claim.speaker = matches.pop()
                if claim.via:
                    claim.via = [claim.speaker if v == name else v for v in claim.via]
    by_group: dict[int, str] = {}
    for claim in claims:
        if claim.group is not None and claim.speaker:
            by_group.setdefault(claim.group, claim.speaker)
    for claim in claims:
        if claim.group is not None and claim.speaker is None and claim.group in by_group:
            claim.speaker = by_group[claim.group]


def _plural_subject_between(ex: Extractor, start: int, end: int) -> int | None:
    """The last plural nominative noun that is a subject between offsets ``start`` and ``end``."""
    found = [t.i for t in ex.p.tokens if start <= t.start < end and t.dep in SUBJECTS and t.pos == "NOUN"
             and t.number == "Plur" and t.case in ("Nom", "")]
    return found[-1] if found else None


_CHARGE_NAMED = re.compile(r"(?:обвинени\w+|обвиняем\w+|обвинил\w*|статье|статьям|charged\s+with|charges?\s+of|"
                            r"accused\s+of|convicted\s+of|on\s+suspicion\s+of)\s+(?:в\s+|во\s+)?$", re.I)
_COUNTED_WORKS = {"tally", "count", "study", "survey", "estimate", "estimates", "analysis", "poll", "report", "review",
                  "investigation", "database", "data"}
_STATEMENT_NOUNS = {"statement", "report", "communique", "press release", "release", "notice", "заявление", "сообщение",
                    "пресс-релиз", "релиз", "документ"}
_PLURAL_HEADS = {"people", "police", "officials", "residents", "sources", "witnesses", "relatives", "activists", "men",
                 "women", "children", "lawyers", "experts", "analysts", "authorities", "forces", "troops", "groups"}


def _plural(speaker: str) -> bool:
    """An English speaker phrase whose head is plural ("at least 14 of the people", "local officials"); a name
    ending in "s" ("Reuters") is not."""
    last = speaker.split()[-1] if speaker.split() else ""
    return last.lower() in _PLURAL_HEADS or (last.islower() and last.endswith("s") and not last.endswith("ss"))


def merge(quotes: list[Claim], reported: list[Claim]) -> list[Claim]:
    """Quotes win over reported speech whose complement they mostly are; exact duplicates go."""
    kept: list[Claim] = list(quotes)
    for claim in reported:
        covered = 0
        for q in quotes:
            overlap = min(q.end, claim.end) - max(q.start, claim.start)
            if overlap > 0:
                covered += overlap
                if q.speaker is None and q.pronoun is None:
                    q.speaker, q.pronoun, q.speaker_span, q.via = claim.speaker, claim.pronoun, claim.speaker_span, claim.via
        if covered >= 0.5 * (claim.end - claim.start):
            continue
        # (but one denies what another asserts in the same words: "X told Reuters P, an allegation Y rejected")
        if any(abs(k.start - claim.start) < 3 and abs(k.end - claim.end) < 3
               and (k.speaker == claim.speaker or k.stance == claim.stance) for k in kept):
            continue
        kept.append(claim)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _outlet_in_speaker(claim: Claim) -> None:
    """"Два собеседника РИА Новости в силовых структурах", "источник «Известий» в правительстве": the outlet
    carried their words, so it heads the chain (``via``)."""
    if claim.via or not claim.speaker:
        return
    found = sources().find_outlet(claim.speaker)
    if found is None or (found[0], found[1]) == (0, len(claim.speaker)):
        return
    rest = claim.speaker[: found[0]].rstrip(" «\"“„") + " " + claim.speaker[found[1]:].lstrip(" »\"”")
    rest = re.sub(r"\s+", " ", rest).strip(" ,")
    if rest and rest.casefold() not in OUTLET_HEADS:  # "агентство Reuters" is the outlet itself
        claim.via = [found[2], rest]


# a sentence that ends with who said it, when the parse did not find the verb's subject (an abbreviation in brackets,
# a participle clause after it, a place name before the comma that the parse joined to the speaker)
_TRAILING_SAID = re.compile(
    r"(?P<content>[^\n]{20,}?),\s+(?P<speaker>(?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|for|and|on|the))*|"
    r"the\s+(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)(?:\s+\([A-Z][\w-]{1,10}\))?\s+(?P<verb>said|says|reported|reports|"
    r"announced|stated|confirmed|denied|added|wrote)(?:\s+(?:on|last)\s+[A-Z]\w+|\s+in\s+a\s+statement)?"
    r"(?:,\s+(?:citing|quoting)\s+(?P<cited>[^,.;]{3,80}))?(?:,\s+[^.;]{0,160})?\.")
# (an answer, not an aside: "The attack, officials said, was planned" stays whole)
_ANSWER_AFTER = re.compile(r",\s+(?:he|she|they|it|(?-i:[A-Z])[\w-]+)\s+(?:(?:replied|answered|responded)\b\s*[:,]|"
                           r"(?:said|added)\s*:)|,\s+(?:ответил|ответила|ответили)\s+(?:он|она|они)?\s*[:,]|"
                           r",\s+(?:сказал|сказала|заявил|заявила)\s+(?:он|она|они)?\s*:", re.I)
_ASKED_BY = re.compile(r"(?:\b(?:asked|questioned|contacted|reached)\b[^,.;]{0,60}?\bby|\bin\s+an\s+interview\s+with|"
                       r"(?<!\w)в\s+интервью)\s+(?P<who>[^,.;]+)", re.IGNORECASE)
_INDIRECT_QUESTION = re.compile(r"(?:who|whom|where|when|why|how|кто|кого|кому|где|куда|когда|почему|зачем|как)\b",
                                re.IGNORECASE)
_RELATIVES = {"which", "that", "who", "который", "которая", "которое", "которые", "которых", "которым"}
LIST_LABEL_KINDS = ("opponent", "counter", "motive")
# participles of putting a text out: "published by", "issued by", "подготовленный фондом", "опубликованный институтом"
_PUBLISHED = ("published", "posted", "issued", "released", "written", "produced", "prepared", "compiled", "опубликован", "подготовлен",
              "выпущен", "написан", "составлен")


@lru_cache(maxsize=2)
def _list_label(language: str) -> re.Pattern[str]:
    """A rebuttal list's label with its number: "Myth 1", "Fact", "Миф первый"; the group ``word`` is the label."""
    lex = lexicon(language)
    labels = [w for kind in LIST_LABEL_KINDS for w in lex.words(f"list_labels_{kind}")]
    words = "|".join(sorted((re.escape(w) for w in labels), key=len, reverse=True))
    return re.compile(rf"(?P<word>{words})(?:\s+(?:no\.?\s*|№\s*)?\d+|\s+\w+(?:ый|ой|ий))?", re.IGNORECASE)


@dataclass(frozen=True)
class ListLine:
    """A line of a rebuttal list: its kind (opponent: "Myth 1:", counter: "Fact:", motive: "Motive:" or a short
    lead such as "Why they say it:" between the two), where the line starts and its text after the colon."""

    kind: str
    start: int
    body: tuple[int, int]
    label: str


_LEAD = re.compile(r"(?P<lead>[^\n.!?:]{1,60}):[^\S\n]*(?=\S)")
_NEXT_LINE = re.compile(r"\n[^\S\n]*(\S[^\n]*)")


def rebuttal_lines(ex: "Extractor") -> list[ListLine]:
    """The labelled lines of a rebuttal list ("Myth 1: … / Why they say it: … / Fact: …"); [] unless the text has
    at least one opponent line and one counter line."""
    text, pattern = ex.text, _list_label(ex.lex.language)
    kinds = {w.casefold(): kind for kind in LIST_LABEL_KINDS for w in ex.lex.words(f"list_labels_{kind}")}
    found: list[ListLine | tuple[int, tuple[int, int], str]] = []
    for line in re.finditer(r"^[^\S\n]*(\S[^\n]*)$", text, re.MULTILINE):
        start, end = line.start(1), line.end(1)
        label = pattern.match(text, start)
        if label and text.startswith(":", label.end()):
            body = ex._trim(label.end() + 1, end)
            if body[0] >= body[1]:  # "Myth 1:" alone on its line: the next line says it
                following = _NEXT_LINE.match(text, end)
                body = ex._trim(following.start(1), following.end(1)) if following else body
            if body[0] < body[1]:
                found.append(ListLine(kinds[label.group("word").casefold()], start, body, label.group(0)))
            continue
        lead = _LEAD.match(text, start)
        if lead and len(_WORD.findall(lead.group("lead"))) <= 6:
            found.append((start, ex._trim(lead.end(), end), lead.group("lead").strip()))
    labelled = [x for x in found if isinstance(x, ListLine)]
    if not any(x.kind == "opponent" for x in labelled) or not any(x.kind == "counter" for x in labelled):
        return []
    lines: list[ListLine] = []
    for i, item in enumerate(found):
        if isinstance(item, ListLine):
            lines.append(item)
            continue
        before = next((x for x in reversed(found[:i]) if isinstance(x, ListLine)), None)
        after = next((x for x in found[i + 1:] if isinstance(x, ListLine)), None)
        if before is not None and after is not None and before.kind == "opponent" and after.kind == "counter" \
                and item[1][0] < item[1][1]:
            lines.append(ListLine("motive", item[0], item[1], item[2]))
    return lines


def _rebuttal_claims(ex: "Extractor", claims: list[Claim]) -> list[Claim]:
    """A rebuttal list's lines as claims: what a myth line states is the opponents' (nobody named on it), not the
    author's; the author imputes the motive and, on the counter line, denies the myth before it (``rebuts``).
    Claims whose speaker or frame lies in a line's label or lead ("Why they say it:") go."""
    author = _author_name(ex.doc)
    last_opponent: Claim | None = None
    for line in rebuttal_lines(ex):
        start, end = line.body

        def framed_in_lead(c: Claim) -> bool:  # "Why they say it: …" is no speech of "they"; 'Myth 1: "…"' stays a quote
            return not (c.quote and c.speaker is None) and any(span and line.start <= span[0] < start
                                                               for span in (c.frame, c.speaker_span))

        claims = [c for c in claims if not (line.start <= c.start < end and (
            c.kind == "author" or framed_in_lead(c)
            # "Ложь № 1: Москва не признаёт границы Казахстана": what the myth says, no claim of Moscow's
            or line.kind == "opponent" and not c.quote and not is_outlet(c.speaker, "")
            # (but "Claim: P, according to posts shared on Telegram" / "P, a video on TikTok says" names who makes it)
            and not (c.speaker and (c.kind == "according" or c.speaker_span and c.speaker_span[0] >= c.end))))]
        on_line = [c for c in claims if max(c.start, start) < min(c.end, end)]
        if sum(min(c.end, end) - max(c.start, start) for c in on_line) >= 0.5 * (end - start):
            # 'Myth 1: "…"' is already a quote nobody on the line speaks; a named source's words stay theirs
            unnamed = [c for c in on_line if c.speaker is None] or [c for c in on_line if c.kind != "author"]
            last_opponent = unnamed[0] if line.kind == "opponent" and unnamed else None
            continue
        if line.kind == "opponent":
            claim = Claim(start, end, speaker=None, stance="assert", kind="reported", cue=line.label)
            last_opponent = claim
        elif line.kind == "counter":
            claim = Claim(start, end, speaker=author, stance="deny" if last_opponent else "assert", kind="author",
                          cue=line.label, rebuts=last_opponent)
            last_opponent = None
        else:
            claim = Claim(start, end, speaker=author, stance="assert", kind="author", cue=line.label)
        claims.append(claim)
    return claims


_QUESTION_LINE = re.compile(r"^[ \t*_]*(?:Q|Вопрос|В)[ \t*_]*[:.—–]", re.MULTILINE)
_ANSWER_LINE = re.compile(r"^[ \t*_]*(?:A|Ответ|О)[ \t*_]*[:.—–][ \t*_]*", re.MULTILINE)
# who answers: "Interview with X", "Интервью с X", or the title's 'Quote: a Kyrgyz MP on the CSTO'
_INTERVIEWEE = (re.compile(r"\b(?:interview|conversation|talk)\s+with\s+([^\n.,:;]{3,60})", re.I),
                re.compile(r"(?:интервью|беседа|разговор)\s+с\s+([^\n.,:;]{3,60})", re.I),
                # the lead: "Политолог Андрей Серенко в интервью «Независимой газете» рассказал …"
                re.compile(r"(?:^|\n)([А-ЯЁ][^\n.,:;«»]{3,60}?)\s+в\s+интервью\b"),
                re.compile(r"(?:^|\n)([A-Z][^\n.,:;]{3,60}?),?\s+(?:said\s+)?in\s+an\s+interview\s+with\b"),
                # the lead says whom the outlet spoke to: "Asia-Plus spoke to Rustam Haidarov, a retired colonel …",
                # "Kaktus.media поговорил с экспертом …, бывшим сотрудником Совбеза Кубатом Рахимовым о …"
                re.compile(r"\b(?:spoke|talked|sat\s+down)\s+(?:to|with)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,2})"),
                re.compile(r"(?<!\w)(?:по)?(?:говорил|беседовал|беседует)\w*\s+с\s+[^\n.:;]{0,120}?"
                           r"([А-ЯЁ][а-яё]+(?:ом|ем|ым|им)\s+[А-ЯЁ][а-яё]+(?:ом|ем|ым|им|ой|ей))\s+(?:о|об|обо)\s"),
                # a line of its own under the title: "Интервью с гидрологом Бахтиёром Нуровым"
                re.compile(r"\n[ \t]*(?:interview|conversation|интервью|беседа|разговор)\s+(?:with|с)\s+([^\n.,:;]{3,60})",
                           re.I),
                # the lead names who spoke to the outlet or answered its questions: "Major General Rustam Nazarzoda,
                # deputy head of …, spoke to RFE/RL", "Бахтиёр Рахимов ответил на вопросы «Коммерсанта»"
                re.compile(r"\b([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){1,3}),\s+[^\n.]{0,140}?,\s+(?:spoke|talked)\s+(?:to|with)\s"),
                re.compile(r"(?<![\w-])([А-ЯЁA-Z][\w-]+\s+[А-ЯЁA-Z][\w-]+)\s+(?:ответил\w*\s+на\s+вопросы|answered\s+"
                           r"(?:the\s+)?questions)|(?<!\w)попросил\w*\s+(?:прокомментировать|рассказать|ответить)[^\n.:;]{0,140}"
                           r"([А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:а|у))(?=[\s.,])"),
                re.compile(r"^[\"“«].{3,120}?[\"”»]\s*[:—–]\s*(.{3,60}?)\s+(?:on|about|о|об)\s", re.I),
                # the title quotes them by name: "Бахтиёр Рахимов: «Мы не исключаем …»"
                re.compile(r"^([А-ЯЁA-Z][\w-]+\s+[А-ЯЁA-Z][\w-]+)\s*:\s*[«\"“]"))
# a Russian transcript: "— Насколько реальна угроза …?" asks, "— Угроза вполне реальна. …" answers
# (typed with a hyphen too: "- Тимур, кому сейчас верить?")
_DASH_QUESTION = re.compile(r"^[ \t]*[—–-][ \t]+[^\n]*\?[ \t]*$", re.MULTILINE)
_DASH_ANSWER = re.compile(r"^[ \t]*[—–-][ \t]+(?=[^\n]*[^?\s][ \t]*$)", re.MULTILINE)


def _habitual(ex: "Extractor", claim: Claim) -> bool:
    """Whether a claim stands in a "when …, it usually means" clause: "When Maria Zakharova calls a story
    «disinformation», it usually means …" tells what she does whenever, no one saying anything."""
    inside = ex.p.tokens_in(claim.start, claim.end)
    if not inside or claim.kind == "author":
        return False
    habit = _HABITUAL.match(ex.text, ex.p.tokens[ex.p.sentence_of(inside[0].i)[0]].start)
    return habit is not None and claim.start < habit.end("clause")


def _titled_speakers(ex: "Extractor", claims: list[Claim]) -> None:
    """"замминистра" after "Заместитель министра обороны России Алексей Криворучко", "аналитик" after "политолога …
    Тимура Исмаилова": a speaker named by a bare title is the person last named with a title of that kind (not just
    the last person: "Путин заявил … — сказал эксперт")."""
    title_end = ex.doc.title_end() or 0
    # (not the byline's author ingest found: "Автор: Сабина Назарова")
    byline = ex.doc.meta.get("byline")
    wrote = range(byline[0], byline[1]) if isinstance(byline, list) and len(byline) == 2 else range(0)
    people = [(offset, name) for offset, name in ex.persons if not ex.quoted(offset) and offset >= title_end
              and len(name.split()) in (2, 3) and all(w[:1].isupper() for w in name.split()) and offset not in wrote]
    for claim in claims:
        kind = _TITLES.get((claim.speaker or "").casefold())
        if kind is None:
            continue
        # (a headline's title is the one the lead names: "«…»: аналитик о ситуации на границе")
        headline = claim.start < title_end
        described = [name for offset, name in people if (offset < claim.start or headline and offset < 800)
                     and kind.search(ex.text, max(title_end, offset - 100), min(len(ex.text), offset + len(name) + 60))]
        if described:
            claim.speaker = described[0] if headline else described[-1]


_FIRST_PERSON = frozenset({"i", "we", "я", "мы"})


def _interview_answers(ex: "Extractor", claims: list[Claim]) -> None:
    """In an interview (two or more "Q:" and "A:" lines), what an answer line states is the interviewee's, not the
    author's: the one the title or a line "Interview with X" names, else "interviewee". Every sentence of an answer
    is their quote, however little it would weigh as the author's ("Это миф.", "I do not.")."""
    text = ex.text
    answers = list(_ANSWER_LINE.finditer(text))
    if len(answers) < 2 or len(_QUESTION_LINE.findall(text)) < 2:
        answers = list(_DASH_ANSWER.finditer(text))
        if len(answers) < 2 or len(_DASH_QUESTION.findall(text)) < 2:
            return
    title = ex.doc.title if ex.doc.title and text.startswith(ex.doc.title) else text[:200]
    # ("Interview with X" in the title, else a lead that names who spoke "в интервью" or whom the outlet spoke to, else
    # a line "Интервью с X" under the title, else the title's 'Quote: X on')
    found = next((m for p, source in zip(_INTERVIEWEE, (title, title, text[:400], text[:400], text[:1200], text[:1200],
                                                        text[:400], text[:1200], text[:1200], title, title))
                  for m in [p.search(source)] if m), None)
    group = next((g for g in range(1, (found.re.groups if found else 0) + 1) if found.group(g)), 1)  # the alternative that matched
    name = re.sub(r"^(?:an?|the)\s+", "", found.group(group).strip()) if found else "interviewee"
    if found and ex.lex.language == "ru":
        # "Беседа с депутатом Жогорку Кенеша Аркадием Дубновым": the role and the name after it in the nominative, the
        # genitive between as written
        at = found.start(group)  # (the title and the text's first 200 characters both start the text)
        person = next((a for a in ex.doc.layer("ner") if a.label == "PER" and at <= a.start < at + len(name)), None)
        cut = person.start - at if person else len(name)
        words = name[:cut].split()
        name = " ".join(w for w in [russian_nominative(words[0]) if words else ""] + words[1:] +
                        ([russian_nominative(name[cut:].strip())] if person else []) if w)
    ends = [text.find("\n", m.end()) for m in answers]
    spans = [(m.end(), e if e >= 0 else len(text)) for m, e in zip(answers, ends)]
    title_end = text.find("\n")
    for first, last in ex.p.sentences:  # the answers' sentences no claim took
        if first >= last:
            continue
        start, end = ex._trim(ex.p.tokens[first].start, ex.p.tokens[last - 1].end)
        inside = next(((s, e) for s, e in spans if s <= start < e or start < s < end), None)
        if inside is None or any(c.start < end and start < c.end for c in claims):
            continue
        start, end = ex._trim(max(start, inside[0]), min(end, inside[1]))
        if len(_WORD.findall(ex.text[start:end])) >= 2:
            claims.append(Claim(start, end, speaker=name, kind="quote", quote=True, cue=":",
                                stance=ex.content_stance("assert", start, end)))
    for claim in claims:
        # (an answer's first sentence starts at its "A:" label, before the answer's own words)
        answer = next(((s, e) for s, e in spans if claim.start < e and s < claim.end), None)
        if claim.kind == "author" and answer is not None:
            claim.speaker, claim.kind, claim.quote = name, "quote", True
            claim.start = max(claim.start, answer[0])
        elif answer is not None and (claim.speaker or "").casefold() in _FIRST_PERSON:
            claim.speaker = name  # "But I expect small incidents … to continue": the interviewee
        elif claim.quote and claim.speaker is None and claim.start < title_end:
            claim.speaker = name  # the headline quotes the interviewee
        question = _QUESTION_LINE.match(text, claim.start)
        if question:  # "Q: Bishkek has again asked …": the label is no part of the question
            claim.start = ex._trim(question.end(), claim.end)[0]


# an institution's own text: "Statement by the Ministry of Foreign Affairs of the Kyrgyz Republic on …",
# "Информационное сообщение МИД Таджикистана в связи с …"
_STATEMENT_TITLE = re.compile(r"^(?:Joint\s+)?(?:Statement|Press\s+release|Information\s+note|Communiqu[eé])\s+(?:by|of|from)\s+"
                              r"(?:the\s+)?(?P<en>.+?)(?:\s+(?:on|regarding|concerning|about|in\s+connection\s+with)\s.*)?$|"
                              r"^(?:Заявление|Информационное\s+сообщение|Сообщение|Комментарий|Пресс-релиз)\s+"
                              r"(?:пресс-службы\s+)?(?P<ru>(?:МИД|МВД|ГКНБ|МЧС|Министерств|Правительств|Посольств|"
                              r"Пограничн|Генпрокуратур|Администраци|Мэри|Аппарат)[^\n]*?)(?:\s+(?:в\s+связи\s+с|по\s+поводу|"
                              r"о|об|относительно|по)\s.*)?$")


# what says a claim is false: "… are false", "… does not correspond to reality", "… не соответствуют действительности"
_FALSE_PREDICATE = re.compile(r",?\s+(?:(?:are|is|were|was)\s+(?:(?:completely|absolutely|simply|totally)\s+)?(?:false|untrue|"
                              r"baseless|groundless|unfounded|fabricated|fake|a\s+lie|lies|fabrications|disinformation)|"
                              r"do(?:es)?\s+not\s+correspond\s+to\s+reality)\b|,?\s+(?:(?:абсолютно|полностью|совершенно)\s+)?"
                              r"(?:не\s+соответству\w+\s+действительности|явля\w+\s+(?:ложью|фейком|вымыслом|"
                              r"дезинформацией|неправдой)|(?:ложн|безосновательн|голословн|беспочвенн)\w+)(?!\w)", re.I)


_RELATIVE_PRONOUNS = frozenset({"that", "who", "which", "который", "которая", "которое", "которые", "котором", "которой",
                                "которых", "которого", "которому", "которым"})
# what one publishes: the one who published it speaks in it
_PUBLISHED_NOUNS = frozenset({"post", "article", "statement", "video", "message", "report", "пост", "публикацию", "статью",
                              "заявление", "видео", "сообщение", "материал"})


# (lemmas, or the stems of Russian forms, which the parse leaves unlemmatized)
_PUBLISH_VERBS = ("publish", "post", "release", "issue", "share", "опубликова", "публикова", "размести", "распространи",
                  "выпусти", "выложи")


def _author_name(doc: Document) -> str:
    """Who speaks in the author's own sentences: the byline, else the site, else the institution whose statement the
    title says the text is, else "author"."""
    statement = _STATEMENT_TITLE.match(doc.title or "") if not (doc.meta.get("author") or doc.meta.get("site")) else None
    if statement is not None:
        if statement.group("en"):
            return statement.group("en")
        head, _, rest = statement.group("ru").partition(" ")  # the head in the nominative, its genitives as written
        return " ".join(w for w in (russian_nominative(head), rest) if w)
    speaker = doc.meta.get("author") or doc.meta.get("site") or "author"
    name = ", ".join(map(str, speaker)) if isinstance(speaker, list) else str(speaker)
    byline = doc.meta.get("byline")
    if isinstance(byline, list) and len(byline) == 2 and isinstance(byline[0], int) and doc.meta.get("author") \
            and _GENITIVE_BYLINE.search(doc.text[max(0, byline[0] - 30):byline[0]]):
        return russian_nominative(name)  # "Колонка Андрея Лузина": whose column, in the genitive
    return name


# what the words a short quote stands in speak of: "ответил на слова Токаева о «непризнании»"
_TOPIC_BEFORE = re.compile(r"(?<!\w)(?:слов\w*|заявлени\w*|высказывани\w*|сообщени\w*|позици\w*|words|remarks|comments|"
                           r"statement|report)\s+(?:[\w-]+\s+){0,2}(?:о|об|обо|про|about|on)\s+$", re.I)
_TOLD_OUTLET = re.compile(r"\s+to\s+(?:the\s+)?(?:[A-Z]?[\w-]+\s+){0,2}(?:news\s+agency|agency|newspaper|broadcaster|"
                          r"television|channel|outlet|website)\s*$", re.I)
_DANGLING_CONJUNCTION = re.compile(r",?\s+(?:and|or|but|и|а|но|или)\s*$", re.I)
# the author's own first-person asides with a reporting verb's lemma
_AUTHOR_ASIDES = frozenset({"напомним", "напомню", "отметим", "отмечу", "подчеркнем", "подчеркнём", "подчеркну", "заметим",
                            "замечу", "уточним", "уточню", "добавим", "добавлю", "повторим", "повторю", "признаем",
                            "признаемся", "признаюсь", "скажем", "скажу"})
# a byline word that takes the author's name in the genitive (with a colon the name stays nominative)
_GENITIVE_BYLINE = re.compile(r"(?:^|\n)[ \t*_]*(?:Колонка|Комментарий|Мнение|Анализ|Блог)[ \t]+$")


def _within_paragraph(ex: Extractor, claim: Claim) -> Claim | None:
    """Reported speech never runs past its paragraph (a title without a full stop parses as one sentence with the lead)."""
    if claim.kind == "quote":
        return claim
    anchor = claim.frame[0] if claim.frame else claim.start
    # the segmenter's paragraph (a headline above its lead without a blank line is one of its own)
    para_start, para_end = next(((a.start, a.end) for a in ex.doc.layer("paragraph") if a.start <= anchor < a.end),
                                (None, None))
    if para_start is None:
        para_start = ex.text.rfind("\n\n", 0, anchor)
        para_start = 0 if para_start == -1 else para_start + 2
        para_end = ex.text.find("\n\n", anchor)
        para_end = len(ex.text) if para_end == -1 else para_end
    start, end = ex._trim(max(claim.start, para_start), min(claim.end, para_end))
    if end - start < 3:
        return None
    claim.start, claim.end = start, end
    return claim


def extract(doc: Document, score) -> list[Claim]:
    """Every claim in ``doc``, in text order; [] without a parse (unsupported language)."""
    view = parsed(doc)
    if view is None:
        return []
    ex = Extractor(doc, view, lexicon("ru" if doc.language == "ru" else "en"))
    quotes = ex.quote_claims()
    according = ex.according_claims() + ex.phrase_claims() + ex.anaphoric_claims()
    reported = ex.reported_claims()
    claims = [c for c in (_within_paragraph(ex, c) for c in merge(quotes, according + reported)) if c is not None]
    resolve_pronouns(claims, ex)
    for claim in claims:  # 'said it was "concerned" by the arrest': a short quote inside what a speaker said is theirs
        around = next((c for c in claims if not c.quote and c.speaker and c.start <= claim.start and claim.end <= c.end),
                      None) if claim.quote and len(_WORD.findall(ex.text[claim.start:claim.end])) <= 3 else None
        if around is not None and claim.speaker != around.speaker:
            claim.speaker, claim.speaker_span, claim.via = around.speaker, around.speaker_span, around.via
    for claim in claims:
        _outlet_in_speaker(claim)
    claims += ex.author_claims(claims, score)
    labels = _list_label(ex.lex.language)
    for claim in claims:  # "Myth 1: "…"", "Fact: The World Bank …": a rebuttal list's label neither speaks nor is said
        if claim.speaker and labels.fullmatch(claim.speaker):
            claim.speaker, claim.speaker_span = None, None
        lead = labels.match(ex.text, claim.start)
        if lead and ex.text.startswith(":", lead.end()):
            claim.start = ex._trim(lead.end() + 1, claim.end)[0]
    claims = _rebuttal_claims(ex, claims)
    _interview_answers(ex, claims)
    _titled_speakers(ex, claims)
    for line in doc.layer("dateline"):  # "ALMATY, Nov 30, 2026 - Gunmen opened fire …": the claim starts after it
        for claim in claims:
            if line.start <= claim.start < line.end < claim.end:
                claim.start = ex._trim(line.end, claim.end)[0]
    for claim in claims:  # "заявили, что на границе спокойно; жители сообщили …": what is said ends at a semicolon
        cut = ex.text.find("; ", claim.start, claim.end)
        if not claim.quote and claim.kind != "author" and cut > claim.start:
            claim.end = ex._trim(claim.start, cut)[1]
    claims = [c for c in claims if not _habitual(ex, c)]
    notes = [(a.start, a.end) for a in doc.layer("boilerplate")]  # "* Движение запрещено в РФ": the law's, no one's
    notes += [m.span() for m in _WIRE_NOTE.finditer(ex.text)]  # "(Corrects death toll …)": the desk's, no claim
    claims = [c for c in claims if not any(s <= c.start < e for s, e in notes)]
    for claim in claims:  # "UPD 21:40: Число погибших выросло до трех, сообщил аким": the claim starts after the label
        label = _LINE_LABEL.match(ex.text, claim.start)
        if label is not None and label.end() < claim.end:
            claim.start = ex._trim(label.end(), claim.end)[0]
    claims.sort(key=lambda c: (c.start, c.end))
    doc.work["claims_extractor"] = ex
    return claims
