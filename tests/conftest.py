import pytest

# The throwaway PostgreSQL server fixtures (pg_server, pg_url) of tests/pg_support.py.
pytest_plugins = ["pg_support"]


def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="run tests marked slow")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --runslow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(scope="session", autouse=True)
def shared_encoder_cache(tmp_path_factory):
    """One on-disk encoder cache for the session (inherited by CLI subprocesses): a text is encoded once per run."""
    import os

    if os.environ.get("FAULTLINES_ENCODER_CACHE"):
        yield os.environ["FAULTLINES_ENCODER_CACHE"]
        return
    path = str(tmp_path_factory.mktemp("encoder") / "encodings.sqlite")
    os.environ["FAULTLINES_ENCODER_CACHE"] = path
    yield path
    os.environ.pop("FAULTLINES_ENCODER_CACHE", None)
