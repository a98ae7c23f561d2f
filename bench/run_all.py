"""Run every benchmark in bench/ and print their tables (`make bench`).

    python bench/run_all.py            # both benchmarks
    python bench/run_all.py --quick    # the archive benchmark at 10k tweets only

Each benchmark prints ratios measured in one run: the archive benchmark against plain
`orjson.loads` of the same tweets.js, the reassembly benchmark against two naive baselines.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="archive benchmark at 10k tweets only")
    args = parser.parse_args()
    archive = [sys.executable, str(HERE / "archive_bench.py")] + (
        ["--sizes", "10000"] if args.quick else []
    )
    status = subprocess.call(archive)
    status |= subprocess.call([sys.executable, str(HERE / "reassembly" / "run.py")])
    return status


if __name__ == "__main__":
    sys.exit(main())
