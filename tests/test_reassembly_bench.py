"""The reassembly benchmark's harness on a tiny inline document: the truth it derives for each cut,
and the scores it gives a perfect reassembly and the two naive baselines. No downloads."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "reassembly"
sys.path.insert(0, str(BENCH))

import score  # noqa: E402
import styles  # noqa: E402

from thread2article.reassemble.length import weighted_length  # noqa: E402

PARAGRAPHS = [
    "The harbour was quiet before dawn. Fishing boats rocked against the old stone quay, and a single lamp burned in the harbour master's window while the tide turned slowly in the dark water beyond the breakwater.",
    "By six the market had opened. Traders called out the prices of mackerel and crab, and the first buyers argued over the weight of every basket as the gulls circled overhead, waiting for whatever fell between the cobbles.",
    "Nobody noticed the ship until it was already inside the harbour mouth.",
]
JAPANESE = [
    "今日は朝から雨が降っていた。港の船はすべて岸につながれていた。",
    "昼になると雨はやんだ。人々は市場に集まり、魚を買った。",
]


def _document(paragraphs: list[str] = PARAGRAPHS, language: str = "en") -> styles.Document:
    return styles.Document(language, "inline", list(paragraphs))


def test_the_document_keeps_its_paragraphs_and_knows_its_sentence_ends() -> None:
    document = _document()
    assert document.paragraphs == PARAGRAPHS
    assert document.text.split("\n\n") == PARAGRAPHS
    first_end = document.text.index("dawn.") + len("dawn.")
    assert first_end in document.sentence_ends
    assert document.text.index("rocked") not in document.sentence_ends


def test_the_true_class_of_a_cut_follows_from_where_it_falls() -> None:
    document = styles.Document(
        "en", "inline", ["A well-known fact. Another one here.", "Second paragraph."]
    )
    text = document.text
    hyphen = text.index("known")
    assert styles.boundary_class(document, hyphen, hyphen) == "join-word"
    inside = text.index(" fact")
    assert styles.boundary_class(document, inside, inside + 1) == "join"
    end = text.index(" Another")
    assert styles.boundary_class(document, end, end + 1) == "same-paragraph"
    paragraph = text.index("\n\n")
    assert styles.boundary_class(document, paragraph, paragraph + 2) == "new-paragraph"


EVERY_STYLE = {**styles.WRITER_STYLES, **styles.ADDED_DEV_STYLES, **styles.VALIDATION_STYLES}


def test_the_validation_part_shares_no_style_with_the_development_part() -> None:
    development = {**styles.WRITER_STYLES, **styles.ADDED_DEV_STYLES}
    assert not set(development) & set(styles.VALIDATION_STYLES)
    assert not set(development.values()) & set(styles.VALIDATION_STYLES.values())


@pytest.mark.parametrize("name", sorted(EVERY_STYLE))
def test_every_writer_style_keeps_to_the_limit_and_labels_every_cut(name: str) -> None:
    case = styles.make_case(name, EVERY_STYLE[name], _document(), seed=7)
    assert case is not None
    assert len(case.classes) == len(case.posts) - 1
    assert set(case.classes) <= set(score.CLASSES)
    assert all(weighted_length(post) <= styles.LIMIT for post in case.posts), [
        weighted_length(p) for p in case.posts
    ]


def test_greedy_cuts_fill_posts_and_cut_cjk_between_characters() -> None:
    document = _document(JAPANESE * 4, "ja")
    spans = styles.greedy(document, 0, len(document.text), lambda _n: 40)
    assert len(spans) > 4
    assert all(document.weight(a, b) <= 40 for a, b in spans)
    # Only paragraph breaks fall between the spans; no character is lost or repeated.
    assert "".join(document.text[a:b] for a, b in spans).replace(
        "\n\n", ""
    ) == document.text.replace("\n\n", "")
    # A greedy cut lands inside a sentence somewhere: the posts are filled, not sentence-aligned.
    assert any(
        styles.boundary_class(document, spans[i][1], spans[i + 1][0]) == "join"
        for i in range(len(spans) - 1)
    )


def test_cut_at_the_limit_cuts_inside_words_and_loses_nothing() -> None:
    document = _document([" ".join(PARAGRAPHS[:2]) * 3, PARAGRAPHS[2]])
    posts, classes = styles.style_cut_at_limit(document, random.Random(1))
    assert all(weighted_length(post) <= styles.LIMIT for post in posts)
    assert "join-word" in classes  # 280 characters rarely end at a space
    glue = {"join-word": "", "join": " ", "same-paragraph": " ", "new-paragraph": "\n\n"}
    rebuilt = posts[0] + "".join(glue[c] + post for c, post in zip(classes, posts[1:], strict=True))
    assert rebuilt == document.text


def test_balanced_accuracy_weighs_same_and_new_paragraph_equally() -> None:
    truth = ["same-paragraph"] + ["new-paragraph"] * 9
    always_new = score.score_case(PARAGRAPHS, PARAGRAPHS, truth, ["new-paragraph"] * 10, False)
    assert always_new.class_accuracy("new-paragraph") == 1.0
    assert always_new.paragraph_balanced == 0.5


def test_a_perfect_reassembly_scores_one_everywhere() -> None:
    classes = ["join", "same-paragraph", "new-paragraph", "join-word"]
    result = score.score_case(PARAGRAPHS, PARAGRAPHS, classes, classes, cjk=False)
    assert (result.exact, result.recall, result.precision, result.word_accuracy) == (
        1.0,
        1.0,
        1.0,
        1.0,
    )
    assert all(result.class_accuracy(name) == 1.0 for name in classes)
    assert result.leftover_markers == 0


def test_the_naive_baselines_score_what_they_must() -> None:
    document = _document()
    case = styles.make_case("greedy 280", styles.style_greedy, document, seed=1)
    assert case is not None and "join" in case.classes

    paragraphs, decisions = score.run_post_baseline(case.posts)
    post = score.score_case(case.paragraphs, paragraphs, case.classes, decisions, cjk=False)
    assert post.class_accuracy("join") == 0.0
    assert post.exact == 0.0
    assert post.word_accuracy == 1.0  # it loses no word, only the paragraphs

    paragraphs, decisions = score.run_spaces_baseline(case.posts)
    spaces = score.score_case(case.paragraphs, paragraphs, case.classes, decisions, cjk=False)
    assert paragraphs == [" ".join(" ".join(PARAGRAPHS).split())]
    assert (spaces.recall, spaces.precision, spaces.exact) == (0.0, 0.0, 0.0)
    assert spaces.class_accuracy("join") == 1.0
    assert spaces.word_accuracy == 1.0


def test_ours_rebuilds_a_greedy_thread_exactly() -> None:
    case = styles.make_case("greedy 280", styles.style_greedy, _document(), seed=1)
    paragraphs, decisions = score.run_ours(case.posts)
    result = score.score_case(case.paragraphs, paragraphs, case.classes, decisions, cjk=False)
    assert result.exact == 1.0, paragraphs


def test_leftover_markers_and_stray_cjk_spaces_cost() -> None:
    leftover = score.score_case(["One two three."], ["One two three. 2/5"], [], [], cjk=False)
    assert leftover.leftover_markers == 1
    assert leftover.word_accuracy < 1.0
    spaced = score.score_case(["今日は雨。"], ["今日は 雨。"], [], [], cjk=True)
    assert spaced.word_accuracy < 1.0
    assert spaced.exact == 0.0


def test_mixed_hand_style_is_deterministic_for_a_seed() -> None:
    first = styles.style_mixed_hand(_document(), random.Random(3))
    second = styles.style_mixed_hand(_document(), random.Random(3))
    assert first == second
