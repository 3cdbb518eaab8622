"""A store of the demo corpus plus one hostile article, built once per test session.

Shared by the REST API tests and the browser tests (a module-level cache:
analyzing the demo corpus takes ~10-15 s). The hostile article carries
``<script>`` and ``<img onerror>`` in its title, text and annotation
attributes, with a persuasion span, an event and a claim on it, so the
escaping of every place that shows article data is exercised.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from faultlines.demo import DEMO_ARTICLES
from faultlines.model import Annotation, Document
from faultlines.pipeline import DEFAULT_ANALYZERS
from faultlines.runner import run
from faultlines.settings import Settings
from faultlines.store import Store

HOSTILE_ID = "hostile-xss"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = f"Breaking {SCRIPT} news {IMG}"
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n\n2025-12-09\n\n"
    f"Officials in Dushanbe said that {SCRIPT} had been found in the ministry's web forms.\n\n"
    f"An {IMG} tag was also reported near the border post in Khatlon on 8 December."
)

_cache: dict[str, Path] = {}


def hostile_document() -> Document:
    doc = Document(id=HOSTILE_ID, text=HOSTILE_TEXT, title=HOSTILE_TITLE, source="tests/hostile.txt",
                   language="en", published="2025-12-09", fetched="2025-12-09T10:00:00+00:00")
    start = HOSTILE_TEXT.index(SCRIPT, len(HOSTILE_TITLE))
    doc.add(Annotation("technique", start, start + len(SCRIPT), "Loaded_Language", {}, 0.81, "fixture", "1"))
    img = HOSTILE_TEXT.index(IMG, len(HOSTILE_TITLE))
    doc.add(Annotation("technique", img - 3, img + len(IMG), "Doubt", {}, 0.4, "fixture", "1"))
    sentence = HOSTILE_TEXT.index("An ")
    doc.add(Annotation(
        "event", sentence, len(HOSTILE_TEXT), "Violence against civilians",
        {"sub_event_type": "Attack", "date": "2025-12-08", "date_precision": "day", "country": "Tajikistan",
         "iso": "TJ", "admin1": "Khatlon", "location": f"Khatlon {IMG}", "latitude": 37.9, "longitude": 68.8,
         "actor1": IMG, "actor2": SCRIPT, "fatalities": 2, "injuries": None},
        0.9, "fixture", "1",
    ))
    claim = HOSTILE_TEXT.index("Officials")
    doc.add(Annotation(
        "claim", claim, HOSTILE_TEXT.index("\n\nAn"), "assert",
        {"speaker": f"Officials {SCRIPT}", "via": None, "stance": "assert", "quote": False, "about": IMG,
         "claim_id": "cfixture00001", "kind": "reported"},
        0.5, "fixture", "1",
    ))
    return doc


def demo_store() -> Path:
    """Path of the session's store (built on first use, removed at exit)."""
    if "path" not in _cache:
        root = Path(tempfile.mkdtemp(prefix="faultlines-web-tests-"))
        atexit.register(shutil.rmtree, root, True)
        path = root / "demo.db"
        settings = Settings.from_env(db=str(path))
        with Store(settings=settings) as store:
            report = run([str(DEMO_ARTICLES)], settings=settings, store=store, analyzers=DEFAULT_ANALYZERS)
            assert report.ok, report.errors
            store.add([hostile_document()], analyzers={"fixture": "1"})
        _cache["path"] = path
    return _cache["path"]
