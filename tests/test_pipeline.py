import pytest

from faultlines.errors import AnalyzerError
from faultlines.model import Annotation, Document
from faultlines.pipeline import AnalysisFailure, Analyzer, Pipeline, analyzer, registered
from faultlines.settings import Settings


@analyzer("test-shouter", version="3", requires=("sentence",), assigns=("shout",))
class Shouter(Analyzer):
    """Marks sentences written in capitals; fails on documents asking it to."""

    def __call__(self, doc):
        if "FAIL-ME" in doc.text:
            raise ValueError("asked to fail")
        for a, text in doc.iter_text("sentence"):
            if text.isupper():
                doc.add(Annotation("shout", a.start, a.end, analyzer=self.name, version=self.version))
        return doc


def test_registry_lists_builtins():
    specs = registered()
    assert {"language", "segment", "test-shouter"} <= set(specs)
    assert specs["segment"].requires == ("language",)


def test_requirements_checked_at_build_time():
    with pytest.raises(AnalyzerError, match="requires"):
        Pipeline(("test-shouter",), Settings())
    with pytest.raises(AnalyzerError, match="unknown analyzer"):
        Pipeline(("nope",), Settings())


def test_conflicting_registration_raises():
    with pytest.raises(AnalyzerError):
        @analyzer("segment", version="9")
        class Other(Analyzer):
            pass


def test_models_are_shared_between_pipelines():
    a = Pipeline(("language", "segment"), Settings())
    b = Pipeline(("language", "segment"), Settings())
    assert a.analyzers[1] is b.analyzers[1]


def test_pipe_records_failures_and_keeps_going():
    docs = [Document(id=str(i), text=t) for i, t in enumerate(
        ["Calm day in Osh. NOBODY WAS HURT.", "FAIL-ME please.", "ALL QUIET ON THE BORDER."])]
    pipe = Pipeline(("language", "segment", "test-shouter"), Settings())
    results = list(pipe.pipe(docs, batch_size=2, on_error="record"))
    ok = [r for r in results if isinstance(r, Document)]
    failed = [r for r in results if isinstance(r, AnalysisFailure)]
    assert [d.id for d in ok] == ["0", "2"]
    assert failed[0].doc.id == "1" and "asked to fail" in failed[0].error
    assert [d.span_text(a) for d in ok for a in d.layer("shout")] == ["NOBODY WAS HURT.", "ALL QUIET ON THE BORDER."]
    with pytest.raises(ValueError):
        list(pipe.pipe(docs, on_error="raise"))
