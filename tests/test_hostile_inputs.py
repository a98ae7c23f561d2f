"""The hostile-input sweep: every bundled fixture and real sample of every input format, mutated
(`hostile_mutations.py`: cut at many points, a value of another type at any key, NaN, huge and
negative numbers, deep nesting, invalid UTF-8, UTF-16, empty files, junk, duplicate and cyclic
reply ids, zips with `..` names or a bomb's size claim, a folder or a FIFO where a file belongs),
through the library and the command line.

What every case must give: the article, or one of the project's own errors (errors.py) whose
message is one line naming the file; through the command, a non-zero exit with one line on stderr
naming the file, no traceback, no "internal error", and no output file left behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hostile_mutations import FIXTURES, all_cases, samples, special_cases
from typer.testing import CliRunner

from thread2article import library
from thread2article.cli import app
from thread2article.errors import ThreadToArticleError
from thread2article.options import Options
from thread2article.reassemble import reassemble
from thread2article.sources.detect import load
from thread2article.threads import find_threads
from thread2article.writers import render

CASES = all_cases()
FILE_CASE_PREFIXES = tuple(name + ":" for name, _ in samples())
# A Python exception's name in a message means a wrong value got past the readers' own checks.
PYTHON_ERROR = re.compile(r"\b(Type|Attribute|Key|Index|Overflow|Recursion|UnicodeDecode)Error\b")


def _message_problem(message: str, source: Path) -> str | None:
    if "\n" in message:
        return "the message is more than one line"
    if str(source) not in message:
        return "the message does not name the file"
    if PYTHON_ERROR.search(message):
        return "the message names a Python exception instead of what is wrong"
    named = re.search(r"\bpost (\S+?): ", message)
    if named and message.count(named.group(1)) > 1:
        return "the message names the post twice"
    return None


def library_problem(source: Path, out: Path) -> str | None:
    """What is wrong with the library's answer to `source`, or None."""
    try:
        posts = load(source)
        # Every thread of the source, reassembled and written in every format.
        if posts.article is None:
            for thread in find_threads(posts, include_replies=True, min_posts=1):
                article = reassemble(thread, Options())
                for fmt in ("markdown", "html", "json"):
                    render(article, fmt, Options(front_matter=True))
    except ThreadToArticleError as error:
        problem = _message_problem(str(error), source)
        if problem:
            return f"load: {problem}: {error}"
    except Exception as error:  # noqa: BLE001 - the sweep reports every other exception
        return f"load raised {type(error).__name__}: {error}"
    try:
        library.write_article(source, "html", output=out, selection=library.Selection(True))
    except ThreadToArticleError as error:
        problem = _message_problem(str(error), source)
        if problem:
            return f"write_article: {problem}: {error}"
        if out.exists():
            return f"write_article failed ({error}) but left {out.name}"
    except Exception as error:  # noqa: BLE001
        return f"write_article raised {type(error).__name__}: {error}"
    else:
        if not out.is_file():
            return "write_article succeeded but wrote no file"
    return None


def command_problem(result, source: Path, out: Path) -> str | None:
    """What is wrong with what `thread2article convert SOURCE -o OUT` did, or None."""
    stderr = result.stderr
    if "Traceback" in stderr or "internal error" in stderr:
        return f"exit {result.exit_code}: {stderr.strip()}"
    if result.exit_code == 0:
        return None if out.is_file() else "exit 0 but no output file"
    lines = stderr.strip().splitlines()
    if result.exit_code not in (2, 3):  # unreadable input, no single thread
        return f"exit {result.exit_code}: {stderr.strip()}"
    if len(lines) != 1 or not lines[0].startswith("thread2article: error: "):
        return f"not one error line: {stderr!r}"
    if str(source) not in lines[0]:
        return f"the error line does not name the file: {lines[0]}"
    if out.exists():
        return f"failed but left {out.name}"
    return None


def _run_cases(check, cases) -> list[str]:
    failures = []
    for name, build in cases:
        with tempfile.TemporaryDirectory() as folder:
            source = build(Path(folder))
            out = Path(folder) / "out" / "article.html"
            out.parent.mkdir()
            problem = check(source, out)
            if problem:
                failures.append(f"{name}: {problem}")
    return failures


def test_the_sweep_covers_every_format():
    names = " ".join(name for name, _ in CASES)
    for kind in (
        "north-2022-03-08/input.json",  # X API v2
        "-twarc/input.jsonl",  # twarc2
        "twitter-v1-chain",  # v1.1
        "fxtwitter",
        "syndication",
        "bluesky-branching",
        "bluesky-export/input.car",
        "mastodon-cw-media",
        "article.json",  # the native document
        ".html",
        ".md",
        "archive folder",
        "archive zip",
        "mastodon archive",
        "a folder named input.json",
    ):
        assert kind in names, kind
    assert 500 <= len(CASES) <= 1500  # bounded: the sweep runs in seconds


def test_every_mutation_through_the_library():
    failures = _run_cases(library_problem, CASES)
    assert not failures, f"{len(failures)} of {len(CASES)} cases:\n" + "\n".join(failures[:40])


def test_every_mutation_through_the_command():
    runner = CliRunner()

    def check(source: Path, out: Path) -> str | None:
        args = ["convert", str(source), "-o", str(out), "--format", "html", "--include-replies"]
        return command_problem(runner.invoke(app, args), source, out)

    # Every fourth file mutation (the library sweep has them all), and every archive and
    # every thing that is not a file, whose handling is the command's own.
    cases = [
        case
        for index, case in enumerate(CASES)
        if index % 4 == 0 or not case[0].startswith(FILE_CASE_PREFIXES)
    ]
    failures = _run_cases(check, cases)
    assert not failures, f"{len(failures)} of {len(cases)} cases:\n" + "\n".join(failures[:40])


@pytest.mark.parametrize("name", ["a FIFO", "a folder named input.json"])
def test_not_a_file_through_the_real_command(tmp_path, name):
    """Through the installed entry point (a FIFO with no writer would block a reader forever)."""
    build = dict(special_cases()).get(name)
    if build is None:
        pytest.skip(f"{name}: not on this system")
    source = build(tmp_path)
    out = tmp_path / "article.md"
    result = subprocess.run(
        [sys.executable, "-m", "thread2article", "convert", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("thread2article: error: "), result.stderr
    assert str(source) in lines[0]
    assert not out.exists()


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "thread.json")
    with pytest.raises(ThreadToArticleError, match="not a regular file"):
        load(tmp_path / "thread.json")


def test_a_block_of_nul_bytes_is_not_taken_for_a_mastodon_archive(tmp_path):
    (tmp_path / "thread.json").write_bytes(bytes(2048))
    with pytest.raises(ThreadToArticleError) as caught:
        load(tmp_path / "thread.json")
    assert "outbox" not in str(caught.value) and "invalid JSON" in str(caught.value)


def test_utf16_is_named_as_such(tmp_path):
    text = (FIXTURES / "north-2022-03-08" / "input.json").read_text(encoding="utf-8")
    (tmp_path / "thread.json").write_bytes(text.encode("utf-16"))
    with pytest.raises(ThreadToArticleError, match="UTF-16 .*save it as UTF-8"):
        load(tmp_path / "thread.json")


def test_a_bluesky_thread_whose_replies_are_no_list_names_the_post(tmp_path):
    import json

    answer = json.loads(
        (FIXTURES / "bluesky" / "marshalx-thread-view-post-with-embed-media.json").read_text()
    )
    answer["thread"]["replies"] = 7
    (tmp_path / "thread.json").write_text(json.dumps(answer))
    with pytest.raises(ThreadToArticleError) as caught:
        load(tmp_path / "thread.json")
    rkey = answer["thread"]["post"]["uri"].rsplit("/", 1)[1]
    assert f"post {rkey}: a thread's replies must be a list, not int" in str(caught.value)


@pytest.mark.parametrize("zipped", [False, True])
def test_an_archive_data_file_that_is_a_folder_is_refused_not_skipped(tmp_path, zipped):
    """Before: data/tweets.js as a folder was skipped as absent, and the archive read from its
    other part files alone, silently missing posts."""
    build = dict(all_cases())[
        "archive zip: data/tweets.js is a folder"
        if zipped
        else "archive folder: data/tweets.js is a folder"
    ]
    source = build(tmp_path)
    with pytest.raises(ThreadToArticleError) as caught:
        load(source)
    assert "tweets.js: is a folder, not the data file manifest.js says" in str(caught.value)


def test_a_wrong_type_is_said_in_json_terms(tmp_path):
    """Before: "a field has an unexpected value (TypeError: 'float' object is not iterable)"."""
    import json

    status = json.loads(
        (
            FIXTURES
            / "mastodon/realdata/Mastodon.py_test_entity_status.0.v1_statuses_110446223051565765.body.json"
        ).read_text()
    )
    status["account"]["emojis"] = 12.5
    (tmp_path / "status.json").write_text(json.dumps(status))
    with pytest.raises(ThreadToArticleError) as caught:
        load(tmp_path / "status.json")
    assert str(caught.value) == (
        f"{tmp_path / 'status.json'}: post 110446223051565765: "
        "a field has an unexpected value (a number where a list belongs)"
    )


def test_an_article_document_with_a_list_for_a_block_type_is_said_in_json_terms(tmp_path):
    """Before: "not a valid article document: TypeError: unhashable type: 'list'"."""
    import json

    document = json.loads((FIXTURES / "north-2022-03-08" / "article.json").read_text())
    document["blocks"][0]["type"] = [None]
    (tmp_path / "article.json").write_text(json.dumps(document))
    with pytest.raises(ThreadToArticleError) as caught:
        load(tmp_path / "article.json")
    assert str(caught.value).endswith("not a valid article document: a list where text belongs")


def test_a_bad_post_id_is_named_once(tmp_path):
    """Before: "post -1501198806284693574: id is not an X id: -1501198806284693574"."""
    import json

    document = json.loads((FIXTURES / "north-2022-03-08" / "input.json").read_text())
    document["data"][0]["id"] = "-1501198806284693574"
    (tmp_path / "thread.json").write_text(json.dumps(document))
    with pytest.raises(ThreadToArticleError) as caught:
        load(tmp_path / "thread.json")
    assert str(caught.value) == (
        f"{tmp_path / 'thread.json'}: id is not an X id: '-1501198806284693574'"
    )
