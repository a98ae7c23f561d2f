"""Paths a library caller (or a command line) gives that can name no file: a wrong type, an
empty string, a NUL, a name longer than the system allows. Before, these reached the caller as
TypeError, ValueError ("embedded null byte") or OSError ("File name too long"), and through the
command as "internal error"; now each is the project's own error, one line naming the path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import thread2article as t2a
from thread2article import library
from thread2article.errors import InputError, OutputError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NORTH = str(FIXTURES / "north-2022-03-08" / "input.json")
ARCHIVE = str(FIXTURES / "archive" / "new-era")
LONG = "a" * 5000


@pytest.mark.parametrize(
    ("call", "error", "phrase"),
    [
        (lambda: t2a.convert(123), InputError, "the source must be a path, not int"),
        (lambda: t2a.convert(None), InputError, "the source must be a path, not NoneType"),
        (lambda: t2a.convert(""), InputError, "the source is empty"),
        (lambda: t2a.convert(LONG), InputError, "cannot use this path: File name too long"),
        (lambda: t2a.list_threads(LONG + ".zip"), InputError, "File name too long"),
        (lambda: t2a.export_archive(LONG, "out"), InputError, "File name too long"),
        (lambda: t2a.export_archive(ARCHIVE, "x\x00y"), OutputError, "holds a NUL character"),
        (
            lambda: library.write_article(NORTH, output="/tmp/" + "b" * 300 + ".md"),
            OutputError,
            "File name too long",
        ),
        (lambda: library.write_article(NORTH, output="a\x00b"), OutputError, "a\\0b: the output"),
        (
            lambda: library.write_article(NORTH, decisions_out="d\x00"),
            OutputError,
            "the decisions file holds a NUL",
        ),
        (lambda: library.read_decisions("e\x00"), InputError, "holds a NUL character"),
        (lambda: t2a.save_thread("https://x.com/a/status/20", "f\x00"), OutputError, "NUL"),
    ],
)
def test_a_path_that_names_no_file_is_the_projects_error(call, error, phrase):
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    assert phrase in message and "\n" not in message
    assert len(message) < 400  # a 5,000-character name is cut in the middle, not repeated whole


def test_bytes_like_sources_are_read_as_bytes():
    data = Path(NORTH).read_bytes()
    assert t2a.convert(bytearray(data)).post_ids == t2a.convert(data).post_ids


def test_a_name_too_long_through_the_command_is_one_line(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "thread2article",
            "convert",
            "x" * 5000,
            "-o",
            str(tmp_path / "a.md"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot use this path: File name too long" in lines[0]
    assert "internal error" not in result.stderr and not (tmp_path / "a.md").exists()


def test_a_decisions_file_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "decisions.yaml")
    with pytest.raises(InputError, match="the decisions file is not a regular file"):
        library.read_decisions(tmp_path / "decisions.yaml")
