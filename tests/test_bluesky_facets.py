"""Bluesky mentions and hashtags become links: a #mention facet links `@handle` to the account's
profile (by DID), a #tag facet links `#tag` to Bluesky's page of the tag; facets are sliced by
UTF-8 bytes, and the words stay as written. On the real author feed (fixtures/bluesky-branching,
MIT, and ../shared/realdata) and on threads built in its shape (bluesky_fakes.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bluesky_fakes import WES, FakeAppView, FakePost, thread_chain
from conftest import FIXTURES, shared_sample

import thread2article as t2a
from thread2article.model import Anchor
from thread2article.sources.bluesky import records
from thread2article.sources.detect import read_values
from thread2article.writers import render

FEED = FIXTURES / "bluesky-branching" / "input.json"
ANN = "did:plc:annannannannannannannann"


def facet(text: str, shown: str, feature: dict[str, Any], occurrence: int = 0) -> dict[str, Any]:
    data, wanted = text.encode("utf-8"), shown.encode("utf-8")
    start = -1
    for _ in range(occurrence + 1):
        start = data.index(wanted, start + 1)
    return {"features": [feature], "index": {"byteStart": start, "byteEnd": start + len(wanted)}}


def mention(text: str, shown: str, did: str = ANN) -> dict[str, Any]:
    return facet(text, shown, {"$type": "app.bsky.richtext.facet#mention", "did": did})


def tag(text: str, shown: str, name: str) -> dict[str, Any]:
    return facet(text, shown, {"$type": "app.bsky.richtext.facet#tag", "tag": name})


def thread_article(texts_and_facets: list[tuple[str, list[dict[str, Any]]]]) -> t2a.Article:
    posts = thread_chain(len(texts_and_facets))
    for post, (text, facets) in zip(posts, texts_and_facets, strict=True):
        post.text, post.facets = text, facets
    server = FakeAppView(posts)
    answer = {"thread": server.node(server.posts[posts[0].rkey], depth=10, height=10)}
    source = read_values([answer], "thread.json")
    return t2a.reassemble(t2a.select_thread(t2a.find_threads(source)))


def body(markdown: str) -> str:
    """The Markdown below the header (whose attribution links the thread on Bluesky)."""
    return markdown.split("*Originally posted", 1)[1].split("\n", 1)[1]


# --- the real feed ---------------------------------------------------------------------------


def test_the_real_threads_hashtags_are_links_in_every_format() -> None:
    article = t2a.reassemble(t2a.select_thread(t2a.find_threads(t2a.load(FEED)), "3kzp6wooqmi2z"))
    tag_url = "https://bsky.app/hashtag/DWebCamp2024"
    assert Anchor("#DWebCamp2024", tag_url) in article.anchors
    markdown = render(article, "markdown")
    assert f"[#DWebCamp2024]({tag_url}) was full of discussion" in markdown
    html = render(article, "html")
    assert f'<a href="{tag_url}" rel="nofollow noopener">#DWebCamp2024</a> was full' in html
    document = json.loads(render(article, "json"))
    assert {"text": "#DWebCamp2024", "url": tag_url} in document["anchors"]
    # The words stay as written in the document's plain text.
    assert document["blocks"][0]["text"].startswith("#DWebCamp2024 was full of discussion")


def test_the_real_mentions_are_read_by_utf8_bytes_with_their_dids() -> None:
    feed = json.loads(
        shared_sample("bluesky/sensemakers_bluesky.fetch.result.mock.json").read_text()
    )
    record = next(
        item["post"]["record"]
        for item in feed["feed"]
        if item["post"]["uri"].endswith("/3l2pmnsgdjn27")  # a repost: never a thread post
    )
    anchors = records.post_anchors(record["text"], record["facets"])
    assert {anchor.text: anchor.url for anchor in anchors} == {
        "@bmann.ca": "https://bsky.app/profile/did:plc:2cxgdrgtsmrbqnjkwyplmp43",
        "@ngerakines.me": "https://bsky.app/profile/did:plc:cbkjy5n7bk3ax2wplmtjofq2",
        "@smokesignal.events": "https://bsky.app/profile/did:plc:tgudj2fjm77pzkuawquqhsxm",
    }


def test_the_real_feed_through_the_command(tmp_path) -> None:
    from typer.testing import CliRunner

    from thread2article.cli import app

    path = shared_sample("bluesky/sensemakers_bluesky.fetch.result.mock.json")
    result = CliRunner().invoke(app, ["convert", str(path), "--thread", "3kytklglpnc2n"])
    assert result.exit_code == 0, result.output
    assert "[#DWebCamp2024](https://bsky.app/hashtag/DWebCamp2024) this year!" in result.stdout


# --- threads built in the feed's shape -------------------------------------------------------


def test_a_mention_after_multibyte_text_links_the_right_words() -> None:
    # "é", "—" and "’" are 2-3 bytes: a code-point offset would land inside another word.
    text = "Café — it’s @ann.bsky.social’s idea, see #dry-stone walls"
    article = thread_article(
        [
            (
                text,
                [mention(text, "@ann.bsky.social"), tag(text, "#dry-stone", "dry-stone")],
            ),
            ("and @ann.bsky.social again, with #dry-stone.", []),
        ]
    )
    profile = f"https://bsky.app/profile/{ANN}"
    markdown = render(article, "markdown")
    assert f"it’s [@ann.bsky.social]({profile})’s idea" in markdown
    assert "[#dry-stone](https://bsky.app/hashtag/dry-stone) walls" in markdown
    # The same words in a later post of the thread link too (the author's own prose).
    assert f"and [@ann.bsky.social]({profile}) again" in markdown
    assert "with [#dry-stone](https://bsky.app/hashtag/dry-stone)." in markdown


def test_a_facet_over_words_that_are_no_mention_or_tag_links_nothing() -> None:
    text = "Ask Ann about walls and stone"
    article = thread_article(
        [(text, [mention(text, "Ann"), tag(text, "stone", "stone")]), ("Ann knows.", [])]
    )
    assert article.anchors == ()
    assert "](" not in body(render(article, "markdown"))


def test_a_facet_with_a_bad_did_or_range_links_nothing() -> None:
    text = "thanks @ann.bsky.social and #walls"
    bad_did = mention(text, "@ann.bsky.social", did="javascript:alert(1)")
    off_text = tag(text, "#walls", "walls")
    off_text["index"]["byteEnd"] = 500
    assert records.post_anchors(text, [bad_did, off_text]) == ()


def test_a_tag_is_quoted_in_its_url() -> None:
    text = "#日本語 and #a/b"
    anchors = records.post_anchors(text, [tag(text, "#日本語", "日本語"), tag(text, "#a/b", "a/b")])
    assert [anchor.url for anchor in anchors] == [
        "https://bsky.app/hashtag/%E6%97%A5%E6%9C%AC%E8%AA%9E",
        "https://bsky.app/hashtag/a%2Fb",
    ]


def test_only_whole_words_are_linked() -> None:
    text = "hi @ann.bsky.social and #rust"
    article = thread_article(
        [
            (text, [mention(text, "@ann.bsky.social"), tag(text, "#rust", "rust")]),
            ("mail x@ann.bsky.social, not @ann.bsky.socialite nor #rustlang.", []),
        ]
    )
    assert body(render(article, "markdown")).count("](https://bsky.app/") == 2


def test_the_json_document_keeps_the_anchors_for_rendering_again(tmp_path) -> None:
    text = "with @ann.bsky.social at #walls"
    article = thread_article(
        [(text, [mention(text, "@ann.bsky.social"), tag(text, "#walls", "walls")]), ("end.", [])]
    )
    path = tmp_path / "article.json"
    path.write_text(render(article, "json"))
    again = t2a.convert(path)
    assert again.anchors == article.anchors
    assert render(again, "html") == render(article, "html")


def test_documents_without_anchors_are_as_before() -> None:
    document = json.loads((FIXTURES / "north-2022-03-08" / "article.json").read_text())
    assert "anchors" not in document


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_quoted_posts_are_not_linked(fmt) -> None:
    quoted = FakePost("3lquotedpost1", "by @ann.bsky.social", author=dict(WES))
    text = "see @ann.bsky.social"
    posts = thread_chain(2)
    posts[0].text, posts[0].facets = text, [mention(text, "@ann.bsky.social")]
    posts[1].embed_view = {
        "$type": "app.bsky.embed.record#view",
        "record": {
            "$type": "app.bsky.embed.record#viewRecord",
            "uri": quoted.uri(),
            "cid": "bafyq",
            "author": {"did": WES["did"], "handle": WES["handle"], "displayName": WES["name"]},
            "value": {
                "$type": "app.bsky.feed.post",
                "text": quoted.text,
                "createdAt": "2024-09-24T19:00:00Z",
            },
        },
    }
    server = FakeAppView(posts)
    answer = {"thread": server.node(server.posts[posts[0].rkey], depth=10, height=10)}
    article = t2a.reassemble(t2a.select_thread(t2a.find_threads(read_values([answer], "t.json"))))
    assert any(block.type == "quote" for block in article.blocks)
    assert render(article, fmt).count(f"https://bsky.app/profile/{ANN}") == 1
