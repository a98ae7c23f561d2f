"""What an upload to the review page says when it cannot be read from memory."""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest
from conftest import FIXTURES

from thread2article.errors import UnknownFormatError
from thread2article.serve.opening import read_upload_bytes

ARCHIVE = FIXTURES / "mastodon-archive" / "input.archive"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(ARCHIVE.rglob("*")):
            if path.is_file():
                archive.write(path, "./" + path.relative_to(ARCHIVE).as_posix())
    return buffer.getvalue()


def _tar_gz() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(ARCHIVE, arcname=".")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data"), [("archive.zip", _zip), ("archive.tar.gz", _tar_gz)])
def test_a_mastodon_archive_upload_says_to_name_it_on_the_command_line(name, data) -> None:
    # Before: "a zip file that is not an X account archive" and "not UTF-8 text".
    with pytest.raises(UnknownFormatError) as caught:
        read_upload_bytes(data(), name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ")
    assert "Mastodon account archive" in message
    assert "thread2article serve FILE" in message
    assert "X account archive" not in message and "UTF-8" not in message
    assert "\n" not in message


def test_the_unknown_shape_message_lists_only_what_an_upload_can_be() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        read_upload_bytes(b'{"hello": "world"}', "odd.json")
    message = str(caught.value)
    accepted = message.split("an upload can be:")[1].split(". A folder")[0]
    assert "folder" not in accepted and ".tar.gz" not in accepted
    assert "thread2article serve FILE" in message


def test_an_outbox_json_upload_is_read() -> None:
    loaded = read_upload_bytes((ARCHIVE / "outbox.json").read_bytes(), "outbox.json")
    assert loaded.posts
