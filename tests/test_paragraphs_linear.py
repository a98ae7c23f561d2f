"""The paragraph rule at sentence ends takes time in proportion to the thread: the words shared
either side of each post end (paragraphs.Cohesion) are read once per thread, and each boundary
joins the word sets of the few posts within its span. Measured as a ratio between a thread of
2,000 posts and one of 16,000 (a quadratic pass would take 64 times as long)."""

from __future__ import annotations

import time
from collections.abc import Callable

from builders import make_thread

from thread2article.options import Options
from thread2article.reassemble.draft import Draft
from thread2article.reassemble.joins import join_posts

SMALL = 2_000
# A linear pass takes about 8x as long on 8x the posts; a quadratic one 64x. The bound leaves
# room for a machine shared with other work.
GROWTH_BOUND = 20.0


def _seconds(posts: list[str]) -> float:
    draft = Draft.start(make_thread(posts), Options())
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        join_posts(draft)
        best = min(best, time.perf_counter() - start)
    return best


def _assert_linear(build: Callable[[int], list[str]]) -> None:
    small = _seconds(build(SMALL))
    large = _seconds(build(8 * SMALL))
    # (A floor for the small size, so that timer noise on a very fast run cannot fail the test.)
    assert large <= GROWTH_BOUND * max(small, 0.02), (small, large)


def test_one_sentence_per_post_is_read_in_linear_time() -> None:
    # One sentence per post, no tying word: every post end asks for the words shared around it.
    words = ["harbour", "quay", "ships", "tides", "storms", "cargo", "pilots", "cranes"]

    def posts(count: int) -> list[str]:
        return [f"{words[index % 8].title()} matter {index}." for index in range(count)]

    _assert_linear(posts)


def test_tiny_posts_within_the_span_are_read_in_linear_time() -> None:
    # Posts of a word each: a boundary's span holds many posts, but never more than its
    # characters allow, whatever the thread's length.
    def posts(count: int) -> list[str]:
        return [f"Word{index % 50}." for index in range(count)]

    _assert_linear(posts)
