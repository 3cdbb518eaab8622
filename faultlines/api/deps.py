"""Shared request dependencies and parameter types (validated: bad values answer 400, not 500)."""
from __future__ import annotations

from typing import Annotated, Optional

from fastapi import Path, Query, Request

from ..model import ID_PATTERN
from ..query import Queries

# Document ids are file stems or ids given in JSON input: any printable text, bounded (model.ID_PATTERN).
# Empty values (a blank form field) mean "not given".
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"

DocId = Annotated[str, Path(pattern=ID_PATTERN, description="A document id")]
Cursor = Annotated[Optional[str], Query(max_length=600, pattern=r"^[A-Za-z0-9_\-]*$", description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (1-500)")]
Since = Annotated[Optional[str], Query(pattern=DATE_PATTERN, description="From this date (YYYY[-MM[-DD]]), inclusive")]
Until = Annotated[Optional[str], Query(pattern=DATE_PATTERN, description="To this date (YYYY[-MM[-DD]]), inclusive")]
Text = Annotated[Optional[str], Query(max_length=300)]
Label = Annotated[Optional[str], Query(max_length=300)]
Language = Annotated[Optional[str], Query(pattern=r"^([a-z]{2,3})?$", description="ISO 639 code, e.g. en, ru")]
Iso = Annotated[Optional[str], Query(pattern=r"^([A-Za-z]{2})?$", description="ISO 3166-1 alpha-2 code")]
Doc = Annotated[Optional[str], Query(max_length=300, description="Only this document's events")]


def queries(request: Request) -> Queries:
    return request.app.state.queries

