"""The paragraph rule at a sentence end, time as evidence, and each platform's way of counting."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from builders import make_thread

from thread2article.model import Thread
from thread2article.reassemble import reassemble
from thread2article.reassemble.length import counting_for, grapheme_length, mastodon_length

LONG = (
    "The committee finally published its long awaited report on the harbour on Tuesday, "
    "after two years of hearings, surveys of the old quay and arguments about who should pay "
    "for the repairs that everyone agreed were needed"
)


def _later(thread: Thread, index: int, minutes: int) -> Thread:
    """The thread with post `index` and every later one published `minutes` later."""
    posts = list(thread.posts)
    for number in range(index, len(posts)):
        created = posts[number].created_at
        assert created is not None
        posts[number] = replace(posts[number], created_at=created + timedelta(minutes=minutes))
    return replace(thread, posts=tuple(posts))


def test_two_signs_continue_the_paragraph() -> None:
    # The next sentence did not fit, and it opens with "But": the paragraph goes on.
    first = "The report was short. " + LONG + "."
    article = reassemble(make_thread([first, "But " + LONG + ".", "A new post."]))
    assert article.boundaries[0].decision == "same-paragraph"
    assert "a tying word +" in article.boundaries[0].rule


def test_one_sign_alone_starts_a_new_paragraph() -> None:
    # The next sentence did not fit, and nothing else says the paragraph goes on.
    first = "Ships came in. " + LONG + "."
    other = (
        "Zebras graze quietly on the wide plains of the savanna, moving slowly in large herds "
        "from one waterhole to the next as the long dry season turns."
    )
    article = reassemble(make_thread([first, other, "Cats sleep."]))
    assert article.boundaries[0].decision == "new-paragraph"


def test_a_writer_who_fills_posts_and_stops_early_chose_to_break() -> None:
    posts = ["It rained. The quay flooded. But the ships held.", "But the town was quiet."]
    article = reassemble(make_thread(posts))
    assert article.boundaries[0].decision == "new-paragraph"
    # Stopping where "But the town was quiet." would have fitted outweighs its tying word.
    assert "the next sentence would have fitted -" in article.boundaries[0].rule


def test_a_post_added_long_after_is_a_new_statement() -> None:
    thread = make_thread(["The table builds now without errors", "next I will port it to CUDA"])
    # Seconds apart, a post starting lower-case continues the sentence...
    assert reassemble(thread).boundaries[0].decision == "join"
    # ...and so it does 50 minutes later: the text proves the continuation.
    assert reassemble(_later(thread, 1, 50)).boundaries[0].decision == "join"
    statements = make_thread(["The table builds now without errors", "Next I port it to CUDA"])
    assert reassemble(statements).boundaries[0].decision == "join"
    late = reassemble(_later(statements, 1, 50)).boundaries[0]
    assert late.decision == "new-paragraph" and "posted 5" in late.rule
    assert late.seconds_apart is not None and late.seconds_apart >= 50 * 60


def test_bluesky_counts_graphemes_and_mastodon_links_as_23() -> None:
    assert grapheme_length("👨‍👩‍👧 e\u0301") == 3
    assert mastodon_length("see https://example.com/a/very/long/path/indeed ok") == 4 + 23 + 3
    assert mastodon_length("hi @alice@example.social") == len("hi @alice")
    assert counting_for("mastodon", None, 280).limit == 500
    assert counting_for("mastodon", 1000, 280).limit == 1000
    assert counting_for("bluesky", None, 280).limit == 300
    assert counting_for("x", None, 280).limit == 280


def test_a_full_post_is_full_by_its_platforms_limit() -> None:
    # 283 characters: over X's limit, room left on Bluesky (300) and Mastodon (500).
    first = "word " * 56 + "ok."
    thread = make_thread([first, "Go on.", "And a last one."])
    x = reassemble(thread).boundaries[0]
    assert "over-limit" in x.signals
    for platform in ("bluesky", "mastodon"):
        boundary = reassemble(replace(thread, platform=platform)).boundaries[0]
        assert "over-limit" not in boundary.signals
        assert "next-sentence-fitted" in boundary.signals
