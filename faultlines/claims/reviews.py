"""Analyst verdicts on claims, kept in a JSONL sidecar next to the store.

The store schema has no table for verdicts yet (a ``reviews`` table keyed by
claim id is wanted), so ``faultlines review`` appends one validated line per
verdict to ``<db>.reviews.jsonl``; the latest line for a claim wins.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

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


def sidecar_path(db: str) -> Path:
    """``<db>.reviews.jsonl`` beside an SQLite file (a URL's path part for sqlite:/// URLs)."""
    if db.startswith("sqlite:///"):
        db = db[len("sqlite:///") :]
    elif "://" in db:
        raise QueryError("reviews need a local SQLite store; a `reviews` table would serve other databases")
    return Path(db + ".reviews.jsonl")


def make_review(claim_id: str, rating: str, note: str | None = None, reviewer: str | None = None,
                url: str | None = None) -> dict[str, Any]:
    rating = rating.strip().lower().replace(" ", "-").replace("_", "-")
    if rating not in RATINGS:
        raise QueryError(f"unknown rating {rating!r}; use one of: {', '.join(RATINGS)}")
    if not claim_id.startswith("c") or len(claim_id) != 13:
        raise QueryError(f"{claim_id!r} is not a claim id (see `faultlines claims export`)")
    return {"claim_id": claim_id, "rating": rating, "note": note or None, "reviewer": reviewer or None, "url": url or None,
            "reviewed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def add_review(db: str, review: dict[str, Any]) -> Path:
    path = sidecar_path(db)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(review, ensure_ascii=False) + "\n")
    return path


def load_reviews(db: str) -> dict[str, dict[str, Any]]:
    """claim id -> latest verdict; malformed lines are skipped, never fatal."""
    path = sidecar_path(db)
    reviews: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return reviews
    for line in path.read_text("utf-8").splitlines():
        try:
            review = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(review, dict) and review.get("rating") in RATINGS and review.get("claim_id"):
            reviews[review["claim_id"]] = review
    return reviews
