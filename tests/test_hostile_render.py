"""Issue 12, minor: post text stays text in the Markdown renderers users publish with, with their
extensions on (cmark-gfm's GFM autolinks, mistune's definition lists and url plugin), and the
front matter is inert in each of them."""

from __future__ import annotations

import cmarkgfm
import mistune
import pytest
from builders import make_article
from cmarkgfm.cmark import Options as CmarkOptions
from markdown_it import MarkdownIt

from thread2article.model import Author, Paragraph
from thread2article.options import Options
from thread2article.writers import render

MISTUNE = mistune.create_markdown(plugins=["def_list", "url", "strikethrough", "table"])


def cmark_gfm(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=CmarkOptions.CMARK_OPT_UNSAFE
    )


RENDERERS = {
    "commonmark": MarkdownIt("commonmark").render,
    "cmark-gfm": cmark_gfm,
    "mistune": MISTUNE,
}


def body_html(text: str, renderer: str) -> str:
    markdown = render(make_article(Paragraph(text)), "markdown", Options())
    html = RENDERERS[renderer](markdown)
    return html.split("</em></p>", 1)[1]  # after the attribution line


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
@pytest.mark.parametrize("text", ["term\n: definition", "Apple\n:   Pomaceous fruit", "a\n\n: b"])
def test_bug_post_text_becomes_a_definition_list(renderer, text):
    html = body_html(text, renderer)
    assert "<dl>" not in html and "<dd>" not in html
    assert ": " in html


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
@pytest.mark.parametrize(
    "text, shown",
    [
        ("visit www.example.com today", "www.example.com"),
        ("(WWW.example.com)", "WWW.example.com"),
        ("get ftp://files.example.org/x", "ftp://files.example.org/x"),
    ],
)
def test_bug_post_text_becomes_a_link_under_autolink_extensions(renderer, text, shown):
    html = body_html(text, renderer)
    assert "<a " not in html and shown in html


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_http_urls_stay_links_everywhere(renderer):
    html = body_html("read https://example.com/a_b_c now", renderer)
    assert '<a href="https://example.com/a_b_c"' in html


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_front_matter_is_inert_in_every_renderer(renderer):
    xss = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) www.evil.example"
    article = make_article(Paragraph("x"), title=xss, author=Author(id="1", handle=xss, name=xss))
    markdown = render(article, "markdown", Options(front_matter=True))
    front = markdown[: markdown.index("\n---\n", 4) + 5]
    html = RENDERERS[renderer](front)
    assert "<img" not in html and "<a" not in html and "javascript" not in html.split("(")[0]
