"""Narratives stage: which stories an article pushes, whom it casts in which role, and the rebuttals it stages.

Three analyzers, each in its own module, all reading the shared encoding
(``faultlines.text.encode``) rather than running a model of their own:

* ``narratives`` (classify.py) → ``narrative`` layer: SemEval-2025 T10 taxonomy + the regional extension;
* ``roles`` (roles.py)         → ``entity`` layer: entity mentions with main and fine framing roles;
* ``debunks`` (debunks.py)     → ``debunk`` layer: "Lie / Motive / Truth" rebuttal structures.
"""
import importlib
import logging

log = logging.getLogger(__name__)

# Each module registers its analyzer on import; one missing module must not hide the others.
for _module in ("classify", "roles", "debunks"):
    try:
        importlib.import_module(f"{__name__}.{_module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{_module}":
            raise
