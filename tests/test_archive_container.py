"""Opening an account archive in place: folder (root or data/) or zip, layout discovery, refusals."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES

from thread2article.errors import InputError
from thread2article.sources.archive_container import (
    ZipArchive,
    check_zip_entries,
    looks_like_archive,
    open_archive,
    parse_js_assignment,
    payload_start,
)

ARCHIVES = FIXTURES / "archive"
NEW_ERA = ARCHIVES / "new-era"
OLD_ERA = ARCHIVES / "old-era"


def zip_folder(folder: Path, target: Path, *, top: str = "") -> Path:
    """Zip an archive folder the way X ships it (optionally under a top-level folder)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{top}{path.relative_to(folder).as_posix()}")
    return target


def test_folder_root_and_data_folder_open_the_same_archive():
    with open_archive(NEW_ERA) as root, open_archive(NEW_ERA / "data") as data:
        assert root.layout.tweets == data.layout.tweets == ["tweets.js", "tweets-part1.js"]
        assert root.read_bytes("account.js") == data.read_bytes("account.js")


def test_manifest_lists_every_data_type():
    with open_archive(NEW_ERA) as archive:
        layout = archive.layout
        assert layout.note_tweets == ["note-tweet.js"]
        assert layout.deleted_tweets == ["deleted-tweets.js"]
        assert layout.account == ["account.js"]
        assert layout.media_folders == ["tweets_media"]
        assert layout.manifest_user["userName"] == "ada_writes"


def test_without_manifest_old_names_are_found():
    with open_archive(OLD_ERA) as archive:
        assert archive.layout.tweets == ["tweet.js"]
        assert archive.layout.media_folders == ["tweet_media"]
        assert archive.layout.note_tweets == []
        assert archive.media_files() == {
            "1100000000000000100-D3KXoldPic.jpg": "tweet_media/1100000000000000100-D3KXoldPic.jpg"
        }


def test_part_files_are_ordered_by_number_without_manifest(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in (
        "tweets-part10.js",
        "tweets-part2.js",
        "tweets.js",
        "tweets-part1.js",
        "tweet-headers.js",
    ):
        (data / name).write_text("window.YTD.tweets.part0 = [ ]")
    with open_archive(tmp_path) as archive:
        assert archive.layout.tweets == [
            "tweets.js",
            "tweets-part1.js",
            "tweets-part2.js",
            "tweets-part10.js",
        ]


def test_damaged_manifest_falls_back_to_file_names(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "manifest.js").write_text('window.__THAR_CONFIG = { "dataTypes" : { ,,, ')
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = [ ]")
    with open_archive(tmp_path) as archive:
        assert archive.layout.tweets == ["tweets.js"]


@pytest.mark.parametrize("top", ["", "twitter-2024-03-01-abc/"])
def test_zip_is_read_in_place_with_or_without_a_top_folder(tmp_path, top):
    archive_zip = zip_folder(NEW_ERA, tmp_path / "archive.zip", top=top)
    before = sorted(path.name for path in tmp_path.iterdir())
    with open_archive(archive_zip) as archive:
        assert isinstance(archive, ZipArchive)
        assert archive.layout.tweets == ["tweets.js", "tweets-part1.js"]
        assert archive.read_bytes("tweets.js") == (NEW_ERA / "data" / "tweets.js").read_bytes()
        media = archive.media_files()["1760000000000000100-GPhotoOne1.jpg"]
        with archive.open_media(media) as handle:
            assert handle.read() == (NEW_ERA / "data" / media).read_bytes()
    # Nothing was extracted next to the zip.
    assert sorted(path.name for path in tmp_path.iterdir()) == before


def test_open_media_refuses_names_outside_the_media_folders():
    with open_archive(NEW_ERA) as archive:
        with pytest.raises(InputError, match="no media file"):
            archive.open_media("account.js")
        with pytest.raises(InputError, match="no media file"):
            archive.open_media("../../README.md")


@pytest.mark.parametrize(
    "name, reason",
    [
        ("../evil.js", "'..'"),
        ("/etc/passwd", "absolute"),
        ("data/../../x", "'..'"),
        ("C:/x.js", "absolute"),
    ],
)
def test_zip_with_unsafe_entry_is_refused(tmp_path, name, reason):
    target = tmp_path / "bad.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = [ ]")
        archive.writestr(zipfile.ZipInfo(name), "x")
    with pytest.raises(InputError) as caught:
        open_archive(target)
    message = str(caught.value)
    assert str(target) in message and name in message and reason in message


def _forge_declared_size(path: Path, entry: str, size: int) -> None:
    """Rewrite an entry's uncompressed size in the central directory (what a zip bomb declares)."""
    data = bytearray(path.read_bytes())
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        name = data[position + 46 : position + 46 + name_length].decode()
        if name == entry:
            struct.pack_into("<I", data, position + 24, size)
        position = data.find(b"PK\x01\x02", position + 4)
    path.write_bytes(bytes(data))


def test_zip_declaring_an_absurd_total_is_refused(tmp_path):
    target = tmp_path / "bomb.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = [ ]")
        for number in range(6):
            archive.writestr(f"data/tweets_media/{number}-x.jpg", b"\0" * 100)
    for number in range(6):
        _forge_declared_size(
            target, f"data/tweets_media/{number}-x.jpg", 0xF0000000
        )  # 3.75 GiB each
    with pytest.raises(InputError, match=r"declares 22\.\d GiB uncompressed \(limit 20 GiB\)"):
        open_archive(target)


def test_zip_with_a_bomb_ratio_is_refused(tmp_path):
    target = tmp_path / "ratio.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data/tweets.js", "window.YTD.tweets.part0 = [ ]")
        archive.writestr("data/tweets_media/1-x.jpg", b"\0" * 1000)
    _forge_declared_size(target, "data/tweets_media/1-x.jpg", 1024**3)
    with pytest.raises(InputError, match="zip bomb"):
        open_archive(target)


def test_size_limits_are_parameters():
    info = zipfile.ZipInfo("data/tweets.js")
    info.file_size, info.compress_size = 5000, 4000
    check_zip_entries([info], "a.zip", max_declared_bytes=5000)
    with pytest.raises(InputError, match="a.zip"):
        check_zip_entries([info], "a.zip", max_declared_bytes=4999)


def test_not_an_archive_is_a_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match="not an X/Twitter archive"):
        open_archive(tmp_path)
    plain_zip = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("photos/cat.jpg", b"x")
    with pytest.raises(InputError, match="not an X/Twitter archive"):
        open_archive(plain_zip)
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a readable zip"):
        open_archive(tmp_path / "broken.zip")
    assert not looks_like_archive(tmp_path)
    assert looks_like_archive(NEW_ERA) and looks_like_archive(OLD_ERA / "data")


def test_wrapper_forms_are_all_accepted():
    assert parse_js_assignment(b"window.YTD.tweets.part0 = [ ]", "t.js") == []
    assert parse_js_assignment(b'window.YTD.account.part0 = [{"a":1}];\n', "t.js") == [{"a": 1}]
    assert parse_js_assignment(b'\xef\xbb\xbfwindow.__THAR_CONFIG = {"x" : "1"}', "m.js") == {
        "x": "1"
    }
    assert parse_js_assignment(b"  [1, 2]", "plain.json") == [1, 2]


def test_wrapper_errors_name_file_and_position():
    with pytest.raises(InputError, match=r"t\.js: .*line 3, column 5"):
        parse_js_assignment(b'window.YTD.tweets.part0 = [\n  {"a" : 1},\n    oops\n]', "t.js")
    with pytest.raises(InputError, match="no `window.YTD"):
        payload_start(b"var x\n= [1]", "t.js")
    with pytest.raises(InputError, match="empty"):
        payload_start(b"  \n", "t.js")
