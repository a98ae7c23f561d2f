"""The Bluesky repository export (`.car`): every self-thread in it, through the library and the
`threads`, `convert` and `archive` commands, on repositories built with libipld's DAG-CBOR
encoder (bluesky_car.py) and the committed fixture (make_bluesky_export.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bluesky_car import RepoBuilder, blob_cid_text, layer_of
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from make_bluesky_export import DID, build
from typer.testing import CliRunner

import thread2article as t2a
from thread2article.cli import app
from thread2article.errors import InputError, UnknownFormatError
from thread2article.sources.bluesky import is_car, read_repo

EXPORT = FIXTURES / "bluesky-export" / "input.car"
START = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_the_committed_fixture_is_what_the_script_builds() -> None:
    assert EXPORT.read_bytes() == build().car(), (
        "fixtures/bluesky-export/input.car is stale: run tests/make_bluesky_export.py and review"
    )


def test_every_self_thread_of_the_export() -> None:
    source = t2a.load(EXPORT)
    assert source.platform == "bluesky" and source.account is not None
    assert source.account.id == DID and source.account.name == "Ada Example"
    threads = t2a.find_threads(source, min_posts=2)
    assert [len(thread.posts) for thread in threads] == [6, 3]
    assert all(thread.platform == "bluesky" for thread in threads)
    first = threads[0]
    # The fork: the later reply to the third post is a side branch, named in a warning.
    assert len(first.side_posts) == 1 and "side branch" in first.warnings[0]
    # No repost, like or profile became a post; the reply to another account is no thread.
    texts = [post.text for post in source.posts]
    assert len(source.posts) == 12
    assert not any(thread.root.text.startswith("Lovely work") for thread in threads)
    assert any(text.startswith("Lovely work") for text in texts)


def test_export_posts_link_by_did_and_carry_their_media_on_the_cdn() -> None:
    source = t2a.load(EXPORT)
    thread = t2a.find_threads(source, min_posts=2)[0]
    root = thread.root
    assert root.author.handle == "" and root.author.name == "Ada Example"
    assert root.permalink == f"https://bsky.app/profile/{DID}/post/{root.id}"
    image = thread.posts[2].media[0]
    assert image.kind == "photo" and image.alt.startswith("A grey stone wall")
    cid = blob_cid_text(b"wall photo bytes")
    assert image.url == f"https://cdn.bsky.app/img/feed_fullsize/plain/{DID}/{cid}@jpeg"
    video = thread.posts[4].media[0]
    assert video.kind == "video" and video.url.endswith("/playlist.m3u8")
    assert video.poster.endswith("/thumbnail.jpg") and video.alt.startswith("Hands setting")


def test_a_quote_of_the_account_s_own_post_has_its_text() -> None:
    thread = t2a.find_threads(t2a.load(EXPORT), min_posts=2)[0]
    quote = thread.posts[3].quote
    assert quote is not None and quote.text == "Gardens are slow arguments with the weather."
    assert quote.author is not None and quote.author.name == "Ada Example"


def test_the_shortened_link_after_curly_apostrophe_and_dash_is_whole_in_the_article() -> None:
    thread = t2a.find_threads(t2a.load(EXPORT), min_posts=2)[0]
    article = t2a.reassemble(thread)
    text = " ".join(block.text for block in article.blocks if block.type == "paragraph")
    assert (
        "— you only listen. It’s all in the guide at https://walling.example/guide/dry-stone-basics-for-everyone?ref=ada"
        in text
    )
    # The sentence cut across the first two posts is mended.
    assert "more about patience than any book did." in text


def test_a_deep_tree_is_walked_in_key_order() -> None:
    repo = RepoBuilder("did:plc:deeptreedeeptreedeeptreed")
    previous = None
    root = None
    for minute in range(400):
        rkey = repo.post(
            START + timedelta(minutes=minute), f"post {minute}.", parent=previous, root=root
        )
        root = root or rkey
        previous = rkey
    keys = [f"app.bsky.feed.post/{key.split('/')[1]}".encode() for key in repo.records]
    assert max(layer_of(key) for key in keys) >= 2  # the tree has inner nodes: the walk recurses
    source = read_repo(repo.car(), "deep.car")
    assert len(source.posts) == 400
    (thread,) = t2a.find_threads(source, min_posts=2)
    assert [post.text for post in thread.posts] == [f"post {minute}." for minute in range(400)]


def test_an_incomplete_export_warns_and_shows_a_gap() -> None:
    repo = RepoBuilder("did:plc:incompleteincompleteincom")
    first = repo.post(START, "one.")
    second = repo.post(START + timedelta(minutes=1), "two.", parent=first, root=first)
    repo.post(START + timedelta(minutes=2), "three.", parent=second, root=first)
    repo.drop_blocks.add(f"app.bsky.feed.post/{second}")
    source = read_repo(repo.car(), "partial.car")
    assert "1 record of the repository is not in the file" in source.warnings[0]
    (thread,) = t2a.find_threads(source, min_posts=2)
    assert thread.gaps and [post.text for post in thread.posts] == ["one.", "three."]


def test_threads_convert_and_archive_commands_on_an_export(tmp_path) -> None:
    listed = invoke("threads", str(EXPORT))
    assert listed.exit_code == 0, listed.output
    assert "2 threads" in listed.stdout and "Ada Example" in listed.stdout
    root = t2a.find_threads(t2a.load(EXPORT), min_posts=2)[1].root.id
    converted = invoke("convert", str(EXPORT), "--thread", root)
    assert converted.exit_code == 0, converted.output
    assert "Originally posted as a thread on Bluesky" in converted.stdout
    assert (
        "Two Below: a rule of thumb — <https://guild.example/notes/two-below>" in converted.stdout
    )
    out = tmp_path / "articles"
    exported = invoke("archive", str(EXPORT), "--out", str(out))
    assert exported.exit_code == 0, exported.output
    names = sorted(path.name for path in out.iterdir())
    assert len([name for name in names if name.endswith(".md") and name != "index.md"]) == 2
    assert "index.md" in names


def test_a_damaged_car_is_one_line(tmp_path) -> None:
    # A well-formed header (17 bytes: {roots: [], version: 1}) followed by no valid block.
    payload = b"\x11\xa2eroots\x80gversion\x01" + b"\x05garbage"
    path = tmp_path / "broken.car"
    path.write_bytes(payload)
    with pytest.raises(InputError, match="not a readable CAR file"):
        t2a.load(path)
    result = invoke("threads", str(path))
    assert result.exit_code == 2 and "broken.car" in result.stderr
    assert "Traceback" not in result.output


def test_a_truncated_export_is_refused_with_its_name(tmp_path) -> None:
    path = tmp_path / "cut.car"
    path.write_bytes(EXPORT.read_bytes()[:3000])
    result = invoke("convert", str(path))
    assert result.exit_code == 2
    assert "cut.car" in result.stderr and "not a readable CAR file" in result.stderr


def test_a_car_that_is_no_repository(tmp_path) -> None:
    import libipld
    from bluesky_car import cid_of, varint

    block = libipld.encode_dag_cbor({"hello": "world"})
    cid = cid_of(block)
    header = libipld.encode_dag_cbor({"version": 1, "roots": [cid]})
    path = tmp_path / "other.car"
    path.write_bytes(varint(len(header)) + header + varint(len(cid) + len(block)) + cid + block)
    with pytest.raises(UnknownFormatError, match="not a Bluesky repository"):
        t2a.load(path)


def test_car_sniffing() -> None:
    assert is_car(EXPORT.read_bytes()[:256])
    assert not is_car(b'{"thread": {}}')
    assert not is_car(b"")
    assert not is_car(b"PK\x03\x04")


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    edits=st.lists(st.tuples(st.integers(0, 8099), st.integers(0, 255)), min_size=1, max_size=8),
    cut=st.one_of(st.none(), st.integers(1, 8099)),
)
def test_a_damaged_export_is_read_or_refused_never_a_crash(edits, cut) -> None:
    data = bytearray(EXPORT.read_bytes())
    for position, value in edits:
        data[position % len(data)] = value
    if cut is not None:
        data = data[:cut]
    try:
        source = t2a.load(bytes(data))
        for thread in t2a.find_threads(source, min_posts=1):
            article = t2a.reassemble(thread)
            for fmt in ("markdown", "html", "json"):
                t2a.render(article, fmt)
    except t2a.ThreadToArticleError:
        pass
