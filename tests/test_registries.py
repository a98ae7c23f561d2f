"""The readers' and writers' registries: a new format is one entry, a broken install is loud."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import FIXTURES

import thread2article as t2a
from thread2article.errors import InputError, UnknownFormatError
from thread2article.model import Author, Post
from thread2article.sources import SourcePosts
from thread2article.sources.detect import JSON_READERS, READERS, Input, JsonReader, Reader, load
from thread2article.writers import WRITERS, Writer, render, writer_for


def _post(post_id: str, text: str) -> Post:
    return Post(id=post_id, author=Author(id="1", handle="me"), text=text)


def test_a_new_file_reader_is_one_entry(monkeypatch, tmp_path) -> None:
    page = tmp_path / "thread.txt"
    page.write_text("TXT hello\n", encoding="utf-8")

    def read(source: Input, thread_posts_only: bool) -> SourcePosts:
        return SourcePosts(posts=[_post("7", source.data().decode()[4:].strip())])

    reader = Reader("txt", lambda source: source.head().startswith(b"TXT "), read)
    monkeypatch.setattr("thread2article.sources.detect.READERS", [reader, *READERS])
    assert [post.text for post in load(page).posts] == ["hello"]
    # From bytes too (standard input): the same reader, no path needed.
    assert [post.text for post in load(b"TXT again").posts] == ["again"]


def test_a_new_json_shape_is_one_entry(monkeypatch, tmp_path) -> None:
    saved = tmp_path / "toot.json"
    saved.write_text('{"toot": "hi"}\n{"toot": "there"}\n', encoding="utf-8")
    seen: list[list] = []

    def read(values: list, source: str) -> SourcePosts:
        seen.append(values)
        return SourcePosts(posts=[_post(str(i), v["toot"]) for i, v in enumerate(values, 1)])

    shape = JsonReader("toot", lambda value: isinstance(value, dict) and "toot" in value, read)
    monkeypatch.setattr("thread2article.sources.detect.JSON_READERS", [*JSON_READERS, shape])
    assert [post.text for post in load(saved).posts] == ["hi", "there"]
    assert len(seen) == 1, "a reader gets all its values at once"


def test_unknown_shape_names_the_line_and_what_is_accepted(tmp_path) -> None:
    saved = tmp_path / "x.jsonl"
    saved.write_text('{"a": 1}\n{"b": 2}\n', encoding="utf-8")
    with pytest.raises(UnknownFormatError, match=r"x.jsonl: unknown shape \(line 1\); accepted"):
        load(saved)


def test_a_zip_on_standard_input_asks_for_its_path() -> None:
    with pytest.raises(InputError, match="give its path"):
        load(b"PK\x03\x04rest")


def test_a_missing_dependency_of_a_reader_fails_at_import_not_as_an_unknown_format() -> None:
    # msgspec decodes archives: with it missing, `import thread2article` must say so rather
    # than later call a valid archive "not an X archive".
    code = "import sys; sys.modules['msgspec'] = None; import thread2article"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "msgspec" in result.stderr and "ModuleNotFoundError" in result.stderr


def test_a_new_writer_is_one_entry(monkeypatch) -> None:
    article = t2a.reassemble(
        t2a.select_thread(t2a.find_threads(load(FIXTURES / "north-2022-03-08" / "input.json")))
    )
    shout = Writer("shout", lambda article, options: article.title.upper(), "txt")
    monkeypatch.setattr("thread2article.writers.WRITERS", [*WRITERS, shout])
    assert render(article, "shout") == article.title.upper()
    assert writer_for("shout").extension == "txt"


def test_every_registered_writer_renders_and_has_an_extension() -> None:
    article = t2a.reassemble(
        t2a.select_thread(t2a.find_threads(load(FIXTURES / "north-2022-03-08" / "input.json")))
    )
    for writer in WRITERS:
        assert writer.extension and render(article, writer.name).strip()
