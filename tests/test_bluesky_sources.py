"""Bluesky AppView JSON (getPostThread, getAuthorFeed, getPosts): posts, facets by UTF-8 bytes,
embeds, self-threads and their forks, on the real samples (fixtures/bluesky*/, MIT) and on
answers built in their shapes (bluesky_fakes.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from bluesky_fakes import OTHER, WES, FakeAppView, FakePost, link_facet, post_view, thread_chain
from conftest import FIXTURES

import thread2article as t2a
from thread2article.errors import InputError
from thread2article.sources.bluesky import records, views
from thread2article.sources.detect import read_values

FEED = FIXTURES / "bluesky-branching" / "input.json"
MARSHALX = FIXTURES / "bluesky" / "marshalx-thread-view-post-with-embed-media.json"
LUCARNE = FIXTURES / "bluesky" / "lucarne-post-thread-without-embed.json"


def article_of(source: t2a.SourcePosts, thread_id: str | None = None) -> t2a.Article:
    return t2a.reassemble(t2a.select_thread(t2a.find_threads(source), thread_id))


def paragraphs(article: t2a.Article) -> str:
    return "\n".join(block.text for block in article.blocks if block.type == "paragraph")


# --- the real author feed ------------------------------------------------------------------


def test_author_feed_threads_skip_reposts_and_carry_the_platform() -> None:
    source = t2a.load(FEED)
    ids = {post.id for post in source.posts}
    # Reposted items (reason: reasonRepost) are other accounts' posts: never thread posts.
    assert "3kzzkjylajh2z" not in ids and "3l2goevecsb2i" not in ids and "3l2pmnsgdjn27" not in ids
    assert {post.author.id for post in source.posts} == {WES["did"]}
    threads = t2a.find_threads(source, min_posts=2)
    assert [thread.root.id for thread in threads] == [
        "3kytklglpnc2n",
        "3kzp6wooqmi2z",
        "3l4wd2aares2z",
    ]
    assert all(thread.platform == "bluesky" for thread in threads)


def test_branching_self_thread_follows_the_earliest_reply_and_names_the_side_branches() -> None:
    thread = t2a.select_thread(t2a.find_threads(t2a.load(FEED)), "3l4wd2aares2z")
    assert thread.post_ids == ("3l4wd2aares2z", "3l4wd52krts24", "3l4wdaif3va2h", "3l4wdcb3w322z")
    warnings = " ".join(thread.warnings)
    assert "3l4wddsabis2h" in warnings and "3l4wdgnynfq2h" in warnings
    assert thread.side_posts == frozenset({"3l4wddsabis2h", "3l4wdgnynfq2h"})
    with pytest.raises(t2a.ThreadSelectionError, match="side branch"):
        t2a.select_thread(t2a.find_threads(t2a.load(FEED)), "3l4wddsabis2h")


def test_author_handle_display_name_and_permalink() -> None:
    thread = t2a.select_thread(t2a.find_threads(t2a.load(FEED)), "3l4wd2aares2z")
    author = thread.author
    assert (author.id, author.handle, author.name) == (WES["did"], WES["handle"], WES["name"])
    assert author.url == "https://bsky.app/profile/weswalla.bsky.social"
    assert (
        thread.root.permalink == "https://bsky.app/profile/weswalla.bsky.social/post/3l4wd2aares2z"
    )
    article = t2a.reassemble(thread)
    assert article.source_url == thread.root.permalink
    assert "on Bluesky" in t2a.render(article, "markdown")


def test_truncated_link_text_becomes_the_full_uri() -> None:
    article = article_of(t2a.load(FEED), "3l4wd2aares2z")
    text = paragraphs(article)
    assert "https://www.youtube.com/watch?v=wzN10--mNw8&t=175s" in text
    assert "wzN1..." not in text
    assert "https://selfdeterminationtheory.org/the-theory/" in text


def test_the_text_stays_as_posted_so_its_length_is_bluesky_s() -> None:
    source = t2a.load(FEED)
    post = next(post for post in source.posts if post.id == "3l4wdcb3w322z")
    assert post.text.endswith("www.youtube.com/watch?v=wzN1...")
    assert post.links[0].expanded == "https://www.youtube.com/watch?v=wzN10--mNw8&t=175s"
    assert post.escaped is False


def test_byte_offsets_on_the_real_repost_with_dashes_before_the_link() -> None:
    feed = json.loads(FEED.read_text(encoding="utf-8"))["feed"]
    record = next(item for item in feed if item["post"]["uri"].endswith("3l2goevecsb2i"))["post"][
        "record"
    ]
    text = record["text"]
    assert "—" in text and "’" in text
    found, problems = records.facet_links(text, record["facets"])
    assert problems == []
    assert [link.shown for link in found] == ["milanimal.itch.io/constellations"]
    # Code points would have sliced something else: the offsets are bytes.
    start = record["facets"][0]["index"]["byteStart"]
    assert (
        text[start : record["facets"][0]["index"]["byteEnd"]] != "milanimal.itch.io/constellations"
    )


def test_curly_apostrophe_and_em_dash_before_a_link_and_a_hashtag() -> None:
    text = "It’s out — read it at example.com/a-long-path... #reading"
    facets = [
        link_facet(text, "example.com/a-long-path...", "https://example.com/a-long-path/full?x=1"),
        {
            "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "reading"}],
            "index": {
                "byteStart": text.encode().index(b"#reading"),
                "byteEnd": len(text.encode()),
            },
        },
    ]
    post = FakePost("3lapostrophe1", text, facets=facets)
    value = {"thread": {"$type": "app.bsky.feed.defs#threadViewPost", "post": post_view(post, {})}}
    source = read_values([value], "thread.json")
    article = article_of(source)
    assert paragraphs(article) == (
        "It’s out — read it at https://example.com/a-long-path/full?x=1 #reading"
    )


@pytest.mark.parametrize(
    ("shown", "uri", "expected"),
    [
        ("example.com/page", "https://example.com/page", "https://example.com/page"),
        (
            "www.youtube.com/watch?v=wzN1...",
            "https://www.youtube.com/watch?v=wzN10",
            "https://www.youtube.com/watch?v=wzN10",
        ),
        ("https://a.org/x…", "https://a.org/xyz", "https://a.org/xyz"),
        # Words the writer linked are kept, with the address after them.
        ("this paper", "https://a.org/paper.pdf", "this paper (https://a.org/paper.pdf)"),
        # A shown address that is not the target's: both are shown, never only the shown one.
        ("bank.com", "https://evil.example/login", "bank.com (https://evil.example/login)"),
    ],
)
def test_link_replacement(shown: str, uri: str, expected: str) -> None:
    assert records.link_replacement(shown, uri) == expected


def test_a_facet_off_the_text_is_reported_and_the_text_kept() -> None:
    text = "naïve link"
    facets = [
        {
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://x.org"}],
            "index": {"byteStart": 3, "byteEnd": 5},  # inside the two bytes of "ï"
        },
        {
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://y.org"}],
            "index": {"byteStart": 5, "byteEnd": 500},
        },
    ]
    post = FakePost("3lfacetbad001", text, facets=facets)
    source = read_values([{"posts": [post_view(post, {})]}], "posts.json")
    assert source.posts[0].text == text and source.posts[0].links == ()
    assert len(source.warnings) == 2
    assert "cuts a character in two" in source.warnings[0] and "3lfacetbad001" in source.warnings[0]


# --- embeds ----------------------------------------------------------------------------------


def test_record_with_media_is_an_image_and_a_quoted_post() -> None:
    article = article_of(t2a.load(MARSHALX))
    kinds = [block.type for block in article.blocks]
    assert kinds == ["image", "quote"]
    image, quote = article.blocks
    assert image.src.startswith(
        "https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:kvwvcn5iqfooopmyzvb4qzba/"
    )
    assert quote.text == "test" and quote.author == "Python SDK (@test.marshal.dev)"
    assert quote.url == "https://bsky.app/profile/test.marshal.dev/post/3kahesw26il2z"


def test_images_keep_their_alt_text() -> None:
    article = article_of(t2a.load(FEED), "3kzp6wooqmi2z")
    images = [block for block in article.blocks if block.type == "image"]
    assert len(images) == 1 and images[0].alt.startswith("The Triopticon was developed")


def test_video_view_with_its_thumbnail() -> None:
    embed = {
        "$type": "app.bsky.embed.video#view",
        "cid": "bafkreivideo",
        "playlist": "https://video.bsky.app/watch/did%3Aplc%3Ax/bafkreivideo/playlist.m3u8",
        "thumbnail": "https://video.bsky.app/watch/did%3Aplc%3Ax/bafkreivideo/thumbnail.jpg",
        "alt": "a cat walks",
        "aspectRatio": {"width": 16, "height": 9},
    }
    post = FakePost("3lvideo000001", "Watch this", embed_view=embed)
    article = article_of(read_values([{"posts": [post_view(post, {})]}], "p.json"))
    video = next(block for block in article.blocks if block.type == "video")
    assert video.src.endswith("playlist.m3u8") and video.poster.endswith("thumbnail.jpg")
    assert video.alt == "a cat walks"


def external(uri: str, title: str) -> dict:
    return {
        "$type": "app.bsky.embed.external#view",
        "external": {"uri": uri, "title": title, "description": "d", "thumb": "https://cdn/x"},
    }


def test_a_link_card_whose_link_the_text_lost_is_kept_below_the_text() -> None:
    post = FakePost(
        "3lcard0000001", "A neat paper on this", embed_view=external("https://a.org/p", "The Paper")
    )
    source = read_values([{"posts": [post_view(post, {})]}], "p.json")
    # The card line is a paragraph of its own, after the post's text.
    assert paragraphs(article_of(source)) == "A neat paper on this\nThe Paper — https://a.org/p"


def test_a_link_card_already_linked_in_the_text_is_not_repeated() -> None:
    text = "A neat paper a.org/p"
    post = FakePost(
        "3lcard0000002",
        text,
        facets=[link_facet(text, "a.org/p", "https://a.org/p")],
        embed_view=external("https://a.org/p", "The Paper"),
    )
    source = read_values([{"posts": [post_view(post, {})]}], "p.json")
    assert paragraphs(article_of(source)) == "A neat paper https://a.org/p"


def test_a_quoted_post_that_is_gone_is_known_by_its_link() -> None:
    embed = {
        "$type": "app.bsky.embed.record#view",
        "record": {
            "$type": "app.bsky.embed.record#viewNotFound",
            "uri": f"at://{OTHER['did']}/app.bsky.feed.post/3lgone0000001",
            "notFound": True,
        },
    }
    post = FakePost("3lquote000001", "Look at what was said", embed_view=embed)
    quote = read_values([{"posts": [post_view(post, {})]}], "p.json").posts[0].quote
    assert quote is not None and quote.text == "" and quote.id == "3lgone0000001"
    assert quote.url == f"https://bsky.app/profile/{OTHER['did']}/post/3lgone0000001"


def test_a_quoted_feed_names_itself() -> None:
    embed = {
        "$type": "app.bsky.embed.record#view",
        "record": {
            "$type": "app.bsky.feed.defs#generatorView",
            "uri": f"at://{OTHER['did']}/app.bsky.feed.generator/science",
            "creator": {"did": OTHER["did"], "handle": OTHER["handle"], "displayName": "Other"},
            "displayName": "Science",
            "description": "Posts about science",
        },
    }
    post = FakePost("3lfeed0000001", "Follow this feed", embed_view=embed)
    quote = read_values([{"posts": [post_view(post, {})]}], "p.json").posts[0].quote
    assert quote is not None and quote.text == "Science — Posts about science"
    assert quote.url == "https://bsky.app/profile/other.example.com/feed/science"


# --- getPostThread ---------------------------------------------------------------------------


def test_thread_answer_from_mid_thread_with_others_replies_as_context_only() -> None:
    posts = thread_chain(5)
    posts.append(
        FakePost(
            "3lotherreply1",
            "nice thread",
            author=dict(OTHER),
            parent=posts[2].rkey,
            root=posts[0].rkey,
        )
    )
    posts.append(
        FakePost(
            "3lotherreply2",
            "agreed",
            author=dict(OTHER),
            parent="3lotherreply1",
            root=posts[0].rkey,
        )
    )
    server = FakeAppView(posts)
    answer = {"thread": server.node(server.posts[posts[2].rkey], depth=10, height=10)}
    source = read_values([answer], "thread.json")
    assert {post.id for post in source.posts} == {post.rkey for post in posts[:5]}
    assert {post.id for post in source.context} == {"3lotherreply1", "3lotherreply2"}
    threads = t2a.find_threads(source)
    assert len(threads) == 1 and threads[0].post_ids == tuple(post.rkey for post in posts[:5])


def test_a_deleted_post_in_the_middle_is_a_gap() -> None:
    posts = thread_chain(4)
    posts[2].deleted = True
    server = FakeAppView(posts)
    answer = {"thread": server.node(server.posts[posts[0].rkey], depth=10, height=0)}
    source = read_values([answer], "thread.json")
    assert source.missing == {posts[2].rkey: "deleted or not found"}
    # The post below the deleted one is not in this answer (its node is gone with it).
    thread = t2a.select_thread(t2a.find_threads(source))
    assert thread.post_ids == tuple(post.rkey for post in posts[:2])


def test_a_deleted_parent_above_the_given_post_becomes_a_gap_note() -> None:
    posts = thread_chain(4)
    posts[1].deleted = True
    server = FakeAppView(posts)
    answer = {"thread": server.node(server.posts[posts[2].rkey], depth=10, height=10)}
    source = read_values([answer], "thread.json")
    article = article_of(source)
    assert article.post_ids == (posts[2].rkey, posts[3].rkey)
    assert [block.type for block in article.blocks][0] == "gap"


def test_bare_thread_node_without_a_wrapper_is_read() -> None:
    source = t2a.load(LUCARNE)
    assert [post.id for post in source.posts] == ["3jwvd2i3kms2f"]
    assert len(source.context) == 3
    handles = {post.author.handle for post in source.context}
    # `handle.invalid` is the AppView saying it could not verify a handle: it is not shown.
    assert "handle.invalid" not in handles
    post = source.posts[0]
    # The link shows its whole address: nothing to expand.
    assert post.links == () and post.text.endswith("https://vercel.com/blog/10-years-of-react")


def test_handle_invalid_author_is_linked_by_did() -> None:
    author = records.author_of("did:plc:abc", "handle.invalid", "Someone")
    assert author.handle == "" and author.url == "https://bsky.app/profile/did:plc:abc"
    uri = records.AtUri("did:plc:abc", "app.bsky.feed.post", "3kxyz")
    assert (
        records.record_url(uri, author.handle) == "https://bsky.app/profile/did:plc:abc/post/3kxyz"
    )


def test_times_without_a_zone_and_from_the_record_key() -> None:
    assert records.parse_time("2023-07-21T01:33:51.481951") == datetime(
        2023, 7, 21, 1, 33, 51, 481951, tzinfo=UTC
    )
    assert records.parse_time("2024-02-22T19:58:13.903293123+00:00") is not None
    # A TID record key holds the time it was made.
    moment = records.tid_time("3l4wd2aares2z")
    assert moment is not None and moment.date().isoformat() == "2024-09-24"
    assert records.tid_time("self") is None


def test_a_wrong_value_names_the_file_and_the_post() -> None:
    post = FakePost("3lbadtext0001", "x")
    view = post_view(post, {})
    view["record"]["text"] = 42
    with pytest.raises(
        InputError, match=r"bad\.json: post 3lbadtext0001: .*expected|bad\.json: post 3lbadtext0001"
    ):
        read_values([{"posts": [view]}], "bad.json")


def test_sniff_claims_bluesky_shapes_only() -> None:
    assert views.sniff(json.loads(FEED.read_text(encoding="utf-8")))
    assert views.sniff(json.loads(MARSHALX.read_text(encoding="utf-8")))
    assert views.sniff(json.loads(LUCARNE.read_text(encoding="utf-8")))
    assert not views.sniff({"data": {"id": "1", "text": "x"}})
    assert not views.sniff({"feed": []})
    assert not views.sniff({"thread": {"post": {"uri": "https://x.com/1"}}})


def test_the_json_document_names_the_platform_and_reads_back(tmp_path) -> None:
    article = article_of(t2a.load(FEED), "3l4wd2aares2z")
    document = tmp_path / "article.json"
    document.write_text(t2a.render(article, "json"), encoding="utf-8")
    assert json.loads(document.read_text(encoding="utf-8"))["platform"] == "bluesky"
    again = t2a.load(document).article
    assert again is not None and again.platform == "bluesky"
    assert "a thread on Bluesky" in t2a.render(again, "markdown")


def test_a_mention_the_writer_typed_at_the_start_is_kept() -> None:
    # Bluesky puts no reply context in the text (X does): nothing is stripped from a reply.
    posts = thread_chain(2)
    posts[0].parent = "3lotherpost01"
    posts[0].text = "@other.example.com thanks, and here is why"
    other = FakePost("3lotherpost01", "a question", author=dict(OTHER))
    views_of = {post.rkey: post for post in [*posts, other]}
    values = [{"posts": [post_view(post, views_of) for post in posts]}]
    source = read_values(values, "replies.json")
    thread = t2a.select_thread(t2a.find_threads(source, include_replies=True))
    assert paragraphs(t2a.reassemble(thread)).startswith(
        "@other.example.com thanks, and here is why"
    )


def test_an_impossible_client_date_falls_back_to_when_the_appview_saw_the_post() -> None:
    post = FakePost("3l4wd2aares2z", "from a client with a broken clock")
    view = post_view(post, {})
    view["record"]["createdAt"] = "0001-01-01T00:00:00Z"
    source = read_values([{"posts": [view]}], "p.json")
    assert source.posts[0].created_at == post.created
    del view["indexedAt"]
    source = read_values([{"posts": [view]}], "p.json")
    # Then the record key, a TID, says when the post was made.
    assert source.posts[0].created_at == records.tid_time("3l4wd2aares2z")
