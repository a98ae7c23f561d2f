"""Properties of the writers over arbitrary text: they never fail, never emit active HTML, and
show post text exactly as written (up to whitespace)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import yaml
from html_inspect import active_content_problems, normalise_text, parse
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from thread2article.model import Article, Author, GapNote, Image, ListBlock, Paragraph, Quote, Video
from thread2article.options import Options
from thread2article.writers import FORMATS, render
from thread2article.writers.urls import split_urls

MARKUP = list("<>&#*_`[]()!\\-+=.)|~:/;\"' \n\t\r1a") + [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "javascript:", "&amp;", "&#60;", "\n# ",
    "\n1. ", "\n> ", "\n- ", "\n    ", "```", "~~~", "\n---\n", "\n===\n", "[x](javascript:alert(1))",
    "<!--", "-->", "<?", "<div>", "\x00", "\u2028", "\u00a0", "é", "漢字", "🧵",
]  # fmt: skip
URLS = ["https://example.com/a_b*c", "http://e.org/wiki/X_(y)", "https://x.com/u/status/1?s=20&t=a"]

markup_text = st.lists(st.sampled_from(MARKUP), max_size=30).map("".join)
# URLs joined with a space so that the text after a URL never extends it.
mixed_text = st.lists(
    st.one_of(st.text(max_size=20), markup_text, st.sampled_from(URLS)), max_size=6
).map(" ".join)
post_text = st.one_of(st.text(), markup_text, mixed_text)
UNSAFE_OR_LOCAL = [
    "javascript:alert(1)",
    "media/a b (1).jpg",
    "//evil.example/x",
    " java\tscript:x",
    "data:,x",
]
any_url = st.one_of(st.text(max_size=30), st.sampled_from(URLS + UNSAFE_OR_LOCAL))
moments = st.one_of(st.none(), st.datetimes(timezones=st.just(UTC)))

blocks = st.one_of(
    st.builds(Paragraph, post_text),
    st.builds(
        ListBlock, st.lists(post_text, max_size=3).map(tuple), st.booleans(), st.integers(0, 1000)
    ),
    st.builds(Image, any_url, post_text),
    st.builds(Video, any_url, any_url, post_text),
    st.builds(Quote, post_text, any_url, post_text),
    st.builds(GapNote, post_text),
)
articles = st.builds(
    Article,
    title=post_text,
    author=st.builds(
        Author, id=st.text(max_size=5), handle=post_text, name=post_text, profile_url=any_url
    ),
    published=moments,
    source_url=any_url,
    post_ids=st.lists(st.text(max_size=5), max_size=3).map(tuple),
    blocks=st.lists(blocks, max_size=6).map(tuple),
)
options = st.builds(
    Options,
    front_matter=st.booleans(),
    fragment=st.booleans(),
)

COMMONMARK = MarkdownIt("commonmark", {"html": True})


def commonmark(markdown: str):
    if markdown.startswith("---\n"):
        markdown = markdown[4:].partition("\n---\n")[2]
    return parse(COMMONMARK.render(markdown))


def article_with(*blocks, title="t") -> Article:
    return Article(
        title, Author("1", "h", "N"), datetime(2024, 1, 2, tzinfo=UTC), "", (), tuple(blocks)
    )


@settings(max_examples=300, deadline=None)
@given(articles, options)
def test_writers_never_raise_and_never_emit_active_html(article, opts):
    outputs = {fmt: render(article, fmt, opts) for fmt in FORMATS}
    assert all(output.endswith("\n") for output in outputs.values())
    assert active_content_problems(commonmark(outputs["markdown"])) == []
    html_root = parse(outputs["html"])
    assert active_content_problems(html_root) == []
    assert len(html_root.find_all("style")) == (0 if opts.fragment else 1)
    assert Article.from_dict(json.loads(outputs["json"])).to_dict() == article.to_dict()


@settings(max_examples=500, deadline=None)
@given(post_text)
def test_markdown_paragraph_shows_the_text_and_nothing_else(text):
    root = commonmark(render(article_with(Paragraph(text)), "markdown", Options()))
    body = root.element_children()[3:]
    assert {element.tag for block in body for element in block.iter()} <= {"p", "br", "a"}
    assert all(
        link.attrs["href"].lower().startswith(("http://", "https://"))
        for b in body
        for link in b.find_all("a")
    )
    assert normalise_text(" ".join(block.text() for block in body)) == normalise_text(text)


@settings(max_examples=200, deadline=None)
@given(post_text, st.lists(post_text, min_size=1, max_size=3), st.booleans(), st.integers(0, 1000))
def test_markdown_title_list_and_quote_show_their_text(title, items, ordered, start):
    quote = Quote(items[0], "https://x.com/o/status/1")
    value = article_with(ListBlock(tuple(items), ordered, start), quote, title=title)
    root = commonmark(render(value, "markdown", Options()))
    assert normalise_text(root.find_all("h1")[0].text()) == (normalise_text(title) or "Untitled")
    [listing] = root.find_all("ol" if ordered else "ul")
    assert [normalise_text(item.text()) for item in listing.find_all("li")] == [
        normalise_text(item) for item in items
    ]
    [quote] = root.find_all("blockquote")
    # A quote with no text (archives keep only the link) is named as a quoted post instead.
    expected = f"{items[0]} — link" if normalise_text(items[0]) else "Quoted post"
    assert normalise_text(quote.text()) == normalise_text(expected)
    assert {element.tag for element in listing.iter()} <= {"ol", "ul", "li", "br", "a"}
    assert {element.tag for element in quote.iter()} <= {"blockquote", "p", "br", "a"}


@settings(max_examples=300, deadline=None)
@given(post_text)
def test_html_paragraph_shows_the_text_and_nothing_else(text):
    root = parse(render(article_with(Paragraph(text)), "html", Options(fragment=True)))
    body = root.find_all("article")[0].element_children()[1:]
    assert {element.tag for block in body for element in block.iter()} <= {"p", "br", "a"}
    assert normalise_text(" ".join(block.text() for block in body)) == normalise_text(text)


@settings(max_examples=200, deadline=None)
@given(post_text)
def test_front_matter_reads_back_whatever_the_title(title):
    markdown = render(
        article_with(Paragraph("x"), title=title), "markdown", Options(front_matter=True)
    )
    front, separator, rest = markdown[4:].partition("\n---\n")
    assert separator and rest.startswith("\n# ")
    assert yaml.safe_load(front)["title"] == title


@given(post_text)
def test_url_pieces_join_back_to_the_text(text):
    pieces = split_urls(text)
    assert "".join(piece for piece, _ in pieces) == text
    assert all(
        piece.lower().startswith(("http://", "https://")) for piece, is_url in pieces if is_url
    )
