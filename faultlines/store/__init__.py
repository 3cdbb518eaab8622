"""The faultlines store: documents, their sources, annotations per analyzer version, runs.

    from faultlines.store import Store
    with Store("news.db") as store:
        store.add(docs)
        for hit in store.search("Душанбе OR Dushanbe"):
            print(hit.id, hit.snippet)
"""
from .core import AddResult, SearchHit, Store, require_existing
from .fts import to_fts_query
from .schema import SCHEMA_REVISION

__all__ = ["AddResult", "SCHEMA_REVISION", "SearchHit", "Store", "require_existing", "to_fts_query"]
