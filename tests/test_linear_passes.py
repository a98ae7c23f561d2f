"""The text passes (markers, links, mentions, entities) run in time linear in the post (issue 12,
"Hangs"): each is fed pathological runs of 12,500 and 100,000 characters, and the time must grow
about 8 times, not 64 as a quadratic pattern's would (a ratio between two sizes, never an absolute
time: the machine's speed drops out)."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest
from builders import make_thread

from thread2article.options import Options
from thread2article.reassemble.draft import Draft
from thread2article.reassemble.entities import unescape_entities
from thread2article.reassemble.links import drop_media_links, drop_quote_permalinks, expand_links
from thread2article.reassemble.markers import strip_markers
from thread2article.reassemble.mentions import strip_reply_mentions

SMALL, LARGE = 12_500, 100_000
# Linear growth gives a ratio of 8, quadratic 64: the bound, halfway between on a log scale,
# leaves room for a busy machine and for caches that hold the small input and not the large.
MAX_RATIO = 22.0
MEDIA = {"https://pbs.twimg.com/media/x.jpg": "a photo"}


def _seconds(run: Callable[[], object]) -> float:
    """The fastest of a few timings, each repeated until it lasts long enough to measure. The
    cyclic garbage collector is off meanwhile: its passes over the whole test session's heap
    are not the pass's cost."""
    gc.collect()
    gc.disable()
    try:
        return _fastest(run)
    finally:
        gc.enable()


def _fastest(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        calls, started = 0, time.perf_counter()
        while True:
            run()
            calls += 1
            elapsed = time.perf_counter() - started
            if elapsed > 0.02:
                break
        best = min(best, elapsed / calls)
    return best


def _draft(posts: list) -> Draft:
    return Draft.start(make_thread(posts), Options())


def _media_post(text: str) -> dict:
    return {"text": text, "media": MEDIA, "media_short": "https://t.co/media1"}


# name -> (pass, posts of about n characters)
CASES: dict[str, tuple[Callable[[Draft], Draft], Callable[[int], list]]] = {
    # The case: spaces inside brackets before the end of a post.
    "markers: spaces inside brackets": (strip_markers, lambda n: ["(" + " " * n + "a)", "b"]),
    "markers: spaces before an ellipsis": (strip_markers, lambda n: ["a" + " " * n + "b ...", "c"]),
    "markers: dots": (strip_markers, lambda n: ["a" + "." * n + "x", "b" + "." * n]),
    "markers: a run of counts": (strip_markers, lambda n: ["1/ " * (n // 3), "2/"]),
    "markers: a run of trailing counts": (strip_markers, lambda n: [" 1/" * (n // 3), " 2/"]),
    "markers: digits before a count": (strip_markers, lambda n: ["1" * n + "/5", "2/5"]),
    "markers: keycaps": (strip_markers, lambda n: ["1️⃣" * (n // 3), "2/5"]),
    "markers: hashtags": (strip_markers, lambda n: ["x " + "#a " * (n // 3), "#b " * (n // 3)]),
    "markers: links": (strip_markers, lambda n: ["x " + "https://a " * (n // 10), "y"]),
    "markers: thread emoji": (strip_markers, lambda n: ["🧵 " * (n // 2), "👇" * n]),
    "markers: ellipses and emoji": (strip_markers, lambda n: ["x" + "… 🧵 " * (n // 4), "…y"]),
    "markers: continuation words": (strip_markers, lambda n: ["x" + " (cont.)" * (n // 8), "y"]),
    "markers: END": (strip_markers, lambda n: ["x." + " END" * (n // 4), "y"]),
    "markers: dashes": (strip_markers, lambda n: [" - " * (n // 3) + "1", "2"]),
    "markers: many numbered posts": (
        strip_markers,
        lambda n: [f"Post {i}. {i + 1}/" for i in range(n // 12)],
    ),
    "markers: many posts in ellipses": (
        strip_markers,
        lambda n: [f"…post {i}…" for i in range(n // 10)],
    ),
    # The case: a run of spaces before a link in a post with a photo.
    "links: spaces before a media link": (
        drop_media_links,
        lambda n: [_media_post("a" + " " * n + "b https://t.co/media1")],
    ),
    "links: spaces before a line end": (
        drop_media_links,
        lambda n: [_media_post(("a" + " " * 50 + "\n") * (n // 52) + "https://t.co/media1")],
    ),
    "links: a link repeated": (
        expand_links,
        lambda n: [
            {
                "text": "https://t.co/abc " * (n // 17),
                "links": {"https://t.co/abc": "https://example.org/a"},
            }
        ],
    ),
    "links: quote permalink after spaces": (
        drop_quote_permalinks,
        lambda n: ["a" + " " * n + "https://t.co/q"],
    ),
    "mentions: a run of mentions": (
        strip_reply_mentions,
        lambda n: [
            {"text": "@writer " * (n // 8) + "text", "reply_to": "9", "reply_to_user": "1"},
            {"text": "@writer " * (n // 8) + "more"},
        ],
    ),
    "mentions: spaces": (
        strip_reply_mentions,
        lambda n: [{"text": " " * n + "@" + "a" * 20, "reply_to": "9", "reply_to_user": "1"}],
    ),
    "entities: escapes": (
        unescape_entities,
        lambda n: [{"text": "&amp;" * (n // 5) + "&" * n, "escaped": True}],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_the_pass_is_linear_in_the_post(name: str) -> None:
    run, posts = CASES[name]
    small, large = _draft(posts(SMALL)), _draft(posts(LARGE))
    ratio = _seconds(lambda: run(large)) / _seconds(lambda: run(small))
    assert ratio < MAX_RATIO, f"{name}: 8x the input took {ratio:.1f}x the time"
