"""Parse speed of the web page reader, and the parser choice behind it.

Measures, on the real sample pages of ../shared/realdata/html (or the fixtures/html-* copies
when that folder is absent) and on a multi-megabyte page made by joining them:
- MB/s of Beautiful Soup with lxml and with Python's built-in html.parser (parsing only);
- MB/s of the whole reader (`read_page`: parse, find the posts, build their text);
- how each parser reads malformed markup, against what the HTML standard (and so a browser)
  makes of it.
Run: .venv/bin/python bench/html_parse.py [--repeat N]. Each figure is the median of N runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from bs4 import BeautifulSoup

from thread2article.sources.html import read_page

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "realdata" / "html"

# Malformed markup and what a browser's tree holds (HTML standard tree construction).
MALFORMED = {
    "an end tag closes the elements left open inside it": (
        "<div><section><div><div></section></div><blockquote>Q</blockquote>",
        "<div><section><div><div></div></div></section></div><blockquote>Q</blockquote>",
    ),
    "a <div> closes an open <p>": ("<p>one<div>two</div>", "<p>one</p><div>two</div>"),
    "an <a> closes an open <a>": (
        '<a href="x">one<a href="y">two',
        '<a href="x">one</a><a href="y">two</a>',
    ),
    "an <li> closes the open <li>": ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
    "a stray </br> is a <br>": ("a</br>b", "a<br/>b"),
    "an unclosed <blockquote> ends with the page": (
        "<blockquote><p>x",
        "<blockquote><p>x</p></blockquote>",
    ),
    "a <blockquote> closes an open <p>": (
        "<p>x<blockquote>q</blockquote>",
        "<p>x</p><blockquote>q</blockquote>",
    ),
    "a <p> closes an open <p>": ("<p>a<p>b", "<p>a</p><p>b</p>"),
}


def _pages() -> list[tuple[str, bytes]]:
    if SHARED.is_dir():
        paths = sorted(path for path in SHARED.rglob("*") if path.suffix in (".html", ".md"))
        paths = [path for path in paths if path.name != "PROVENANCE.md"]
    else:
        paths = sorted((REPO / "fixtures").glob("html-*/input.*"))
    return [(path.name, path.read_bytes()) for path in paths]


def _median_seconds(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _body(markup: str, parser: str) -> str:
    soup = BeautifulSoup(markup, parser)
    return soup.body.decode_contents() if soup.body is not None else soup.decode()


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=5)
    repeat = arguments.parse_args().repeat

    pages = _pages()
    total = sum(len(data) for _, data in pages) / 1e6
    # A multi-megabyte page: the sample pages' bodies one after the other, 4 times.
    big = b"<html><body>" + b"".join(data for _, data in pages) * 4 + b"</body></html>"
    big_mb = len(big) / 1e6
    print(
        f"{len(pages)} sample pages, {total:.2f} MB; joined page {big_mb:.2f} MB; median of {repeat} runs"
    )
    print()
    print("| parser | samples MB/s | joined page MB/s | joined page s/MB |")
    print("| --- | --- | --- | --- |")
    for parser in ("lxml", "html.parser"):
        samples = _median_seconds(
            lambda parser=parser: [BeautifulSoup(data, parser) for _, data in pages], repeat
        )
        joined = _median_seconds(lambda parser=parser: BeautifulSoup(big, parser), repeat)
        print(
            f"| {parser} | {total / samples:.1f} | {big_mb / joined:.1f} | {joined / big_mb:.2f} |"
        )
    samples = _median_seconds(lambda: [_read(name, data) for name, data in pages], repeat)
    joined = _median_seconds(lambda: _read("joined.html", big), repeat)
    print(
        f"| whole reader (lxml) | {total / samples:.1f} | {big_mb / joined:.1f} | {joined / big_mb:.2f} |"
    )
    print()
    print("| malformed markup | lxml as a browser | html.parser as a browser |")
    print("| --- | --- | --- |")
    scores = {"lxml": 0, "html.parser": 0}
    for name, (markup, browser) in MALFORMED.items():
        marks = []
        for parser in ("lxml", "html.parser"):
            same = _body(markup, parser) == browser
            scores[parser] += same
            marks.append("yes" if same else "no")
        print(f"| {name} | {marks[0]} | {marks[1]} |")
    print(
        f"| **total** | {scores['lxml']}/{len(MALFORMED)} | {scores['html.parser']}/{len(MALFORMED)} |"
    )


def _read(name: str, data: bytes) -> None:
    try:
        read_page(data, name)
    except Exception as error:  # noqa: BLE001 - a bench reports, it does not stop
        print(f"{name}: {error}")


if __name__ == "__main__":
    main()
