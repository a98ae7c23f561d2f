"""Each part of the paragraph rule at a sentence end (reassemble/paragraphs.py), pinned by a
small thread, and `--explain` naming the rule that decided: the layout rules, then the evidence
weighed (each term by its log-odds) against the threshold."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from builders import make_thread

from thread2article.reassemble import paragraphs, reassemble
from thread2article.reassemble.boundaries import Evidence
from thread2article.reassemble.draft import PostText

ROOT = Path(__file__).resolve().parents[1]
NORTH = ROOT / "fixtures" / "north-2022-03-08" / "input.json"

# A sentence of about 200 characters: it fits no post that already holds much.
LONG = (
    "The committee finally published its long awaited report on the harbour on Tuesday, "
    "after two years of hearings, surveys of the old quay and arguments about who should pay "
    "for the repairs that everyone agreed were needed."
)

# A first post of its own, so that the boundary a test reads is not the one after the first post
# (which opens the thread's first paragraph; test_the_first_post_needs_more_than_one_sign).
OPENING = "Harbour news."


def _decisions(posts: list[str]) -> list[tuple[str, str]]:
    return [(b.decision, b.rule) for b in reassemble(make_thread(posts)).boundaries]


def _weighs(rule: str) -> float:
    """The total the weighed evidence reached, as the rule states it."""
    found = re.search(r"weighs ([+-]\d+\.\d\d) for going on", rule)
    assert found, rule
    return float(found.group(1))


def _fill(words: str, limit: int = 280) -> str:
    """A sentence-ending post so close to the limit that no next word fits."""
    text = words
    while len(text) + len(" more") < limit - 6:
        text += " more"
    return text + " stop."


def test_a_quotation_reopened_by_the_next_sentence_starts_a_new_paragraph() -> None:
    posts = [
        "He said: “We stayed all winter. The sea froze twice.",
        "“In spring the boats came back.”",
        "Nobody asked him more.",
    ]
    decision, rule = _decisions(posts)[0]
    assert decision == "new-paragraph" and "reopened" in rule


def test_a_quotation_that_closes_in_the_next_post_goes_on() -> None:
    posts = ["He said: “We stayed all winter.", "Then we left.” The end came.", "A new part."]
    assert _decisions(posts)[0][0] == "same-paragraph"


def test_full_posts_of_a_writer_who_fills_them_go_on() -> None:
    posts = [_fill("First"), _fill("Second"), "Third and last."]
    decisions = _decisions(posts)
    assert decisions[0][0] == "same-paragraph"
    assert "a full post among full posts +" in decisions[0][1]


def test_a_single_full_post_does_not_make_a_writer_who_fills_posts() -> None:
    posts = [_fill("First"), "Second.", "Third.", "Fourth."]
    assert _decisions(posts)[0][0] == "new-paragraph"


def test_a_word_filler_who_stops_with_room_left_chose_to_break() -> None:
    # Cuts inside sentences fall after another sentence ended in the post: the writer fills
    # posts word by word, so the sentence end of post 2 with room left is a chosen break.
    first = "Boats sail. " + LONG[:-1] + " and the town waited for"
    posts = [first, "the money that never came. Short one.", "The next paragraph begins."]
    decisions = _decisions(posts)
    assert decisions[0][0] == "join"
    assert decisions[1][0] == "new-paragraph" and "a word filler stopped early -" in decisions[1][1]


def test_a_packer_who_stopped_where_the_next_sentence_fitted_chose_to_break() -> None:
    posts = ["It rained. The quay flooded. But the ships held.", "But the town was quiet."]
    decision, rule = _decisions(posts)[0]
    assert decision == "new-paragraph" and "the next sentence would have fitted -" in rule


def test_a_writer_who_keeps_posts_short_breaks_only_where_nothing_ties_the_sentences() -> None:
    # Two sentences in one post (a packer), but every post stops with room to spare:
    # stopping early is this writer's habit, so it weighs less than for a packer. (The post of
    # two sentences stands before the last end, where stopping after them also weighs.)
    posts = [
        "The harbour opened in 1850.",
        "It served the fleet.",
        "Zebras graze on the plains. Lions watch them.",
        "Birds sing.",
    ]
    decisions = _decisions(posts)
    # The tying word lifts the first end near the threshold; the others, with nothing to tie
    # them, stay well below it.
    assert [d for d, _ in decisions][1:] == ["new-paragraph", "new-paragraph"]
    assert "a tying word +" in decisions[0][1]
    assert _weighs(decisions[0][1]) > _weighs(decisions[1][1]) + 0.8
    assert "the writer keeps posts short +" in decisions[1][1]
    # The same posts from a writer who filled the other posts: stopping early is a choice.
    filled = [
        _fill("Ships came. Boats"),
        _fill("Gulls"),
        "It rained. The quay flooded.",
        "It ended.",
    ]
    decision, rule = _decisions(filled)[2]
    assert decision == "new-paragraph" and "the next sentence would have fitted -" in rule


def test_a_packer_cut_before_a_long_sentence_goes_on_when_it_is_tied() -> None:
    first = "The report was short. " + LONG
    tied = _decisions([first, "But " + LONG[0].lower() + LONG[1:], "A new post."])[0]
    assert tied[0] == "same-paragraph" and "a tying word +" in tied[1]


def test_a_packer_cut_before_a_long_sentence_goes_on_when_it_shares_words() -> None:
    first = "The report was short. " + LONG
    following = (
        "Repairs to the harbour quay were finally agreed by the committee, which asked the "
        "report writers to publish their survey of the hearings as well."
    )
    decision, rule = _decisions([OPENING, first, following, "Cats sleep."])[1]
    assert decision == "same-paragraph" and "rare words shared +" in rule


def test_a_packer_with_room_for_most_sentences_cut_before_a_long_one_goes_on() -> None:
    first = "Ships came in. Gulls cried above them all morning."  # room for most sentences
    following = (
        "Zebras graze quietly on the wide plains of the savanna, moving slowly in large herds "
        "from one waterhole to the next as the long dry season turns, and lions follow them "
        "closely along the dusty trails every single day of the long year."
    )
    # Posts of a sentence or two around them: the writer's usual post, against which the next
    # post's length is read (after posts of two words, a long one would open a paragraph).
    opening = (
        "Harbour news from the week: the quay reopened, the cranes were repaired and the ferry "
        "ran again."
    )
    closing = "Cats sleep in the sun on the warm stones of the old harbour wall all afternoon."
    decision, rule = _decisions([opening, first, following, closing])[1]
    assert decision == "same-paragraph" and "a packer ran out of room +" in rule


def test_a_packer_whose_full_post_meets_an_unrelated_sentence_breaks() -> None:
    # Little room left, no tying word, few shared words: a new paragraph.
    first = "Ships came in. " + LONG
    following = (
        "Zebras graze quietly on the wide plains of the savanna, moving slowly in large herds "
        "from one waterhole to the next as the long dry season turns."
    )
    decision, rule = _decisions([OPENING, first, following, "Cats sleep."])[1]
    assert decision == "new-paragraph" and "not above" in rule


def test_one_sentence_per_post_a_tying_word_alone_is_not_enough() -> None:
    # Where the layout says nothing, "It" alone (+1.38) does not lift the evidence over the
    # threshold in a thread of three short posts; it does raise it, and with shared words it
    # would go on (test_one_sentence_per_post_goes_on_where_the_sentences_share_rare_words).
    tied = _decisions(["The harbour opened in 1850.", "It served the fleet.", "Zebras graze."])
    plain = _decisions(["The harbour opened in 1850.", "Ships served the fleet.", "Zebras graze."])
    assert tied[0][0] == plain[0][0] == "new-paragraph"
    assert "a tying word +" in tied[0][1]
    assert _weighs(tied[0][1]) > _weighs(plain[0][1])


# An example or a pointer to details opens a sentence that elaborates the one before: the
# paragraph goes on (the two sentences share no word, so only the opening word says so).
EXAMPLE_OPENINGS = {
    "en": ["Packages live in one archive.", "For example, the web server sits under its letter."],
    "de": [
        "Pakete liegen in einem Archiv.",
        "Zum Beispiel steht der Webserver unter seinem Buchstaben.",
    ],
    "ja": ["パッケージは一つの保管庫に置かれる。", "例えば、ウェブサーバは頭文字の下にある。"],
    "zh": ["软件包存放在仓库中。", "例如，网页服务器位于其首字母目录下。"],
}


# The same sentences without their opening words.
PLAIN_OPENINGS = {
    "en": "The web server sits under its letter.",
    "de": "Der Webserver steht unter seinem Buchstaben.",
    "ja": "ウェブサーバは頭文字の下にある。",
    "zh": "网页服务器位于其首字母目录下。",
}


@pytest.mark.parametrize("language", sorted(EXAMPLE_OPENINGS))
def test_an_example_opening_weighs_for_going_on(language: str) -> None:
    # One sentence per post, no word shared: only the opening says that the paragraph goes on,
    # and it lifts the evidence to about the threshold (+0.49 in English, where the next
    # sentence would have fitted weighs against it): with anything else that ties the two, the
    # paragraph goes on (test_dropping_a_weight_changes_the_decision).
    closing = {
        "en": "Zebras graze.",
        "de": "Zebras grasen.",
        "ja": "猫が寝る。",
        "zh": "猫在睡觉。",
    }
    opening = OPENINGS.get(language, "項目のメモ。")
    tied = _decisions([opening, *EXAMPLE_OPENINGS[language], closing[language]])
    first = EXAMPLE_OPENINGS[language][0]
    plain = _decisions([opening, first, PLAIN_OPENINGS[language], closing[language]])
    assert f"a tying word {paragraphs.TYING_WORD:+.2f}" in tied[1][1]
    assert _weighs(tied[1][1]) > _weighs(plain[1][1]) + 1.0
    assert _weighs(tied[1][1]) >= paragraphs.THRESHOLD - 0.1
    assert plain[1][0] == tied[2][0] == "new-paragraph"


def test_explain_names_the_rule_that_decided() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "thread2article", "convert", str(NORTH), "--explain"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    lines = [line for line in result.stderr.splitlines() if line.startswith("explain:")]
    # Case North's thread: "“Of course, there remains…" / "“So, yes, …": the quoted speech runs
    # over several paragraphs, each reopening the quotation.
    assert any("reopened by the next sentence" in line and "So, yes" in line for line in lines)


def test_a_certain_sentence_end_before_a_lower_case_name_is_not_a_cut() -> None:
    # Case debian-faq (bench): a paragraph that opens with a command's name. A stop after a
    # whole word of five letters or more, or a Chinese full stop, ends the sentence for certain.
    posts = [
        "Debian ships several tools that install packages.",
        "aptitude offers easy access to all versions of a package.",
        "如果要用于脚本，则仍然建议使用这个程序。",
        "apt-get 提供了一种简单的方式来安装软件包。",
    ]
    decisions = _decisions(posts)
    assert all(decision != "join" for decision, _ in decisions)
    # A short abbreviation before a lower-case word is still a cut inside the sentence.
    cut = _decisions(["Es gibt Werkzeuge für Pakete, Dienste usw.", "und vieles mehr."])
    assert cut[0] == ("join", "next post starts lower-case")


def test_the_first_post_weighs_against_going_on() -> None:
    # The thread opens with a paragraph: the same two posts weigh less for going on after the
    # first post than after an opening post of their own.
    first = "The report was short. " + LONG
    following = (
        "Repairs to the harbour quay were finally agreed by the committee, which asked the "
        "report writers to publish their survey of the hearings as well."
    )
    after_first = _decisions([first, following, "Cats sleep."])[0][1]
    later = _decisions([OPENING, first, following, "Cats sleep."])[1][1]
    assert "after the first post" in after_first or "more)" in after_first
    assert _weighs(after_first) < _weighs(later)


# One sentence per post: the first two share words only they use; every post names the
# thread's subject ("Debian", "Paket"/"Pakete", "软件包"), which ties nothing. Without the
# cohesion sign the first boundary starts a paragraph; counted unweighted, the subject alone
# would tie every boundary.
OPENINGS = {"en": "Notes on the project.", "de": "Notizen zum Projekt.", "zh": "项目笔记。"}
RARE_WORDS_SHARED = {
    "en": [
        "Debian packages are built from source tarballs and patches.",
        "Source tarballs and patches come from the upstream authors.",
        "Debian releases come out about every two years.",
        "Debian developers vote on general resolutions.",
    ],
    "de": [
        "Debian-Pakete werden aus Quelltarballs und Flicken gebaut.",
        "Quelltarballs und Flicken kommen von den Autoren.",
        "Debian erscheint alle zwei Jahre.",
        "Die Debian-Entwickler stimmen ab.",
    ],
    "zh": [
        "软件包由上游源码和补丁构建。",
        "上游源码和补丁来自原作者。",
        "新的软件包版本大约每两年发布一次。",
        "开发者对软件包的决议进行投票。",
    ],
}


@pytest.mark.parametrize("language", sorted(RARE_WORDS_SHARED))
def test_one_sentence_per_post_goes_on_where_the_sentences_share_rare_words(
    language: str,
) -> None:
    posts = RARE_WORDS_SHARED[language]
    decisions = _decisions([OPENINGS[language], *posts])
    assert decisions[1][0] == "same-paragraph", decisions[1]
    assert "rare words shared +" in decisions[1][1]
    # Only the thread's subject is shared here: it weighs little.
    assert decisions[2][0] == "new-paragraph", decisions[2]
    assert decisions[3][0] == "new-paragraph", decisions[3]


def test_the_words_either_side_are_read_from_about_two_sentences() -> None:
    # The words the next post shares with the post two back (within the span) count; words of
    # a post far beyond it do not.
    near = [
        "Compilers translate source code.",
        "Linkers follow.",
        "Fast compilers translate source code.",
        "Zebras graze.",
    ]
    assert _decisions(near)[1][0] == "same-paragraph"
    far = [
        "Compilers translate source code.",
        LONG,
        LONG.replace("committee", "council"),
        "Compilers also report errors.",
    ]
    assert _decisions(far)[2][0] == "new-paragraph"


def test_a_word_filler_goes_on_where_the_next_sentence_did_not_fit_and_is_tied() -> None:
    first = "Boats sail. " + LONG[:-1] + " and the town waited for"
    posts = [
        first,
        "the money that never came. " + LONG,
        "But " + LONG[0].lower() + LONG[1:],
        "Short one.",
    ]
    decisions = _decisions(posts)
    assert decisions[0][0] == "join"
    assert decisions[1][0] == "same-paragraph" and "a tying word +" in decisions[1][1]


def test_a_sentence_that_opens_as_an_earlier_post_did_starts_a_paragraph() -> None:
    # Case udhr (bench): parallel items ("Everyone has the right…") each make a paragraph, even
    # where the words they share would otherwise say that the paragraph goes on.
    posts = [
        "Everyone has the right to life, liberty and security of person.",
        "Everyone has the right to recognition everywhere as a person before the law.",
        "Everyone has the right to an effective remedy by the national tribunals.",
    ]
    decisions = _decisions(posts)
    assert all(
        d == "new-paragraph" and "opens as an earlier post did -" in rule for d, rule in decisions
    )
    # "It is" twice weighs both ways: a tying word (+1.38) and a parallel opening (-1.57).
    tied = _decisions(["It is late.", "It is dark.", "The sea is calm tonight."])
    assert "opens as an earlier post did -" in tied[0][1] and "a tying word +" in tied[0][1]


def test_every_term_has_a_weight_and_the_rule_states_the_total_against_the_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[dict[str, float]] = []
    weigh_evidence = paragraphs._weigh_evidence

    def recording(evidence, signals, following, habits, previous):  # type: ignore[no-untyped-def]
        found = weigh_evidence(evidence, signals, following, habits, previous)
        # The terms as paragraph_terms names them, the rare words where the rule read them.
        read = "rare words shared unread" not in found[1]
        cohesion = paragraphs.read_cohesion(habits, previous) if read else 0.0
        seen.append(
            paragraphs.paragraph_terms(evidence, signals, following, habits, previous, cohesion)
        )
        return found

    monkeypatch.setattr(paragraphs, "_weigh_evidence", recording)
    posts = ["Ships came in. " + LONG, "But the town was quiet.", "Cats sleep."]
    boundaries = reassemble(make_thread(posts)).boundaries
    assert len(seen) == 2 and all(set(terms) == set(paragraphs.WEIGHTS) for terms in seen)
    for boundary, terms in zip(boundaries, seen, strict=True):
        assert "weighed-evidence" in boundary.signals
        assert f"{paragraphs.THRESHOLD:+.2f}" in boundary.rule
        total = paragraphs.BIAS + sum(
            weight * terms[name] for name, (weight, _) in paragraphs.WEIGHTS.items()
        )
        assert _weighs(boundary.rule) == pytest.approx(total, abs=0.006)
        assert (boundary.decision == "same-paragraph") == (total > paragraphs.THRESHOLD)


def test_dropping_a_weight_changes_the_decision(monkeypatch: pytest.MonkeyPatch) -> None:
    # A packer ran out of room before a sentence that opens with "But": it goes on by the tying
    # word's weight; with that weight dropped, or every weight, it starts a new paragraph.
    posts = [
        OPENING,
        "The report was short. " + LONG,
        "But zebras graze quietly on the wide plains of the savanna.",
        "Cats sleep.",
    ]
    assert _decisions(posts)[1][0] == "same-paragraph"
    weight, label = paragraphs.WEIGHTS["tied"]
    # (A thread's weighing is made from WEIGHTS once per combination of habits: made afresh.)
    monkeypatch.setattr(paragraphs, "_WEIGHINGS", {})
    monkeypatch.setitem(paragraphs.WEIGHTS, "tied", (0.0, label))
    assert _decisions(posts)[1][0] == "new-paragraph"
    monkeypatch.setattr(
        paragraphs, "WEIGHTS", {name: (0.0, text) for name, (_, text) in paragraphs.WEIGHTS.items()}
    )
    monkeypatch.setattr(paragraphs, "_WEIGHINGS", {})
    assert {decision for decision, _ in _decisions(posts)} == {"new-paragraph"}


def test_a_writer_who_stopped_after_sentences_with_room_left_chose_to_break() -> None:
    # The first post holds two sentences and the next would have fitted: a break by choice.
    decision, rule = _decisions(
        ["The harbour opened in 1850. Ships came in at dawn.", "The town grew around the quay."]
    )[0]
    assert decision == "new-paragraph"
    assert "stopped after sentences with room for the next -" in rule
    # One sentence in the post before: the writer may post a sentence at a time, so the term
    # says nothing.
    _, rule = _decisions(["Ships came in at dawn.", "The town grew around the quay."])[0]
    assert "stopped after sentences" not in rule


def test_a_post_holds_sentences_where_one_ends_inside_it() -> None:
    assert paragraphs.holds_sentences("The quay flooded. Ships held.")
    assert paragraphs.holds_sentences("The quay flooded.\n\nShips held.")
    assert paragraphs.holds_sentences("港は開いた。船が来た。")
    assert not paragraphs.holds_sentences("The quay flooded after the storm.")
    assert not paragraphs.holds_sentences("Version 2.5 of the tool")


def test_the_next_posts_length_weighs_less_for_a_writer_of_short_posts() -> None:
    # The same measure, counted again with the opposite sign where the writer keeps posts short.
    assert paragraphs.NEXT_POST_LENGTH < 0 < paragraphs.NEXT_POST_LENGTH_SHORT_POSTS
    assert paragraphs.NEXT_POST_LENGTH + paragraphs.NEXT_POST_LENGTH_SHORT_POSTS < 0
    texts = [
        PostText(post, post.text, False)
        for post in make_thread(
            ["The harbour opened.", "It grew.", "Zebras graze on the wide plains.", "Lions."]
        ).posts
    ]
    short = paragraphs.ThreadHabits(False, keeps_posts_short=True, median_length=20.0)
    other = paragraphs.ThreadHabits(False, median_length=20.0)
    evidence = Evidence(("next-sentence-fitted",), None)
    for habits, expected in ((short, 1.0), (other, 0.0)):
        terms = paragraphs.paragraph_terms(evidence, evidence.signals, texts[2], habits, texts[1])
        assert terms["next_length"] == pytest.approx(math.log(len(texts[2].text) / 20.0))
        assert terms["next_length_short_posts"] == expected * terms["next_length"]
