"""Golden files: each fixtures/<case>/ holds one input, optional options.json, and the expected
article.md, article.html and article.json, reviewed by a person. `pytest --update-goldens`
rewrites them; review the diff before committing."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from conftest import FIXTURES

import thread2article as t2a

OUTPUTS = {"markdown": "article.md", "html": "article.html", "json": "article.json"}


def _cases() -> list[Path]:
    return sorted(path.parent for path in FIXTURES.glob("*/input.*"))


def _article(case: Path) -> tuple[t2a.Article, t2a.Options]:
    settings = (
        json.loads((case / "options.json").read_text()) if (case / "options.json").exists() else {}
    )
    thread_id = settings.pop("thread", None)
    options = t2a.Options(**settings)
    source = t2a.load(next(case.glob("input.*")))
    thread = t2a.select_thread(t2a.find_threads(source), thread_id)
    return t2a.reassemble(thread, options), options


@pytest.mark.parametrize("case", _cases(), ids=lambda path: path.name)
@pytest.mark.parametrize("fmt", sorted(OUTPUTS))
def test_golden(case: Path, fmt: str, update_goldens: bool) -> None:
    article, options = _article(case)
    actual = t2a.render(article, fmt, options)
    expected_path = case / OUTPUTS[fmt]
    if update_goldens:
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), (
        f"{expected_path} is missing; run pytest --update-goldens and review it"
    )
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), str(expected_path), "actual"
            )
        )
        pytest.fail(f"{case.name}/{OUTPUTS[fmt]} differs from its golden file:\n{diff}")


def test_twarc_jsonl_gives_the_same_article_as_the_api_page() -> None:
    page, _ = _article(FIXTURES / "north-2022-03-08")
    jsonl, _ = _article(FIXTURES / "north-2022-03-08-twarc")
    assert jsonl.to_dict() == page.to_dict()
