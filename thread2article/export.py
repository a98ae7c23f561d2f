"""Export many threads at once: one article file per thread, their media, and an index.

`export_threads` is what `thread2article archive SOURCE --out DIR` runs. The output is stable:
file names come from the date and title (`2024-02-05-el-proceso-entero.md`), collisions are
resolved with the root post id, media files keep their archive names, and every file is written
atomically, so running the export twice gives byte-identical files, whatever the number of
worker processes.

The export runs in steps:
1. plan: the threads sorted by date; every media file they use gets its name under `media/`
   (names must be unique across the export, so they are decided once, in order, up front);
2. copy the media and build every article (reassemble, render, keep the bytes): most of the
   time, and what worker processes share (see below);
3. name and write each article as it comes, in export order (`ArticleFiles`): `<stem>.md`, and
   when a second article has the same stem, both become `<stem>-<root id>.md` (the first file is
   renamed then); then the index. A failure part way leaves whole articles and no index.

Worker processes. With `jobs` > 1, on a system that can fork safely (Linux and other Unix
systems; not macOS, not Windows) and with enough threads to pay for it, the articles are built
by forked worker processes, a chunk of threads at a time.
Forking after reading means the workers inherit the posts, never pickled; they send back only
the rendered bytes and a few fields per article. Meanwhile the parent copies the media: a forked
process must not read a zip through the parent's open ZipFile (they would share one file
offset), and this way the workers never touch the archive. The workers build as if every
planned copy succeeds; a thread whose media could not be copied is built again by the parent,
knowing, so its article links the media online exactly as in one process. The parent does not
build as well: with as many workers as CPUs it would only take turns with them (measured on 2
CPUs: one worker plus the parent building was no faster than two workers, and needed more
code). Meanwhile, between chunks, the parent writes the articles it has been given. With
`jobs=1` (the library's default; the CLI asks for one per CPU), few threads or no fork,
everything runs in this process: copy, then build and write.

This module does file I/O but no terminal output: `progress` is a plain callable the CLI can
connect to a progress bar.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import signal
import sys
import time
import unicodedata
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import IO, NamedTuple, Protocol

from anyascii import anyascii

from .errors import OutputError, ThreadToArticleError
from .media import relink_media
from .model import Article, Thread
from .options import Options
from .output import copy_atomically, remove_stale_temporaries, write_bytes_atomically
from .threads import Selection
from .writers import writer_for

INDEX_NAMES = {"markdown": "index.md", "html": "index.html", "json": "index.json"}
MEDIA_FOLDER = "media"
SLUG_LENGTH = 60

# Below this many threads the export runs in-process. Measured with 2 workers: 85 threads break
# even, 360 save a quarter; the margin is for a large heap (forking 340 MiB takes ~7 ms a worker).
MIN_THREADS_FOR_WORKERS = 200
# Threads per task sent to a worker: small enough for an even finish and a moving progress bar,
# large enough that the per-task cost (a few hundred microseconds) stays negligible.
MIN_CHUNK, MAX_CHUNK, CHUNKS_PER_WORKER = 16, 256, 32

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
# Han characters (Chinese, Japanese kanji): one syllable each, see slugify.
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef]")
_SAFE_FILE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


class MediaSource(Protocol):
    """Where media files named by `Media.local_path` come from (an open archive container)."""

    def open_media(self, local_path: str) -> IO[bytes]: ...


@dataclass
class ExportSummary:
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    # (root post id, reason) for threads that could not be turned into an article.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    media_copied: int = 0
    index: Path | None = None
    # Seconds per phase (read, find_threads, reassemble, render, build, media, write, index): the
    # benchmark reads them. With workers, reassemble and render are summed over the workers (CPU
    # time that overlaps); `build` is the wall time of building every article.
    timings: dict[str, float] = field(default_factory=dict)
    # Worker processes that built the articles; 0 when everything ran in this process.
    workers: int = 0

    def add_time(self, phase: str, seconds: float) -> None:
        self.timings[phase] = self.timings.get(phase, 0.0) + seconds

    @property
    def articles(self) -> int:
        return len(self.written)


# -- names -----------------------------------------------------------------------------------


def slugify(title: str, limit: int = SLUG_LENGTH) -> str:
    """Lower-case ASCII words joined by `-`, at most `limit` characters, cut at a word.

    Every script keeps its words: anyascii transliterates (Straße -> strasse, Москва -> moskva,
    Αθήνα -> athina); each Chinese character or Japanese kanji is a syllable of its own
    (東京の春 -> dong-jing-no-chun), as its reading runs together otherwise. The same title
    always gives the same slug."""
    # Symbols (emoji, 🧵, ©) are no words: anyascii would spell them out (":thread:").
    words = "".join(" " if unicodedata.category(char)[0] == "S" else char for char in title)
    spaced = _IDEOGRAPH.sub(lambda match: f" {match.group()} ", words)
    slug = _SLUG_DROP.sub("-", anyascii(spaced).lower()).strip("-")
    if len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = slug[: cut if cut > limit // 2 else limit].strip("-")
    return slug


def article_stem(article: Article, root_id: str) -> str:
    """`YYYY-MM-DD-slug`; the root id stands in for a title with no letters or digits at all."""
    date = article.published.strftime("%Y-%m-%d") if article.published else "undated"
    slug = slugify(article.title) or f"thread-{root_id}"
    return f"{date}-{slug}"


def safe_file_name(name: str) -> str:
    """A media file name that is safe on every file system and in a URL."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _SAFE_FILE_CHARS.sub("_", base).strip("._") or "media"
    return cleaned[:120]


# -- files -------------------------------------------------------------------------------------


def write_atomically(path: str | os.PathLike[str], data: bytes, *, may_exist: bool = True) -> None:
    try:
        write_bytes_atomically(path, data, may_exist=may_exist)
    except OSError as error:
        raise OutputError(f"cannot write: {error.strerror or error}", source=str(path)) from None


def prepare_out_dir(out_dir: Path, force: bool) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError("exists and is not a folder", source=str(out_dir))
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise OutputError(
            "the folder is not empty; use --force to write into it anyway", source=str(out_dir)
        )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create the folder: {error.strerror or error}", source=str(out_dir)
        ) from None
    # What a killed run (SIGKILL) left half-written: its temporary files, never its articles.
    remove_stale_temporaries(out_dir)
    remove_stale_temporaries(out_dir / MEDIA_FOLDER)


# -- media -----------------------------------------------------------------------------------


class PlannedCopy(NamedTuple):
    local_path: str
    name: str  # the file name under media/, unique in this export
    post_id: str  # the first post that uses the file: a failed copy's warning names it
    thread: int  # the index, in export order, of the first thread that uses the file


def plan_media(threads: Sequence[Thread]) -> list[PlannedCopy]:
    """Every media file the threads use, once, in order of first use, with its name under media/.

    The names are decided here, before anything is copied, so they never depend on which process
    copies what, nor on whether an earlier copy failed.
    """
    planned: dict[str, PlannedCopy] = {}
    taken: set[str] = set()
    for index, thread in enumerate(threads):
        for post in thread.posts:
            for item in post.media:
                if not item.local_path or item.local_path in planned:
                    continue
                name = safe_file_name(item.local_path)
                # Two different source files that clean up to the same name must not overwrite each other.
                if name in taken:
                    base = name
                    stem, dot, extension = base.rpartition(".")
                    number = len(taken)
                    while name in taken:
                        name = f"{stem}-{number}{dot}{extension}" if dot else f"{base}-{number}"
                        number += 1
                taken.add(name)
                planned[item.local_path] = PlannedCopy(item.local_path, name, post.id, index)
    return list(planned.values())


class MediaCopier:
    """Copies planned media files into DIR/media/; a file that cannot be copied is a warning."""

    def __init__(self, out_dir: Path, source: MediaSource | None, summary: ExportSummary) -> None:
        self.folder = out_dir / MEDIA_FOLDER
        self.source = source
        self.summary = summary
        # local_path in the source -> "media/<file>" ("" when it could not be copied)
        self.copied: dict[str, str] = {}
        # thread index -> warnings about the files that thread was the first to use
        self.warnings: dict[int, list[str]] = {}
        self._folder_made = False

    def copy(self, item: PlannedCopy) -> None:
        """Copy one planned file; `copied` then says where it went ("" when it could not be)."""
        relative = ""
        started = time.perf_counter()
        try:
            if not self._folder_made:
                self.folder.mkdir(exist_ok=True)
                self._folder_made = True
            if self.source is None:
                # Only an archive holds media files; anything else keeps its online URL.
                raise FileNotFoundError(0, "no archive to copy it from")
            with self.source.open_media(item.local_path) as data:
                copy_atomically(data, self.folder / item.name)
            relative = f"{MEDIA_FOLDER}/{item.name}"
            self.summary.media_copied += 1
        # (A damaged or unsupported zip entry raises zlib.error, EOFError, NotImplementedError for
        # an unknown compression, RuntimeError when encrypted: the media is then linked online.)
        except (
            ThreadToArticleError,
            OSError,
            KeyError,
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            NotImplementedError,
            RuntimeError,
        ) as error:
            reason = (
                getattr(error, "detail", None) or getattr(error, "strerror", None) or str(error)
            )
            if isinstance(error, KeyError) and error.args:  # str() of a KeyError quotes its text
                reason = str(error.args[0])
            self.warnings.setdefault(item.thread, []).append(
                f"post {item.post_id}: media {item.local_path} not copied ({reason}); linked online instead"
            )
        self.summary.add_time("media", time.perf_counter() - started)
        self.copied[item.local_path] = relative


def copies_by_url(thread: Thread, copied: Mapping[str, str]) -> dict[str, str]:
    """Media URL -> its copy under media/, for the thread's media that were copied."""
    return {
        item.url: copied[item.local_path]
        for post in thread.posts
        for item in post.media
        if item.local_path and copied.get(item.local_path)
    }


# -- building articles -------------------------------------------------------------------------


class BuiltArticle(NamedTuple):
    """What the writing step needs of one article: small, so a worker can send it back cheaply."""

    stem: str
    data: bytes
    title: str
    published: datetime | None


# Every thread's article (or the reason it has none), in export order, as they are built.
Built = Generator[tuple[int, "BuiltArticle | str"], None, None]


@dataclass(frozen=True)
class BuildJob:
    """Everything needed to build any of the threads; a forked worker inherits it unpickled."""

    threads: Sequence[Thread]
    copied: Mapping[str, str]  # local_path -> "media/<file>", or "" for a file not copied
    fmt: str
    options: Options


def build_article(job: BuildJob, index: int, times: list[float]) -> BuiltArticle | str:
    """Thread `index` reassembled and rendered, or the reason the reassembler rejected it.

    `times` accumulates [reassemble seconds, render seconds].
    """
    from .reassemble import reassemble
    from .writers import render

    thread = job.threads[index]
    started = time.perf_counter()
    try:
        article = reassemble(thread, job.options)
    except ThreadToArticleError as error:
        return error.detail
    article = relink_media(article, copies_by_url(thread, job.copied))
    reassembled = time.perf_counter()
    data = render(article, job.fmt, job.options).encode("utf-8")
    times[0] += reassembled - started
    times[1] += time.perf_counter() - reassembled
    return BuiltArticle(
        article_stem(article, thread.root.id), data, article.title, article.published
    )


def _built_here(job: BuildJob, summary: ExportSummary) -> Built:
    """Every thread built in this process, in export order."""
    times = [0.0, 0.0]
    for index in range(len(job.threads)):
        yield index, build_article(job, index, times)
    summary.add_time("reassemble", times[0])
    summary.add_time("render", times[1])


# -- worker processes --------------------------------------------------------------------------


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _fork_context() -> multiprocessing.context.BaseContext | None:
    """The fork start method where it is safe, else None (and the export runs in-process).

    Only fork lets the workers inherit the posts instead of receiving them pickled; macOS has
    fork but its system libraries are not safe to use after it (which is why Python's default
    there is spawn).
    """
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def worker_count(jobs: int | None, threads: int, min_threads: int | None = None) -> int:
    """How many worker processes to start for `threads` threads: 0 means build in-process."""
    jobs = usable_cpus() if jobs is None else jobs
    min_threads = MIN_THREADS_FOR_WORKERS if min_threads is None else min_threads
    if jobs <= 1 or threads < max(min_threads, 2) or _fork_context() is None:
        return 0
    return min(jobs, threads)


def _chunks(count: int, workers: int) -> list[range]:
    size = min(MAX_CHUNK, max(MIN_CHUNK, count // (workers * CHUNKS_PER_WORKER)))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


class _WorkerError(NamedTuple):
    """A library error raised in a worker, sent back as fields (its constructor takes keywords,
    so the exception itself would not survive pickling intact)."""

    kind: type
    detail: str
    source: str
    post_id: str

    def reraise(self) -> None:
        raise self.kind(self.detail, source=self.source, post_id=self.post_id)


# The job of this worker process, set once when it starts.
_worker_job: BuildJob | None = None


def _start_worker(job: BuildJob, parent: int) -> None:
    global _worker_job
    _worker_job = job
    _end_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent alone handles it, by stopping the
    # workers, so a worker never prints a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    # As in export_source: building makes only acyclic objects, and a collection would walk (and
    # copy, page by page) the inherited heap of posts.
    gc.disable()


def _end_with_parent(parent: int) -> None:
    """Have the kernel end this worker if the parent dies without stopping it (SIGTERM, SIGKILL):
    otherwise the worker would wait for work forever, holding the parent's stdout open."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):  # no prctl: not Linux
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _build_chunk(chunk: range) -> tuple[list[BuiltArticle | str], list[float]] | _WorkerError:
    assert _worker_job is not None, "called outside a worker"
    times = [0.0, 0.0]
    try:
        return [build_article(_worker_job, index, times) for index in chunk], times
    except ThreadToArticleError as error:
        return _WorkerError(type(error), error.detail, error.source, error.post_id)


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Hold Ctrl-C back while the workers are forked: a worker ignores it only once started,
    and the parent gets a Ctrl-C that arrived meanwhile right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _built_by_workers(
    job: BuildJob,
    plan: list[PlannedCopy],
    copier: MediaCopier,
    workers: int,
    summary: ExportSummary,
) -> Built:
    """Every thread built by `workers` forked processes, in export order, while this process
    copies the planned media (which `job.copied` says will succeed) and, between chunks, writes
    what it was given. A thread whose copy failed after all is built again here."""
    chunks = _chunks(len(job.threads), workers)
    workers = min(workers, len(chunks))  # a worker without a chunk would only cost its fork
    times = [0.0, 0.0]
    corrected = replace(job, copied=copier.copied)  # what the copies really gave (filled in below)
    copied = 0  # plan[:copied] have been tried
    # The workers are forked at the first submit (Python does so at once for fork, before any
    # helper thread starts): they inherit `job` as initargs, never pickled.
    executor = ProcessPoolExecutor(
        workers, mp_context=_fork_context(), initializer=_start_worker, initargs=(job, os.getpid())
    )
    try:
        with _sigint_blocked():
            pending: deque[tuple[range, Future]] = deque(
                (chunk, executor.submit(_build_chunk, chunk)) for chunk in chunks
            )
        summary.workers = workers
        while pending:
            chunk, future = pending.popleft()
            # Copy while the chunk is being built; its threads' media must have been tried before
            # their articles are handed on (the plan is in order of first use, like the threads).
            while copied < len(plan) and (not future.done() or plan[copied].thread < chunk.stop):
                copier.copy(plan[copied])
                copied += 1
            outcome = future.result()
            if isinstance(outcome, _WorkerError):
                outcome.reraise()
            built, chunk_times = outcome
            times[0] += chunk_times[0]
            times[1] += chunk_times[1]
            for index, result in zip(chunk, built, strict=True):
                if copier.warnings and _uses_failed_copy(
                    job.threads[index], job.copied, copier.copied
                ):
                    # Built as if its copies succeeded: build it again, linking the media online.
                    result = build_article(corrected, index, times)
                yield index, result
    except BrokenProcessPool:
        raise ThreadToArticleError(
            "a worker process ended abruptly (out of memory?); try again with --jobs 1",
            source=str(summary.out_dir),
        ) from None
    finally:
        # On an error or Ctrl-C: drop the chunks not started and wait for the running ones (a
        # few milliseconds), so no worker outlives the export.
        executor.shutdown(wait=True, cancel_futures=True)
    summary.add_time("reassemble", times[0])
    summary.add_time("render", times[1])


def _uses_failed_copy(
    thread: Thread, planned: Mapping[str, str], copied: Mapping[str, str]
) -> bool:
    return any(
        item.local_path and copied.get(item.local_path) != planned.get(item.local_path)
        for post in thread.posts
        for item in post.media
    )


class ArticleFiles:
    """Names and writes the articles in export order, as they are built.

    An article is `<stem>.<ext>`; once a second article has the same stem, every one of them is
    `<stem>-<root id>.<ext>` (the first is renamed then), so a name never depends on which came
    first, and no file waits for every title to be known."""

    def __init__(self, folder: Path, extension: str) -> None:
        from .writers.index import IndexEntry

        self.folder = folder
        self.extension = extension
        # Names already in the folder (an export run again with --force): only these can have
        # a mode to keep.
        self.existing = set(os.listdir(folder))
        self.entries: list[IndexEntry] = []
        self.paths: list[Path] = []
        self._entry = IndexEntry
        # stem -> (position, root id) of the one article with that stem so far
        self._alone: dict[str, tuple[int, str]] = {}
        self._stems: set[str] = set()
        # Every name handed out: a title can itself end in a number that is another's root id.
        self._taken: set[str] = set()

    def write(self, thread: Thread, built: BuiltArticle) -> None:
        stem, root_id = built.stem, thread.root.id
        if stem in self._stems:
            first = self._alone.pop(stem, None)
            if first is not None:
                self._rename(first[0], self._claim(f"{stem}-{first[1]}"))
            name = self._claim(f"{stem}-{root_id}")
        else:
            self._stems.add(stem)
            self._alone[stem] = (len(self.entries), root_id)
            name = self._claim(stem)
        path = self.folder / name
        write_atomically(path, built.data, may_exist=name in self.existing)
        self.paths.append(path)
        self.entries.append(
            self._entry(
                path=name,
                title=built.title,
                published=built.published,
                post_count=len(thread.posts),
            )
        )

    def _claim(self, base: str) -> str:
        name = f"{base}.{self.extension}"
        number = 2
        while name in self._taken:
            name = f"{base}-{number}.{self.extension}"
            number += 1
        self._taken.add(name)
        return name

    def _rename(self, position: int, name: str) -> None:
        path = self.folder / name
        try:
            os.replace(self.paths[position], path)
        except OSError as error:
            raise OutputError(
                f"cannot rename: {error.strerror or error}", source=str(self.paths[position])
            ) from None
        self.paths[position] = path
        self.entries[position] = replace(self.entries[position], path=name)


# -- the export --------------------------------------------------------------------------------


def _thread_order(thread: Thread) -> tuple:
    root = thread.root
    stamp = root.created_at.timestamp() if root.created_at else 0.0
    return (stamp, len(root.id), root.id)


def export_threads(
    threads: Iterable[Thread],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str = "markdown",
    options: Options | None = None,
    force: bool = False,
    media_source: MediaSource | None = None,
    progress: Callable[[int], None] | None = None,
    index_title: str = "Threads",
    jobs: int | None = 1,
    min_threads_for_workers: int | None = None,
) -> ExportSummary:
    """Write one article per thread into `out_dir`, copy their media, write the index.

    `jobs` is how many processes build the articles (1: this one alone, no workers, the
    default, as forking is not for every host program; None: one per usable CPU); fewer than `min_threads_for_workers` threads (default
    MIN_THREADS_FOR_WORKERS) are built in this process. The output does not depend on either.

    Raises OutputError when `out_dir` is a non-empty folder and `force` is false. A thread the
    reassembler rejects is skipped and listed in the summary rather than stopping the export.
    """
    from .writers.index import render_index

    extension = writer_for(fmt).extension
    if jobs is not None and jobs < 1:
        raise OutputError(f"jobs must be at least 1, not {jobs}", source=str(out_dir))
    options = options or Options()
    options = replace(options, title="")  # one title for every article would make no sense
    out_path = Path(out_dir)
    prepare_out_dir(out_path, force)
    summary = ExportSummary(out_dir=out_path)
    copier = MediaCopier(out_path, media_source, summary)

    ordered = sorted(threads, key=_thread_order)
    plan = plan_media(ordered)
    started = time.perf_counter()
    workers = worker_count(jobs, len(ordered), min_threads_for_workers)
    if workers and media_source is not None:
        # The workers build as if every copy succeeds, while this process copies.
        job = BuildJob(
            ordered, {item.local_path: f"{MEDIA_FOLDER}/{item.name}" for item in plan}, fmt, options
        )
        built = _built_by_workers(job, plan, copier, workers, summary)
    else:
        # Copy first (without an archive every copy fails at once: nothing to wait for).
        for item in plan:
            copier.copy(item)
        job = BuildJob(ordered, dict(copier.copied), fmt, options)
        built = (
            _built_by_workers(job, [], copier, workers, summary)
            if workers
            else _built_here(job, summary)
        )
    files = ArticleFiles(out_path, extension)
    writing = 0.0
    with closing(built):  # an error here stops the workers at once
        for index, result in built:
            thread = ordered[index]
            summary.warnings.extend(copier.warnings.get(index, ()))
            if isinstance(result, BuiltArticle):
                summary.warnings.extend(
                    f"thread {thread.root.id}: {warning}" for warning in thread.warnings
                )
                wrote = time.perf_counter()
                files.write(thread, result)
                writing += time.perf_counter() - wrote
            else:
                summary.skipped.append((thread.root.id, result))
            if progress:
                progress(1)
    summary.written = files.paths
    # `build`: wall time of building and writing every article; `write`: this process's share.
    summary.add_time("build", time.perf_counter() - started)
    summary.add_time("write", writing)

    started = time.perf_counter()
    index_path = out_path / INDEX_NAMES[fmt]
    write_atomically(
        index_path, _render_index(files.entries, fmt, index_title, render_index).encode("utf-8")
    )
    summary.index = index_path
    summary.add_time("index", time.perf_counter() - started)
    return summary


def _render_index(entries: list, fmt: str, title: str, render_index: Callable) -> str:
    if fmt != "json":
        return render_index(entries, fmt, title)
    import orjson

    from .model import iso_utc

    document = {
        "title": title,
        "articles": [
            {
                "path": entry.path,
                "title": entry.title,
                "published": iso_utc(entry.published),
                "post_count": entry.post_count,
            }
            for entry in entries
        ],
    }
    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"


def export_source(
    source: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    fmt: str = "markdown",
    options: Options | None = None,
    selection: Selection = Selection(),
    force: bool = False,
    progress: Callable[[int], None] | None = None,
    on_threads: Callable[[int], None] | None = None,
    jobs: int | None = 1,
    min_threads_for_workers: int | None = None,
) -> ExportSummary:
    """Load any multi-thread source (archive folder/zip, JSON/JSONL) and export its threads.

    `on_threads(total)` is called once the threads are known, before any is written, so a
    progress bar can learn its length. `jobs` and `min_threads_for_workers`: see export_threads.
    """
    from .memory import paused_gc
    from .sources.detect import as_input, reader_for
    from .threads import find_threads

    options = options or Options()
    min_posts = selection.min_posts or 2
    with ExitStack() as stack:
        media_source = None
        # Reading and grouping build a few hundred thousand acyclic objects: see paused_gc.
        with paused_gc():
            started = time.perf_counter()
            opened = as_input(source)
            reader = reader_for(opened)
            # Only posts that can be in a thread of min_posts (>= 2) posts become Post objects.
            posts = reader.read(opened, min_posts >= 2)
            if reader.media is not None:
                media_source = stack.enter_context(reader.media(opened))
            read_at = time.perf_counter()
            threads = find_threads(
                posts, include_replies=selection.include_replies, min_posts=min_posts
            )
            if selection.since or selection.until or selection.search:
                threads = [thread for thread in threads if selection.matches(thread)]
            found_at = time.perf_counter()
        if on_threads:
            on_threads(len(threads))
        # Building the articles makes short-lived, acyclic objects (drafts, blocks, text): the
        # collector would only walk the heap of posts again and again (3.5 s -> 3.0 s at 100k).
        # Worker processes pause it too (_start_worker).
        with paused_gc():
            summary = export_threads(
                threads,
                out_dir,
                fmt=fmt,
                options=options,
                force=force,
                media_source=media_source,
                progress=progress,
                jobs=jobs,
                min_threads_for_workers=min_threads_for_workers,
            )
    summary.warnings[:0] = list(posts.warnings)
    summary.timings = {
        "read": read_at - started,
        "find_threads": found_at - read_at,
        **summary.timings,
    }
    return summary
