"""The real threads: the third part of the reassembly benchmark.

The samples in ../shared/realdata (X API and archive answers, Bluesky, Mastodon and the saved web
pages of html/; see its PROVENANCE.md) are real threads nobody cut for the benchmark, so most of
them have no hand-made truth. What can be scored without one, per thread:

  markers left     post edges that still look like a thread marker after the markers pass (a count
                   such as "3/", "(2/5)", "n/N", or 🧵 / 👇): each is listed, since a numbered
                   list heading ("1/40 - Bank transactions…") stays on purpose;
  words kept       the article's words against the posts' own (after reply mentions, entities
                   and links, less what the markers pass says it stripped), in order, as the
                   synthetic parts score them: a word glued or split wrongly costs;
  boundaries       how many boundaries got each class.

Where a reference text exists (the seed article ../shared/seed/north-2022-03-08.txt for David
North's thread, fixtures/north-2022-03-08), the thread is also scored as the synthetic parts are:
whole document exact, paragraphs, words and each boundary against the class the article implies.

    python bench/reassembly/realdata.py          # this part alone (run.py prints it too)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
for path in (HERE, REPO / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from score import EFFECT, Score, _tokens, article_paragraphs, score_case  # noqa: E402

from thread2article.errors import ThreadToArticleError  # noqa: E402
from thread2article.model import Article, ListBlock, Paragraph, Thread  # noqa: E402
from thread2article.options import Options  # noqa: E402
from thread2article.reassemble import reassemble, run_passes  # noqa: E402
from thread2article.reassemble.text import is_cjk  # noqa: E402
from thread2article.sources.detect import load  # noqa: E402
from thread2article.threads import find_threads  # noqa: E402

SHARED = REPO.parent / "shared"
REALDATA = SHARED / "realdata"
SEED = SHARED / "seed" / "north-2022-03-08.txt"
NORTH = REPO / "fixtures" / "north-2022-03-08" / "input.json"
# Files that describe the samples, not samples.
_NOT_SAMPLES = {"PROVENANCE.md", "FORMATS.md"}
# A list item's bullet at a line's start: the article makes it a list, so it is not a word.
_BULLET = re.compile(r"^[ \t]*(?:[-*•]|\d{1,3}[.)])[ \t]+", re.M)
# A thread marker left at a post's edge: a count ("3/", "2/5", "(2/5)", "[1/n]") or 🧵 / 👇.
_COUNT = r"[(\[（]?\d{1,3}\s?/\s?(?:\d{1,3}|n|N)?[)\]）]?"
_EDGE_MARKER = (
    re.compile(rf"^(?:{_COUNT}(?=\s|$)|🧵|👇)"),
    re.compile(rf"(?:(?<=\s)|^)(?:{_COUNT}|🧵|👇)$"),
)


@dataclass
class RealThread:
    """One real thread's figures (no truth needed)."""

    name: str
    posts: int
    classes: Counter = field(default_factory=Counter)
    word_matches: int = 0
    word_total: int = 0
    markers_left: list[str] = field(default_factory=list)
    markers_stripped: int = 0
    # Counts kept on purpose: numbered list headings ("1/40 - Bank transactions…").
    list_headings: int = 0

    @property
    def words(self) -> float:
        return self.word_matches / self.word_total if self.word_total else 1.0


def _cjk(text: str) -> bool:
    letters = [char for char in text if not char.isspace()]
    return bool(letters) and sum(is_cjk(char) for char in letters) * 3 >= len(letters)


def sample_sources(root: Path = REALDATA) -> list[Path]:
    """Every sample file and archive folder under realdata (an archive folder is read whole)."""
    found: list[Path] = []
    archives = [
        folder
        for folder in sorted(root.rglob("*"))
        if folder.is_dir() and ((folder / "tweets.js").exists() or (folder / "tweet.js").exists())
    ]
    found.extend(archives)
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name in _NOT_SAMPLES:
            continue
        if any(folder in path.parents for folder in archives):
            continue
        found.append(path)
    return found


def real_threads(root: Path = REALDATA) -> tuple[list[tuple[str, Thread]], list[str]]:
    """The threads of two posts or more in every sample the project reads, and the samples it
    does not read as a source (cassettes, error bodies, shapes no reader takes)."""
    threads: list[tuple[str, Thread]] = []
    unread: list[str] = []
    for path in sample_sources(root):
        name = str(path.relative_to(root))
        try:
            found = find_threads(load(str(path)))
        except ThreadToArticleError:
            unread.append(name)
            continue
        for thread in found:
            if len(thread.posts) >= 2:
                threads.append((f"{name} #{thread.root.id}", thread))
    return threads, unread


def _source_text(thread: Thread, article: Article) -> str:
    """The posts' text as the joins pass will see it, less the markers the article lists as
    stripped: what the article should hold word for word."""
    draft = run_passes(thread, upto="links")
    stripped: dict[str, list[str]] = {}
    for marker in article.removed_markers:
        stripped.setdefault(marker.post_id, []).append(marker.text)
    texts = []
    for item in draft.items:
        text = item.text
        for marker in stripped.get(item.post.id, []):
            text = text.replace(marker, " ", 1)
        texts.append(_BULLET.sub("", text))
    return "\n".join(texts)


def _article_text(article: Article) -> str:
    """The article's paragraphs and list items, list bullets left out on both sides."""
    texts = []
    for block in article.blocks:
        if isinstance(block, Paragraph):
            texts.append(_BULLET.sub("", block.text))
        elif isinstance(block, ListBlock):
            texts.extend(_BULLET.sub("", item) for item in block.items)
    return "\n".join(texts)


def _markers_left(thread: Thread) -> tuple[list[str], int]:
    """Edges that still look like a marker, and the posts kept as numbered list headings."""
    draft = run_passes(thread, upto="markers")
    left = []
    headings = 0
    for item in draft.items:
        if "list-heading" in item.signals:
            headings += 1
            continue
        text = item.text.strip()
        for pattern in _EDGE_MARKER:
            match = pattern.search(text)
            if match:
                left.append(match.group())
    return left, headings


def measure(name: str, thread: Thread) -> RealThread:
    article = reassemble(thread)
    figures = RealThread(name, len(thread.posts))
    figures.classes.update(boundary.decision for boundary in article.boundaries)
    source = _source_text(thread, article)
    cjk = _cjk(source)
    expected = _tokens(" ".join(source.split()), cjk)
    got = _tokens(" ".join(_article_text(article).split()), cjk)
    matcher = SequenceMatcher(None, expected, got, autojunk=False)
    figures.word_matches = sum(block.size for block in matcher.get_matching_blocks())
    figures.word_total = max(len(expected), len(got))
    figures.markers_left, figures.list_headings = _markers_left(thread)
    figures.markers_stripped = len(article.removed_markers)
    return figures


# ---- a thread with a reference text -------------------------------------------------------------


def seed_paragraphs(text: str) -> list[str]:
    """The seed article's paragraphs: its header (title, author, date, the italic note) dropped."""
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]
    return [
        paragraph
        for paragraph in paragraphs
        if not paragraph.startswith(("#", "**", "*"))
        and not re.fullmatch(r"\d{1,2} \w+ \d{4}", paragraph)
    ]


def true_classes(thread: Thread, paragraphs: list[str]) -> list[str] | None:
    """Each boundary's class as the reference text shows it: where each post's text (after the
    markers pass) sits in the reference, and what lies between two posts there (a paragraph
    break, a sentence end, a space, nothing). None when a post is not found in the reference."""
    body = "\n".join(paragraphs)
    draft = run_passes(thread, upto="markers")
    spans = []
    position = 0
    for item in draft.items:
        text = " ".join(item.text.split())
        if not text:
            continue
        start = body.find(text, position)
        if start < 0:
            return None
        spans.append((start, start + len(text)))
        position = start + len(text)
    classes = []
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        between, before = body[end:start], body[:end].rstrip()
        if "\n" in between:
            classes.append("new-paragraph")
        elif not between:
            classes.append("join-word")
        elif re.search(r"[.!?…][\"”’)]*$", before):
            classes.append("same-paragraph")
        else:
            classes.append("join")
    return classes


def covered(thread: Thread, paragraphs: list[str]) -> list[str]:
    """The reference's paragraphs that hold some of the thread's text: a page's footer ("To
    contact the WSWS…") is not the thread's."""
    draft = run_passes(thread, upto="markers")
    texts = [" ".join(item.text.split()) for item in draft.items if item.text.strip()]
    return [p for p in paragraphs if any(text in p or p in text for text in texts)]


def score_reference(thread: Thread, paragraphs: list[str]) -> dict[str, Score] | None:
    paragraphs = covered(thread, paragraphs)
    classes = true_classes(thread, paragraphs)
    if classes is None:
        return None
    ours = reassemble(thread)
    per_post = reassemble(thread, Options(paragraphs="post"))
    draft = run_passes(thread, upto="markers")
    joined = " ".join(" ".join(item.text.split()) for item in draft.items if item.text.strip())
    systems = {
        "ours": (article_paragraphs(ours), [b.decision for b in ours.boundaries]),
        "post": (article_paragraphs(per_post), ["new-paragraph"] * len(classes)),
        "spaces": ([joined], ["join"] * len(classes)),
    }
    return {
        name: score_case(paragraphs, predicted, classes, decisions, False)
        for name, (predicted, decisions) in systems.items()
    }


# ---- the report ---------------------------------------------------------------------------------


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


CLASSES = ("join-word", "join", "same-paragraph", "new-paragraph", "gap")


def report() -> str:
    if not REALDATA.is_dir():
        return (
            "\n## real threads\n\nskipped: ../shared/realdata is absent "
            "(the real samples are not copied into the repository)"
        )
    threads, unread = real_threads()
    rows = [measure(name, thread) for name, thread in threads]
    lines = [
        "\n## real threads",
        "",
        f"{len(rows)} threads of two posts or more in ../shared/realdata "
        f"({len(unread)} sample files are not a source the project reads: cassettes, error "
        "bodies). No hand-made truth: words are the article's against the posts' own, markers "
        "left are post edges that still look like one.",
        "",
        "| thread | posts | words kept | markers stripped | markers left | list headings | "
        + " | ".join(CLASSES)
        + " |",
        "|---|---:|---:|---:|---|---:|" + "---:|" * len(CLASSES),
    ]
    total = RealThread("all", 0)
    for row in rows:
        total.posts += row.posts
        total.classes.update(row.classes)
        total.word_matches += row.word_matches
        total.word_total += row.word_total
        total.markers_left += row.markers_left
        total.markers_stripped += row.markers_stripped
        total.list_headings += row.list_headings
    for row in [*rows, total]:
        left = ", ".join(row.markers_left[:4]) + (" …" if len(row.markers_left) > 4 else "")
        lines.append(
            f"| {row.name} | {row.posts} | {_num(row.words, 4)} | {row.markers_stripped} "
            f"| {len(row.markers_left)}{f' ({left})' if left else ''} | {row.list_headings} | "
            + " | ".join(str(row.classes[name]) for name in CLASSES)
            + " |"
        )
    lines.append(north_report())
    return "\n".join(lines)


def north_report() -> str:
    if not SEED.exists() or not NORTH.exists():
        return "\nNorth thread against its seed article: skipped (seed or fixture absent)"
    paragraphs = seed_paragraphs(SEED.read_text(encoding="utf-8"))
    thread = find_threads(load(str(NORTH)))[0]
    scores = score_reference(thread, paragraphs)
    if scores is None:
        return "\nNorth thread against its seed article: a post is not in the seed; not scored"
    lines = [
        "",
        "### North thread against its seed article (fixtures/north-2022-03-08)",
        "",
        "| system | exact | paragraphs recall / precision | words | in sentence | same-para | "
        "new-para | balanced |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for name, score in scores.items():
        lines.append(
            f"| {name} | {_num(score.exact)} | {_num(score.recall)} / {_num(score.precision)} "
            f"| {_num(score.word_accuracy, 4)} | {_num(score.inside_sentence)} "
            f"| {_num(score.class_accuracy('same-paragraph'))} ({score.boundaries['same-paragraph']}) "
            f"| {_num(score.class_accuracy('new-paragraph'))} ({score.boundaries['new-paragraph']}) "
            f"| {_num(score.paragraph_balanced)} |"
        )
    lines.append(
        "\nThe seed article keeps every post as a paragraph of its own, the two cuts inside a "
        'sentence too ("Putin’s" / "government", "change the" / "situation"), so '
        "one paragraph per post is its exact text; ours mends those two cuts and runs some "
        "sentence ends on (the paragraph rule)."
    )
    return "\n".join(lines)


__all__ = ["EFFECT", "measure", "real_threads", "report", "seed_paragraphs", "true_classes"]

if __name__ == "__main__":
    print(report())
