from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request

from ...errors import FaultlinesError
from ...output import document_record
from ..models import AnalyzeIn, DocumentOut, ErrorOut

router = APIRouter(prefix="/api", tags=["analyze"], responses={400: {"model": ErrorOut}, 413: {"model": ErrorOut}})


@router.post("/analyze", response_model=DocumentOut, summary="Analyze a text now; store it only when asked")
def analyze(body: AnalyzeIn, request: Request) -> dict:
    """Runs every analyzer (models loaded at startup) and returns the INTERFACES.md §1 record.
    With ``"store": true`` the document and its annotations are also saved."""
    from ...ingest.files import text_document

    settings = request.app.state.settings
    pipeline = request.app.state.pipeline
    if pipeline is None:
        raise HTTPException(503, "analysis is off on this server (started without models)")
    if len(body.text) > settings.analyze_max_chars:
        raise HTTPException(413, f"text too long: {len(body.text)} characters, the limit is {settings.analyze_max_chars}")
    if not body.text.strip():
        raise HTTPException(400, "text is empty")
    try:
        doc = text_document(body.text, doc_id=body.id, source=body.source or "<api>", source_kind="text",
                            published=body.published)
    except FaultlinesError as e:
        raise HTTPException(400, str(e)) from e
    with request.app.state.model_lock:
        doc = pipeline(doc)
    record = document_record(doc)
    record["annotations"] = [
        {"layer": a.layer, "label": a.label, "start": a.start, "end": a.end, "text": doc.text[a.start:a.end],
         "score": a.score, "attrs": a.attrs, "analyzer": a.analyzer, "version": a.version}
        for a in doc.annotations if a.layer not in ("sentence", "paragraph")
    ]
    if body.store:
        result = request.app.state.store.add([doc], analyzers=pipeline.versions)
        record["stored_id"] = result.ids[0]
    return record
