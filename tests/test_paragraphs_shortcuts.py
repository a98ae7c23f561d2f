"""The paragraph rule runs at every sentence end of an archive, so it takes shortcuts: the
thread's part of the weighed sum made once (paragraphs._Weighing), the sum added up without
naming every term, a post's stop read from its end, the words of a post read alone added up
once. Each shortcut must decide exactly what its plain definition decides, with the same rule
text and signals; the plain definitions are kept here (and in paragraphs.paragraph_terms and
paragraphs.weigh, which bench/reassembly/paragraph_cv.py records) as the reference."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import fields

import pytest
from builders import make_thread
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thread2article.reassemble import joins, paragraphs, reassemble
from thread2article.reassemble.boundaries import SENTENCE_STOP, Evidence
from thread2article.reassemble.draft import PostText

# The weighed part of paragraphs.classify before its shortcuts (commit 94f00e2), word for word:
# every term named (paragraph_terms), every contribution listed (_contributions, _weighed), the
# rare words read through read_cohesion.


def reference_weighed(
    evidence: Evidence,
    signals: tuple[str, ...],
    following: PostText,
    habits: paragraphs.ThreadHabits,
    previous: PostText | None,
) -> tuple[str, str, tuple[str, ...]]:
    terms = paragraphs.paragraph_terms(evidence, signals, following, habits, previous)
    silent = not habits.packs_sentences or habits.keeps_posts_short
    reach = paragraphs._MOST_COHESION * (
        paragraphs.RARE_WORDS_SHARED + (paragraphs.RARE_WORDS_LAYOUT_SILENT if silent else 0.0)
    )
    contributions = paragraphs._contributions(terms)
    without = paragraphs.BIAS + sum(value for value, _ in contributions)
    unread = ""
    if without > paragraphs.THRESHOLD:
        unread = "; rare words shared unread: they could only add"
    elif without + reach <= paragraphs.THRESHOLD:
        unread = f"; rare words shared unread: at most {reach:+.2f}, not enough"
    else:
        cohesion = paragraphs.read_cohesion(habits, previous)
        terms["cohesion"] = cohesion
        terms["cohesion_silent"] = cohesion if silent else 0.0
        if cohesion:
            contributions = paragraphs._contributions(terms)
    total, shown = paragraphs._weighed(contributions)
    signals = (*signals, "weighed-evidence")
    if terms["parallel"]:
        signals = (*signals, "parallel-opening")
    if terms["cohesion"] >= paragraphs._SHOWN_COHESION:
        signals = (*signals, "shares-rare-words")
    same = total > paragraphs.THRESHOLD
    rule = (
        f"{'same' if same else 'new'} paragraph: the evidence weighs {total:+.2f} for going on, "
        f"{'above' if same else 'not above'} {paragraphs.THRESHOLD:+.2f} ({shown}{unread})"
    )
    return ("same-paragraph" if same else "new-paragraph"), rule, signals


# Lexical cohesion as Cohesion's docstring defines it, computed afresh at each post end (the
# shortcut adds the same weights up, in an order of its own: equal to the last bits).
OLD_STEM = re.compile(
    r"([^\W\d_\u3040-\u30ff\u4e00-\u9fff]{4,5})[^\W\d_\u3040-\u30ff\u4e00-\u9fff]*"
)
OLD_CJK_RUN = re.compile("[\u3040-\u30ff\u4e00-\u9fff]{2,}")


def reference_stems(text: str) -> set[str]:
    found = set(OLD_STEM.findall(text.lower()))
    for run in OLD_CJK_RUN.findall(text):
        found.update(run[index : index + 2] for index in range(len(run) - 1))
    return found


def reference_cohesion(habits: paragraphs.ThreadHabits, previous: PostText | None) -> float:
    if previous is None or habits.cohesion is None:
        return 0.0
    texts = habits.cohesion._texts
    positions = [index for index, item in enumerate(texts) if item is previous]
    if len(texts) < 3 or not positions or positions[0] + 1 >= len(texts):
        return 0.0
    stems = [reference_stems(item.text) for item in texts]
    counts = Counter(stem for found in stems for stem in found)
    weight = {stem: math.log(len(texts) / count) ** 2 for stem, count in counts.items()}

    def side(position: int, step: int) -> set[str]:
        found, used = set(stems[position]), len(texts[position].text)
        position += step
        while 0 <= position < len(texts):
            used += len(texts[position].text)
            if used > paragraphs.COHESION_SPAN:
                break
            found |= stems[position]
            position += step
        return found

    before, after = side(positions[0], -1), side(positions[0] + 1, 1)
    both = sum(weight[stem] for stem in before & after)
    if not both:
        return 0.0
    return both / math.sqrt(
        sum(weight[stem] for stem in before) * sum(weight[stem] for stem in after)
    )


def _pairs(posts: list[str]) -> list[tuple[tuple[str, str, tuple[str, ...]], tuple]]:
    """Every sentence end the weighed rule decides in the thread of `posts`: the shortcut's
    answer and the reference's (the reference asked first, so that the thread's words are
    read by the shortcut itself)."""
    found = []
    classify = joins.classify

    def both(evidence, following, habits, per_post, previous=None):  # type: ignore[no-untyped-def]
        answer = classify(evidence, following, habits, per_post, previous)
        if "weighed-evidence" in answer[2]:
            signals = answer[2][: answer[2].index("weighed-evidence")]
            expected = reference_weighed(evidence, signals, following, habits, previous)
            found.append((answer, expected))
        return answer

    joins.classify = both
    try:
        reassemble(make_thread(posts))
    finally:
        joins.classify = classify
    return found


# Sentences that make every term likely: tying words, repeated openings, words shared with a
# neighbour, long sentences that do not fit, blank lines, Chinese and Japanese, stops in quotes.
SENTENCES = [
    "The harbour opened in spring.",
    "But the harbour flooded again.",
    "It served the fleet for years.",
    "Everyone has the right to rest.",
    "Everyone has the right to work.",
    "Ships came in and the quay was full of cargo, cranes and pilots from the northern ports.",
    "Zebras graze quietly on the wide plains of the savanna, moving slowly in large herds "
    "from one waterhole to the next as the long dry season turns.",
    "For example, the cranes lifted cargo.",
    "Packages are built from source tarballs.",
    "Source tarballs come from upstream authors!",
    "Was the quay repaired?",
    "He said: “We will not stop.”",
    "软件包由上游源码构建。",
    "例如，软件包位于仓库中。",
    "パッケージは保管庫に置かれる。",
    "Debian-Pakete werden aus Quellen gebaut.",
    "Aber die Pakete sind groß.",
    "Однако пакеты собираются из исходников.",
    "The committee published its long awaited report on the harbour after two years of "
    "hearings, surveys of the old quay and arguments about who should pay for the repairs.",
]
posts_strategy = st.lists(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4).map(
        lambda sentences: " ".join(sentences)
    )
    | st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=3).map("\n\n".join)
    | st.sampled_from(SENTENCES).map(lambda sentence: (sentence + " ") * 6),
    min_size=2,
    max_size=9,
)


@settings(max_examples=300, deadline=None)
@given(posts_strategy)
@example(["Harbour news.", "It is late.", "It is dark.", "The sea is calm tonight.", "Cats sleep."])
@example(
    [
        "Notes on the project.",
        "Debian packages are built from source tarballs and patches.",
        "Source tarballs and patches come from the upstream authors.",
        "Debian releases come out about every two years.",
    ]
)
def test_the_weighed_rule_decides_as_its_plain_definition(posts: list[str]) -> None:
    for answer, expected in _pairs(posts):
        assert answer == expected


def test_the_weighed_rule_is_pinned_on_threads_that_read_every_term() -> None:
    # The rare words are read, parallel openings and tying words weigh, a packer runs out of
    # room, a writer fills posts: the comparison above is not vacuous.
    seen = set()
    for posts in (
        ["Notes.", *SENTENCES[8:10], "Debian releases come out about every two years.", "Cats."],
        ["Harbour news.", "It is late.", "It is dark.", "The sea is calm tonight."],
        ["It rained. " + SENTENCES[18], "But " + SENTENCES[6], "Short one. Another one."],
        [SENTENCES[5] + " " + SENTENCES[6] + " " + SENTENCES[0][:40], "More."],
        ["Ships. " + SENTENCES[18] + "\n\nDone. Next one.", "Everyone has it.", "Zebras."],
    ):
        for answer, expected in _pairs(posts):
            assert answer == expected
            seen.update(re.findall(r"(?:weighs|[(,]) ([a-z' ]+?) [+-]\d", answer[1]))
            seen.update(answer[2])
    assert {"shares-rare-words", "parallel-opening", "a tying word"} <= seen


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=".!?…。！？'\"”’»)]」』\n a", max_size=8))
@example("Done.\n")
@example('"\n')
@example("a.\n\n")
@example("")
def test_a_stop_read_from_the_end_is_the_pattern_s(value: str) -> None:
    assert paragraphs.ends_sentence(value) == bool(SENTENCE_STOP.search(value))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeféüßАБвг データ東京の软件包 .,!'_1\u212a", max_size=40))
def test_the_stems_of_a_post_are_the_plain_definitions(value: str) -> None:
    assert paragraphs._stems(value) == reference_stems(value)


@settings(max_examples=200, deadline=None)
@given(posts_strategy)
def test_the_cohesion_at_each_post_end_is_the_plain_cosine(posts: list[str]) -> None:
    texts = [PostText(post, post.text, False) for post in make_thread(posts).posts]
    cohesion = paragraphs.Cohesion(texts)
    habits = paragraphs.ThreadHabits(False, cohesion=cohesion)
    # Each end asked once, then again in another order: the weights added up once per post
    # are those added up afresh.
    order = list(range(len(texts))) + list(reversed(range(len(texts))))
    for index in order:
        assert cohesion.shared(texts[index]) == pytest.approx(
            reference_cohesion(habits, texts[index]), rel=1e-12, abs=1e-15
        )


def test_the_weighed_terms_follow_weights_order() -> None:
    # _weigh_evidence adds the contributions up in this order (as _contributions lists them):
    # a new term in WEIGHTS needs its place there too.
    assert list(paragraphs.WEIGHTS) == [
        "fitted",
        "room",
        "tied",
        "cohesion",
        "parallel",
        "first",
        "fills_posts",
        "keeps_short",
        "blank_rate",
        "packer_out_of_room",
        "full_among_full",
        "filler_stopped_early",
        "cohesion_silent",
        "room_out_of_room",
        "blank_rate_out_of_room",
        "next_length",
        "next_length_short_posts",
        "stopped_after_sentences",
    ]


def _boundaries(posts: list[str], habits_reader) -> tuple[list[tuple], list]:  # type: ignore[no-untyped-def]
    """Each boundary's decision, rule and signals with joins' thread_habits replaced by
    `habits_reader`, and the habits it made."""
    made = []
    thread_habits = joins.thread_habits

    def recording(texts, evidence, counting=None):  # type: ignore[no-untyped-def]
        habits = habits_reader(texts, evidence, counting)
        made.append((habits, texts, evidence, counting))
        return habits

    joins.thread_habits = recording
    try:
        article = reassemble(make_thread(posts))
    finally:
        joins.thread_habits = thread_habits
    return [(b.decision, b.rule, b.signals) for b in article.boundaries], made


# A writer filling posts word by word (every habit but the blank lines is read as true or
# measured here, so that a habit read late but not kept would show).
FILLED_WORD_BY_WORD = [
    "The harbour opened in spring. Ships came in and the quay",
    "was full of cargo. The cranes lifted",
    "crates all day. It was late.",
    "Then the fog came over the water.",
]


@settings(max_examples=200, deadline=None)
@given(posts_strategy)
@example(["The harbour opened", "in spring and", "closed in winter."])
@example(FILLED_WORD_BY_WORD)
def test_habits_read_when_first_asked_decide_as_habits_read_at_once(posts: list[str]) -> None:
    # thread_habits() defers the reading to the first boundary that asks: every decision, rule
    # and signal is what the habits read at once (read_thread_habits, the plain definition)
    # give, and the habits read late are the same values.
    lazy, made = _boundaries(posts, paragraphs.thread_habits)
    eager, _ = _boundaries(posts, paragraphs.read_thread_habits)
    assert lazy == eager
    for habits, texts, evidence, counting in made:
        habits.read()
        plain = paragraphs.read_thread_habits(texts, evidence, counting)
        for name in (f.name for f in fields(paragraphs.ThreadHabits)):
            if name in ("weighing", "unread"):
                continue
            value, expected = getattr(habits, name), getattr(plain, name)
            if name in ("cohesion", "parallel"):
                # Made afresh from the same posts (they read the thread when asked).
                assert (value is None) == (expected is None)
                if value is not None:
                    assert value._texts is expected._texts
            else:
                assert value == expected, name


def test_a_thread_whose_evidence_decides_every_boundary_never_reads_its_habits() -> None:
    # Cuts inside a sentence: no boundary reaches a rule that asks for the writer's habits.
    decided, made = _boundaries(
        ["The harbour opened in", "spring and it closed", "in winter."], paragraphs.thread_habits
    )
    assert [decision for decision, _, _ in decided] == ["join", "join"]
    assert made and made[0][0].unread is not None
    # A sentence end the evidence weighs reads them.
    weighed, made = _boundaries(
        ["The harbour opened in spring.", "It closed in winter."], paragraphs.thread_habits
    )
    assert any("weighed-evidence" in signals for _, _, signals in weighed)
    assert made and made[0][0].unread is None


def test_the_late_habits_comparison_sees_a_word_filler() -> None:
    _, made = _boundaries(FILLED_WORD_BY_WORD, paragraphs.thread_habits)
    habits = made[0][0]
    habits.read()
    assert habits.fills_words and habits.packs_sentences and habits.cut_posts
