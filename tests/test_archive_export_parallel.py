"""The export with worker processes: the same files as in one process, errors that come out as
they do in one process, a progress bar that moves, and no process left behind."""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from builders import make_thread
from conftest import FIXTURES, REPO
from test_archive_container import zip_folder
from test_archive_export import snapshot
from typer.testing import CliRunner

import thread2article.export as export_module
from thread2article.cli import app
from thread2article.errors import OutputError, ThreadSelectionError, ThreadToArticleError
from thread2article.export import (
    MIN_THREADS_FOR_WORKERS,
    ExportSummary,
    export_source,
    export_threads,
    plan_media,
    worker_count,
)
from thread2article.model import Media
from thread2article.sources.archive_container import open_archive
from thread2article.sources.twitter_archive import read_container
from thread2article.threads import Selection, find_threads

sys.path.insert(0, str(REPO / "bench"))
from make_archive import make_archive  # noqa: E402

# The packages themselves (`thread2article.reassemble` is also the name of a function).
reassemble_package = importlib.import_module("thread2article.reassemble")
writers_package = importlib.import_module("thread2article.writers")

NEW_ERA = FIXTURES / "archive" / "new-era"
PARALLEL = {"jobs": 2, "min_threads_for_workers": 1}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """A generated archive of ~300 threads with photos and videos: enough for many chunks, and
    above MIN_THREADS_FOR_WORKERS so that the default threshold takes the parallel path too."""
    folder = tmp_path_factory.mktemp("synthetic") / "archive"
    make_archive(folder, 2400, seed=5)
    return folder


@pytest.fixture(scope="module")
def synthetic_threads(synthetic):
    with open_archive(synthetic) as container:
        posts = read_container(container)
    return find_threads(posts, include_replies=False, min_posts=2)


def described(summary: ExportSummary) -> dict:
    """Everything a summary tells the user, with paths relative to the output folder."""
    return {
        "written": [path.name for path in summary.written],
        "skipped": summary.skipped,
        "warnings": summary.warnings,
        "media_copied": summary.media_copied,
        "index": summary.index.name if summary.index else None,
    }


def no_leftovers(folder: Path) -> bool:
    return not [path for path in folder.rglob("*") if path.name.endswith(".tmp")]


# -- the same output -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_workers_write_the_same_files_as_one_process(tmp_path, synthetic, fmt):
    alone = export_source(synthetic, tmp_path / "alone", fmt=fmt, jobs=1)
    shared = export_source(synthetic, tmp_path / "shared", fmt=fmt, **PARALLEL)
    assert alone.workers == 0 and shared.workers == 2
    assert shared.articles > 2 * export_module.MIN_CHUNK  # several chunks, so both workers build
    assert shared.media_copied > 0
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "alone")
    assert described(shared) == described(alone)
    assert no_leftovers(tmp_path / "shared")


def test_the_fixture_archive_through_workers(tmp_path):
    alone = export_source(NEW_ERA, tmp_path / "alone", selection=Selection(min_posts=1), jobs=1)
    shared = export_source(
        NEW_ERA, tmp_path / "shared", selection=Selection(min_posts=1), **PARALLEL
    )
    assert shared.workers == 1  # five threads make one chunk: one worker, while the parent copies
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "alone")
    assert described(shared) == described(alone)


def test_a_zip_is_read_by_the_parent_alone_and_gives_the_same_files(tmp_path, synthetic):
    zipped = zip_folder(synthetic, tmp_path / "archive.zip", top="twitter-2024/")
    shared = export_source(zipped, tmp_path / "from-zip", **PARALLEL)
    export_source(synthetic, tmp_path / "from-folder", jobs=1)
    assert shared.workers == 2 and shared.media_copied > 0
    assert snapshot(tmp_path / "from-zip") == snapshot(tmp_path / "from-folder")


def test_automatic_jobs_take_the_parallel_path_above_the_threshold(
    tmp_path, synthetic, synthetic_threads, monkeypatch
):
    monkeypatch.setattr(export_module, "usable_cpus", lambda: 2)
    assert len(synthetic_threads) >= MIN_THREADS_FOR_WORKERS
    assert export_source(synthetic, tmp_path / "auto", jobs=None).workers == 2
    assert export_source(NEW_ERA, tmp_path / "few", jobs=None).workers == 0
    # A library caller gets no forked processes unless it asks (the CLI asks for jobs=None).
    assert export_source(synthetic, tmp_path / "library").workers == 0


def test_media_that_cannot_be_copied_is_linked_online_as_in_one_process(tmp_path, synthetic):
    archive = tmp_path / "archive"
    shutil.copytree(synthetic, archive)
    with open_archive(archive) as container:
        threads = find_threads(read_container(container), include_replies=False, min_posts=2)
        planned = plan_media(sorted(threads, key=export_module._thread_order))
        # Files the reader listed, gone by the time the export copies them.
        lost = [planned[1], planned[len(planned) // 2], planned[-1]]
        for item in lost:
            (archive / "data" / item.local_path).unlink()
        alone = export_threads(threads, tmp_path / "alone", media_source=container, jobs=1)
        shared = export_threads(threads, tmp_path / "shared", media_source=container, **PARALLEL)
    assert shared.workers == 2
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "alone")
    assert described(shared) == described(alone)
    assert shared.media_copied == len(planned) - 3
    # One warning per lost file, in the order of the threads that use them.
    not_copied = [warning for warning in shared.warnings if "not copied" in warning]
    assert len(not_copied) == 3
    assert all(item.local_path in warning for item, warning in zip(lost, not_copied, strict=False))
    # The article of a lost file links the file online, not the missing copy.
    lost_name = f"media/{lost[0].name}"
    assert not any(lost_name in path.read_text(encoding="utf-8") for path in shared.written)


def test_without_an_archive_the_media_stay_online_as_in_one_process(tmp_path, synthetic_threads):
    alone = export_threads(synthetic_threads, tmp_path / "alone", jobs=1)
    shared = export_threads(synthetic_threads, tmp_path / "shared", **PARALLEL)
    assert shared.workers == 2 and shared.media_copied == 0
    assert any("no archive to copy it from" in warning for warning in shared.warnings)
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "alone")
    assert described(shared) == described(alone)


def test_a_thread_the_reassembler_rejects_is_skipped_by_a_worker_too(
    tmp_path, synthetic_threads, monkeypatch
):
    rejected = sorted(synthetic_threads, key=export_module._thread_order)[37].root.id
    real = reassemble_package.reassemble

    def picky(thread, options):
        if thread.root.id == rejected:
            raise ThreadSelectionError("this one is not a thread after all")
        return real(thread, options)

    monkeypatch.setattr(reassemble_package, "reassemble", picky)
    alone = export_threads(synthetic_threads, tmp_path / "alone", jobs=1)
    shared = export_threads(synthetic_threads, tmp_path / "shared", **PARALLEL)
    assert shared.workers == 2
    assert shared.skipped == alone.skipped == [(rejected, "this one is not a thread after all")]
    assert shared.articles == len(synthetic_threads) - 1
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "alone")


def test_no_fork_means_one_process_and_the_same_files(tmp_path, synthetic, monkeypatch):
    monkeypatch.setattr(export_module, "_fork_context", lambda: None)
    summary = export_source(synthetic, tmp_path / "nofork", **PARALLEL)
    assert summary.workers == 0
    export_source(synthetic, tmp_path / "alone", jobs=1)
    assert snapshot(tmp_path / "nofork") == snapshot(tmp_path / "alone")


def test_how_many_workers(monkeypatch):
    monkeypatch.setattr(export_module, "usable_cpus", lambda: 3)
    assert worker_count(None, 1000) == 3
    assert worker_count(1, 1000) == 0
    assert worker_count(4, 1000) == 4
    assert worker_count(4, MIN_THREADS_FOR_WORKERS - 1) == 0
    assert worker_count(8, 5, min_threads=1) == 5


def test_jobs_below_one_are_refused(tmp_path):
    with pytest.raises(OutputError, match="at least 1"):
        export_source(NEW_ERA, tmp_path / "out", jobs=0)


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


# -- errors, interrupts, progress -------------------------------------------------------------------


def failing_render_for(root_ids: set[str], error_for):
    """writers.render, except for the articles of `root_ids`, where it calls error_for(article)."""
    real = writers_package.render

    def render(article, fmt, options=None):
        if article.post_ids[0] in root_ids:
            error_for(article)
        return real(article, fmt, options)

    return render


def test_a_library_error_in_a_worker_comes_out_as_itself_and_leaves_only_whole_files(
    tmp_path, synthetic_threads, monkeypatch
):
    target = sorted(synthetic_threads, key=export_module._thread_order)[200].root.id

    def refuse(article):
        raise OutputError("the disk is on fire", source="disk0", post_id=article.post_ids[0])

    monkeypatch.setattr(writers_package, "render", failing_render_for({target}, refuse))
    with pytest.raises(OutputError) as alone:
        export_threads(synthetic_threads, tmp_path / "alone", jobs=1)
    with pytest.raises(OutputError) as shared:
        export_threads(synthetic_threads, tmp_path / "shared", **PARALLEL)
    assert (shared.value.detail, shared.value.source, shared.value.post_id) == (
        "the disk is on fire",
        "disk0",
        target,
    )
    assert str(shared.value) == str(alone.value) and shared.value.exit_code == 4
    # Articles are written as they are built, in export order: those before the failing thread
    # are there, whole (the same as in one process), and no index claims to list them all.
    alone_files, shared_files = snapshot(tmp_path / "alone"), snapshot(tmp_path / "shared")
    articles = [name for name in shared_files if name.endswith(".md")]
    assert articles and len(articles) <= 200 and "index.md" not in shared_files
    assert all(alone_files.get(name) == content for name, content in shared_files.items())
    assert no_leftovers(tmp_path / "shared")
    assert not multiprocessing.active_children()


def test_a_worker_that_dies_is_an_error_not_a_hang(tmp_path, synthetic_threads, monkeypatch):
    parent = os.getpid()
    target = sorted(synthetic_threads, key=export_module._thread_order)[100].root.id

    def die(article):
        if os.getpid() != parent:  # never the test's own process
            os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(writers_package, "render", failing_render_for({target}, die))
    with pytest.raises(ThreadToArticleError, match="ended abruptly.*--jobs 1"):
        export_threads(synthetic_threads, tmp_path / "out", **PARALLEL)
    assert not multiprocessing.active_children()


def test_an_interrupt_stops_every_worker(tmp_path, synthetic_threads):
    calls = []

    def interrupt(count):
        calls.append(count)
        assert multiprocessing.active_children()  # the workers are running now
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_threads(synthetic_threads, tmp_path / "out", progress=interrupt, **PARALLEL)
    assert calls and not multiprocessing.active_children()
    assert no_leftovers(tmp_path / "out")


SLOW_EXPORT = """
import importlib, sys, time
writers = importlib.import_module("thread2article.writers")
real = writers.render
def slow(article, fmt, options=None):
    time.sleep(0.01)
    return real(article, fmt, options)
writers.render = slow
from thread2article.export import export_source
export_source(sys.argv[1], sys.argv[2], jobs=2, min_threads_for_workers=1)
"""


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def still_running(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_end_when_the_parent_is_killed(tmp_path, synthetic):
    parent = subprocess.Popen(
        [sys.executable, "-c", SLOW_EXPORT, str(synthetic), str(tmp_path / "out")]
    )
    deadline = time.monotonic() + 20
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.02)
        workers = children_of(parent.pid)
    assert len(workers) == 2, "the export never started its workers"
    parent.kill()  # no chance to stop them itself
    parent.wait()
    deadline = time.monotonic() + 5
    while any(still_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    survivors = [pid for pid in workers if still_running(pid)]
    for pid in survivors:  # do not leave them behind even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors


def test_progress_moves_chunk_by_chunk_and_sums_to_the_threads(
    tmp_path, synthetic, synthetic_threads
):
    steps: list[int] = []
    totals: list[int] = []
    summary = export_source(
        synthetic, tmp_path / "out", progress=steps.append, on_threads=totals.append, **PARALLEL
    )
    assert summary.workers == 2
    assert totals == [len(synthetic_threads)] and sum(steps) == len(synthetic_threads)
    assert len(steps) > 2 and max(steps) <= export_module.MAX_CHUNK


def test_workers_pause_the_collector(tmp_path, synthetic_threads, monkeypatch):
    real = writers_package.render
    monkeypatch.setattr(
        writers_package,
        "render",
        lambda article, fmt, options=None: real(article, fmt, options) + f"gc:{gc.isenabled()}",
    )
    assert gc.isenabled()
    export_threads(synthetic_threads, tmp_path / "out", **PARALLEL)
    endings = {
        path.read_text(encoding="utf-8").rsplit("gc:", 1)[1]
        for path in (tmp_path / "out").glob("2*.md")
    }
    assert endings == {"False"}


# -- the command line ----------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "thread2article", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"},
        timeout=120,
    )


def test_cli_jobs_gives_the_same_files_and_summary(tmp_path, synthetic, synthetic_threads):
    assert len(synthetic_threads) >= MIN_THREADS_FOR_WORKERS  # so --jobs 2 forks workers
    alone = run("archive", str(synthetic), "--out", str(tmp_path / "alone"), "--jobs", "1")
    shared = run("archive", str(synthetic), "--out", str(tmp_path / "shared"), "-j", "2")
    assert alone.returncode == shared.returncode == 0, shared.stderr
    assert shared.stderr.replace(str(tmp_path / "shared"), "OUT") == alone.stderr.replace(
        str(tmp_path / "alone"), "OUT"
    )
    assert f"Wrote {len(synthetic_threads)} articles" in shared.stderr
    assert snapshot(tmp_path / "shared") == snapshot(tmp_path / "alone")


def test_cli_refuses_zero_jobs(tmp_path):
    result = run("archive", str(NEW_ERA), "--out", str(tmp_path / "out"), "--jobs", "0")
    assert result.returncode != 0 and "--jobs" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_passes_jobs_to_the_export(tmp_path, synthetic, monkeypatch):
    used = []
    real = export_module.export_threads

    def spy(*args, **kwargs):
        summary = real(*args, **kwargs)
        used.append((kwargs["jobs"], summary.workers))
        return summary

    monkeypatch.setattr(export_module, "export_threads", spy)
    for jobs in ("2", "1"):
        result = CliRunner().invoke(
            app, ["archive", str(synthetic), "--out", str(tmp_path / jobs), "--jobs", jobs]
        )
        assert result.exit_code == 0, result.output
    assert used == [(2, 2), (1, 0)]


@pytest.mark.parametrize(
    "error, code, line",
    [
        (
            OutputError("the disk is on fire", source="disk0"),
            4,
            "thread2article: error: disk0: the disk is on fire",
        ),
        (ValueError("a bug"), 70, "thread2article: error: internal error (ValueError: a bug)"),
    ],
)
def test_cli_error_in_a_worker_is_one_line(
    tmp_path, synthetic, synthetic_threads, monkeypatch, error, code, line
):
    target = sorted(synthetic_threads, key=export_module._thread_order)[150].root.id

    def fail(article):
        raise error

    monkeypatch.setattr(writers_package, "render", failing_render_for({target}, fail))
    result = CliRunner().invoke(
        app, ["archive", str(synthetic), "--out", str(tmp_path / "out"), "--jobs", "2"]
    )
    assert result.exit_code == code
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(line), result.stderr
    assert not multiprocessing.active_children()
