"""Shared test fixtures: paths, the --update-goldens switch, and access to ../shared/realdata."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new random examples on every developer run; CI runs a fixed, derandomized
# set so that a submission is judged on the same examples each time (a failure found locally is
# kept in .hypothesis/ and replayed first).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
# Samples that may not be copied (no license) are read from the shared folder beside the repo.
SHARED_REALDATA = REPO.parent / "shared" / "realdata"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite expected outputs in fixtures/ from the current code (review the diff before committing).",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def shared_sample(relative: str) -> Path:
    """A file of ../shared/realdata, or a skip that says why the test cannot run here."""
    path = SHARED_REALDATA / relative
    if not path.exists():
        pytest.skip(
            f"{relative} is read from ../shared/realdata (unlicensed, not copied) and is absent here"
        )
    return path


def run_command(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`thread2article ARGS` through the real entry point, in a fresh process with a plain
    environment (no colours, a wide terminal), as a user's shell would run it."""
    return subprocess.run(
        [sys.executable, "-m", "thread2article", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"},
        timeout=120,
    )
