"""The HTML writer: a standalone, script-free page whose post text is always escaped."""

from __future__ import annotations

import pytest
from builders import PUBLISHED, SOURCE, make_article
from html_inspect import active_content_problems, normalise_text, parse

from thread2article.model import Article, Author, GapNote, Image, ListBlock, Paragraph, Quote, Video
from thread2article.options import Options
from thread2article.writers import render
from thread2article.writers.html import environment
from thread2article.writers.index import IndexEntry, render_index

POLICY = "default-src 'none'; img-src https: http: data: 'self'; media-src https: http: 'self'; style-src 'unsafe-inline'"


article = make_article


def to_html(value: Article, **options) -> str:
    return render(value, "html", Options(**options))


def body_blocks(value: Article, **options):
    """The elements of the <article> after its <header>."""
    root = parse(to_html(value, fragment=True, **options))
    children = root.find_all("article")[0].element_children()
    assert children[0].tag == "header"
    return children[1:]


def test_page_is_standalone_html5_with_a_script_free_policy():
    html = to_html(article(Paragraph("Body.")))
    assert html.startswith("<!doctype html>\n<html lang=")
    root = parse(html)
    metas = root.find_all("meta")
    assert {"charset": "utf-8"} in [meta.attrs for meta in metas]
    policies = [
        meta.attrs["content"]
        for meta in metas
        if meta.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policies == [POLICY]
    assert any(meta.attrs.get("name") == "viewport" for meta in metas)
    assert root.find_all("title")[0].text() == "A title"
    [style] = root.find_all("style")
    assert "max-width: 40em" in style.text() and "serif" in style.text()
    assert active_content_problems(root) == []


def test_header_has_title_author_time_and_attribution():
    header = parse(to_html(article(Paragraph("Body.")))).find_all("header")[0]
    assert header.find_all("h1")[0].text() == "A title"
    author_link = header.find_all("a")[0]
    assert (author_link.attrs["href"], author_link.text()) == ("https://x.com/jane_doe", "Jane Doe")
    time = header.find_all("time")[0]
    assert (time.attrs["datetime"], time.text()) == ("2023-11-05T14:30:00Z", "5 November 2023")
    attribution = header.find_all("p")[-1]
    assert attribution.text() == "Originally posted as a thread on X by @jane_doe."
    assert attribution.find_all("a")[0].attrs["href"] == SOURCE


def test_header_without_date_or_source_has_no_time_or_link():
    header = parse(to_html(article(Paragraph("x"), published=None, source_url=""))).find_all(
        "header"
    )[0]
    assert header.find_all("time") == []
    assert header.find_all("p")[-1].find_all("a") == []


def test_fragment_is_only_the_article_element():
    html = to_html(article(Paragraph("Body.")), fragment=True)
    assert html.lstrip().startswith("<article>") and html.rstrip().endswith("</article>")
    assert "<html" not in html and "<style" not in html


def test_templates_autoescape():
    assert environment().autoescape is True


HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(1)"> [a](javascript:alert(1)) &amp; "quoted"'


def test_hostile_text_is_escaped_everywhere():
    value = article(
        Paragraph(HOSTILE),
        ListBlock((HOSTILE,)),
        Quote(HOSTILE, "javascript:alert(1)", author=HOSTILE),
        Image("javascript:alert(1)", alt=HOSTILE),
        Video("data:video/mp4;base64,AAAA", poster="javascript:x", alt=HOSTILE),
        GapNote(HOSTILE),
        title=HOSTILE,
        author=Author(id="1", handle=HOSTILE, name=HOSTILE, profile_url="javascript:alert(1)"),
        source_url="javascript:alert(1)",
    )
    html = to_html(value)
    root = parse(html)
    assert active_content_problems(root) == []
    assert "javascript:" not in " ".join(str(v) for e in root.iter() for v in e.attrs.values())
    assert root.find_all("img") == [] and root.find_all("video") == []
    assert root.find_all("title")[0].text() == HOSTILE
    blocks = body_blocks(value)
    texts = [normalise_text(block.text()) for block in blocks]
    assert texts[0] == HOSTILE
    assert texts[1] == HOSTILE
    assert f"Image: {HOSTILE}" in texts and f"Video: {HOSTILE}" in texts and HOSTILE in texts[-1]


def test_urls_in_text_become_nofollow_links():
    blocks = body_blocks(
        article(Paragraph("See https://example.com/a?b=1&c=2, or javascript:alert(1)."))
    )
    [link] = blocks[0].find_all("a")
    assert link.attrs == {"href": "https://example.com/a?b=1&c=2", "rel": "nofollow noopener"}
    assert link.text() == "https://example.com/a?b=1&c=2"
    assert (
        normalise_text(blocks[0].text())
        == "See https://example.com/a?b=1&c=2, or javascript:alert(1)."
    )


def test_lines_become_breaks_and_blank_lines_paragraphs():
    blocks = body_blocks(article(Paragraph("one\ntwo\n\nthree")))
    assert [block.tag for block in blocks] == ["p", "p"]
    assert [child.tag for child in blocks[0].element_children()] == ["br"]


def test_lists_keep_kind_and_start():
    blocks = body_blocks(
        article(ListBlock(("a", "b https://e.org"), ordered=True, start=3), ListBlock(("c",)))
    )
    assert [(block.tag, block.attrs) for block in blocks] == [("ol", {"start": "3"}), ("ul", {})]
    assert [item.text() for item in blocks[0].find_all("li")] == ["a", "b https://e.org"]
    assert blocks[0].find_all("a")[0].attrs["href"] == "https://e.org"


def test_image_is_a_lazy_figure():
    [figure] = body_blocks(article(Image("https://pbs.twimg.com/media/a.jpg", alt="A chart")))
    assert figure.tag == "figure"
    assert figure.find_all("img")[0].attrs == {
        "src": "https://pbs.twimg.com/media/a.jpg",
        "alt": "A chart",
        "loading": "lazy",
    }


def test_relative_media_sources_are_kept_as_written():
    [figure] = body_blocks(article(Image("media/1001-a.jpg", alt="local")))
    assert figure.find_all("img")[0].attrs["src"] == "media/1001-a.jpg"


def test_video_has_controls_poster_and_a_fallback_link():
    [figure] = body_blocks(
        article(Video("https://video.twimg.com/v.mp4", poster="https://pbs.twimg.com/p.jpg"))
    )
    video = figure.find_all("video")[0]
    assert video.attrs["src"] == "https://video.twimg.com/v.mp4"
    assert video.attrs["poster"] == "https://pbs.twimg.com/p.jpg"
    assert "controls" in video.attrs
    assert video.find_all("a")[0].attrs["href"] == "https://video.twimg.com/v.mp4"


def test_quote_cites_its_source_and_names_its_author():
    [figure] = body_blocks(
        article(Quote("Short posts win.", "https://x.com/o/status/7", author="O (@o)"))
    )
    blockquote = figure.find_all("blockquote")[0]
    assert blockquote.attrs["cite"] == "https://x.com/o/status/7"
    assert blockquote.text().strip() == "Short posts win."
    caption = figure.find_all("figcaption")[0]
    assert normalise_text(caption.text()) == "— O (@o) (link)"
    assert caption.find_all("a")[0].attrs["href"] == "https://x.com/o/status/7"


def test_gap_note_is_a_marked_paragraph():
    [gap] = body_blocks(
        article(GapNote("A post is missing here: 1004 was deleted", missing_id="1004"))
    )
    assert (gap.tag, gap.attrs, gap.text()) == (
        "p",
        {"class": "gap"},
        "A post is missing here: 1004 was deleted",
    )


def test_index_page_shares_policy_and_style_and_escapes_titles():
    entries = [
        IndexEntry("2023-11-05-why.html", "<script>x</script> Why", PUBLISHED, 12),
        IndexEntry("javascript:alert(1)", "Bad path", None, 1),
    ]
    html = render_index(entries, "html", title="Jane's <threads>")
    root = parse(html)
    assert active_content_problems(root) == []
    assert root.find_all("title")[0].text() == "Jane's <threads>"
    policies = [m.attrs["content"] for m in root.find_all("meta") if m.attrs.get("http-equiv")]
    assert policies == [POLICY]
    article_page_style = parse(to_html(article(Paragraph("x")))).find_all("style")[0].text()
    assert root.find_all("style")[0].text() == article_page_style
    rows = root.find_all("tbody")[0].find_all("tr")
    assert [[normalise_text(cell.text()) for cell in row.find_all("td")] for row in rows] == [
        ["5 November 2023", "<script>x</script> Why", "12"],
        ["", "Bad path", "1"],
    ]
    assert [[a.attrs["href"] for a in row.find_all("a")] for row in rows] == [
        ["2023-11-05-why.html"],
        [],
    ]


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_every_format_renders_an_empty_article(fmt):
    empty = Article(
        title="", author=Author(id=""), published=None, source_url="", post_ids=(), blocks=()
    )
    assert render(empty, fmt, Options()).endswith("\n")
