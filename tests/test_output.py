"""Atomic writes: the usual mode for a new file, the old mode for a replaced one, nothing left
behind on failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from thread2article.output import atomic_file


def test_a_new_file_gets_the_mode_a_plain_file_would_get(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        with atomic_file(tmp_path / "new.md") as stream:
            stream.write(b"hello")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.md").read_bytes() == b"hello"
    assert (tmp_path / "new.md").stat().st_mode & 0o777 == 0o640


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_bytes(b"old")
    target.chmod(0o604)
    with atomic_file(target) as stream:
        stream.write(b"new")
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 == 0o604


def test_a_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "kept.md"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_file(target) as stream:
            stream.write(b"half")
            raise RuntimeError("stopped")
    assert target.read_bytes() == b"old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept.md"]


def test_a_leftover_temporary_of_the_same_name_is_not_reused(tmp_path: Path) -> None:
    import thread2article.output as output

    number = next(output._temporary_numbers) + 1
    leftover = tmp_path / f".page.md.{os.getpid()}-{number}.tmp"
    leftover.write_bytes(b"someone else's")
    with atomic_file(tmp_path / "page.md") as stream:
        stream.write(b"mine")
    assert (tmp_path / "page.md").read_bytes() == b"mine"
    assert leftover.read_bytes() == b"someone else's"


def test_bytes_written_in_one_call_behave_the_same(tmp_path: Path) -> None:
    from thread2article.output import write_bytes_atomically

    target = tmp_path / "page.md"
    target.write_bytes(b"old")
    target.chmod(0o604)
    write_bytes_atomically(target, b"new" * 100_000)
    assert target.read_bytes() == b"new" * 100_000 and target.stat().st_mode & 0o777 == 0o604
    mask = os.umask(0o022)
    try:
        write_bytes_atomically(tmp_path / "fresh.md", b"x", may_exist=False)
    finally:
        os.umask(mask)
    assert (tmp_path / "fresh.md").stat().st_mode & 0o777 == 0o644
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fresh.md", "page.md"]


def test_an_interrupt_just_after_the_temporary_is_created_leaves_nothing(
    tmp_path: Path, monkeypatch
) -> None:
    """Ctrl-C lands where the time goes: in the system call that creates the file."""
    import thread2article.output as output

    real_open = output._open_new

    def created_then_interrupted(temporary: str) -> int:
        os.close(real_open(temporary))
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_open_new", created_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_bytes_atomically(tmp_path / "page.md", b"x")
    with pytest.raises(KeyboardInterrupt):
        with atomic_file(tmp_path / "other.md") as stream:
            stream.write(b"x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("through", ["file", "zip", "buffer"])
def test_a_copy_holds_the_rest_of_its_source(tmp_path: Path, through: str) -> None:
    import io
    import zipfile

    from thread2article.output import copy_atomically

    payload = os.urandom(300_000)
    (tmp_path / "photo.jpg").write_bytes(payload)
    with zipfile.ZipFile(tmp_path / "a.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("photo.jpg", payload)
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        sources = {
            "file": lambda: open(tmp_path / "photo.jpg", "rb"),
            "zip": lambda: archive.open("photo.jpg"),
            "buffer": lambda: io.BytesIO(payload),
        }
        with sources[through]() as source:
            source.read(10)  # a reader may have consumed the start: the copy takes the rest
            copy_atomically(source, tmp_path / "copy.jpg")
    assert (tmp_path / "copy.jpg").read_bytes() == payload[10:]
    assert not [path for path in tmp_path.iterdir() if path.name.endswith(".tmp")]
