"""The markers pass: every marker form of fixtures/passes/markers*.yaml stripped where it is a
marker and kept where it is content, what it strips recorded, what the writer keeps kept."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from builders import make_thread
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from thread2article.options import Options
from thread2article.reassemble import reassemble
from thread2article.reassemble.decisions import Decisions, MarkerChoice
from thread2article.reassemble.draft import Draft
from thread2article.reassemble.markers import strip_markers


def _cases(pattern: str) -> list[dict]:
    cases = []
    for path in sorted((FIXTURES / "passes").glob(pattern)):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append({**case, "file": path.name})
    return cases


CASES = _cases("markers*.yaml")


def _strip(posts: list, gaps=None, decisions: Decisions | None = None) -> Draft:
    return strip_markers(Draft.start(make_thread(posts, gaps=gaps), Options(), decisions))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_marker_form(case: dict) -> None:
    draft = _strip(case["posts"], case.get("gaps"))
    assert [item.text for item in draft.items] == case["expect"]
    for index, signals in (case.get("signals") or {}).items():
        assert set(signals) <= draft.items[index].signals, (index, draft.items[index].signals)
    for index, removed in (case.get("removed") or {}).items():
        assert list(draft.items[index].removed_markers) == removed


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_the_pass_is_idempotent_on_every_case(case: dict) -> None:
    once = _strip(case["posts"], case.get("gaps"))
    twice = strip_markers(once)
    assert [item.text for item in twice.items] == [item.text for item in once.items]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_what_is_stripped_is_recorded_and_no_word_is_lost(case: dict) -> None:
    """A post's text is its source text less what the pass recorded as stripped from it."""
    draft = _strip(case["posts"], case.get("gaps"))
    for before, item in zip(case["posts"], draft.items, strict=True):
        rest = "".join(before.split())
        for marker in item.removed_markers:
            assert marker and marker in before
            rest = rest.replace("".join(marker.split()), "", 1)
        assert rest == "".join(item.text.split()), (before, item.text, item.removed_markers)


def test_a_marker_the_writer_keeps_stays() -> None:
    posts = ["Why sleep matters 🧵", "Sleep well. 2/3", "Eat well. 3/3"]
    keep = Decisions(thread="1000", keep_markers=(MarkerChoice("1002", "3/3"),))
    draft = _strip(posts, decisions=keep)
    assert [item.text for item in draft.items] == [
        "Why sleep matters",
        "Sleep well.",
        "Eat well. 3/3",
    ]
    assert draft.items[2].removed_markers == ()
    assert draft.items[1].removed_markers == ("2/3",)


def test_the_article_lists_what_was_removed_and_keeps_what_the_writer_keeps() -> None:
    thread = make_thread(["Why sleep matters 🧵", "Sleep well... 2/3", "...and eat well. 3/3"])
    article = reassemble(thread)
    removed = [(marker.post_id, marker.text) for marker in article.removed_markers]
    assert removed == [
        ("1000", "🧵"),
        ("1001", "2/3"),
        ("1001", "..."),
        ("1002", "3/3"),
        ("1002", "..."),
    ]
    kept = reassemble(
        thread, Options(), Decisions(thread="1000", keep_markers=(MarkerChoice("1000", "🧵"),))
    )
    assert kept.blocks[0].to_dict()["text"].startswith("Why sleep matters 🧵")
    assert ("1000", "🧵") not in [(m.post_id, m.text) for m in kept.removed_markers]
    assert not kept.warnings


LIST_THREAD = [
    "20 side projects I did just for fun 👇",
    "1/40 - Bank transactions in a 3D globe\n\n· Built in a conference in Brasilia",
    "2/40 - All UFO sightings on a single map\n\n· Had to load the geonames database",
    "3-4/40 - Manhattan Airbnb listings by price\n\n· Hexbin aggregations",
    "5/40 - All Sweden roads and nothing else",
]


def test_each_item_of_a_numbered_list_starts_a_paragraph() -> None:
    article = reassemble(make_thread(LIST_THREAD))
    texts = [block.to_dict()["text"] for block in article.blocks]
    for heading in ("1/40 - Bank", "2/40 - All UFO", "3-4/40 - Manhattan", "5/40 - All Sweden"):
        assert any(text.startswith(heading) for text in texts), (heading, texts)
    assert [b.decision for b in article.boundaries] == ["new-paragraph"] * 4
    assert article.removed_markers[0].text == "👇" and len(article.removed_markers) == 1


def test_alrocars_list_keeps_its_numbers_and_each_starts_a_paragraph() -> None:
    from conftest import shared_sample

    import thread2article as t2a

    source = t2a.load(shared_sample("twitter-archive/alrocar"))
    thread = t2a.select_thread(t2a.find_threads(source), "1579814683803910144")
    article = reassemble(thread)
    texts = [block.to_dict().get("text", "") for block in article.blocks]
    # Every item starts its paragraph with its number; none is run into the text before it.
    # (19 posts count 1 to 20 of 40: "6-7/40" holds two.)
    headings = [text for text in texts if re.match(r"\d+(?:-\d+)?/40 - ", text)]
    assert len(headings) == 19
    assert sum("/40 - " in text for text in texts) == 19
    assert any(text.startswith("6-7/40 - Manhattan Airbnb") for text in headings)


# Words and every marker form, in any order: whatever the pass does with them, it is idempotent
# and a post loses exactly what it records as stripped (never a word of content beside it).
PIECES = [
    *["word", "Word.", "the end", "and", "x", "24/7", "1/2", "343/700=49%", "80-83/100", "27x"],
    *[" ", "  ", "\n", "\n\n", ".", "..", "...", "…", " - ", "—", "(", ")", "#tag", "@name"],
    *["1/", "2/", "3/", "1/3", "2/3", "3/3", "(1)", "[2]", "#3", "1️⃣", "②", "—3", "Part 1:"],
    *["1/🧵", "3/end", "Thread 1/5:", "#thread 2/5", "2x", "🧵", "👇", "/end", "/End", "END"],
    *["cont'd", "ctd.", "(cont.)", "(続く)", "（续）", "（完）", "（1/3）", "①", "/thread"],
    *["https://example.org/a", "6-7/40", "1/40 - Title\n\n", "東京", "。"],
    *["Long thread 🧵", "その1：", "🔚", "Tweet 1/5", "#1/5", "1.)", "(more)", "/end.", "(1)."],
    # The forms of fixtures/passes/markers-unseen.yaml.
    *["🙂", " 🙏🏽", "1|3", "[2|3]", " | ", "1∕3", "2⁄3", "1/3,", "1/3/", "(1/3)…", "1/3...", "…"],
    *["Part 1 of 3:", "#1 of 3", "Teil 2 von 3", "〔1/3〕", "«2/3»", "Тред 1/3", "1️⃣/3️⃣", "①/3"],
    *["1/ 3", "1/ n", ".3/3", "1/4/2024", "➡️ #tag", "More ⬇️", "cont…", "To be continued..."],
    *["TBC", "(TBC)", "Fortsetzung folgt.", "Продолжение следует", "。つづく", "続く→", "待续"],
    *["（未完）", "/Ende", "/конец", "— fin", " конец", "THREAD ", "Thread 🧵👇", "Fin. #tag"],
    *["1/3 …", "1/3🙂", "→", "▶️", "⏩", "Thread 1/3 👇", "🧵 Thread ", "this thread 3/4"],
    *["1/ 3 ", "2/ 3 ", "3/ 3", "1/ n ", "2/ n "],
]
post_text = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(post_text, min_size=1, max_size=5))
def test_the_pass_is_idempotent_and_loses_only_what_it_records(posts: list[str]) -> None:
    once = _strip(posts)
    assert strip_markers(once).items == once.items
    for before, item in zip(posts, once.items, strict=True):
        assert all(marker.strip() for marker in item.removed_markers)
        # Every character the post had is in its text or in a recorded marker, and no more.
        kept = Counter(
            "".join(item.text.split()) + "".join("".join(m.split()) for m in item.removed_markers)
        )
        assert kept == Counter("".join(before.split())), (before, item.text, item.removed_markers)


def test_an_ellipsis_closing_every_full_post_is_the_splitters_mark() -> None:
    # Bench "… on every post": in Japanese no lower case tells a cut; posts at the limit do.
    from builders import make_thread

    from thread2article.options import Options
    from thread2article.reassemble.draft import Draft
    from thread2article.reassemble.markers import strip_markers

    full = "設定" * 69 + "する…"  # X counts 282: within 10 of the limit, 280
    posts = [full, full, "完了です。"]
    draft = strip_markers(Draft.start(make_thread(posts), Options()))
    assert [item.text for item in draft.items] == [full[:-1], full[:-1], "完了です。"]
    short = ["設定する…", "変更する…", "完了です。"]
    draft = strip_markers(Draft.start(make_thread(short), Options()))
    assert [item.text for item in draft.items] == short
