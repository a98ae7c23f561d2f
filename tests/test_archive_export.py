"""Exporting every thread of a source: file names, media copies, index, summary, reruns, refusals."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from anyascii import anyascii
from builders import make_thread
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st
from test_archive_container import zip_folder

from thread2article.errors import OutputError
from thread2article.export import (
    article_stem,
    export_source,
    export_threads,
    slugify,
)
from thread2article.model import Article, Author, Image
from thread2article.options import Options
from thread2article.sources.archive_container import open_archive
from thread2article.sources.twitter_archive import read_container
from thread2article.threads import Selection, find_threads

NEW_ERA = FIXTURES / "archive" / "new-era"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- names -------------------------------------------------------------------------------------


def test_slug_is_ascii_short_and_cut_at_a_word():
    assert slugify("Ça va? Über-naïve «quotes» & data!") == "ca-va-uber-naive-quotes-data"
    long_title = "word " * 30
    slug = slugify(long_title)
    assert len(slug) <= 60 and not slug.endswith("-") and set(slug.split("-")) == {"word"}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Straße", "strasse"),
        ("Œuvre complète", "oeuvre-complete"),
        ("Привет, мир", "privet-mir"),
        ("Καλημέρα κόσμε", "kalimera-kosme"),
        ("東京の春", "dong-jing-no-chun"),
        ("北京欢迎你", "bei-jing-huan-ying-ni"),
        ("ひらがなとカタカナ", "hiraganatokatakana"),
        ("مرحبا بالعالم", "mrhb-bl-lm"),
        ("안녕하세요 세계", "annyeonghaseyo-segye"),
    ],
)
def test_slug_keeps_every_script_readable(title, slug):
    assert slugify(title) == slug
    assert slugify(title) == slugify(title)  # stable


def slug_by_every_character(title: str, limit: int = 60) -> str:
    """slugify's rule spelled out one character at a time, without its ASCII shortcut."""
    words = "".join(" " if unicodedata.category(char)[0] == "S" else char for char in title)
    spaced = re.sub(
        r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]",
        lambda match: f" {match.group()} ",
        words,
    )
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(spaced).lower()).strip("-")
    if len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[: cut if cut > limit // 2 else limit].strip("-")
    return slug


@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=120)
    | st.from_regex(r"[ -~]{0,150}", fullmatch=True)
)
def test_the_ascii_shortcut_gives_the_slug_of_the_whole_rule(title):
    assert slugify(title) == slug_by_every_character(title)


def test_only_a_title_without_letters_or_digits_falls_back_to_the_root_id():
    assert slugify("🧵 👇 …") == ""


def test_stem_uses_date_and_falls_back_to_root_id():
    author = Author(id="1", handle="a")
    published = datetime(2024, 2, 5, 13, 38, tzinfo=UTC)
    article = Article(
        title="Hello, world",
        author=author,
        published=published,
        source_url="",
        post_ids=("9",),
        blocks=(),
    )
    assert article_stem(article, "9") == "2024-02-05-hello-world"
    japanese = Article(
        title="東京", author=author, published=None, source_url="", post_ids=("9",), blocks=()
    )
    assert article_stem(japanese, "9") == "undated-dong-jing"
    emoji = replace(japanese, title="🧵")
    assert article_stem(emoji, "9") == "undated-thread-9"


# -- exporting the new-era fixture ---------------------------------------------------------------


@pytest.fixture
def exported(tmp_path):
    out = tmp_path / "out"
    summary = export_source(NEW_ERA, out)
    return out, summary


def test_one_article_per_thread_plus_index_and_media(exported):
    out, summary = exported
    assert summary.articles == 4 and not summary.skipped
    names = sorted(path.name for path in summary.written)
    assert all(name.startswith("2024-02-") and name.endswith(".md") for name in names)
    assert summary.index == out / "index.md"
    assert sorted(path.name for path in (out / "media").iterdir()) == [
        "1760000000000000100-GPhotoOne1.jpg",
        "1760000000000001000-VideoThumb1-high.mp4",
    ]
    assert summary.media_copied == 2
    assert (out / "media" / "1760000000000000100-GPhotoOne1.jpg").read_bytes() == (
        NEW_ERA / "data" / "tweets_media" / "1760000000000000100-GPhotoOne1.jpg"
    ).read_bytes()


def test_articles_refer_to_copied_media_relatively(exported):
    out, summary = exported
    texts = {path.name: path.read_text() for path in summary.written}
    photo_article = next(text for text in texts.values() if "Archives keep everything" in text)
    assert "](media/1760000000000000100-GPhotoOne1.jpg)" in photo_article
    assert "pbs.twimg.com/media/GPhotoOne1" not in photo_article
    video_article = next(text for text in texts.values() if "A video post" in text)
    assert "media/1760000000000001000-VideoThumb1-high.mp4" in video_article


def test_index_lists_every_article_with_date_and_post_count(exported):
    out, summary = exported
    index = (out / "index.md").read_text()
    for path in summary.written:
        assert f"({path.name})" in index
    assert "4 posts" in index and "3 posts" in index and index.count("2 posts") == 2
    assert "2024-02-20" in index


def test_running_twice_gives_identical_files(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    export_source(NEW_ERA, first)
    export_source(NEW_ERA, second)
    export_source(NEW_ERA, first, force=True)
    assert snapshot(first) == snapshot(second)
    assert not [name for name in snapshot(first) if name.endswith(".tmp")]


def test_zip_source_exports_the_same_files(tmp_path):
    zipped = zip_folder(NEW_ERA, tmp_path / "archive.zip", top="twitter-2024/")
    export_source(zipped, tmp_path / "from-zip")
    export_source(NEW_ERA, tmp_path / "from-folder")
    assert snapshot(tmp_path / "from-zip") == snapshot(tmp_path / "from-folder")


def test_non_empty_folder_needs_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    with pytest.raises(OutputError, match="not empty; use --force"):
        export_source(NEW_ERA, out)
    summary = export_source(NEW_ERA, out, force=True)
    assert summary.articles == 4 and (out / "mine.txt").read_text() == "keep me"


def test_output_path_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "file.md"
    target.write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        export_source(NEW_ERA, target)


@pytest.mark.parametrize("fmt, index_name", [("html", "index.html"), ("json", "index.json")])
def test_other_formats(tmp_path, fmt, index_name):
    summary = export_source(NEW_ERA, tmp_path / fmt, fmt=fmt)
    assert all(path.suffix == f".{'html' if fmt == 'html' else 'json'}" for path in summary.written)
    index = (tmp_path / fmt / index_name).read_text()
    for path in summary.written:
        assert path.name in index
    if fmt == "json":
        document = json.loads(index)
        assert [entry["post_count"] for entry in document["articles"]] == [4, 3, 2, 2]
        article = json.loads(summary.written[0].read_text())
        assert any(block.get("src", "").startswith("media/") for block in article["blocks"])
    else:
        assert 'src="media/1760000000000000100-GPhotoOne1.jpg"' in summary.written[0].read_text()


def test_front_matter_option_reaches_the_writer(tmp_path):
    summary = export_source(NEW_ERA, tmp_path / "fm", options=Options(front_matter=True))
    assert summary.written[0].read_text().startswith("---\n")


def test_progress_advances_once_per_thread(tmp_path):
    steps: list[int] = []
    totals: list[int] = []
    export_source(NEW_ERA, tmp_path / "p", progress=steps.append, on_threads=totals.append)
    assert totals == [4] and sum(steps) == 4


def test_min_posts_filters_threads(tmp_path):
    assert (
        export_source(NEW_ERA, tmp_path / "three", selection=Selection(min_posts=3)).articles == 2
    )
    # The lone post counts; the retweet and the reply to @bob_other do not.
    assert export_source(NEW_ERA, tmp_path / "one", selection=Selection(min_posts=1)).articles == 5


def test_missing_media_file_is_a_warning_not_a_failure(tmp_path):
    import shutil

    shutil.copytree(NEW_ERA, tmp_path / "archive")
    with open_archive(tmp_path / "archive") as container:
        posts = read_container(container)
        (
            tmp_path / "archive" / "data" / "tweets_media" / "1760000000000000100-GPhotoOne1.jpg"
        ).unlink()
        threads = find_threads(posts, min_posts=2, include_replies=False)
        summary = export_threads(threads, tmp_path / "out", media_source=container)
    assert summary.articles == 4 and summary.media_copied == 1
    assert any(
        "1760000000000000100" in warning and "not copied" in warning for warning in summary.warnings
    )
    text = next(path.read_text() for path in summary.written if "Archives keep" in path.read_text())
    assert "https://pbs.twimg.com/media/GPhotoOne1.jpg" in text


def renumbered(thread, offset):
    """The builder numbers every thread from 1000; give this one ids of its own."""
    posts = tuple(
        replace(
            post,
            id=str(int(post.id) + offset),
            reply_to=str(int(post.reply_to) + offset) if post.reply_to else None,
        )
        for post in thread.posts
    )
    return replace(thread, posts=posts)


def test_title_collisions_are_resolved_with_the_root_id(tmp_path):
    # Same first sentence and day: both files carry their root id, whatever the order.
    one = renumbered(make_thread(["Same title here. First thread body.", "More words."]), 100)
    two = renumbered(make_thread(["Same title here. Second thread body.", "Other words."]), 200)
    summary = export_threads([two, one], tmp_path / "out")
    names = sorted(path.name for path in summary.written)
    assert len(names) == 2 and names[0] != names[1]
    assert all(name.endswith((f"-{one.root.id}.md", f"-{two.root.id}.md")) for name in names)
    again = export_threads([one, two], tmp_path / "again")
    assert sorted(path.name for path in again.written) == names
    # The first article of a stem was written under the plain name, then renamed when the
    # second came: only the renamed files are left, and the index links those.
    three = renumbered(make_thread(["Same title here. Third thread body.", "Last words."]), 300)
    trio = export_threads([one, two, three], tmp_path / "trio")
    files = sorted(path.name for path in (tmp_path / "trio").iterdir() if path.name != "index.md")
    assert files == sorted(path.name for path in trio.written) and len(files) == 3
    assert all(
        name.endswith(f"-{thread.root.id}.md")
        for name, thread in zip(files, (one, two, three), strict=False)
    )
    index = (tmp_path / "trio" / "index.md").read_text(encoding="utf-8")
    assert all(f"({name})" in index for name in files)


def test_export_of_a_jsonl_source_with_several_conversations(tmp_path):
    # Two saved API pages (JSON Lines): the seed thread, and the branching sensemakers thread.
    pages = [
        (FIXTURES / "north-2022-03-08" / "input.json").read_text(encoding="utf-8"),
        (FIXTURES / "sensemakers-branching" / "input.json").read_text(encoding="utf-8"),
    ]
    source = tmp_path / "pages.jsonl"
    source.write_text(
        "".join(json.dumps(json.loads(page)) + "\n" for page in pages), encoding="utf-8"
    )
    summary = export_source(source, tmp_path / "out", selection=Selection(min_posts=2))
    names = sorted(path.name for path in summary.written)
    assert names == [
        "2022-03-08-a-russian-comrade-who-firmly-opposes-the-invasion-of-ukraine.md",
        "2024-06-06-this-is-a-tweet-that-references-two-other-tweets.md",
    ]
    index = (tmp_path / "out" / "index.md").read_text(encoding="utf-8")
    assert all(name in index for name in names) and "17 posts" in index and "4 posts" in index


def test_blocks_that_use_the_remote_url_are_pointed_at_the_copy():
    from thread2article.media import relink_media

    author = Author(id="1")
    article = Article(
        title="t",
        author=author,
        published=None,
        source_url="",
        post_ids=("1",),
        blocks=(
            Image(src="https://pbs.twimg.com/media/X.jpg", alt="a cat"),
            Image(src="https://elsewhere/y.jpg"),
        ),
    )
    moved = relink_media(article, {"https://pbs.twimg.com/media/X.jpg": "media/1-X.jpg"})
    assert [block.src for block in moved.blocks] == ["media/1-X.jpg", "https://elsewhere/y.jpg"]
    assert moved.blocks[0].alt == "a cat"


def test_a_title_that_ends_in_another_threads_root_id_gets_a_name_of_its_own(tmp_path):
    # "Same title 5000" has the stem a collision gives thread 5000 of "Same title": every
    # article must still get a file of its own, and the index must list four different files.
    first = renumbered(make_thread(["Same title here. First thread body.", "More words."]), 100)
    second = renumbered(make_thread(["Same title here. Second thread body.", "Other words."]), 200)
    colliding = renumbered(
        make_thread([f"Same title here {first.root.id}. Its body.", "Words."]), 300
    )
    for order in ([first, second, colliding], [colliding, second, first]):
        out = tmp_path / f"out-{order[0].root.id}"
        summary = export_threads(order, out)
        names = [path.name for path in summary.written]
        assert len(set(names)) == 3 and sorted(path.name for path in out.iterdir()) == sorted(
            names + ["index.md"]
        )


def test_a_damaged_media_entry_in_a_zip_is_a_warning_not_a_failure(tmp_path):
    archive = zip_folder(NEW_ERA, tmp_path / "archive.zip")
    with zipfile.ZipFile(archive) as listing:
        entry = next(
            info for info in listing.infolist() if info.filename.endswith("GPhotoOne1.jpg")
        )
    data = bytearray(archive.read_bytes())
    # The entry's compressed bytes start after its local header (30 bytes, name, extra field).
    name_length, extra_length = (
        int.from_bytes(data[entry.header_offset + 26 : entry.header_offset + 28], "little"),
        int.from_bytes(data[entry.header_offset + 28 : entry.header_offset + 30], "little"),
    )
    start = entry.header_offset + 30 + name_length + extra_length
    data[start : start + 8] = b"\xff" * 8  # an invalid deflate block
    archive.write_bytes(bytes(data))
    summary = export_source(archive, tmp_path / "out")
    assert summary.articles == 4 and summary.media_copied == 1
    assert any(
        "GPhotoOne1.jpg not copied" in warning and "linked online" in warning
        for warning in summary.warnings
    )
    text = next(path.read_text() for path in summary.written if "Archives keep" in path.read_text())
    assert "https://pbs.twimg.com/media/GPhotoOne1.jpg" in text
