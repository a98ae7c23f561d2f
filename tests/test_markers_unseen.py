"""The marker forms of writer styles and splitters the benchmark does not hold (issue 10 item 1;
their cases are fixtures/passes/markers-unseen.yaml, which tests/test_markers.py runs): the first
tests of the pass let none of them by, and the pass stays linear in the post with them."""

from __future__ import annotations

import pytest
from builders import make_thread
from test_linear_passes import LARGE, MAX_RATIO, SMALL, _draft, _seconds

from thread2article.reassemble import markers, reassemble
from thread2article.reassemble.markers import strip_markers

# Posts that end in one of the new marker words, alone or after a sentence, with the dots,
# brackets, links and hashtags that may follow them.
ENDINGS = [
    "cont…",
    "cont...",
    "contd…",
    "To be continued",
    "to be continued...",
    "(to be continued)",
    "TBC",
    "TBC.",
    "(TBC)",
    "Fortsetzung folgt.",
    "Продолжение следует",
    "продолжение следует…",
    "。つづく",
    "。続く→",
    "。待续",
    "（未完）",
    "/Ende",
    "/ende.",
    "/конец",
    "THREAD",
    "Thread 🧵👇",
    "1/3,",
    "1/3/",
    "(1/3)…",
    "1/3...",
    "1|3",
    "[1|3]",
    "1∕3",
    "1⁄3",
    "〔1/3〕",
    "«1/3»",
    "1/ 3",
    "1/ n",
    "1️⃣/3️⃣",
    "①/3",
    "Part 1 of 3",
    "1/3 🙂",
]
TAILS = ["", " https://example.org/a", " #health", " 🙂"]


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("tail", TAILS)
def test_no_first_test_calls_a_text_ending_in_a_new_marker_quiet(ending: str, tail: str) -> None:
    text = "Sleep well. " + ending + tail
    assert not markers._quiet(text), text
    assert not markers._calm_end(text), text


def test_every_letter_before_a_new_marker_words_dot_is_tested() -> None:
    # _may_end_in_words searches a text ending in a letter, or in dots after one, only where the
    # letter is one of _WORD_LAST_LETTERS (and, for "/ende" and "/конец", a slash stands near):
    # every other letter ends none of the words, in any case the pattern's IGNORECASE accepts.
    heads = ("continue", "folg", "следуе", "TB", "THREA", "/end", "/коне", "つづ", "続", "待")
    # (Dots are read past before the letter is tested; a line break is never last: the pass
    # reads the text's ends with the spaces off, and "$" matches before one.)
    letters = set(markers._WORD_LAST_LETTERS + "\n.…")
    for point in range(0x110000):
        char = chr(point)
        if char in letters:
            continue
        for head in heads:
            for dots in ("", ".", "...", "…"):
                assert not markers._LETTER_WORD_TAIL.search(head + char + dots), hex(point)


def test_the_trailing_words_pattern_starts_only_where_its_heads_stand() -> None:
    # _TRAILING_WORD_HEADS is tested first at each position: every word the pattern reads
    # starts with one of them.
    words = ["(cont.)", "cont'd", "ctd.", "/end", "#thread", "END", "THREAD", "TBC", "(TBC)"]
    words += ["to be continued", "Fortsetzung folgt", "продолжение следует", "つづく", "続く"]
    words += ["待续", "未完待续", "🧵", "👇", "〔end〕", "«fin»"]
    for word in words:
        assert markers._TRAILING_WORDS.search("x. " + word), word
        assert word[0] in markers._TRAILING_WORD_HEADS or word[0].lower() in (
            markers._TRAILING_WORD_HEADS
        ), word


def test_a_numbered_thread_with_emoji_and_links_reads_as_its_sentences() -> None:
    posts = [
        "Sleep is the base of everything. 1/4 🙂",
        "Eat well, and slowly. 2/4 👇 https://example.org/food",
        "Walk every day. (3/4)…",
        "That is all. 4|4 #health",
    ]
    article = reassemble(make_thread(posts))
    text = " ".join(block.to_dict().get("text", "") for block in article.blocks)
    for marker in ("1/4", "2/4", "3/4", "4|4", "👇", "…"):
        assert marker not in text, (marker, text)
    for kept in ("🙂", "https://example.org/food", "#health", "Walk every day."):
        assert kept in text, (kept, text)


# name -> posts of about n characters: runs of the new forms' parts.
LINEAR = {
    "emoji closing a post": lambda n: ["x 1/3" + " 🙂" * (n // 2), "y 2/3 🙂"],
    "bars": lambda n: ["1|" * (n // 2) + "3", "2|3"],
    "spaced bars": lambda n: [" 1 | " * (n // 5) + "3", "2 | 3"],
    "spaces before a spaced total": lambda n: ["x 1/" + " " * n + "3", "2/ 3"],
    "ellipses after counts": lambda n: ["x" + " 1/3…" * (n // 5), "(2/3)…" * (n // 6) + " y"],
    "capital THREAD and spaces": lambda n: ["THREAD" + " " * n + "AB", "x. THREAD"],
    "to be continued": lambda n: ["x." + " to be continued" * (n // 16), "y"],
    "more before pointers": lambda n: ["x." + " more" * (n // 5) + " ⬇️", "y. more ⬇️", "z"],
    "thread labels before symbols": lambda n: ["x." + " thread" * (n // 7) + " 🧵", "y"],
    "closing words before hashtags": lambda n: ["a", "x." + " — fin" * (n // 6) + " #a"],
    "lower-case end words": lambda n: ["a", "x." + " конец" * (n // 6)],
}


@pytest.mark.parametrize("name", LINEAR)
def test_the_pass_is_linear_in_the_post_with_the_new_forms(name: str) -> None:
    posts = LINEAR[name]
    small, large = _draft(posts(SMALL)), _draft(posts(LARGE))
    ratio = _seconds(lambda: strip_markers(large)) / _seconds(lambda: strip_markers(small))
    assert ratio < MAX_RATIO, f"{name}: 8x the input took {ratio:.1f}x the time"


def test_no_emoji_part_comes_before_the_bound_the_tail_test_reads_from() -> None:
    # _trailing_ends looks a text's last character up in _EMOJI_CHARS only from U+200D on.
    assert min(markers._EMOJI_CHARS) == "\u200d"
