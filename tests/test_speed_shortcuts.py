"""Shortcuts the boundary evidence and the paragraph rule take to bring the archive export's
reassembly back within 10% of its time at 4f99053 (issue 10; bench/reassembly/timing.py). Each
must give exactly what its plain definition gives; the plain definitions are kept here."""

from __future__ import annotations

import re
from dataclasses import fields, replace

from builders import make_thread
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_paragraphs_shortcuts import reference_stems
from test_pass_shortcuts import _plain_trailing_count

from thread2article.reassemble import boundaries, joins, markers, paragraphs, reassemble, words
from thread2article.reassemble.boundaries import Evidence
from thread2article.reassemble.draft import PostText

# ---- the words of a post (paragraphs._stems) ------------------------------------------------
# The plain definition: one class of letters, Unicode's, whatever the text holds (the same
# reference the cohesion shortcut is pinned to).
plain_stems = reference_stems


def test_the_latin_1_letters_are_the_classes_letters() -> None:
    letter = re.compile(r"[^\W\d_\u3040-\u30ff\u4e00-\u9fff]")
    listed = re.compile(f"[{re.escape(paragraphs._LATIN_1_LETTERS)}]")
    for point in range(256):
        char = chr(point)
        assert bool(listed.fullmatch(char)) == bool(letter.fullmatch(char)), hex(point)
    # (Unicode's letters include these, which a hand-written list would miss.)
    assert {"ª", "²", "µ", "¼", "ß", "ÿ"} <= set(paragraphs._LATIN_1_LETTERS)
    assert not {"×", "÷", "_", "0", "\xa0"} & set(paragraphs._LATIN_1_LETTERS)


# Every Latin-1 character that is no ASCII letter is a piece, with ASCII words, Chinese and
# Japanese, and characters beyond Latin-1 that lower-case into it ("K" Kelvin, "İ").
LATIN_1_PIECES = [
    *(chr(point) for point in range(0x80, 0x100)),
    *["word", "Wort", "über", "café", "naïve", "STRASSE", " ", "  ", ".", ",", "'", "1", "_", "\n"],
    *["データ", "東京", "の", "软件包", "ー", "・", "\u212a", "İ", "Ж", "ж", "ŉ", "ſ", "😷"],
]
latin_1_texts = st.lists(st.sampled_from(LATIN_1_PIECES), max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(latin_1_texts)
@example("Café über naïve データ thread")
@example("µµµµµ ²³¹¼½ ªºªº")
@example("\u212aelvin")
@example("ABCDÉFG")
# A Latin-1 text (no character beyond it: read without the two searches), and runs of Chinese
# characters and kana after Latin-1 letters, read from the first character beyond Latin-1.
@example("Café über naïve thread")
@example("naïve データ東京 über の软件包")
@example("データ")
# Characters beyond Latin-1 that part words (an emoji, a curly quote): the Latin-1 pattern reads
# the text, as it does a post with Cyrillic letters only where they are none.
@example("It’s a 🧵 — about café")
@example("Wort’s ЖЖЖЖ café 🧵")
def test_the_stems_of_a_post_are_the_plain_definitions(value: str) -> None:
    assert paragraphs._stems(value) == plain_stems(value)


def test_the_latin_1_stems_are_the_ones_read_for_a_latin_1_post() -> None:
    # The shortcut is taken for such a post (the comparison above is not vacuous) and not beyond.
    assert paragraphs._BEYOND_LATIN_1.search("café über データ 東京 ²".lower()) is None
    assert paragraphs._BEYOND_LATIN_1.search("\u212aelvin".lower()) is None
    assert paragraphs._BEYOND_LATIN_1.search("пакеты") is not None
    # A text without a character beyond Latin-1 has none once lower-cased either.
    for point in range(256):
        assert paragraphs._NOT_LATIN_1.search(chr(point).lower()) is None, hex(point)


# ---- the thread's script (words.written_in_cjk) --------------------------------------------
def plain_written_in_cjk(texts: list[str]) -> bool:
    """As many Chinese characters and kana as words between spaces in the sample (a thread with
    none is not one)."""
    if not any(words.HAN_OR_KANA.search(text) for text in texts):
        return False
    sample = " ".join(texts)[: words._SAMPLE_CHARACTERS]
    return len(words.HAN_OR_KANA.findall(sample)) >= len(sample.split())


SCRIPT_PIECES = [
    " ",
    "  ",
    "\n",
    "word",
    "Debian",
    "a",
    "データ",
    "東京",
    "の",
    "软件包",
    "。",
    "1",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SCRIPT_PIECES), max_size=12).map("".join), max_size=4))
@example(["Debian の パッケージ"])
@example(["データ データ", "the data"])
@example(["", " "])
@example([])
def test_a_thread_is_written_in_cjk_as_the_plain_count_says(texts: list[str]) -> None:
    assert words.written_in_cjk(texts) == plain_written_in_cjk(texts)


def test_a_thread_is_written_in_cjk_past_the_sample() -> None:
    # (The count is of the sample's first characters, either way.)
    latin = "word " * (words._SAMPLE_CHARACTERS // 5)
    assert not words.written_in_cjk([latin + "データ" * 1000])
    assert words.written_in_cjk(["データ" * 1000 + latin])


# ---- the evidence at a boundary (boundaries.py) ---------------------------------------------
QUOTE_PIECES = ['"', "“", "”", "„", "«", "»", "a", " ", "Er sagte ", ".", "é", "データ"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(QUOTE_PIECES), max_size=20).map("".join))
@example("„ja“ “We will")
@example("“open")
@example('Ein "Wort')
def test_an_open_quote_is_what_the_four_counts_say(value: str) -> None:
    plain = boundaries.quotation_left_open(
        value.count("“"), value.count("”"), value.count("„"), value.count('"')
    )
    assert boundaries.open_quote(value) == plain


ABBREVIATION_PIECES = [
    *["Mr", "Prof", "Brig", "bspw", "z", "B", "d", "h", "e.g", "i.e", "т", "е", "см", "St"],
    *[".", ". ", " ", "(", "“", '"', "„", "«", "\n", "word", "a", "1"],
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(ABBREVIATION_PIECES), max_size=12).map("".join))
@example("said Prof.")
@example("z. B.")
@example("Mr.\n")
def test_an_abbreviation_that_never_ends_a_sentence_is_found_as_the_plain_search_finds_it(
    value: str,
) -> None:
    before = value.rstrip()  # (boundary_evidence's `before`)
    assert boundaries._never_final(before) == bool(boundaries._NEVER_FINAL.search(before))


def test_the_evidence_built_without_its_init_equals_the_constructed_one() -> None:
    found: list[Evidence] = []
    evidence = joins.boundary_evidence

    def keep(*args, **kwargs):  # type: ignore[no-untyped-def]
        found.append(evidence(*args, **kwargs))
        return found[-1]

    joins.boundary_evidence = keep
    try:
        reassemble(make_thread(["First post here.", "and it goes on", "Next one. Mr.", "Smith"]))
    finally:
        joins.boundary_evidence = evidence
    assert len(found) == 3
    assert any(item.decided for item in found) and any(item.decided is None for item in found)
    for item in found:
        assert type(item) is Evidence
        plain = Evidence(**{f.name: getattr(item, f.name) for f in fields(Evidence)})
        assert item == plain and hash(item) == hash(plain)
        assert set(vars(item)) == {f.name for f in fields(Evidence)}


def test_what_a_post_continues_with_is_what_the_pattern_matched() -> None:
    # boundary_evidence reads the first character against a set (was `^[,;:)\]%’”]`).
    plain = re.compile(r"^[,;:)\]%’”]")
    for value in ["", *map(chr, range(0x10000))]:
        assert (value[:1] in boundaries._CONTINUING) == bool(plain.match(value + " x")), value


def test_a_paragraph_built_without_its_init_equals_the_constructed_one() -> None:
    from thread2article.model import Paragraph
    from thread2article.reassemble.blocks import chunk_blocks

    for text in ["One line of prose.", "  spaced  ", "データ"]:
        (block,) = chunk_blocks(text)
        plain = Paragraph(text.strip())
        assert type(block) is Paragraph and block == plain and hash(block) == hash(plain)
        assert vars(block) == vars(plain) and block.to_dict() == plain.to_dict()
    assert chunk_blocks("   ") == []


def test_closing_punctuation_opens_with_one_of_its_first_characters() -> None:
    # boundary_evidence tries _CLOSING and _CLOSING_STRAIGHT_QUOTE only after a post opening with
    # one of the characters they can match first.
    for point in range(0x30000):
        char = chr(point)
        for rest in ("", " ", "x", ".", "..", "1"):
            if boundaries._CLOSING.match(char + rest):
                assert char in boundaries._CLOSING_FIRST, hex(point)
            if boundaries._CLOSING_STRAIGHT_QUOTE.match(char + rest):
                assert char in boundaries._STRAIGHT_QUOTES, hex(point)
    # (and every one listed is one it can match)
    assert all(boundaries._CLOSING.match(char + " ") for char in boundaries._CLOSING_FIRST)
    assert all(
        boundaries._CLOSING_STRAIGHT_QUOTE.match(c + " ") for c in boundaries._STRAIGHT_QUOTES
    )


# ---- runs of Chinese characters and kana (paragraphs._CJK_RUN) ------------------------------
@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(SCRIPT_PIECES + ["ー", "・", "、", "ア"]), max_size=20).map("".join)
)
@example("データ東京 の软件包")
@example("の")
def test_a_run_of_chinese_characters_is_what_the_plain_pattern_finds(value: str) -> None:
    plain = re.compile("[\u3040-\u30ff\u4e00-\u9fff]{2,}")
    assert paragraphs._CJK_RUN.findall(value) == plain.findall(value)
    # (and the regex engine skips ahead to its first character)
    assert paragraphs._CJK_RUN.pattern.startswith("[")


def test_images_and_videos_built_without_their_init_equal_the_constructed_ones() -> None:
    from thread2article.model import Image, Media, Video
    from thread2article.reassemble.blocks import attachments
    from thread2article.reassemble.draft import post_text

    thread = make_thread(["A photo and a clip."])
    post = thread.posts[0]
    media = (
        Media(kind="photo", url="https://e.example/p.jpg", alt="a bridge", short="https://t.co/p"),
        Media(kind="video", url="https://e.example/v.mp4", poster="https://e.example/v.jpg"),
    )
    image, video = attachments(post_text(replace(post, media=media), post.text, False))
    plain_image = Image(src="https://e.example/p.jpg", alt="a bridge", post_id=post.id)
    plain_video = Video(
        src="https://e.example/v.mp4", poster="https://e.example/v.jpg", post_id=post.id
    )
    for block, plain in ((image, plain_image), (video, plain_video)):
        assert type(block) is type(plain) and block == plain and hash(block) == hash(plain)
        assert vars(block) == vars(plain) and block.to_dict() == plain.to_dict()


# ---- the thread's habits (paragraphs._habit_values) -----------------------------------------
def plain_case_and_sentence_ends(
    strings: list[str], evidence: dict[int, Evidence]
) -> tuple[bool, int, int, list[int], int]:
    """The writer's case, the sentence ends the rule weighs and how many the next sentence would
    have fitted, the boundaries cut inside a sentence and those after a full post: the case read
    over the posts first, then the boundaries with it (the plain definition)."""
    after_stops = 1
    lower = int(strings[0][:1].islower())
    for previous, following in zip(strings, strings[1:], strict=False):
        if paragraphs.ends_sentence(previous):
            after_stops += 1
            lower += following[:1].islower()
    writes_lowercase = lower >= 0.8 * after_stops
    cut_inside, full, sentence_ends, fitted = [], 0, 0, 0
    for index in range(len(strings) - 1):
        found = evidence[index]
        signals = found.signals
        full += "filled-to-limit" in signals
        if found.decided is not None:
            if found.decided[0] in ("join-word", "join"):
                cut_inside.append(index)
        elif not (
            ("next-starts-lower-case" in signals and not writes_lowercase)
            or "over-limit" in signals
        ):
            sentence_ends += 1
            fitted += "next-sentence-fitted" in signals
    return writes_lowercase, sentence_ends, fitted, cut_inside, full


HABIT_TEXTS = ["Done.", "done.", "and so", "So it goes.", "but then.", "Wait", "end!", "x"]
HABIT_SIGNALS = ["next-starts-lower-case", "over-limit", "next-sentence-fitted", "filled-to-limit"]
HABIT_DECIDED = [None, None, ("join", "r"), ("join-word", "r"), ("new-paragraph", "r")]


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(HABIT_TEXTS),
            st.lists(st.sampled_from(HABIT_SIGNALS), unique=True),
            st.sampled_from(HABIT_DECIDED),
        ),
        min_size=2,
        max_size=12,
    )
)
def test_the_habits_are_read_as_the_plain_loops_read_them(
    posts: list[tuple[str, list[str], tuple[str, str] | None]],
) -> None:
    from thread2article.model import Post

    thread = make_thread([text for text, _, _ in posts])
    texts = [PostText(post, post.text, False) for post in thread.posts]
    strings = [item.text for item in texts]
    assert all(isinstance(item.post, Post) for item in texts)
    evidence = {
        index: Evidence(tuple(signals), decided)
        for index, (_, signals, decided) in enumerate(posts)
    }
    writes_lowercase, sentence_ends, fitted, cut_inside, full = plain_case_and_sentence_ends(
        strings, evidence
    )
    habits = paragraphs.read_thread_habits(texts, evidence)
    assert habits.writes_lowercase == writes_lowercase
    assert habits.keeps_posts_short == (sentence_ends >= 3 and fitted >= 0.7 * sentence_ends)
    assert habits.fills_posts == (2 * full >= len(texts) - 1)
    assert habits.cut_posts == frozenset(texts[index].post.id for index in cut_inside)


# ---- emoji sequences in X's weighted length (length._plain_weight) ---------------------------
def plain_emoji_weight(text: str) -> int:
    """Each emoji sequence 2, the characters between by their weight: the pattern's matches one
    after another from the start (the plain definition)."""
    from thread2article.reassemble import length

    total = position = 0
    for match in length._EMOJI_SEQUENCE.finditer(text):
        total += length._chars_weight(text[position : match.start()]) + length.EMOJI_WEIGHT
        position = match.end()
    return total + length._chars_weight(text[position:])


EMOJI_PIECES = [
    *["a", " ", "1", "#", "*", "é", "東", "\n", "→", "⬇", "©", "™"],
    *["\ufe0f", "\u20e3", "\u200d", "😷", "🏽", "🇺", "🇦", "👨", "🧵"],
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(EMOJI_PIECES), max_size=16).map("".join))
@example("text 1\ufe0f\u20e3 more")
@example("ab#\u20e3")
@example("x\ufe0f and 🇺🇦 then 👨\u200d👨 🧵")
@example("a thread 🧵")
def test_emoji_sequences_are_weighed_as_the_plain_matches_weigh_them(value: str) -> None:
    from thread2article.reassemble import length

    assert length._plain_weight(value) == plain_emoji_weight(value)


# ---- the markers pass (markers.py) ------------------------------------------------------------
# A count that closes a bracket: _may_end_in_count reads the character before the bracket, so a
# post closed by "(edited)" is never searched for the trailing forms. The plain definition is
# every form searched before each end (test_pass_shortcuts._plain_trailing_count).
BRACKET_PIECES = [
    *["(", ")", "[", "]", "（", "）", "［", "］", "【", "】", "〔", "〕", "«", "»"],
    *["edited", "1", "12", "１", "/", "／", "n", "N", "x", "?", "end", "END", "fin", "🧵", "d"],
    *[" ", ".", "…", ",", ":", "Part ", "of 5", "|", "#", "①", "1️⃣", "a", "word"],
]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(BRACKET_PIECES), max_size=14).map("".join))
@example("Then we went home. (edited)")
@example("It ends here (3/5)")
@example("It ends here (3/)")
@example("It ends here [2/n]")
@example("It ends here (3/END).")
@example("It ends here (1/🧵)")
@example("データです（１／５）")
@example("Part 3 of 5)")
@example("see [12]…")
def test_a_count_closing_a_bracket_is_found_as_the_plain_search_finds_it(value: str) -> None:
    found = markers._trailing_count(value, markers._trailing_ends(value))
    assert (found and (found.start, found.end)) == _plain_trailing_count(value)


def test_a_post_closed_by_edited_is_not_searched_for_a_count() -> None:
    # (The shortcut is taken: the comparison above is not vacuous.)
    for value in ("Then we went home. (edited)", "so it goes (more)", "a list [a]"):
        assert not markers._may_end_in_count(value, len(value))
    for value in ("so (3/5)", "so (3/)", "so [2/n]", "so (3/end)", "so (1/🧵)", "so (3)"):
        assert markers._may_end_in_count(value, len(value))


COUNT_OPENINGS = ["1/ ", "(2/5) ", "[3/n] ", "Thread 1/3: ", "🧵 1/ ", "1. ", "#2 ", "①", ""]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(COUNT_OPENINGS), st.sampled_from(BRACKET_PIECES + ["Text."])),
        min_size=1,
        max_size=5,
    )
)
def test_the_counts_built_as_tuples_are_the_named_tuples_their_constructor_builds(
    posts: list[tuple[str, str]],
) -> None:
    for position, (opening, rest) in enumerate(posts):
        count = markers._leading_count(opening + rest, position)
        if count is not None:
            assert type(count) is markers._Count
            assert count == markers._Count(*count) and count._asdict()["post"] == position
            moved = markers._tuple_new(markers._Count, (position + 1, *count[1:]))
            assert type(moved) is markers._Count and moved == count._replace(post=position + 1)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(COUNT_OPENINGS),
            st.sampled_from(["Text.", "more text", "Done 🧵", "end (edited)", "ok 👇", "x…"]),
        ),
        min_size=2,
        max_size=5,
    )
)
@example([("1/ ", "Text."), ("2/ ", "more text")])
def test_the_posts_the_markers_pass_changed_are_the_copies_with_text_makes(
    posts: list[tuple[str, str]],
) -> None:
    # strip_markers builds the copy of a post that lost a marker itself; it must be the copy
    # PostText.with_text makes from the same text, signals and markers.
    from thread2article.options import Options
    from thread2article.reassemble import Draft
    from thread2article.reassemble.draft import post_text
    from thread2article.reassemble.markers import strip_markers

    thread = make_thread([opening + rest for opening, rest in posts])
    # (Posts that carry a signal and a removed marker already: the copy keeps both.)
    items = tuple(
        replace(post_text(post, post.text, False, ["quote-permalink"]), removed_markers=("⬇️",))
        for post in thread.posts
    )
    draft = Draft.of(thread, Options(), items)
    stripped = strip_markers(draft)
    for before, after in zip(draft.items, stripped.items, strict=True):
        plain = before.with_text(
            after.text,
            *(after.signals - before.signals),
            removed=after.removed_markers[len(before.removed_markers) :],
        )
        assert type(after) is PostText and after == plain and vars(after) == vars(plain)


def test_an_instance_built_takes_its_fields_as_its_own_dict() -> None:
    # draft.built hands the dict to the instance: each caller passes a new one.
    from thread2article.model import Paragraph
    from thread2article.reassemble.draft import built

    fields_given = {"text": "One."}
    block = built(Paragraph, fields_given)
    assert block == Paragraph("One.") and vars(block) == {"text": "One."}
    import dataclasses

    try:
        block.text = "Two."  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a built instance must stay frozen")
