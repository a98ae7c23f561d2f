"""Fuzzing every reader and the archive container (issue 12): mutated documents of every shape,
as files and as a library caller's values, and mutated archives (zip and folder), go through the
whole library; the only exception allowed out is one of the project's own.

`make test` runs a fixed, derandomized budget (about 1,000 cases, some 10 s); `make fuzz`
runs many more with fresh random seeds (`T2A_FUZZ_EXAMPLES`, default 5000 per test)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pipeline import run_source, run_values
from strategies import archive_files, archive_zips, damaged, json_sources, to_json

from thread2article.sources.archive_container import open_archive

EXAMPLES = int(os.environ.get("T2A_FUZZ_EXAMPLES", "0"))


def budget(examples_in_ci: int) -> settings:
    """The CI budget, fixed and derandomized; or `make fuzz`'s, random."""
    return settings(
        max_examples=EXAMPLES or examples_in_ci,
        derandomize=not EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


@budget(500)
@given(source=json_sources(), data=st.data())
def test_fuzz_json_files(source, data):
    _, document = source
    raw = data.draw(damaged(to_json(document)))
    assert run_source(raw) in ("ok", "refused")


@budget(300)
@given(source=json_sources(python=True))
def test_fuzz_library_values(source):
    _, document = source
    assert run_values([document]) in ("ok", "refused")


@budget(150)
@given(archive=archive_zips())
def test_fuzz_archive_zips(archive):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "archive.zip"
        path.write_bytes(archive)
        assert run_source(path) in ("ok", "refused")


@budget(60)
@given(files=archive_files(), link=st.sampled_from(["none", "media-file", "media-folder", "data"]))
def test_fuzz_archive_folders(files, link):
    with tempfile.TemporaryDirectory() as folder:
        outside = Path(folder) / "outside"
        outside.mkdir()
        (outside / "1700000000000000001-v.mp4").write_bytes(b"SECRET")
        root = Path(folder) / "archive"
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        media = root / "data" / "tweets_media"
        if link == "media-file":
            (media / "1700000000000000001-v.mp4").unlink()
            (media / "1700000000000000001-v.mp4").symlink_to(outside / "1700000000000000001-v.mp4")
        elif link == "media-folder":
            (media / "1700000000000000001-v.mp4").unlink()
            media.rmdir()
            media.symlink_to(outside, target_is_directory=True)
        elif link == "data":
            (root / "data" / "tweets_media" / "1700000000000000001-v.mp4").unlink()
        assert run_source(root) in ("ok", "refused")
        # Whatever the files say, no media file outside the archive is ever offered.
        try:
            with open_archive(root) as container:
                for local_path in container.media_files().values():
                    with container.open_media(local_path) as stream:
                        assert stream.read() != b"SECRET"
        except Exception as error:  # noqa: BLE001 - only the project's errors may stop it
            from thread2article.errors import ThreadToArticleError

            assert isinstance(error, ThreadToArticleError), repr(error)


@budget(60)
@given(source=json_sources(), data=st.data(), command=st.sampled_from(["threads", "convert"]))
def test_fuzz_commands(source, data, command):
    """The commands a user runs: never "internal error" (exit 70) nor a traceback, and nothing
    a terminal would obey in what they print."""
    from typer.testing import CliRunner

    from thread2article.cli import app

    raw = data.draw(damaged(to_json(source[1])))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.json"
        path.write_bytes(raw)
        args = [command, str(path)] + (["--include-replies"] if command == "threads" else [])
        result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1, 2, 3), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "internal error" not in result.output
    if command == "threads":
        assert not any(char in result.output for char in "\x1b\x07\x9b")
