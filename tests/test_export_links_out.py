"""An export never writes through a symbolic link that leads out of its folder: `DIR/media`, an
article's name or the index pointing elsewhere is refused before anything is written, with one
clear line (library: OutputError)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_command as run
from hostile_archives import make_archive_folder

from thread2article.errors import OutputError
from thread2article.export import export_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ARCHIVE = FIXTURES / "archive" / "new-era"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (links not followed) and its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "keep.txt").write_bytes(b"untouched")
    return folder


def first_article_name(tmp_path: Path, archive: Path) -> str:
    """The name of an article the export writes (from an export into a scratch folder)."""
    summary = export_source(archive, tmp_path / "scratch")
    return summary.written[0].name


def test_media_folder_linked_out_is_refused_before_anything_is_written(tmp_path, outside):
    archive = make_archive_folder(tmp_path / "archive")
    out = tmp_path / "out"
    out.mkdir()
    (out / "media").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError, match="symbolic link") as caught:
        export_source(archive, out, force=True)
    assert caught.value.source == str(out / "media")
    assert str(outside) in caught.value.detail
    assert tree(outside) == {"keep.txt": b"untouched"}
    assert sorted(path.name for path in out.iterdir()) == ["media"]


def test_an_article_name_linked_out_is_refused_before_anything_is_written(tmp_path, outside):
    archive = make_archive_folder(tmp_path / "archive")
    name = first_article_name(tmp_path, archive)
    out = tmp_path / "out"
    out.mkdir()
    (outside / "victim.md").write_bytes(b"mine")
    (out / name).symlink_to(outside / "victim.md")
    with pytest.raises(OutputError, match="symbolic link"):
        export_source(archive, out, force=True)
    assert tree(outside) == {"keep.txt": b"untouched", "victim.md": b"mine"}
    assert [path.name for path in out.iterdir()] == [name]


def test_the_index_linked_out_is_refused(tmp_path, outside):
    archive = make_archive_folder(tmp_path / "archive")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.md").symlink_to(outside / "keep.txt")
    with pytest.raises(OutputError, match="symbolic link"):
        export_source(archive, out, force=True)
    assert tree(outside) == {"keep.txt": b"untouched"}


def test_links_that_stay_inside_or_are_not_written_are_left_alone(tmp_path, outside):
    """A media folder linked to a folder inside the export works; a link the export does not
    write (another extension) is no business of the export's."""
    archive = make_archive_folder(tmp_path / "archive")
    out = tmp_path / "out"
    (out / "pictures").mkdir(parents=True)
    (out / "media").symlink_to("pictures", target_is_directory=True)
    (out / "notes.txt").symlink_to(outside / "keep.txt")
    summary = export_source(archive, out, force=True)
    assert summary.media_copied == 2
    assert sorted(path.name for path in (out / "pictures").iterdir()) == sorted(
        path.name for path in (archive / "data" / "tweets_media").iterdir()
    )
    assert tree(outside) == {"keep.txt": b"untouched"}


def test_cli_says_it_in_one_line_and_fails(tmp_path, outside):
    out = tmp_path / "out"
    out.mkdir()
    (out / "media").symlink_to(outside, target_is_directory=True)
    result = run("archive", str(ARCHIVE), "--out", str(out), "--force")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "media" in lines[0] and "symbolic link" in lines[0] and "outside" in lines[0]
    assert tree(outside) == {"keep.txt": b"untouched"}
    assert [path.name for path in out.iterdir()] == ["media"]
    assert os.path.islink(out / "media")


def test_a_media_file_linked_out_is_never_written_through(tmp_path, outside):
    """Inside media/, the names the export copies to are known only once planned: a link there
    is not replaced (only regular files are), its copy becomes a warning and links online."""
    archive = make_archive_folder(tmp_path / "archive")
    name = sorted(path.name for path in (archive / "data" / "tweets_media").iterdir())[0]
    out = tmp_path / "out"
    (out / "media").mkdir(parents=True)
    (out / "media" / name).symlink_to(outside / "keep.txt")
    summary = export_source(archive, out, force=True)
    assert tree(outside) == {"keep.txt": b"untouched"}
    assert summary.media_copied == 1
    assert any(name in warning and "not copied" in warning for warning in summary.warnings)


def test_a_second_export_replaces_its_media_and_keeps_their_mode(tmp_path):
    archive = make_archive_folder(tmp_path / "archive")
    out = tmp_path / "out"
    export_source(archive, out)
    copies = sorted((out / "media").iterdir())
    copies[0].write_bytes(b"edited")
    copies[0].chmod(0o600)
    export_source(archive, out, force=True)
    assert (
        copies[0].read_bytes() == (archive / "data" / "tweets_media" / copies[0].name).read_bytes()
    )
    assert copies[0].stat().st_mode & 0o777 == 0o600
