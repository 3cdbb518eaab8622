"""The bundled demo corpus: short articles the project wrote (see README.md beside this file)."""
from __future__ import annotations

from pathlib import Path

from ..errors import StoreError

DEMO_ARTICLES = Path(__file__).with_name("articles")


def reset_store_file(path: str) -> None:
    """Remove an earlier demo store (and its WAL files) so the demo starts fresh.

    Only a file that is an SQLite database is removed: a typo must not delete a user's data.
    """
    target = Path(path)
    if not target.exists():
        return
    with target.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{path} exists and is not an SQLite store; choose another --db", code="FL201")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
