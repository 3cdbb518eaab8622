"""CLI commands of the narratives stage, one ``register`` per sub-module (narratives, roles, debunks)."""
from __future__ import annotations

import importlib

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    for name in ("cmd_narratives", "cmd_roles", "cmd_debunks"):
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise
            continue
        module.register(app, eval_app)
