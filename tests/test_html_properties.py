"""Property tests: whatever HTML surrounds real posts (or replaces them), the page reader either
reads posts or raises the project's own error, never anything else; and what it reads of the
real posts does not depend on the markup around them."""

from __future__ import annotations

import re

from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thread2article as t2a
from thread2article.errors import ThreadToArticleError
from thread2article.sources.html import read_page

HERMES = (FIXTURES / "html-embed-hermes" / "input.md").read_text(encoding="utf-8")
EMBEDS = re.findall(r'<blockquote class="twitter-tweet".*?</blockquote>', HERMES, re.S)
NITTER = (FIXTURES / "html-nitter" / "input.html").read_text(encoding="utf-8")
NITTER_ITEM = re.search(r'<div class="timeline-item ">.*?</div></div></div>', NITTER, re.S)
X_QUOTE = (FIXTURES / "html-x-quote" / "input.html").read_text(encoding="utf-8")

TAGS = ["div", "p", "span", "a", "b", "blockquote", "article", "li", "ul", "table", "td", "time"]
ATTRIBUTES = [
    'class="twitter-tweet"',
    'class="tweet"',
    'data-tweet-id="12"',
    'data-testid="tweet"',
    'data-testid="tweetText"',
    'data-testid="User-Name"',
    'class="timeline-item"',
    'class="tweet-content"',
    'class="main-thread"',
    'class="content-tweet"',
    'class="tw-permalink"',
    'href="https://twitter.com/a/status/1371213511339208707"',
    'href="/a/status/99"',
    'aria-hidden="true"',
    'style="display:none"',
    "hidden",
    'datetime="not a date"',
    'data-time-ms="x"',
    'alt="😀"',
    "",
]
TEXT = st.lists(
    st.sampled_from(
        list("ab <>&;/=\"'#@\n\t—12")
        + [
            "&mdash;",
            "&amp;",
            "<br>",
            "<hr>",
            "<sup class=tw-permalink>",
            "</",
            "1/",
            "&#0;",
            "\x00",
        ]
    ),
    max_size=12,
).map("".join)
# Text that cannot open or close a tag: for markup that must stay balanced.
WELL_FORMED_TEXT = TEXT.map(lambda text: text.replace("<", "&lt;").replace(">", "&gt;"))


@st.composite
def markup(draw: st.DrawFn, depth: int = 0, real: bool = True, balanced: bool = False) -> str:
    pieces = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3))
        if kind == 0 or depth > 3:
            pieces.append(draw(WELL_FORMED_TEXT if balanced else TEXT))
        elif kind == 1 and real:
            pieces.append(draw(st.sampled_from(EMBEDS)))
        else:
            tag = draw(st.sampled_from(TAGS))
            attribute = draw(st.sampled_from(ATTRIBUTES))
            inner = draw(markup(depth + 1, real, balanced))
            closed = balanced or draw(st.booleans())
            pieces.append(f"<{tag} {attribute}>{inner}" + (f"</{tag}>" if closed else ""))
    return "".join(pieces)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup())
def test_any_markup_reads_or_raises_our_error(page: str) -> None:
    try:
        source = read_page(page.encode("utf-8"), "page.html")
    except ThreadToArticleError:
        return
    threads = t2a.find_threads(source)
    for thread in threads:
        article = t2a.reassemble(thread, t2a.Options())
        for fmt in ("markdown", "html", "json"):
            t2a.render(article, fmt, t2a.Options())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(EMBEDS), min_size=1, max_size=8, unique=True),
    markup(real=False, balanced=True),
    markup(real=False),
)
def test_real_embeds_read_the_same_whatever_surrounds_them(embeds, before: str, after: str) -> None:
    alone = read_page("".join(embeds).encode("utf-8"), "alone.html")
    # Before the posts only closed elements (an unclosed one may hold the posts, as it would in
    # a browser); after them anything.
    wrapped = f"{before}{''.join(embeds)}{after}"
    try:
        surrounded = read_page(wrapped.encode("utf-8"), "wrapped.html")
    except ThreadToArticleError:
        raise AssertionError("real posts on the page, yet no posts read") from None
    texts = {post.id: post.text for post in surrounded.posts}
    for post in alone.posts:
        assert texts.get(post.id) == post.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=300),
    st.sampled_from(["", X_QUOTE, NITTER_ITEM.group(0) if NITTER_ITEM else ""]),
)
def test_bytes_of_any_kind_around_a_real_post(noise: bytes, real: str) -> None:
    page = noise + real.encode("utf-8") + noise
    try:
        read_page(page, "noise.html")
    except ThreadToArticleError:
        pass


def test_deeply_nested_page_is_an_error_or_posts_never_a_crash() -> None:
    page = "<div>" * 100000 + EMBEDS[0] + "</div>" * 100000
    try:
        source = read_page(page.encode("utf-8"), "deep.html")
    except ThreadToArticleError as error:
        assert "deep.html" in str(error)
    else:
        assert source.posts


def test_a_made_up_reading_of_a_real_post_after_it_does_not_replace_it() -> None:
    # Found by the property above: an x.com article after an embed, under the embed's id, with a
    # text of one letter. The fuller reading of a post wins.
    embed = next(e for e in EMBEDS if "1371213511339208707" in e)
    after = (
        '<div data-testid="tweet"><a href="https://twitter.com/a/status/1371213511339208707">'
        '<div data-testid="tweetText"><time class="twitter-tweet">a'
    )
    alone = read_page(embed.encode("utf-8"), "alone.html")
    surrounded = read_page((embed + after).encode("utf-8"), "wrapped.html")
    assert [post.text for post in surrounded.posts] == [post.text for post in alone.posts]
