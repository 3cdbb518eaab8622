"""Analyst verdicts on claims, kept in the store's ``reviews`` table (the latest per claim counts).

Earlier versions appended them to ``<db>.reviews.jsonl`` beside an SQLite
store; :func:`load_reviews` still reads that file, so no verdict is lost.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import QueryError

# rating -> (schema.org ratingValue on a 1..5 scale, alternateName shown to readers)
RATINGS: dict[str, tuple[int, str]] = {
    "false": (1, "False"),
    "mostly-false": (2, "Mostly false"),
    "misleading": (2, "Misleading"),
    "mixed": (3, "Mixture"),
    "unproven": (3, "Unproven"),
    "mostly-true": (4, "Mostly true"),
    "true": (5, "True"),
}


def sidecar_path(db: str) -> Path | None:
    """Where earlier versions kept the verdicts of an SQLite store: ``<db>.reviews.jsonl`` (None for servers)."""
    if db.startswith("sqlite:///"):
        db = db[len("sqlite:///") :]
    elif "://" in db:
        return None
    return Path(db + ".reviews.jsonl")


def make_review(claim_id: str, rating: str, note: str | None = None, reviewer: str | None = None,
                url: str | None = None) -> dict[str, Any]:
    rating = rating.strip().lower().replace(" ", "-").replace("_", "-")
    if rating not in RATINGS:
        raise QueryError(f"unknown rating {rating!r}; use one of: {', '.join(RATINGS)}")
    if not claim_id.startswith("c") or len(claim_id) != 13:
        raise QueryError(f"{claim_id!r} is not a claim id (see `faultlines claims export`)")
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        # (it is published in the ClaimReview and shown as a link: "javascript:alert(1)" must not be one)
        raise QueryError(f"--url {url[:60]!r} is not a web address: give an http(s) URL")
    return {"claim_id": claim_id, "rating": rating, "note": note or None, "reviewer": reviewer or None, "url": url or None,
            "reviewed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def add_review(settings: Any, review: dict[str, Any]) -> None:
    from ..store import Store

    with Store(settings=settings, existing=True) as store:
        store.add_review(review)


def load_reviews(settings: Any) -> dict[str, dict[str, Any]]:
    """claim id -> latest verdict, from the store and from an earlier version's sidecar file (malformed lines
    there are skipped, never fatal)."""
    from ..store import Store

    found: list[dict[str, Any]] = list(_sidecar_reviews(settings.db))
    with Store(settings=settings) as store:
        found += store.reviews().values()
    latest: dict[str, dict[str, Any]] = {}
    for review in sorted(found, key=lambda r: str(r.get("reviewed_at") or "")):
        latest[review["claim_id"]] = review
    return latest


def _sidecar_reviews(db: str) -> list[dict[str, Any]]:
    path = sidecar_path(db)
    if path is None or not path.exists():
        return []
    found = []
    for line in path.read_text("utf-8").splitlines():
        try:
            review = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(review, dict) and review.get("rating") in RATINGS and review.get("claim_id"):
            found.append(review)
    return found
