"""Issue 12, security: front matter that no renderer runs, archives nothing escapes, nothing a
terminal obeys, outputs that replace only regular files, no temporaries left by a killed run.
Each test is named after the bug it guards."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from builders import make_article
from conftest import run_command as run
from hostile_archives import FIRST, SECOND, js, make_archive_folder, manifest, thread_records
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from thread2article.errors import InputError, OutputError
from thread2article.export import export_source
from thread2article.model import Author, Paragraph
from thread2article.options import Options
from thread2article.output import remove_stale_temporaries, write_atomic
from thread2article.sources.archive_container import open_archive
from thread2article.terminal import printable, printable_json
from thread2article.writers import render

XSS = "<img src=x onerror=alert(1)> hello"


class Tags(HTMLParser):
    """Every start tag and attribute an HTML fragment holds."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def front_matter_of(title: str, name: str, handle: str, source_url: str = "") -> str:
    article = make_article(
        Paragraph("x"),
        title=title,
        author=Author(id="1", handle=handle, name=name),
        **({"source_url": source_url} if source_url else {}),
    )
    markdown = render(article, "markdown", Options(front_matter=True))
    front, _, _ = markdown[4:].partition("\n---\n")
    return front


# -- 1. front matter ---------------------------------------------------------------------------


def test_bug_front_matter_runs_html_in_renderers_without_yaml():
    front = front_matter_of(XSS, XSS, XSS)
    # A CommonMark renderer that does not know YAML (raw HTML on, as in the reference).
    rendered = MarkdownIt("commonmark").render(f"---\n{front}\n---\n")
    assert {tag for tag, _ in tags_of(rendered)} <= {"hr", "h2", "p", "br"}
    assert "<img" not in rendered and "onerror" not in rendered.split("&quot;")[0]
    assert all(not attrs for _, attrs in tags_of(rendered))
    assert "\\u003cimg" in front  # escaped, not dropped
    assert yaml.safe_load(front) == {
        "title": XSS,
        "author": XSS,
        "handle": XSS,
        "date": "2023-11-05T14:30:00Z",
        "source_url": "https://x.com/jane_doe/status/1001",
    }


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    title=st.text(st.characters(exclude_categories=("Cs",))),
    name=st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    handle=st.text(alphabet="<>&[]`\"'\\:#-*_!()x \t\n\r\x00\x85\u2028\ufeff", max_size=20),
)
def test_front_matter_reads_back_exactly_and_renders_inert(title, name, handle):
    front = front_matter_of(title, name, handle)
    values = yaml.safe_load(front)
    assert (values["title"], values["author"], values["handle"]) == (title, name, handle)
    rendered = MarkdownIt("commonmark").render(f"---\n{front}\n---\n")
    assert {tag for tag, _ in tags_of(rendered)} <= {"hr", "h2", "p", "br"}
    assert all(not attrs for _, attrs in tags_of(rendered))


# -- 2. nothing outside the archive ----------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / f"{FIRST}-PhotoOne.jpg").write_bytes(b"SECRET one")
    (folder / f"{SECOND}-PhotoTwo.jpg").write_bytes(b"SECRET two")
    (folder / "tweets.js").write_bytes(js("tweets", thread_records()))
    return folder


def exported_bytes(out: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file())


def test_bug_archive_folder_copies_a_symlinked_media_file(tmp_path, outside):
    root = make_archive_folder(tmp_path / "archive")
    photo = root / "data" / "tweets_media" / f"{FIRST}-PhotoOne.jpg"
    photo.unlink()
    photo.symlink_to(outside / f"{FIRST}-PhotoOne.jpg")
    summary = export_source(root, tmp_path / "out")
    assert b"SECRET" not in exported_bytes(tmp_path / "out")
    assert summary.media_copied == 1  # the plain file inside still is copied
    with open_archive(root) as container, pytest.raises(InputError, match="outside"):
        container.open_file(f"tweets_media/{FIRST}-PhotoOne.jpg")


def test_bug_archive_folder_copies_from_a_symlinked_media_folder(tmp_path, outside):
    root = make_archive_folder(tmp_path / "archive", media=False)
    (root / "data" / "tweets_media").symlink_to(outside, target_is_directory=True)
    summary = export_source(root, tmp_path / "out")
    assert b"SECRET" not in exported_bytes(tmp_path / "out")
    assert summary.media_copied == 0


@pytest.mark.parametrize("media_directory", ["data/../../outside", "../outside", "/outside"])
def test_bug_archive_manifest_media_directory_leads_out(tmp_path, outside, media_directory):
    root = make_archive_folder(tmp_path / "archive", media=False)
    absolute = str(outside) if media_directory == "/outside" else media_directory
    (root / "data" / "manifest.js").write_bytes(manifest(media_directory=absolute))
    summary = export_source(root, tmp_path / "out")
    assert b"SECRET" not in exported_bytes(tmp_path / "out")
    assert summary.media_copied == 0


def test_bug_archive_manifest_file_name_leads_out(tmp_path, outside):
    root = make_archive_folder(tmp_path / "archive", media=False)
    (root / "data" / "tweets.js").unlink()
    (root / "data" / "tweets-part1.js").write_bytes(js("tweets", thread_records()[:1]))
    (root / "data" / "manifest.js").write_bytes(
        manifest(tweets_file="data/../../outside/tweets.js")
    )
    with open_archive(root) as container:
        assert container.layout.tweets == ["tweets-part1.js"]  # the file inside, not outside


def test_bug_archive_tweets_file_symlinked_out_is_refused(tmp_path, outside):
    root = make_archive_folder(tmp_path / "archive", media=False)
    (root / "data" / "tweets.js").unlink()
    (root / "data" / "tweets.js").symlink_to(outside / "tweets.js")
    with pytest.raises(InputError):
        export_source(root, tmp_path / "out")
    assert not list((tmp_path / "out").rglob("*.md")) if (tmp_path / "out").exists() else True


def test_archive_links_that_stay_inside_are_followed(tmp_path):
    root = make_archive_folder(tmp_path / "archive")
    kept = root / "data" / "kept.jpg"
    photo = root / "data" / "tweets_media" / f"{FIRST}-PhotoOne.jpg"
    photo.rename(kept)
    photo.symlink_to(kept)
    summary = export_source(root, tmp_path / "out")
    assert summary.media_copied == 2
    assert b"inside one" in exported_bytes(tmp_path / "out")


# -- 3. nothing a terminal obeys -------------------------------------------------------------------

CONTROLS = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZWNobyBoaQ==\x07\x9b31m\u202e"


def hostile_v2(tmp_path: Path) -> Path:
    path = tmp_path / "thread.json"
    tweets = [
        {
            "id": "11",
            "text": f"Start {CONTROLS} of a thread",
            "author_id": "7",
            "conversation_id": "11",
        },
        {
            "id": "12",
            "text": f"and more {CONTROLS}",
            "author_id": "7",
            "conversation_id": "11",
            "referenced_tweets": [{"type": "replied_to", "id": "11"}],
            "in_reply_to_user_id": "7",
        },
    ]
    users = [{"id": "7", "username": "evil", "name": f"Evil {CONTROLS}"}]
    path.write_text(json.dumps({"data": tweets, "includes": {"users": users}}))
    return path


def assert_no_controls(text: str) -> None:
    assert not any(char in text for char in "\x1b\x07\x9b\u202e"), repr(text)


def test_bug_threads_prints_terminal_control_sequences(tmp_path):
    source = hostile_v2(tmp_path)
    table = run("threads", str(source))
    assert table.returncode == 0, table.stderr
    assert_no_controls(table.stdout + table.stderr)
    assert "\\x1b]0;pwned" in table.stdout  # shown, escaped
    listed = run("threads", str(source), "--json")
    assert_no_controls(listed.stdout)
    # Still the same JSON values: the characters are escaped, not lost.
    assert "\x1b]0;pwned\x07" in json.loads(listed.stdout)[0]["first_words"]


def test_bug_error_messages_print_terminal_control_sequences(tmp_path):
    bad = tmp_path / f"bad{CONTROLS}.json"
    bad.write_text("{")
    result = run("convert", str(bad))
    assert result.returncode == 2
    assert_no_controls(result.stderr)
    explained = run("convert", str(hostile_v2(tmp_path)), "--explain", "-o", str(tmp_path / "a"))
    assert explained.returncode == 0, explained.stderr
    assert_no_controls(explained.stderr)


def test_printable_escapes_controls_and_keeps_text():
    assert printable("a\x1b[2Jb\tc\nd é 漢字 🧵") == "a\\x1b[2Jb\tc\nd é 漢字 🧵"
    assert printable("\x9b\u202e\ud800") == "\\x9b\\u202e\\ud800"
    assert (
        json.loads(printable_json(json.dumps("\x9b\u2066x", ensure_ascii=False))) == "\x9b\u2066x"
    )


# -- 4. only regular files are replaced --------------------------------------------------------------


def test_bug_output_replaces_a_device_or_pipe_with_force(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic(fifo, "x", force=True)
    assert not fifo.is_file() and fifo.exists()
    broken = tmp_path / "broken"
    broken.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputError, match="not a regular file"):
        write_atomic(broken, "x", force=True)
    assert broken.is_symlink()
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_output_through_a_link_replaces_the_file_it_names(tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and target.read_text() == "new"


@pytest.mark.parametrize("force", [["--force"], []])
def test_bug_output_dev_stdout_is_written_not_replaced(tmp_path, force):
    result = run("convert", str(hostile_v2(tmp_path)), "-o", "/dev/stdout", *force)
    assert result.returncode == 0, result.stderr
    assert "and more" in result.stdout


def test_output_on_a_pipe_is_refused_before_any_work(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("convert", str(hostile_v2(tmp_path)), "-o", str(fifo), "--force")
    assert result.returncode == 4 and "not a regular file" in result.stderr


# -- temporaries a killed export left --------------------------------------------------------------

DEAD_PID = 4_194_305  # above Linux's largest pid: never a live process


def test_bug_killed_export_leaves_a_temporary_that_force_keeps(tmp_path):
    root = make_archive_folder(tmp_path / "archive")
    out = tmp_path / "out"
    export_source(root, out)
    stale = out / f".2024-02-20-x.md.{DEAD_PID}-3.tmp"
    stale.write_bytes(b"half")
    stale_media = out / "media" / f".{FIRST}-PhotoOne.jpg.{DEAD_PID}-0.tmp"
    stale_media.write_bytes(b"half")
    alive = out / f".other.md.{os.getpid()}-99.tmp"  # a live process's: left alone
    alive.write_bytes(b"busy")
    unrelated = out / "notes.tmp"
    unrelated.write_bytes(b"mine")
    export_source(root, out, force=True)
    assert not stale.exists() and not stale_media.exists()
    assert alive.exists() and unrelated.exists()


def test_single_output_removes_its_own_stale_temporaries(tmp_path):
    target = tmp_path / "page.md"
    (tmp_path / f".page.md.{DEAD_PID}-0.tmp").write_bytes(b"half")
    (tmp_path / f".other.md.{DEAD_PID}-0.tmp").write_bytes(b"half")
    write_atomic(target, "x")
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        f".other.md.{DEAD_PID}-0.tmp",
        "page.md",
    ]
    assert remove_stale_temporaries(tmp_path) == 1
