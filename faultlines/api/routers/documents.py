from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ...query import DocumentFilters, Queries, document_detail
from ..deps import Cursor, DocId, Label, Language, Limit, Since, Text, Until, queries
from ..models import DocumentOut, DocumentPage, ErrorOut

router = APIRouter(prefix="/api/documents", tags=["documents"], responses={400: {"model": ErrorOut}})


@router.get("", response_model=DocumentPage, summary="Documents, newest first, filtered, cursor-paged")
def list_documents(
    q: Text = None,
    language: Language = None,
    source: Text = None,
    since: Since = None,
    until: Until = None,
    narrative: Label = None,
    technique: Label = None,
    country: Label = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    queries_: Queries = Depends(queries),
) -> dict:
    """``q`` is full-text (words, "phrases", OR, prefix*); ``source`` a prefix of the source path/URL;
    ``country`` documents with an event in that country; ``narrative``/``technique`` exact labels."""
    filters = DocumentFilters(q=q, language=language, source=source, since=since, until=until,
                              narrative=narrative, technique=technique, country=country)
    return queries_.documents(filters, limit=limit, cursor=cursor).to_dict()


@router.get("/{doc_id:path}", response_model=DocumentOut, responses={404: {"model": ErrorOut}},
            summary="One document with all its annotations")
def get_document(doc_id: DocId, request: Request) -> dict:
    record = document_detail(request.app.state.store, doc_id)
    if record is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return record
