"""`thread2article archive` when something fails part way, through the real command and real
input (the command takes no builder to inject a failure): one line on stderr naming the file,
the exit code of its kind, the articles written before the failure whole, no index that claims
to list them all, no temporary file, and nothing at all when the archive itself is unreadable."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

from conftest import run_command as run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ARCHIVE = FIXTURES / "archive" / "new-era"


def the_error_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("thread2article: error: "), result.stderr
    return lines[0]


def files_of(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_an_article_that_cannot_be_written_mid_export_is_one_line(tmp_path):
    whole = tmp_path / "whole"
    assert run("archive", str(ARCHIVE), "--out", str(whole)).returncode == 0
    articles = sorted(name for name in files_of(whole) if name != "index.md" and "/" not in name)
    assert len(articles) >= 3
    # The third article's name is taken by a folder: the export stops there.
    blocked = articles[2]
    out = tmp_path / "out"
    (out / blocked).mkdir(parents=True)
    result = run("archive", str(ARCHIVE), "--out", str(out), "--force")
    assert result.returncode == 4  # the output cannot be written
    line = the_error_line(result)
    assert str(out / blocked) in line and "is a folder" in line
    # ... and the thread, by its first post, once: the one whose link the blocked article shows.
    root = re.search(r"/status/([0-9]+)\)", (whole / blocked).read_text(encoding="utf-8"))
    assert root is not None
    assert line.count(f"post {root.group(1)}") == 1 and line.count("post ") == 1
    written = files_of(out)
    # The articles before it are there, whole; nothing after it, no index, no temporary file.
    assert [name for name in written if name.endswith(".md")] == articles[:2]
    assert all(written[name] == files_of(whole)[name] for name in written)
    assert "index.md" not in written
    assert not [name for name in written if name.endswith(".tmp")]
    assert result.stdout == ""


def test_a_damaged_archive_writes_nothing_and_names_the_file(tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(ARCHIVE, archive)
    tweets = archive / "data" / "tweets.js"
    tweets.write_bytes(tweets.read_bytes()[:900])
    out = tmp_path / "out"
    result = run("archive", str(archive), "--out", str(out))
    assert result.returncode == 2  # the input cannot be read
    line = the_error_line(result)
    assert f"{tweets}: truncated JSON at line " in line
    assert not out.exists()


def test_an_archive_whose_tweets_file_is_a_folder_writes_nothing(tmp_path):
    """Before: read without that file's posts, as if it were absent, and exported."""
    archive = tmp_path / "archive"
    shutil.copytree(ARCHIVE, archive)
    (archive / "data" / "tweets.js").unlink()
    (archive / "data" / "tweets.js").mkdir()
    out = tmp_path / "out"
    result = run("archive", str(archive), "--out", str(out))
    assert result.returncode == 2
    assert "tweets.js: is a folder" in the_error_line(result)
    assert not out.exists()


def test_an_out_folder_under_a_file_is_one_line(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = run("archive", str(ARCHIVE), "--out", str(tmp_path / "notes.txt" / "articles"))
    assert result.returncode == 4
    assert str(tmp_path / "notes.txt" / "articles") in the_error_line(result)
    assert (tmp_path / "notes.txt").read_text() == "mine"
