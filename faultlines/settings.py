"""One explicit, frozen settings object: defaults, then environment, then CLI.

Variants are made with :func:`dataclasses.replace`; nothing mutates a shared
instance.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    # Store location: a file path or an SQLAlchemy URL (sqlite:///..., postgresql+psycopg://user@host/db).
    db: str = "faultlines.db"
    # Inputs larger than this are refused before being read.
    max_bytes: int = 20 * MB
    # URL fetching.
    allow_private: bool = False
    http_timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = "faultlines/0.1 (+https://github.com/faultlines)"
    # Worker processes for HTML extraction (trafilatura is CPU-bound and not thread-safe).
    workers: int = field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)))
    # Languages analysed fully; others are stored and flagged.
    languages: tuple[str, ...] = ("en", "ru")
    # SQLite file caching the shared encoder's vectors by text hash (None: memory only).
    encoder_cache: str | None = None
    # Threads of the shared encoder (None: all cores; worker processes get a share).
    encoder_threads: int | None = None

    @classmethod
    def from_env(cls, **overrides: Any) -> "Settings":
        env: dict[str, Any] = {}
        if os.environ.get("FAULTLINES_DB"):
            env["db"] = os.environ["FAULTLINES_DB"]
        if os.environ.get("FAULTLINES_MAX_BYTES"):
            env["max_bytes"] = int(os.environ["FAULTLINES_MAX_BYTES"])
        if os.environ.get("FAULTLINES_WORKERS"):
            env["workers"] = max(1, int(os.environ["FAULTLINES_WORKERS"]))
        if os.environ.get("FAULTLINES_ENCODER_CACHE"):
            env["encoder_cache"] = os.environ["FAULTLINES_ENCODER_CACHE"]
        env.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **env)

    def db_url(self) -> str:
        """The store as an SQLAlchemy URL (a bare path means an SQLite file).

        A PostgreSQL URL without a driver (``postgresql://``, ``postgres://``) gets psycopg 3,
        the driver of the ``postgres`` extra (SQLAlchemy's own default is psycopg2).
        """
        if "://" in self.db:
            scheme, rest = self.db.split("://", 1)
            if scheme in ("postgresql", "postgres"):
                return f"postgresql+psycopg://{rest}"
            return self.db
        return f"sqlite:///{Path(self.db).expanduser()}"

    def db_shown(self) -> str:
        """The store as messages name it: the path, or the URL with its password hidden."""
        if "://" not in self.db:
            return self.db
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            return make_url(self.db_url()).render_as_string(hide_password=True)
        except ArgumentError:
            return self.db.split("://", 1)[0] + "://…"
