"""An English passage quoted in a Chinese or Japanese thread runs on as one paragraph (issue 10,
item 5; words.english_passage_goes_on), where the paragraph rule would weigh the thread's own
posts; an English thread, or a cut next to Japanese text, is left to the paragraph rule."""

from __future__ import annotations

import importlib

from builders import make_thread

from thread2article.reassemble import reassemble

words = importlib.import_module("thread2article.reassemble.words")

JAPANESE = "ソースパッケージについて説明します。原文は次のとおりです。"
ENGLISH_END = "The source package is the foundation of everything in Debian."
ENGLISH_NEXT = "All Debian packages come from a source package."


def _boundaries(posts: list[str]) -> list[tuple[str, str]]:
    article = reassemble(make_thread(posts))
    return [(boundary.decision, boundary.rule) for boundary in article.boundaries]


def test_an_english_passage_in_a_japanese_thread_goes_on_in_one_paragraph() -> None:
    found = _boundaries(
        [JAPANESE * 2, f"{JAPANESE}\n\n{ENGLISH_END}", ENGLISH_NEXT, JAPANESE + "以上です。"]
    )
    decision, rule = found[1]
    assert decision == "same-paragraph"
    assert "English passage" in rule


def test_the_same_sentences_in_an_english_thread_are_left_to_the_paragraph_rule() -> None:
    found = _boundaries(
        [
            "Debian is built from source packages, and this thread explains how they work.",
            ENGLISH_END,
            ENGLISH_NEXT,
        ]
    )
    assert all("English passage" not in rule for _, rule in found)


def test_japanese_next_to_the_cut_is_no_english_passage() -> None:
    assert words.english_passage_goes_on(f"{JAPANESE} {ENGLISH_END}", ENGLISH_NEXT)
    # Japanese right before the cut, or right after it.
    assert not words.english_passage_goes_on(f"{ENGLISH_END} {JAPANESE}", ENGLISH_NEXT)
    assert not words.english_passage_goes_on(ENGLISH_END, "All packages は source から来ます。")
    # No sentence end before the cut, or a lower-case opening after it.
    assert not words.english_passage_goes_on(ENGLISH_END[:-1], ENGLISH_NEXT)
    assert not words.english_passage_goes_on(ENGLISH_END, "all Debian packages come from it.")
    # Too few words to be prose: a command or a name between two statements.
    assert not words.english_passage_goes_on(f"{JAPANESE} apt update.", ENGLISH_NEXT)
