"""The faultlines store: documents, their sources, annotations per analyzer version, runs.

    from faultlines.store import Store
    with Store("news.db") as store:
        store.add(docs)
        for hit in store.search("Душанбе OR Dushanbe"):
            print(hit.id, hit.snippet)   # matched words between MARK_START and MARK_END
"""
from .core import AddResult, SearchHit, Store
from .fts import MARK_END, MARK_START, to_fts_query
from .schema import SCHEMA_REVISION

__all__ = ["AddResult", "MARK_END", "MARK_START", "SCHEMA_REVISION", "SearchHit", "Store", "to_fts_query"]
