"""CLI commands of the narratives stage, one ``register`` per sub-module (narratives, roles, debunks)."""
from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Annotated, Optional

import typer

log = logging.getLogger(__name__)

# Options of the stage's train / eval / predict commands (cmd_narratives, cmd_roles).
DataOption = Annotated[Path, typer.Option("--data", help="Folder with semeval2025_task10/.")]
LangOption = Annotated[Optional[str], typer.Option("--lang", help="en, ru or en,ru; default: both.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the document folds.")]


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    for name in ("cmd_narratives", "cmd_roles", "cmd_debunks"):
        # one broken sub-module must not take its siblings' commands down
        try:
            module = importlib.import_module(f"{__package__}.{name}")
            module.register(app, eval_app)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                log.warning("narratives commands %s not loaded: %s", name, exc)
        except Exception as exc:  # noqa: BLE001
            log.warning("narratives commands %s not loaded: %s", name, exc)
