"""Benchmark the archive path against the floor: plain `orjson.loads` of tweets.js.

    python bench/archive_bench.py                 # 10k and 100k tweets
    python bench/archive_bench.py --sizes 10000   # just one size

For each size a synthetic archive is generated once into bench/.data/ (see make_archive.py).
Every step runs in a fresh Python process so that one step's heap never inflates the next
one's figures; each child reports its own wall time (imports excluded) and peak RSS. The export
builds its articles in worker processes (one per usable CPU unless --jobs says otherwise); its
peak is then reported as its own peak RSS plus the largest worker's (RUSAGE_CHILDREN): an upper
bound, since the pages a worker shares with its parent are counted twice.

Steps:
  floor     read tweets.js and `orjson.loads` the array after the first `[`
  floor-nogc the same with the cyclic GC off (what the floor costs without collector overhead)
  threads   `thread2article threads ARCHIVE` run in-process: read, find the threads, preview
            each, print the table (into memory)
  export    read + threads + reassemble + render Markdown + write files, media and index
            (what `thread2article archive ARCHIVE --out DIR` does)
  The export also reports its own phase timings (read, find_threads, reassemble, render, build,
  media, write, index; with workers, reassemble and render are summed over the workers and
  `build` is the wall time they took) and how many workers it used; --profile adds a cProfile
  listing of the hottest functions at the largest size, of an export run in-process (--jobs 1),
  since a profile of the parent would only show it waiting for its workers.

Disk caveat: on the benchmark VM's disk, creating one file costs about 600 us (14 us on tmpfs),
so the 17k files of a 100k-tweet export cost ~10 s of pure file-system time that measures the
VM, not this code. The export therefore writes to a RAM-backed folder (/dev/shm) when there is
one; `--disk` writes under bench/.data instead and shows the disk's share. The export always
writes into a fresh folder and --repeat keeps the fastest run.

Targets at 100k tweets: export wall time <= 2x floor, export peak memory <= 1.5x floor's.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"

CHILD = r"""
import gc, json, resource, sys, time
step, archive, out, jobs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
jobs = int(jobs) if jobs else None
if step.startswith("floor"):
    import orjson
    if step == "floor-nogc":
        gc.disable()
    start = time.perf_counter()
    with open(archive + "/data/tweets.js", "rb") as handle:
        data = handle.read()
    records = orjson.loads(memoryview(data)[data.index(b"["):])
    detail = {"records": len(records)}
elif step in ("threads", "export"):
    import contextlib, io
    from thread2article.cli import app
    from thread2article.export import export_source
    import thread2article.reassemble, thread2article.writers, rich.cells  # imports are not what we measure
    start = time.perf_counter()
    if step == "threads":
        # The command itself, as a user runs it: read, find, preview every thread, print the table.
        listing = io.StringIO()
        with contextlib.redirect_stdout(listing):
            app(["threads", archive], standalone_mode=False)
        detail = {"threads": int(listing.getvalue().splitlines()[-1].split()[0])}
    else:
        summary = export_source(archive, out, fmt="markdown", jobs=jobs)  # threads of 2+ posts
        detail = {"articles": summary.articles, "media": summary.media_copied, "skipped": len(summary.skipped),
                  "workers": summary.workers, "phases": {name: round(value, 2) for name, value in summary.timings.items()}}
seconds = time.perf_counter() - start
# The export's worker processes have ended and been waited for: the largest of them counts too.
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, **detail}))
"""

PROFILE = r"""
import cProfile, pstats, sys
from thread2article.export import export_source
import thread2article.reassemble, thread2article.writers
archive, out = sys.argv[1], sys.argv[2]
profile = cProfile.Profile()
profile.runcall(export_source, archive, out + "-profile", fmt="markdown", force=True, jobs=1)
print("hottest functions of the export (cProfile, internal time):")
pstats.Stats(profile).sort_stats("tottime").print_stats(15)
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


def run_step(step: str, archive: Path, out: Path, jobs: int | None = None) -> dict:
    if step == "export":
        # A first export into a new folder, as a user runs it (overwriting costs the disk more).
        shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, step, str(archive), str(out), str(jobs or "")],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description="archive benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per step; the fastest is kept")
    parser.add_argument(
        "--profile", action="store_true", help="also print where the export's time goes"
    )
    parser.add_argument(
        "--disk", action="store_true", help="write the export under bench/.data, not to /dev/shm"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="the export's processes (default: one per usable CPU)",
    )
    args = parser.parse_args()
    ram = Path("/dev/shm")
    out_root = DATA if args.disk or not ram.is_dir() else ram / "thread2article-bench"
    print(f"export output goes to {'RAM (tmpfs)' if out_root != DATA else 'disk'}: {out_root}")
    for size in args.sizes:
        archive = ensure_archive(size)
        out = out_root / f"out-{size // 1000}k"
        tweets_mib = (archive / "data" / "tweets.js").stat().st_size / 1024**2
        print(f"\n== {size} tweets (tweets.js {tweets_mib:.0f} MiB) ==")
        results = {}
        for step in ("floor", "floor-nogc", "threads", "export"):
            runs = [run_step(step, archive, out, args.jobs) for _ in range(args.repeat)]
            results[step] = min(runs, key=lambda run: run["seconds"])
        floor = results["floor"]
        for step, figures in results.items():
            extra = {
                key: value for key, value in figures.items() if key not in ("seconds", "peak_mib")
            }
            print(
                f"  {step:<10} {figures['seconds']:6.2f} s ({figures['seconds'] / floor['seconds']:4.2f}x floor)  "
                f"peak {figures['peak_mib']:7.0f} MiB ({figures['peak_mib'] / floor['peak_mib']:4.2f}x floor)  {extra}"
            )
        if args.profile and size == max(args.sizes):
            profiled = subprocess.run(
                [sys.executable, "-c", PROFILE, str(archive), str(out)],
                capture_output=True,
                text=True,
                check=False,
            )
            print(profiled.stdout or profiled.stderr)
    if out_root != DATA:
        shutil.rmtree(out_root, ignore_errors=True)


if __name__ == "__main__":
    main()
