"""Claims out of the store: JSONL, CSV, and schema.org ClaimReview JSON-LD for reviewed claims."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Iterator, TextIO

from ..model import Document

CSV_FIELDS = ("claim_id", "doc_id", "start", "end", "text", "speaker", "via", "stance", "quote", "about",
              "check_worthiness", "cue", "kind", "denies", "confirms", "questions", "language", "published", "title", "source")
# `via` in CSV: the chain joined with " <- " from the nearest source to the origin
VIA_SEPARATOR = " <- "


def claim_rows(documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
    """One flat row per claim, in store order then text order."""
    for doc in documents:
        for ann in doc.layer("claim"):
            row = {"claim_id": ann.attrs.get("claim_id"), "doc_id": doc.id, "start": ann.start, "end": ann.end,
                   "text": doc.text[ann.start : ann.end]}
            row.update({k: v for k, v in ann.attrs.items() if k not in row})
            row.update({"language": doc.language, "published": doc.published, "title": doc.title, "source": doc.source})
            yield row


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO, fields: Iterable[str] = CSV_FIELDS) -> int:
    fields = tuple(fields)
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        flat = dict(row)
        if isinstance(flat.get("via"), list):
            flat["via"] = VIA_SEPARATOR.join(flat["via"])
        writer.writerow({k: ("" if flat.get(k) is None else flat.get(k)) for k in fields})
        count += 1
    return count


def _agent(name: str | None) -> dict[str, str]:
    """A schema.org Person or Organization for a speaker name (organizations when it looks like one)."""
    from ..sources import sources

    name = name or "unknown"
    organization = any(w in name.casefold() for w in ("ministry", "council", "committee", "service", "agency", "government",
                                                        "office", "мид", "министерств", "комитет", "служб", "совет", "агентств",
                                                        "ведомств")) or sources().canonical(name) != name or sources().outlet(name)
    return {"@type": "Organization" if organization else "Person", "name": name}


def claim_review(row: dict[str, Any], review: dict[str, Any]) -> dict[str, Any]:
    """schema.org ClaimReview JSON-LD for one claim row and its verdict."""
    from .reviews import RATINGS

    value, label = RATINGS[review["rating"]]
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _agent(row.get("speaker")),
        "appearance": {"@type": "CreativeWork", "headline": row.get("title") or row.get("doc_id")},
    }
    if str(row.get("source") or "").startswith(("http://", "https://")):  # (a local file's path is no URL)
        item["appearance"]["url"] = row["source"]
    if row.get("published"):
        item["datePublished"] = row["published"]
        item["appearance"]["datePublished"] = row["published"]
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": row["claim_id"],
        "datePublished": review["reviewed_at"][:10],
        "claimReviewed": row["text"],
        "itemReviewed": item,
        "author": {"@type": "Organization" if review.get("reviewer_type") == "Organization" else "Person",
                   "name": review.get("reviewer") or "faultlines analyst"},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1, "alternateName": label},
    }
    if review.get("note"):
        data["reviewBody"] = review["note"]
    if review.get("url"):
        data["url"] = review["url"]
    return data


def validate_claim_review(data: dict[str, Any]) -> list[str]:
    """Problems with a ClaimReview object against the schema.org / Google fact-check shape ([] when valid)."""
    problems = []
    if data.get("@context") not in ("https://schema.org", "http://schema.org", "https://schema.org/"):
        problems.append("@context must be https://schema.org")
    if data.get("@type") != "ClaimReview":
        problems.append("@type must be ClaimReview")
    if not isinstance(data.get("claimReviewed"), str) or not data["claimReviewed"].strip():
        problems.append("claimReviewed must be non-empty text")
    rating = data.get("reviewRating")
    if not isinstance(rating, dict) or rating.get("@type") != "Rating" or not rating.get("alternateName"):
        problems.append("reviewRating must be a Rating with alternateName")
    elif "ratingValue" in rating and not (rating.get("worstRating", 1) <= rating["ratingValue"] <= rating.get("bestRating", 5)):
        problems.append("reviewRating.ratingValue outside worstRating..bestRating")
    author = data.get("author")
    if not isinstance(author, dict) or author.get("@type") not in ("Person", "Organization") or not author.get("name"):
        problems.append("author must be a Person or Organization with a name")
    item = data.get("itemReviewed")
    if not isinstance(item, dict) or item.get("@type") != "Claim":
        problems.append("itemReviewed must be a Claim")
    elif not isinstance(item.get("author"), dict) or item["author"].get("@type") not in ("Person", "Organization"):
        problems.append("itemReviewed.author must be a Person or Organization")
    published = data.get("datePublished")
    if not isinstance(published, str) or len(published) != 10 or published[4] != "-" or published[7] != "-":
        problems.append("datePublished must be an ISO date YYYY-MM-DD")
    return problems


def claim_reviews(rows: Iterable[dict[str, Any]], reviews: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [claim_review(row, reviews[row["claim_id"]]) for row in rows if row.get("claim_id") in reviews]


def dumps_csv(rows: Iterable[dict[str, Any]], fields: Iterable[str] = CSV_FIELDS) -> str:
    buffer = io.StringIO()
    write_csv(rows, buffer, fields)
    return buffer.getvalue()
