"""Benchmark the archive export against the floor: plain `orjson.loads` of tweets.js.

    python bench/archive_bench.py                  # 100k tweets, median of 5 rounds
    python bench/archive_bench.py --sizes 10000    # another size (generated once)
    python bench/archive_bench.py --runs 7 --profile

For each size a synthetic archive is generated once into bench/.data/ (see make_archive.py).
Every measurement is one fresh Python process, and every figure is the median of `--runs`
rounds; a round runs every step once, one after the other, so that a burst of load on a shared
machine falls on all of them alike and the ratios stay comparable.

Two times per step:
  wall     the whole process as a user waits for it, measured from outside: interpreter start,
           imports, the work, and the exit (freeing a heap of 100k posts takes a while too)
  work     the step's own clock, imports and exit excluded
and the peak RSS of the process (with worker processes, plus the largest worker's).

Steps:
  floor     read tweets.js and `orjson.loads` the array after the first `[`, with the cyclic
            garbage collector paused, as the export pauses it while it reads (memory.paused_gc)
  floor+gc  the same with the collector running (what a plain script pays)
  threads   `thread2article threads ARCHIVE` run in-process: read, find the threads, preview
            each, print the table (into memory)
  export    what `thread2article archive ARCHIVE --out DIR` does: read, find the threads,
            reassemble, render Markdown, copy the media, write the articles and the index, into
            a new folder on the disk (bench/.data/, the disk the repository is on) and on tmpfs
            (/dev/shm, the same work without the file system's cost)

The export also reports its phases (read, find_threads, media, reassemble, render, write,
index; median seconds) so that the reassembly's share is visible; --profile adds a cProfile
listing of the hottest functions of one export.

Target at 100k tweets: the export's wall time on disk <= 2x the floor's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / ".data"
TMPFS = Path("/dev/shm")

CHILD = r"""
import gc, json, resource, sys, time
step, archive, out = sys.argv[1], sys.argv[2], sys.argv[3]
if step.startswith("floor"):
    import orjson
    if step == "floor":
        gc.disable()  # as the export reads (memory.paused_gc)
    start = time.perf_counter()
    with open(archive + "/data/tweets.js", "rb") as handle:
        data = handle.read()
    records = orjson.loads(memoryview(data)[data.index(b"["):])
    detail = {"records": len(records)}
else:
    import contextlib, io
    from thread2article.cli import app
    from thread2article.export import export_source
    start = time.perf_counter()
    if step == "threads":
        # The command itself, as a user runs it: read, find, preview every thread, print the table.
        listing = io.StringIO()
        with contextlib.redirect_stdout(listing):
            app(["threads", archive], standalone_mode=False)
        detail = {"threads": int(listing.getvalue().splitlines()[-1].split()[0])}
    else:
        summary = export_source(archive, out, fmt="markdown")  # threads of 2+ posts
        detail = {"articles": summary.articles, "media": summary.media_copied,
                  "skipped": len(summary.skipped), "phases": summary.timings}
seconds = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"work": seconds, "peak_mib": peak_kib / 1024, **detail}), flush=True)
"""

PROFILE = r"""
import cProfile, pstats, sys
from thread2article.export import export_source
import thread2article.reassemble, thread2article.writers
archive, out = sys.argv[1], sys.argv[2]
profile = cProfile.Profile()
profile.runcall(export_source, archive, out, fmt="markdown", force=True)
print("hottest functions of the export (cProfile, internal time):")
pstats.Stats(profile).sort_stats("tottime").print_stats(20)
"""


def ensure_archive(tweets: int) -> Path:
    target = DATA / f"archive-{tweets // 1000}k"
    if not (target / "data" / "tweets.js").is_file():
        sys.path.insert(0, str(HERE))
        from make_archive import make_archive

        shutil.rmtree(target, ignore_errors=True)
        print(f"generating {target} …", flush=True)
        print("  ", make_archive(target, tweets), flush=True)
    return target


def run_step(step: str, archive: Path, out: Path | None = None) -> dict:
    """One step in a fresh process. An export goes into `out`, a folder that does not exist yet,
    as a user's first run does; the caller removes it once every round is done (see main)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, step, str(archive), str(out or "")],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{result.stderr}")
    return {"wall": wall, **json.loads(result.stdout.strip().splitlines()[-1])}


def file_system(path: Path) -> str:
    """`ext4 on /dev/vda` for the file system `path` is on (findmnt, where there is one)."""
    try:
        found = subprocess.run(
            ["findmnt", "-n", "-o", "FSTYPE,SOURCE", "-T", str(path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return f"{found[0]} on {found[1]}"
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown file system"


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description="archive benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=5, help="rounds; the median is reported")
    parser.add_argument(
        "--profile", action="store_true", help="also print where the export's time goes"
    )
    parser.add_argument(
        "--no-tmpfs", action="store_true", help="export on disk only (no /dev/shm run)"
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    targets = {"export disk": DATA / "bench-out"}
    if TMPFS.is_dir() and not args.no_tmpfs:
        targets["export tmpfs"] = TMPFS / f"thread2article-bench-{os.getpid()}"
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, "
        f"load average {' '.join(f'{load:.1f}' for load in os.getloadavg())}, "
        f"Python {sys.version.split()[0]}, median of {args.runs}"
    )
    for name, folder in targets.items():
        print(f"  {name}: {folder} ({file_system(folder.parent)})")
    for size in args.sizes:
        archive = ensure_archive(size)
        tweets_mib = (archive / "data" / "tweets.js").stat().st_size / 1024**2
        steps: dict[str, Path | None] = {
            "floor": None,
            "floor+gc": None,
            "threads": None,
            **targets,
        }
        results: dict[str, list[dict]] = {step: [] for step in steps}
        # Each round's export gets a folder of its own, and all are removed only at the end. On
        # an ext4 file system without a journal (this machine's disk), a new inode skips every
        # inode deleted in the last minute or more of its block group, one look at a time:
        # removing the last round's 17k files just before the next export made its files cost
        # 0.2 ms each to create instead of 0.01 ms (perf: ext4 recently_deleted), a cost of the
        # benchmark's clean-up that a user's export into a new folder does not pay.
        made: list[Path] = []
        try:
            for round_number in range(1, args.runs + 1):
                for step, base in steps.items():
                    out = None
                    if base is not None:
                        out = base.with_name(f"{base.name}-{size}-{round_number}")
                        shutil.rmtree(out, ignore_errors=True)  # left by an interrupted run
                        made.append(out)
                    kind = "export" if step.startswith("export") else step
                    results[step].append(run_step(kind, archive, out))
                print(f"  round {round_number}/{args.runs} done", file=sys.stderr, flush=True)
            print(f"\n== {size} tweets (tweets.js {tweets_mib:.0f} MiB) ==")
            floor_wall, floor_work = (
                median_of(results["floor"], "wall"),
                median_of(results["floor"], "work"),
            )
            floor_peak = median_of(results["floor"], "peak_mib")
            print(
                f"  {'step':<13} {'wall s':>7} {'x floor':>8} {'work s':>7} {'x floor':>8} {'peak MiB':>9} {'x floor':>8}"
            )
            for step, runs in results.items():
                wall, work, peak = (median_of(runs, key) for key in ("wall", "work", "peak_mib"))
                print(
                    f"  {step:<13} {wall:7.2f} {wall / floor_wall:7.2f}x {work:7.2f} "
                    f"{work / floor_work:7.2f}x {peak:9.0f} {peak / floor_peak:7.2f}x"
                )
            for step, runs in results.items():
                if not step.startswith("export"):
                    continue
                phases = {
                    phase: statistics.median(run["phases"].get(phase, 0.0) for run in runs)
                    for phase in runs[0]["phases"]
                }
                work = median_of(runs, "work")
                listed = ", ".join(
                    f"{phase} {seconds:.2f} ({seconds / work:.0%})"
                    for phase, seconds in phases.items()
                )
                print(f"  {step} phases (median s, share of work): {listed}")
            last = results[next(iter(targets))][-1]
            print(
                f"  {last['articles']} articles, {last['media']} media files, {last['skipped']} skipped;"
                f" load average now {' '.join(f'{load:.1f}' for load in os.getloadavg())}"
            )
            if args.profile and size == max(args.sizes):
                # (Into a new folder too, before the rounds' folders are removed.)
                out = next(iter(targets.values())).with_name("bench-out-profile")
                profiled = subprocess.run(
                    [sys.executable, "-c", PROFILE, str(archive), str(out)],
                    capture_output=True,
                    text=True,
                    check=False,
                    cwd=REPO,
                )
                shutil.rmtree(out, ignore_errors=True)
                print(profiled.stdout or profiled.stderr)
        finally:
            for out in made:
                shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
