"""The command line, run as a user runs it: a real process, its exit code, stdout and stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from conftest import run_command as run

NORTH = FIXTURES / "north-2022-03-08" / "input.json"


def assert_one_line_error(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [
        line for line in result.stderr.splitlines() if line.startswith("thread2article: error:")
    ]
    assert len(lines) == 1, result.stderr
    for phrase in phrases:
        assert phrase in lines[0]


def test_convert_prints_markdown_with_the_mended_sentence() -> None:
    result = run("convert", str(NORTH))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "# A Russian comrade, who firmly opposes the invasion of Ukraine"
    )
    assert "**David North**" in result.stdout
    assert "Putin’s government would do everything" in result.stdout
    assert "1/17" not in result.stdout and "🧵" not in result.stdout


def test_convert_writes_each_format_atomically_and_refuses_to_overwrite(tmp_path: Path) -> None:
    for fmt, suffix in (("markdown", "md"), ("html", "html"), ("json", "json")):
        target = tmp_path / f"north.{suffix}"
        result = run(
            "convert", str(NORTH), "--format", fmt, "-o", str(target), "--title", "A discussion"
        )
        assert result.returncode == 0, result.stderr
        assert "A discussion" in target.read_text(encoding="utf-8")
    before = (tmp_path / "north.md").read_text(encoding="utf-8")
    again = run("convert", str(NORTH), "-o", str(tmp_path / "north.md"), "--title", "Other")
    assert_one_line_error(again, "already exists", "--force")
    assert (tmp_path / "north.md").read_text(encoding="utf-8") == before
    forced = run(
        "convert", str(NORTH), "-o", str(tmp_path / "north.md"), "--title", "Other", "--force"
    )
    assert forced.returncode == 0 and "# Other" in (tmp_path / "north.md").read_text(
        encoding="utf-8"
    )
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]


def test_convert_json_document_and_python_module_entry() -> None:
    result = run("convert", str(NORTH), "-f", "json")
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1 and document["author"]["handle"] == "DavidNorthWSWS"
    assert document["published"] == "2022-03-08T14:02:11Z"
    assert all(isinstance(post_id, str) for post_id in document["post_ids"])


def test_convert_front_matter_fragment_and_paragraphs_post() -> None:
    front = run("convert", str(NORTH), "--front-matter", "--title", 'Colon: "quoted" title')
    assert front.stdout.startswith("---\n") and 'title: "Colon: \\"quoted\\" title"' in front.stdout
    fragment = run("convert", str(NORTH), "-f", "html", "--fragment")
    assert fragment.stdout.lstrip().startswith("<article") and "<html" not in fragment.stdout
    per_post = run("convert", str(NORTH), "--paragraphs", "post")
    assert "Putin’s\n\ngovernment" in per_post.stdout


def test_convert_explain_prints_every_boundary() -> None:
    result = run("convert", str(NORTH), "--explain")
    lines = [line for line in result.stderr.splitlines() if line.startswith("explain:")]
    assert len(lines) == 16
    assert any(
        "join [rule: no terminal punctuation" in line and "Putin’s" in line for line in lines
    )


def test_convert_thread_option_and_several_threads(tmp_path: Path) -> None:
    data = json.loads(NORTH.read_text(encoding="utf-8"))
    other = {"id": "9", "text": "A lone post.", "author_id": "5"}
    second = {
        "id": "10",
        "text": "A reply.",
        "author_id": "5",
        "in_reply_to_user_id": "5",
        "referenced_tweets": [{"type": "replied_to", "id": "9"}],
    }
    data["data"] += [other, second]
    path = tmp_path / "two.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    ambiguous = run("convert", str(path))
    assert_one_line_error(ambiguous, str(path), "holds 2 threads", "--thread")
    chosen = run("convert", str(path), "--thread", "10")
    assert (
        chosen.returncode == 0
        and "A lone post. A reply." not in chosen.stdout
        and "A reply." in chosen.stdout
    )
    missing = run("convert", str(path), "--thread", "12345")
    assert_one_line_error(missing, "no thread holds post 12345")


@pytest.mark.parametrize(
    "content, phrase",
    [("{", "invalid JSON at line 1"), ('{"x": 1}', "unknown shape"), ("", "empty")],
)
def test_convert_bad_input(tmp_path: Path, content: str, phrase: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content)
    target = tmp_path / "out.md"
    result = run("convert", str(path), "-o", str(target))
    assert_one_line_error(result, str(path), phrase)
    assert not target.exists()


def test_convert_missing_file() -> None:
    assert_one_line_error(
        run("convert", "does-not-exist.json"), "does-not-exist.json", "no such file"
    )


def test_threads_lists_and_prints_json() -> None:
    table = run("threads", str(FIXTURES / "sensemakers-branching" / "input.json"))
    assert (
        table.returncode == 0
        and "1798791421152911644" in table.stdout
        and "1 thread" in table.stdout
    )
    listing = json.loads(run("threads", str(NORTH), "--json").stdout)
    assert listing == [
        {
            "root_id": "1501196583303573504",
            "author": "@DavidNorthWSWS",
            "published": "2022-03-08T14:02:11Z",
            "posts": 17,
            "first_words": listing[0]["first_words"],
        }
    ]
    assert listing[0]["first_words"].startswith("A Russian comrade, who firmly opposes")


def test_threads_filters(tmp_path: Path) -> None:
    north = str(NORTH)
    assert json.loads(run("threads", north, "--json", "--min-posts", "18").stdout) == []
    assert (
        len(
            json.loads(
                run(
                    "threads", north, "--json", "--since", "2022-03-08", "--until", "2022-03-08"
                ).stdout
            )
        )
        == 1
    )
    assert json.loads(run("threads", north, "--json", "--since", "2022-03-09").stdout) == []
    assert len(json.loads(run("threads", north, "--json", "--search", "TROTSKYIST").stdout)) == 1
    assert json.loads(run("threads", north, "--json", "--search", "bananas").stdout) == []
    bad_day = run("threads", north, "--since", "yesterday")
    assert_one_line_error(bad_day, "--since", "wants a date like 2024-03-08", "--help")
    assert bad_day.returncode == 64


def test_version_and_help() -> None:
    assert run("--version").stdout.startswith("thread2article ")
    help_text = run("--help").stdout
    for command in ("convert", "threads"):
        assert command in help_text


def test_usage_errors_and_unreadable_input_have_their_own_exit_codes(tmp_path: Path) -> None:
    for args in (("convert",), ("convert", str(NORTH), "--nope"), ("threads", str(NORTH), "--min-posts", "-1"), ("archive", str(NORTH), "--out", str(tmp_path), "--min-posts", "0")):  # fmt: skip
        result = run(*args)
        assert_one_line_error(result, "--help")
        assert result.returncode == 64, args
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert_one_line_error(run("convert", str(bad)), str(bad), "invalid JSON")
    assert run("convert", str(bad)).returncode == 2


def test_no_arguments_show_the_help() -> None:
    result = run()
    shown = result.stdout + result.stderr
    assert result.returncode == 64 and "convert" in shown and "Usage" in shown


def test_a_dash_reads_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "thread2article", "convert", "-"],
        input=NORTH.read_bytes(),
        capture_output=True,
        env={"PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == run("convert", str(NORTH)).stdout
    listing = subprocess.run(
        [sys.executable, "-m", "thread2article", "threads", "-", "--json"],
        input=NORTH.read_bytes(),
        capture_output=True,
        timeout=120,
    )
    assert json.loads(listing.stdout)[0]["posts"] == 17


def test_flags_show_no_value_placeholder_in_help() -> None:
    for command in ("convert", "threads", "archive", "fetch", "serve"):
        help_text = run(command, "--help").stdout
        assert "--force" in help_text or command in ("threads", "serve")
        assert "<bool>" not in help_text and "BOOLEAN" not in help_text, command


def test_shell_completion_is_offered_and_works() -> None:
    assert "--install-completion" in run("--help").stdout
    script = run("--show-completion", "bash")
    assert (
        script.returncode == 0 and "complete" in script.stdout and "thread2article" in script.stdout
    )


ARCHIVE = FIXTURES / "archive" / "new-era"


def test_archive_command_writes_articles_media_and_index_and_is_repeatable(tmp_path: Path) -> None:
    out = tmp_path / "articles"
    first = run("archive", str(ARCHIVE), "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert "Wrote 4 articles" in first.stderr
    names = sorted(path.name for path in out.iterdir())
    assert "index.md" in names and "media" in names
    articles = [name for name in names if name.endswith(".md") and name != "index.md"]
    assert len(articles) == 4 and all(name[:4] == "2024" for name in articles)
    index = (out / "index.md").read_text(encoding="utf-8")
    assert all(name in index for name in articles)
    copied = sorted(path.name for path in (out / "media").iterdir())
    assert copied and any(
        f"media/{name}" in (out / article).read_text(encoding="utf-8")
        for article in articles
        for name in copied
    )
    snapshot = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}

    refused = run("archive", str(ARCHIVE), "--out", str(out))
    assert_one_line_error(refused, "--force")
    again = run("archive", str(ARCHIVE), "--out", str(out), "--force")
    assert again.returncode == 0
    assert {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()} == snapshot


def test_archive_command_html_and_min_posts(tmp_path: Path) -> None:
    out = tmp_path / "html"
    result = run("archive", str(ARCHIVE), "--out", str(out), "--format", "html", "--min-posts", "3")
    assert result.returncode == 0, result.stderr
    pages = sorted(path.name for path in out.glob("*.html"))
    assert "index.html" in pages and len(pages) == 3  # two threads of 3+ posts, plus the index


def test_convert_an_archive_thread_links_the_original_media(tmp_path: Path) -> None:
    result = run("convert", str(ARCHIVE), "--thread", "1760000000000000100")
    assert result.returncode == 0, result.stderr
    assert "tweets_media/" not in result.stdout
    assert "Archives keep everything & more" in result.stdout


def test_archive_command_takes_a_json_file_of_many_conversations(tmp_path: Path) -> None:
    data = json.loads(NORTH.read_text(encoding="utf-8"))
    data["data"] += [
        {
            "id": "9",
            "text": "A second thread starts here.",
            "author_id": "5",
            "created_at": "2023-01-02T10:00:00.000Z",
        },
        {
            "id": "10",
            "text": "And ends here.",
            "author_id": "5",
            "in_reply_to_user_id": "5",
            "created_at": "2023-01-02T10:01:00.000Z",
            "referenced_tweets": [{"type": "replied_to", "id": "9"}],
        },
    ]
    source = tmp_path / "pages.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = run("archive", str(source), "--out", str(tmp_path / "out"), "--format", "json")
    assert result.returncode == 0, result.stderr
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == [
        "2022-03-08-a-russian-comrade-who-firmly-opposes-the-invasion-of-ukraine.json",
        "2023-01-02-a-second-thread-starts-here.json",
        "index.json",
    ], written


def test_written_files_get_the_usual_mode_not_private_temporary_ones(tmp_path: Path) -> None:
    mask = os.umask(0)
    os.umask(mask)
    target = tmp_path / "north.md"
    assert run("convert", str(NORTH), "-o", str(target)).returncode == 0
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    out = tmp_path / "articles"
    assert run("archive", str(ARCHIVE), "--out", str(out)).returncode == 0
    assert {path.stat().st_mode & 0o777 for path in out.rglob("*") if path.is_file()} == {
        0o666 & ~mask
    }


def test_archive_write_failure_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "blocked"
    (out / "index.md").mkdir(parents=True)
    result = run("archive", str(ARCHIVE), "--out", str(out), "--force")
    assert_one_line_error(result, "index.md", "cannot write")


def test_a_zip_that_is_not_an_archive_says_so(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foo.txt", "hello")
    assert_one_line_error(run("convert", str(path)), str(path), "not an X account archive")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 and then nothing useful")
    assert_one_line_error(run("threads", str(broken)), "damaged or incomplete")


def test_an_article_document_keeps_the_writer_options_and_refuses_a_foreign_thread(
    tmp_path: Path,
) -> None:
    document = tmp_path / "north.json"
    assert run("convert", str(NORTH), "-f", "json", "-o", str(document)).returncode == 0
    assert_one_line_error(
        run("convert", str(document), "--thread", "999"), "the article holds no post 999"
    )
    again = run(
        "convert", str(document), "--explain", "--title", "New title", "--paragraphs", "post"
    )
    assert again.returncode == 0 and again.stdout.startswith("# New title")
    assert "do not apply" in again.stderr
    # --explain shows the decisions the document records, as the first conversion took them.
    explained = [line for line in again.stderr.splitlines() if line.startswith("explain:")]
    first = run("convert", str(NORTH), "--explain").stderr.splitlines()
    # (The document keeps each decision, its rule and signals; not the excerpt.)
    assert [line.rsplit("]", 1)[0] for line in explained] == [
        line.rsplit("]", 1)[0] for line in first if line.startswith("explain:")
    ]


def test_threads_min_posts_one_lists_lone_posts_too(tmp_path: Path) -> None:
    data = json.loads(NORTH.read_text(encoding="utf-8"))
    data["data"].append({"id": "9", "text": "A lone post.", "author_id": "5"})
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert [item["posts"] for item in json.loads(run("threads", str(path), "--json").stdout)] == [
        17
    ]
    everything = json.loads(run("threads", str(path), "--json", "--min-posts", "1").stdout)
    assert sorted(item["posts"] for item in everything) == [1, 17]


def test_threads_of_an_archive_lists_lone_posts_only_when_asked_or_when_there_is_no_thread(
    tmp_path: Path,
) -> None:
    archive = FIXTURES / "archive" / "new-era"
    default = json.loads(run("threads", str(archive), "--json").stdout)
    assert default and all(item["posts"] >= 2 for item in default)
    everything = json.loads(run("threads", str(archive), "--json", "--min-posts", "1").stdout)
    assert len(everything) > len(default) and any(item["posts"] == 1 for item in everything)
    # An archive without a single self-reply still lists its posts (read again, whole).
    lone = tmp_path / "lone" / "data"
    lone.mkdir(parents=True)
    (lone / "account.js").write_bytes((archive / "data" / "account.js").read_bytes())
    records = [
        {
            "tweet": {
                "id_str": str(number),
                "id": str(number),
                "full_text": f"Lone post {number}.",
                "created_at": "Fri Mar 06 13:02:05 +0000 2026",
                "entities": {},
            }
        }
        for number in (101, 102)
    ]
    (lone / "tweets.js").write_text(
        "window.YTD.tweets.part0 = " + json.dumps(records), encoding="utf-8"
    )
    listing = json.loads(run("threads", str(lone.parent), "--json").stdout)
    assert sorted(item["root_id"] for item in listing) == ["101", "102"]
    assert all(item["posts"] == 1 for item in listing)


def test_threads_table_lines_up_its_columns() -> None:
    result = run("threads", str(FIXTURES / "archive" / "new-era"), "--min-posts", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "5 threads" and lines[0].split() == [
        "root",
        "id",
        "author",
        "date",
        "posts",
        "first",
        "words",
    ]
    start = lines[0].index("first words")
    posts_end = lines[0].index("posts") + len("posts")
    for line in lines[1:-1]:
        assert line[start - 2 : start] == "  " and line[start] != " ", line
        assert line[:posts_end].split()[-1].isdigit()  # the count, right-aligned under its header
    assert any("A lone post with no replies at all." in line for line in lines)
