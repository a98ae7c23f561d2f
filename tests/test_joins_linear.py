"""The joins pass takes time in proportion to its input (issue 12, "Hangs"): pathological posts of
100,000 characters and threads of many thousand posts. Measured as a ratio between two sizes,
never as an absolute time: four times the input may take four times as long, not sixteen."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from builders import make_thread

from thread2article.options import Options
from thread2article.reassemble.draft import Draft
from thread2article.reassemble.joins import join_posts

SMALL = 25_000
# A linear pass takes about 4x as long on 4x the input; a quadratic one 16x. The bound leaves
# room for a machine shared with other work.
GROWTH_BOUND = 8.0


def _seconds(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _join(posts: list[str]) -> Callable[[], object]:
    draft = Draft.start(make_thread(posts), Options())
    return lambda: join_posts(draft)


def _assert_linear(build: Callable[[int], list[str]]) -> None:
    small = _seconds(_join(build(SMALL)))
    large = _seconds(_join(build(4 * SMALL)))
    # (A floor for the small size, so that timer noise on a very fast run cannot fail the test.)
    assert large <= GROWTH_BOUND * max(small, 0.02), (small, large)


PATHOLOGICAL = {
    "a run of dots": lambda n: "a" + "." * n + "x",
    "a run of dots ending the post": lambda n: "a" + "." * n,
    "closing quotes after dots": lambda n: "a" + "." * (n // 2) + "'" * (n // 2) + "x",
    "spaces after a full stop": lambda n: "a." + " " * n + "1",
    "links with no space": lambda n: "http://" * (n // 7),
    "hashtags with no space": lambda n: "#a" * (n // 2),
    "question marks and quotes": lambda n: "?'" * (n // 2) + "x",
    "blank-ish lines": lambda n: "a\n" + "\t" * n + "b",
    "list-like lines": lambda n: "- " + " " * n + "\n- b",
    "Japanese particles": lambda n: "が" * n,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_a_pathological_post_is_read_in_linear_time(name: str) -> None:
    text = PATHOLOGICAL[name]
    # The post on either side of a boundary, so that both ends' patterns read it.
    _assert_linear(lambda n: [text(n), text(n), "And a last post."])


def test_joining_thousands_of_posts_into_one_paragraph_is_linear() -> None:
    # No post ends a sentence: every boundary joins, so one paragraph grows the whole thread.
    def posts(n: int) -> list[str]:
        return [f"words of post {index} and still going on" for index in range(n // 25)]

    _assert_linear(posts)


def test_thousands_of_paragraphs_are_linear() -> None:
    def posts(n: int) -> list[str]:
        return [f"Post {index} is a sentence of its own." for index in range(n // 25)]

    _assert_linear(posts)
