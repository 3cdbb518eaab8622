"""The faultlines store: documents, their sources, annotations per analyzer version, runs.

    from faultlines.store import Store
    with Store("news.db") as store:
        store.add(docs)
        for hit in store.search("Душанбе OR Dushanbe"):
            print(hit.id, hit.snippet)
"""
from .core import AddResult, SearchHit, Store
from .fts import to_fts_query
from .schema import SCHEMA_REVISION

__all__ = ["AddResult", "SCHEMA_REVISION", "SearchHit", "Store", "to_fts_query"]
