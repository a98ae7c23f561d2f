"""Each reassembly pass against its own file of cases in fixtures/passes/."""

from __future__ import annotations

from dataclasses import replace

import pytest
import yaml
from builders import make_thread
from conftest import FIXTURES

from thread2article.model import QuotedPost, Thread
from thread2article.options import Options
from thread2article.reassemble import PASSES, reassemble, run_passes
from thread2article.reassemble.draft import Draft
from thread2article.reassemble.entities import unescape_entities
from thread2article.reassemble.joins import join_posts
from thread2article.reassemble.links import drop_media_links, drop_quote_permalinks, expand_links
from thread2article.reassemble.markers import strip_markers
from thread2article.reassemble.mentions import strip_reply_mentions


def _cases(name: str) -> list[dict]:
    return yaml.safe_load((FIXTURES / "passes" / f"{name}.yaml").read_text(encoding="utf-8"))


def _texts(draft: Draft) -> list[str]:
    return [item.text for item in draft.items]


@pytest.mark.parametrize("case", _cases("markers"), ids=lambda case: case["name"])
def test_markers(case: dict) -> None:
    thread = make_thread(case["posts"], gaps=case.get("gaps"))
    assert _texts(strip_markers(Draft.start(thread, Options()))) == case["expect"]


@pytest.mark.parametrize("case", _cases("joins"), ids=lambda case: case["name"])
def test_joins(case: dict) -> None:
    thread = make_thread(case["posts"], gaps=case.get("gaps"))
    draft = (
        run_passes(thread) if case.get("all_passes") else join_posts(Draft.start(thread, Options()))
    )
    blocks = [block.to_dict() for block in draft.blocks]
    if "paragraphs" in case:
        assert blocks == [{"type": "paragraph", "text": text} for text in case["paragraphs"]]
    if "blocks" in case:
        assert blocks == case["blocks"]
    assert [boundary.decision for boundary in draft.boundaries] == case["decisions"]


def _full_post(words: str, limit: int = 280) -> str:
    """A sentence-ending post filled so close to the limit that no next word would fit."""
    text = words
    while len(text) + len(" more") < limit - 6:
        text += " more"
    return text + " stop."


def test_full_posts_continue_the_paragraph_when_the_writer_fills_posts() -> None:
    posts = [_full_post("First"), _full_post("Second"), "Third and last."]
    draft = join_posts(Draft.start(make_thread(posts), Options()))
    # The weighed rule (paragraphs.py): a full post among full posts, with words shared, goes
    # on; before a sentence that shares nothing it stays below the threshold.
    assert [b.decision for b in draft.boundaries] == ["same-paragraph", "new-paragraph"]
    assert "a full post among full posts +" in draft.boundaries[0].rule
    assert len(draft.blocks) == 2


def test_a_full_post_alone_does_not_make_a_writer_who_fills_posts() -> None:
    posts = [_full_post("First"), "Second.", "Third.", "Fourth.", "Fifth."]
    draft = join_posts(Draft.start(make_thread(posts), Options()))
    assert draft.boundaries[0].decision == "new-paragraph"
    assert "filled-to-limit" in draft.boundaries[0].signals


def test_paragraphs_post_keeps_one_paragraph_per_post() -> None:
    thread = make_thread(["The cut falls in the", "middle of a sentence."])
    draft = join_posts(Draft.start(thread, Options(paragraphs="post")))
    assert [block.to_dict()["text"] for block in draft.blocks] == [
        "The cut falls in the",
        "middle of a sentence.",
    ]


def test_reply_mentions_are_stripped_but_a_sentence_starting_with_a_handle_is_kept() -> None:
    thread = make_thread(
        [
            {"text": "@shlomo96 Here is why, in short:", "reply_to": "999", "reply_to_user": "2"},
            "@shlomo96 @writer the first reason.",
            "@carol was right about the second.",
        ]
    )
    texts = _texts(strip_reply_mentions(Draft.start(thread, Options())))
    assert texts == [
        "Here is why, in short:",
        "the first reason.",
        "@carol was right about the second.",
    ]


def test_a_post_that_is_not_a_reply_keeps_its_leading_mention() -> None:
    thread = make_thread([{"text": "@alice is the best editor.", "reply_to": None}])
    assert _texts(strip_reply_mentions(Draft.start(thread, Options()))) == [
        "@alice is the best editor."
    ]


def test_entities_are_unescaped_once() -> None:
    thread = make_thread(["Fish &amp; chips &lt;3 &amp;lt; stays"], escaped=True)
    draft = unescape_entities(Draft.start(thread, Options()))
    assert _texts(draft) == ["Fish & chips <3 &lt; stays"]
    assert _texts(unescape_entities(draft)) == ["Fish & chips <3 &lt; stays"]


def test_links_expand_by_string_and_media_and_quote_links_go() -> None:
    spec = {
        "text": "Read https://t.co/abc123 and https://t.co/abc1234 https://t.co/quote999 https://t.co/media111",
        "links": {
            "https://t.co/abc123": "https://example.org/one",
            "https://t.co/abc1234": "https://example.org/two",
            "https://t.co/quote999": "https://x.com/a/status/5",
        },
        "media": {"https://pbs.twimg.com/media/x.jpg": "a cat"},
        "media_short": "https://t.co/media111",
    }
    thread = make_thread([spec])
    post = thread.posts[0]
    post = replace(
        post,
        quote=QuotedPost(id="5", url="https://x.com/a/status/5"),
        quote_short="https://t.co/quote999",
    )
    draft = Draft.start(Thread(posts=(post,)), Options())
    for run in (drop_media_links, drop_quote_permalinks, expand_links):
        draft = run(draft)
    assert _texts(draft) == ["Read https://example.org/one and https://example.org/two"]


def test_a_compat_truncation_permalink_is_dropped() -> None:
    spec = {
        "text": "A long post that X cut short in compatibility mode… https://t.co/trunc0001",
        "links": {"https://t.co/trunc0001": "https://twitter.com/i/web/status/1149867193695449088"},
    }
    draft = expand_links(Draft.start(make_thread([spec]), Options()))
    assert _texts(draft) == ["A long post that X cut short in compatibility mode…"]
    assert "truncated" in draft.items[0].signals


def test_images_follow_the_paragraph_their_post_ends_in() -> None:
    posts = [
        {
            "text": "The bridge before the storm, seen from",
            "media": {"https://img.example/1.jpg": "a bridge"},
        },
        "the north bank.",
        "After the storm.",
    ]
    article = reassemble(make_thread(posts))
    kinds = [block.to_dict() for block in article.blocks]
    assert kinds[0] == {
        "type": "paragraph",
        "text": "The bridge before the storm, seen from the north bank.",
    }
    assert kinds[1]["type"] == "image" and kinds[1]["alt"] == "a bridge"
    assert kinds[2] == {"type": "paragraph", "text": "After the storm."}


def test_title_is_the_first_sentence_and_the_body_keeps_it() -> None:
    article = reassemble(make_thread(["Tides explained. The moon pulls the sea.", "That is all."]))
    assert article.title == "Tides explained"
    assert article.blocks[0].to_dict()["text"] == "Tides explained. The moon pulls the sea."


def test_a_long_first_sentence_is_cut_at_a_word_boundary() -> None:
    sentence = "This is a very long opening sentence that goes on and on about many things without stopping at all"
    article = reassemble(make_thread([sentence + "."]))
    assert article.title.endswith("…")
    assert len(article.title) <= 81
    assert sentence.startswith(article.title[:-1])
    assert article.blocks[0].to_dict()["text"] == sentence + "."


def test_the_title_option_wins() -> None:
    article = reassemble(make_thread(["Anything."]), Options(title="My title"))
    assert article.title == "My title"


def test_passes_are_named_and_ordered() -> None:
    names = [name for name, _ in PASSES]
    assert names == ["mentions", "entities", "media", "quotes", "links", "markers", "joins"]


def test_run_passes_stops_where_asked() -> None:
    draft = run_passes(make_thread(["One 1/2", "Two 2/2"]), upto="links")
    assert _texts(draft) == ["One 1/2", "Two 2/2"]
    assert draft.blocks == ()


def test_links_do_not_match_a_longer_short_url() -> None:
    draft = expand_links(
        Draft.start(
            make_thread(
                [{"text": "x https://t.co/ab", "links": {"https://t.co/a": "https://wrong"}}]
            ),
            Options(),
        )
    )
    assert _texts(draft) == ["x https://t.co/ab"]
