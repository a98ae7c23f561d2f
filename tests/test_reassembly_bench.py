"""The reassembly benchmark's harness on a tiny inline document: the truth it derives for each cut,
and the scores it gives a perfect reassembly and the two naive baselines. No downloads."""

from __future__ import annotations

import random
import re
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


# Writer styles only: the splitter packages (LazyPackage) would download, and tests never do.
DEVELOPMENT_STYLES = {
    **styles.WRITER_STYLES,
    **styles.ADDED_DEV_STYLES,
    **styles.FORMER_VALIDATION_STYLES,
}
EVERY_STYLE = {
    name: style
    for name, style in {**DEVELOPMENT_STYLES, **styles.VALIDATION_STYLES}.items()
    if not isinstance(style, styles.LazyPackage)
}


def test_the_validation_part_shares_no_style_with_the_development_part() -> None:
    assert not set(DEVELOPMENT_STYLES) & set(styles.VALIDATION_STYLES)
    assert not set(DEVELOPMENT_STYLES.values()) & set(styles.VALIDATION_STYLES.values())
    # At least two writer styles and two splitter packages are held out.
    held_out_packages = [
        style
        for style in styles.VALIDATION_STYLES.values()
        if isinstance(style, styles.LazyPackage)
    ]
    assert len(held_out_packages) >= 2
    assert len(styles.VALIDATION_STYLES) - len(held_out_packages) >= 2


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


# ---- the development styles added for issue 10 --------------------------------------------

ISSUE_10_WRITERS = {
    name: style
    for name, style in styles.ADDED_DEV_STYLES.items()
    if name in styles.ISSUE_10_STYLES
    and not isinstance(style, styles.LazyPackage)
    # Its mark, "...", stands after a sentence's own stop too: checked on its own below.
    and name != "… on every post"
}
CHINESE = [
    "今天早上一直在下雨，港口的船都停在岸边。市场还没有开门，街上几乎没有人。",
    "中午雨停了。人们来到市场，买鱼、买菜，也谈论天气。",
    "晚上又起风了，渔民们决定第二天不出海。",
]
# Every decoration the new styles put at a post's start or end, and nothing else (the inline
# documents hold none of these forms as content).
_OPENING = re.compile(
    r"^(?:🧵 |A thread 🧵 |Thread 👇 |🧵👇 |\(\d+\) |\[\d+\] |#\d+ |(?:\d\ufe0f\u20e3)+ |🔟 "
    r"|Part \d+: |Thread \d+/\d+: |#thread \d+/\d+ |\d+(?:-\d+)?/\d+ |\d+\) |[\u2460-\u2473]|\.\.)"
)
_CLOSING = re.compile(
    r"(?: \(\d+\)| \[\d+\]| #\d+| —\d+| 👇| 🧵| \d+/(?:🧵|end|fin)?| /End| \d+(?:-\d+)?/\d+"
    r"| \[\d+/\d+\]"
    r"|（\d+/\d+）|\(\d+/\d+\)| cont'd| \(cont\.\)| ctd\.|\.\.| END| /thread"
    r"|[(（](?:続く|续|完|終|终)[)）])$"
)


def _body(post: str) -> str:
    """A post without the decorations of the issue-10 styles (several may stack: 🧵 1️⃣ …)."""
    previous = None
    while previous != post:
        previous = post
        post = _CLOSING.sub("", _OPENING.sub("", post))
    return post


def _rebuilt(document: styles.Document, posts: list[str], classes: list[str]) -> str:
    """The document put back from the posts' bodies by each boundary's true class."""
    glue = {
        "join-word": "",
        "join": "" if document.cjk else " ",
        "same-paragraph": "" if document.cjk else " ",
        "new-paragraph": "\n\n",
    }
    bodies = [_body(post) for post in posts]
    return bodies[0] + "".join(
        glue[decision] + body for decision, body in zip(classes, bodies[1:], strict=True)
    )


LANGUAGE_DOCUMENTS = {
    "en": PARAGRAPHS + [" ".join(PARAGRAPHS[:2]) * 2],
    "ja": JAPANESE * 3,
    "zh": CHINESE * 2,
}


@pytest.mark.parametrize("language", sorted(LANGUAGE_DOCUMENTS))
@pytest.mark.parametrize("name", sorted(ISSUE_10_WRITERS))
def test_the_new_styles_label_every_cut_with_its_true_class(name: str, language: str) -> None:
    """Strip each new style's decorations and join the bodies by the true classes: the result
    is the document, character for character, whatever form the seed chose (a wrong class, a
    lost or repeated character, or a decoration the style did not announce all fail)."""
    document = _document(LANGUAGE_DOCUMENTS[language], language)
    for seed in range(12):
        posts, classes = ISSUE_10_WRITERS[name](document, random.Random(seed))
        assert len(classes) == len(posts) - 1
        assert all(weighted_length(post) <= styles.LIMIT for post in posts), (seed, posts)
        assert _rebuilt(document, posts, classes) == document.text, (seed, posts, classes)


def test_the_new_styles_exercise_what_they_claim() -> None:
    """Each habit shows up: cuts after a comma, two paragraphs in one post, posts ended early,
    keycaps, full-width counts, continuation words."""
    english = _document(LANGUAGE_DOCUMENTS["en"])
    short = _document(["Short one. Another short one.", "A second paragraph, also short."])

    def posts_and_classes(style, document, seeds=range(12)):
        return [style(document, random.Random(seed)) for seed in seeds]

    clauses = posts_and_classes(styles.style_clauses, english)
    assert any(
        posts[i].endswith(",") and classes[i] == "join"
        for posts, classes in clauses
        for i in range(len(classes))
    )
    pairs = posts_and_classes(styles.style_paragraph_pairs, short)
    assert any("\n\n" in post for posts, _ in pairs for post in posts)
    early = posts_and_classes(styles.style_early_ends, english)
    # A post ended at a sentence end although the next sentence would have fitted.
    assert any("same-paragraph" in classes for _, classes in early)
    emoji = "".join(
        post for posts, _ in posts_and_classes(styles.style_emoji_count, english) for post in posts
    )
    assert "\u20e3" in emoji and "—" in emoji
    wide = "".join(
        post
        for posts, _ in posts_and_classes(styles.style_wide_counts, _document(JAPANESE * 3, "ja"))
        for post in posts
    )
    assert "（" in wide and "①" in wide
    slips = "".join(
        post for posts, _ in posts_and_classes(styles.style_count_slip, english) for post in posts
    )
    assert re.search(r"\b\d+-\d+/\d+\b", slips)  # a merged count
    continued = posts_and_classes(styles.style_continued, english)
    assert any("join" in classes or "join-word" in classes for _, classes in continued)


@pytest.mark.parametrize(
    "left",
    [
        "(2)",
        "[2]",
        "#2",
        "2\ufe0f\u20e3",
        "—2",
        "Part 2:",
        "Thread 2/5:",
        "2/fin",
        "/End",
        "（2/5）",
        "5-6/9",
        "②",
        "cont'd",
        "(cont.)",
        "（续）",
        "END",
        "/thread",
        "..",
    ],
)
def test_a_marker_of_the_new_styles_left_in_the_text_counts(left: str) -> None:
    _assert_counted_only_when_left(left)


def _assert_counted_only_when_left(left: str) -> None:
    assert (
        score.score_case(["Two words."], [f"Two words. {left}"], [], [], False).leftover_markers
        >= 1
    )
    # The same form in the writer's own text is content, not a marker left.
    assert (
        score.score_case(
            [f"Two words. {left}"], [f"Two words. {left}"], [], [], False
        ).leftover_markers
        == 0
    )


def test_the_new_styles_cut_half_as_many_documents() -> None:
    assert styles.documents_per_language("clause per post", 40) == 20
    assert styles.documents_per_language("pkg chunk-text", 40) == 20
    assert styles.documents_per_language("greedy 280", 40) == 40
    assert styles.documents_per_language("pkg text-to-tweets", 40) == 40


def test_a_splitter_package_style_derives_the_truth_from_where_its_chunks_fall() -> None:
    """package_chunk_text with a stand-in for the npm function (cut at the last space before
    the limit, as chunk-text does): a paragraph break inside a chunk stays in the post."""

    def chunk(text: str, size: int) -> list[str]:
        pieces, start = [], 0
        while start < len(text):
            end = len(text) if len(text) - start <= size else text.rindex(" ", start, start + size)
            pieces.append(text[start:end])
            start = end + 1 if end < len(text) else end
        return pieces

    document = _document()
    posts, classes = styles.package_chunk_text(chunk)(document, random.Random(0))
    assert any("\n\n" in post for post in posts)
    assert "new-paragraph" not in classes  # a line break is not a space: no chunk ends there
    assert _rebuilt(document, posts, classes) == document.text


@pytest.mark.parametrize("language", sorted(LANGUAGE_DOCUMENTS))
def test_the_ellipsis_on_every_post_style_labels_every_cut_with_its_true_class(
    language: str,
) -> None:
    """Every post but the last closes with the same mark, after a sentence's stop too: with it
    taken off once, the bodies joined by the true classes are the document."""
    document = _document(LANGUAGE_DOCUMENTS[language], language)
    glue = {"join-word": "", "join": "" if document.cjk else " ", "new-paragraph": "\n\n"}
    glue["same-paragraph"] = glue["join"]
    for seed in range(12):
        posts, classes = styles.style_ellipsis_every_post(document, random.Random(seed))
        marks = {mark for mark in ("...", " ...", "…") if posts[0].endswith(mark)}
        mark = max(marks, key=len)
        assert all(post.endswith(mark) for post in posts[:-1]), (seed, posts)
        assert all(weighted_length(post) <= styles.LIMIT for post in posts), (seed, posts)
        bodies = [post[: -len(mark)] for post in posts[:-1]] + [posts[-1]]
        rebuilt = bodies[0] + "".join(
            glue[decision] + body for decision, body in zip(classes, bodies[1:], strict=True)
        )
        assert rebuilt == document.text, (seed, posts, classes)


# ---- the parts: no document source, writer style or splitter package in both ---------------

import corpus  # noqa: E402
import run  # noqa: E402


def _package_names(part_styles: dict) -> set[str]:
    return {style.name for style in part_styles.values() if isinstance(style, styles.LazyPackage)}


def test_dev_and_validation_share_no_document_source() -> None:
    development, validation = set(corpus.PARTS["dev"]), set(corpus.PARTS["validation"])
    assert development and validation and not development & validation
    assert development | validation <= set(corpus.SOURCES)
    # Nor a registry package their text is read from (a translation is the same document).
    packages = {
        part: {p for s in corpus.PARTS[part] for p in corpus.SOURCE_PACKAGES[s]}
        for part in corpus.PARTS
    }
    assert not packages["dev"] & packages["validation"]
    # run.py's groups draw on their own part's sources only.
    for part, groups in run.PARTS.items():
        assert {source for group in groups for source in group.sources} == set(corpus.PARTS[part])


def test_dev_and_validation_share_no_splitter_package_nor_seed() -> None:
    development = {name for name, *_ in run.DEV_PACKAGES + run.FORMER_VALIDATION_PACKAGES}
    development |= _package_names(DEVELOPMENT_STYLES)
    validation = _package_names(styles.VALIDATION_STYLES)
    assert {"layrageu", "thrds", "semchunk", "text-to-tweets"} <= development
    assert len(validation) >= 2 and not development & validation
    # Seeds: a group's styles take 1000 seeds each from the group's base; no two groups overlap.
    sizes = {
        "dev": [
            len(styles.WRITER_STYLES) + len(run.DEV_PACKAGES) + len(styles.ADDED_DEV_STYLES),
            len(styles.FORMER_VALIDATION_STYLES) + len(run.FORMER_VALIDATION_PACKAGES),
        ],
        "validation": [len(styles.VALIDATION_STYLES)],
    }
    ranges = sorted(
        (group.seed, group.seed + 1000 * size)
        for part, groups in run.PARTS.items()
        for group, size in zip(groups, sizes[part], strict=True)
    )
    assert all(end <= start for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False))


# ---- the validation part's writer styles -----------------------------------------------------

VALIDATION_WRITERS = {
    name: style
    for name, style in styles.VALIDATION_STYLES.items()
    if not isinstance(style, styles.LazyPackage)
}
VALIDATION_DOCUMENTS = {
    **LANGUAGE_DOCUMENTS,
    "ru": [
        "Утром шёл дождь, и все лодки стояли у причала. Рынок ещё не открылся, а на улицах почти никого не было, кроме рыбаков, которые чинили сети и говорили о погоде, о ценах на рыбу и о том, что зима в этом году будет долгой.",
        "К полудню дождь прекратился. Люди пришли на рынок.",
    ]
    * 2,
    "de": [
        "Am Morgen regnete es, und alle Boote lagen im Hafen. Der Markt war noch geschlossen, und auf den Straßen war kaum jemand zu sehen, außer den Fischern, die ihre Netze flickten, über das Wetter sprachen, über die Preise für Fisch und darüber, dass der Winter in diesem Jahr lang werden würde.",
        "Gegen Mittag hörte der Regen auf. Die Leute kamen auf den Markt.",
    ]
    * 2,
}
_ARROW = re.compile(r"(?: \d+/ | ?)(?:👇|⬇️)$")


def _validation_bodies(name: str, document: styles.Document, posts: list[str]) -> list[str]:
    """Each post without the decoration the style announces, checking that it is there."""
    if name == "n. numbering":
        assert all(post.startswith(f"{n + 1}. ") for n, post in enumerate(posts)), posts
        return [post.split(" ", 1)[1] for post in posts]
    if name == "n/N - count":
        total = len(posts)
        pattern = re.compile(rf"^(\d+)/{total} ([-–—]) ")
        dashes = set()
        bodies = []
        for n, post in enumerate(posts):
            match = pattern.match(post)
            assert match and int(match.group(1)) == n + 1, post
            dashes.add(match.group(2))
            bodies.append(post[match.end() :])
        assert len(dashes) == 1  # one dash per writer
        return bodies
    if name == "👇 on every post":
        assert all(_ARROW.search(post) for post in posts[:-1]), posts
        assert not _ARROW.search(posts[-1])
        return [_ARROW.sub("", post) for post in posts[:-1]] + [posts[-1]]
    assert name == "closing line", name
    closings = styles._CLOSING_LINES[document.language]
    last = posts[-1]
    found = [c for c in closings if last.endswith(f"\n\n{c}") or last.endswith(f"\n{c}")]
    assert found, last
    closing = max(found, key=len)
    body = last[: -len(closing)].rstrip("\n")
    assert not any("\n" + c in post for c in closings for post in posts[:-1])
    return posts[:-1] + [body]


@pytest.mark.parametrize("language", sorted(VALIDATION_DOCUMENTS))
@pytest.mark.parametrize("name", sorted(VALIDATION_WRITERS))
def test_the_validation_styles_label_every_cut_with_its_true_class(
    name: str, language: str
) -> None:
    """As for the development styles: each post without its announced decoration, joined by
    the true classes, is the document, character for character, for every seed."""
    document = _document(VALIDATION_DOCUMENTS[language], language)
    glue = {
        "join-word": "",
        "join": "" if document.cjk else " ",
        "same-paragraph": "" if document.cjk else " ",
        "new-paragraph": "\n\n",
    }
    for seed in range(12):
        posts, classes = VALIDATION_WRITERS[name](document, random.Random(seed))
        assert len(classes) == len(posts) - 1 >= 1
        assert all(weighted_length(post) <= styles.LIMIT for post in posts), (seed, posts)
        bodies = _validation_bodies(name, document, posts)
        rebuilt = bodies[0] + "".join(
            glue[decision] + body for decision, body in zip(classes, bodies[1:], strict=True)
        )
        assert rebuilt == document.text, (seed, posts, classes)


def test_the_validation_styles_show_their_habits() -> None:
    """The arrow style numbers some posts and not others; the closing-line style cuts a long
    sentence after a comma; the list numbers and the dash counts are plain forms."""
    english = _document(VALIDATION_DOCUMENTS["en"])
    arrows = [styles.style_arrow_every_post(english, random.Random(seed))[0] for seed in range(12)]
    middle = [post for posts in arrows for post in posts[:-1]]
    assert any(re.search(r" \d+/ (?:👇|⬇️)$", post) for post in middle)
    assert any(not re.search(r"\d+/ (?:👇|⬇️)$", post) for post in middle)
    assert any(post.endswith("⬇️") for post in middle) and any(
        post.endswith("👇") for post in middle
    )
    # One sentence longer than a post, with commas in it: cut after a comma, not at a space.
    long_sentence = _document(
        [
            "The boats came back late that evening, heavier than anyone had expected, with "
            "mackerel, crab and a few sea bass in the holds, and the traders, who had waited on "
            "the quay since noon, argued about the prices until the lamps were lit, while the "
            "children ran between the baskets, the gulls circled overhead, and the harbour master, "
            "tired after a long day, wrote every catch into his book.",
            "Nobody went home early.",
        ]
    )
    for seed in range(6):
        posts, classes = styles.style_closing_line(long_sentence, random.Random(seed))
        assert posts[0].endswith(",") and classes[0] == "join", posts


def test_the_validation_part_cuts_three_quarters_as_many_documents() -> None:
    assert styles.documents_per_language("n. numbering", 40) == 30
    assert styles.documents_per_language("pkg text-chunker", 40) == 30
    assert styles.documents_per_language("count n/ at the end", 40) == 40


@pytest.mark.parametrize(
    "left",
    [
        "2.",
        "⬇️",
        "Fin.",
        "End of thread.",
        "/fin",
        "Ende des Threads.",
        "Конец.",
        "以上です。",
        "（全文完）",
    ],
)
def test_a_marker_of_the_validation_styles_left_in_the_text_counts(left: str) -> None:
    _assert_counted_only_when_left(left)


def test_a_dash_left_by_a_count_counts() -> None:
    truth = ["One sentence. Another one.", "A new paragraph."]
    assert (
        score.score_case(
            truth, ["One sentence. - Another one.", "A new paragraph."], [], [], False
        ).leftover_markers
        == 1
    )
    assert (
        score.score_case(
            truth, ["One sentence. Another one.", "– A new paragraph."], [], [], False
        ).leftover_markers
        == 1
    )
    assert score.score_case(truth, truth, [], [], False).leftover_markers == 0


def test_the_german_validation_text_leaves_out_paragraphs_left_in_english() -> None:
    assert corpus._german("Die Datei wird nicht gelöscht, wenn sie noch gebraucht wird.")
    assert corpus._german("Konfigurations-Hilfsskripte wie shorewall vereinfachen diesen Prozess.")
    assert corpus._german("Der Befehl zeigt alle Prozesse an.")
    assert not corpus._german("The way to invoke dpkg-buildpackage is with the -B option.")
    assert not corpus._german("It is also recommended to read the Frequently Asked Questions.")
