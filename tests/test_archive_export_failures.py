"""The export when things go wrong part way: a media file gone, a thread the reassembler
rejects, an error while rendering, an interrupt. Failures are injected through the export's
`builder` parameter, never by patching the package."""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from builders import make_thread
from conftest import REPO
from test_archive_export import snapshot

from thread2article.errors import OutputError, ThreadSelectionError
from thread2article.export import ArticleBuilder, export_source, export_threads, plan_media
from thread2article.export.run import _thread_order
from thread2article.model import Media
from thread2article.reassemble import reassemble
from thread2article.sources.archive_container import open_archive
from thread2article.sources.twitter_archive import read_container
from thread2article.threads import find_threads
from thread2article.writers import render

sys.path.insert(0, str(REPO / "bench"))
from make_archive import make_archive  # noqa: E402


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A generated archive of ~300 threads with photos and videos."""
    folder = tmp_path_factory.mktemp("synthetic") / "archive"
    make_archive(folder, 2400, seed=5)
    return folder


@pytest.fixture(scope="module")
def synthetic_threads(synthetic):
    with open_archive(synthetic) as container:
        posts = read_container(container)
    return sorted(find_threads(posts, include_replies=False, min_posts=2), key=_thread_order)


def no_leftovers(folder: Path) -> bool:
    return not [path for path in folder.rglob("*") if path.name.endswith(".tmp")]


def test_media_that_cannot_be_copied_is_linked_online_and_warned_in_thread_order(
    tmp_path, synthetic
):
    archive = tmp_path / "archive"
    shutil.copytree(synthetic, archive)
    with open_archive(archive) as container:
        threads = find_threads(read_container(container), include_replies=False, min_posts=2)
        planned = plan_media(sorted(threads, key=_thread_order))
        # Files the reader listed, gone by the time the export copies them.
        lost = [planned[1], planned[len(planned) // 2], planned[-1]]
        for item in lost:
            (archive / "data" / item.local_path).unlink()
        summary = export_threads(threads, tmp_path / "out", media_source=container)
    assert summary.media_copied == len(planned) - 3
    not_copied = [warning for warning in summary.warnings if "not copied" in warning]
    assert len(not_copied) == 3
    assert all(item.local_path in warning for item, warning in zip(lost, not_copied, strict=True))
    lost_name = f"media/{lost[0].name}"
    assert not any(lost_name in path.read_text(encoding="utf-8") for path in summary.written)
    assert not (tmp_path / "out" / lost_name).exists()
    # Every other copy is where its article says.
    kept = f"media/{planned[0].name}"
    assert (tmp_path / "out" / kept).is_file()
    assert any(kept in path.read_text(encoding="utf-8") for path in summary.written)


def test_without_an_archive_the_media_stay_online(tmp_path, synthetic_threads):
    summary = export_threads(synthetic_threads, tmp_path / "out")
    assert summary.media_copied == 0
    assert any("no archive to copy it from" in warning for warning in summary.warnings)
    assert not any("](media/" in path.read_text(encoding="utf-8") for path in summary.written)


def test_a_thread_the_reassembler_rejects_is_skipped_and_the_rest_unchanged(
    tmp_path, synthetic, synthetic_threads
):
    rejected = synthetic_threads[37].root.id

    def picky(thread, options):
        if thread.root.id == rejected:
            raise ThreadSelectionError("this one is not a thread after all")
        return reassemble(thread, options)

    whole = export_source(synthetic, tmp_path / "whole")
    summary = export_source(synthetic, tmp_path / "picky", builder=ArticleBuilder(reassemble=picky))
    assert summary.skipped == [(rejected, "this one is not a thread after all")]
    assert summary.articles == whole.articles - 1
    files, whole_files = snapshot(tmp_path / "picky"), snapshot(tmp_path / "whole")
    missing = set(whole_files) - set(files)
    assert len(missing) == 1 and missing.pop().endswith(".md")
    assert all(whole_files[name] == digest for name, digest in files.items() if name != "index.md")


def test_an_error_while_building_leaves_only_whole_files_and_no_index(
    tmp_path, synthetic, synthetic_threads
):
    target = synthetic_threads[200].root.id

    def refusing(article, fmt, options):
        if article.post_ids[0] == target:
            raise OutputError("the disk is on fire", source="disk0", post_id=target)
        return render(article, fmt, options)

    whole = export_source(synthetic, tmp_path / "whole")
    with pytest.raises(OutputError) as raised:
        export_source(synthetic, tmp_path / "out", builder=ArticleBuilder(render=refusing))
    assert (raised.value.detail, raised.value.source, raised.value.post_id) == (
        "the disk is on fire",
        "disk0",
        target,
    )
    # Articles are written as they are built, in export order: the 200 before the failing
    # thread are there, whole, and no index claims to list them all.
    files, whole_files = snapshot(tmp_path / "out"), snapshot(tmp_path / "whole")
    articles = [name for name in files if name.endswith(".md")]
    assert len(articles) == 200 and "index.md" not in files
    assert all(whole_files.get(name) == digest for name, digest in files.items())
    assert whole.articles > 200 and no_leftovers(tmp_path / "out")


def test_an_interrupt_leaves_no_temporary_file(tmp_path, synthetic_threads):
    calls = []

    def interrupt(count):
        calls.append(count)
        if len(calls) == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_threads(synthetic_threads, tmp_path / "out", progress=interrupt)
    assert len(calls) == 5 and no_leftovers(tmp_path / "out")
    assert len(list((tmp_path / "out").glob("*.md"))) == 5


def test_the_builder_counts_its_time_and_the_summary_its_phases(tmp_path, synthetic):
    builder = ArticleBuilder()
    summary = export_source(synthetic, tmp_path / "out", builder=builder)
    assert builder.reassembling > 0 and builder.rendering > 0
    assert summary.timings["reassemble"] == builder.reassembling
    assert set(summary.timings) == {
        "read",
        "find_threads",
        "media",
        "reassemble",
        "render",
        "write",
        "index",
    }


# -- the media plan ------------------------------------------------------------------------------


def with_media(thread, *local_paths):
    first = thread.posts[0]
    media = tuple(
        Media(kind="photo", url=f"https://pbs.twimg.com/media/{n}.jpg", local_path=path)
        for n, path in enumerate(local_paths)
    )
    return replace(thread, posts=(replace(first, media=media), *thread.posts[1:]))


def test_media_names_are_unique_and_planned_in_thread_order():
    one = with_media(
        make_thread(["First.", "Second."]), "tweets_media/a.jpg", "deleted_tweets_media/a.jpg"
    )
    # "a-2.jpg" is already a file name when the second thread's own "a.jpg" needs one.
    two = with_media(
        make_thread(["Third.", "Fourth."]),
        "tweets_media/a-2.jpg",
        "other/a.jpg",
        "tweets_media/a.jpg",
    )
    planned = plan_media([one, two])
    assert [(item.local_path, item.name, item.thread) for item in planned] == [
        ("tweets_media/a.jpg", "a.jpg", 0),
        ("deleted_tweets_media/a.jpg", "a-1.jpg", 0),
        ("tweets_media/a-2.jpg", "a-2.jpg", 1),
        ("other/a.jpg", "a-3.jpg", 1),
    ]


def test_media_names_follow_the_one_file_name_rule():
    thread = with_media(make_thread(["First.", "Second."]), "tweets_media/CON.jpg", "x/../.. .png")
    assert [item.name for item in plan_media([thread])] == ["CON_.jpg", "png"]
