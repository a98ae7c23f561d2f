"""How long reassembly takes on a synthetic archive's threads: the figure the archive export's
`reassemble` phase is made of, measured alone (no reading, no rendering, no workers).

    python bench/reassembly/timing.py                 # 100k tweets, median of 5 runs
    python bench/reassembly/timing.py --tweets 10000 --runs 9
    python bench/reassembly/timing.py --min-posts 2   # only what `archive --out` reassembles

The archive is generated once into bench/.data/ (bench/make_archive.py); threads are found once;
each run reassembles every thread, and the median run is reported (the machine is shared).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
sys.path.insert(0, str(BENCH))

from make_archive import make_archive  # noqa: E402

from thread2article.reassemble import reassemble  # noqa: E402
from thread2article.sources.detect import load  # noqa: E402
from thread2article.threads import find_threads  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tweets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    # `archive --out` exports threads of two posts or more by default (library.export_archive);
    # most of an archive's threads are one post, which cost far less per post.
    parser.add_argument("--min-posts", type=int, default=1, help="reassemble only these threads")
    args = parser.parse_args()
    archive = BENCH / ".data" / f"archive-{args.tweets // 1000}k"
    if not (archive / "data" / "tweets.js").exists():
        make_archive(archive, args.tweets)
    threads = [
        thread for thread in find_threads(load(str(archive))) if len(thread.posts) >= args.min_posts
    ]
    posts = sum(len(thread.posts) for thread in threads)
    times = []
    for _ in range(args.runs):
        gc.collect()
        start = time.perf_counter()
        for thread in threads:
            reassemble(thread)
        times.append(time.perf_counter() - start)
    print(
        f"reassembly of {len(threads)} threads ({posts} posts, {args.tweets} tweets): "
        f"median {statistics.median(times):.3f} s over {args.runs} runs "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )


if __name__ == "__main__":
    main()
