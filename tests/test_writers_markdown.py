"""The Markdown writer: layout of the header and blocks, and post text that stays text.

Hostile-content checks render our Markdown with markdown-it-py in CommonMark mode with raw HTML
allowed (the most permissive common setting) and inspect the HTML a reader would get.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import yaml
from builders import PUBLISHED, SOURCE, make_article
from html_inspect import active_content_problems, normalise_text, parse
from markdown_it import MarkdownIt

from thread2article.model import Article, Author, GapNote, Image, ListBlock, Paragraph, Quote, Video
from thread2article.options import Options
from thread2article.writers import render
from thread2article.writers.index import IndexEntry, render_index

article = make_article


def to_markdown(value: Article, **options) -> str:
    return render(value, "markdown", Options(**options))


def commonmark_html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).render(markdown)


def body_elements(markdown: str):
    """The rendered elements after the header (h1, byline, attribution)."""
    root = parse(commonmark_html(markdown))
    elements = root.element_children()
    assert [element.tag for element in elements[:3]] == ["h1", "p", "p"]
    return elements[3:]


def test_small_article_matches_the_reviewed_markdown():
    value = article(
        Paragraph(
            "Threads split ideas into 280-character pieces. Read more at https://example.com/essay."
        ),
        ListBlock(("Hooks", "Numbering"), ordered=True),
        Image("https://pbs.twimg.com/media/abc.jpg", alt="A chart"),
        Quote("Short posts win.", "https://x.com/other/status/7", author="Other Person (@other)"),
        GapNote("A post is missing here: 1004 was deleted", missing_id="1004"),
        title="Why threads make bad essays",
    )
    expected = (
        "# Why threads make bad essays\n"
        "\n"
        "**Jane Doe**  \n"
        "5 November 2023\n"
        "\n"
        "*Originally posted as a thread on X by [@jane\\_doe](https://x.com/jane_doe/status/1001).*\n"
        "\n"
        "Threads split ideas into 280-character pieces. Read more at <https://example.com/essay>.\n"
        "\n"
        "1. Hooks\n"
        "2. Numbering\n"
        "\n"
        "![A chart](https://pbs.twimg.com/media/abc.jpg)\n"
        "\n"
        "> Short posts win.\n"
        ">\n"
        "> — Other Person (@other) ([link](https://x.com/other/status/7))\n"
        "\n"
        "*[A post is missing here: 1004 was deleted]*\n"
    )
    assert to_markdown(value) == expected


def test_header_follows_the_seed_layout():
    lines = to_markdown(article(Paragraph("Body."))).split("\n")
    assert lines[0] == "# A title"
    assert lines[1] == ""
    assert lines[2] == "**Jane Doe**  "  # two trailing spaces: a hard line break
    assert lines[3] == "5 November 2023"
    assert lines[4] == ""
    html = commonmark_html(to_markdown(article(Paragraph("Body."))))
    assert "<strong>Jane Doe</strong><br />\n5 November 2023" in html


def test_date_is_the_utc_day_of_publication():
    late_evening_in_new_york = datetime.fromisoformat("2022-03-08T22:30:00-05:00")
    markdown = to_markdown(article(Paragraph("x"), published=late_evening_in_new_york))
    assert "\n9 March 2022\n" in markdown


def test_byline_without_date_has_no_hard_break():
    markdown = to_markdown(article(Paragraph("x"), published=None))
    assert "**Jane Doe**\n\n*Originally" in markdown


def test_attribution_links_the_thread_and_names_the_handle():
    html = commonmark_html(to_markdown(article(Paragraph("x"))))
    attribution = parse(html).element_children()[2]
    assert attribution.text() == "Originally posted as a thread on X by @jane_doe."
    links = attribution.find_all("a")
    assert [link.attrs["href"] for link in links] == [SOURCE]


def test_attribution_without_source_url_has_no_link():
    markdown = to_markdown(article(Paragraph("x"), source_url=""))
    assert "*Originally posted as a thread by @jane\\_doe.*" in markdown
    assert "](" not in markdown


def test_attribution_drops_a_source_url_that_is_not_http():
    markdown = to_markdown(article(Paragraph("x"), source_url="javascript:alert(1)"))
    assert "javascript" not in markdown


def test_author_without_name_is_shown_by_handle():
    markdown = to_markdown(article(Paragraph("x"), author=Author(id="7", handle="anon")))
    assert "**@anon**  \n" in markdown


HOSTILE_TEXTS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![pic](javascript:alert(1))",
    "*not italic* and _not italic_",
    "**not bold**",
    "# not heading",
    "## also not",
    "> not quote",
    "1. not list",
    "3) not list",
    "- not bullet",
    "+ not bullet",
    "* not bullet",
    "`not code` and ``more``",
    "```\nnot a fence\n```",
    "~~~\nnot a fence\n~~~",
    "line\n---",
    "line\n===",
    "***",
    "    not indented code",
    "&amp; &lt;b&gt; &#60;script&#62; &#x3C;",
    "a \\* backslash \\",
    "<https://example.com> <mailto:a@b.c>",
    "[ref]: https://example.com\n[ref]",
    "| a | b |\n|---|---|",
    "<!-- comment --> <?php ?> <![CDATA[x]]>",
    "<div>\n*emphasis inside an HTML block*\n</div>",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_post_text_renders_literally(text):
    blocks = body_elements(to_markdown(article(Paragraph(text))))
    assert (
        active_content_problems(parse(commonmark_html(to_markdown(article(Paragraph(text)))))) == []
    )
    created = {element.tag for block in blocks for element in block.iter()}
    assert created <= {"p", "br", "a"}, created
    for block in blocks:
        for link in block.find_all("a"):
            assert link.attrs["href"].startswith("https://")
    visible = " ".join(block.text() for block in blocks)
    assert normalise_text(visible) == normalise_text(text)


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "*x* `y` [z](javascript:q)", "# h"])
def test_hostile_text_stays_literal_in_every_place_it_can_appear(text):
    value = article(
        ListBlock((text, text), ordered=False),
        Quote(text, "https://x.com/o/status/1", author=text),
        Image("https://example.com/a.png", alt=text),
        GapNote(text),
        title=text,
        author=Author(id="1", handle=text, name=text),
    )
    root = parse(commonmark_html(to_markdown(value)))
    assert active_content_problems(root) == []
    assert root.find_all("code") == [] and root.find_all("h2") == []
    assert normalise_text(root.find_all("h1")[0].text()) == normalise_text(text)
    assert [normalise_text(item.text()) for item in root.find_all("li")] == [text, text]
    assert root.find_all("img")[0].attrs["alt"] == text
    quote_paragraphs = root.find_all("blockquote")[0].find_all("p")
    assert normalise_text(quote_paragraphs[0].text()) == text
    assert normalise_text(quote_paragraphs[1].text()) == f"— {text} (link)"


def test_bare_urls_become_autolinks_without_trailing_punctuation():
    markdown = to_markdown(
        article(Paragraph("See https://example.com/a_b*c, (and http://e.org/wiki/X_(y))."))
    )
    assert "See <https://example.com/a_b*c>, (and <http://e.org/wiki/X_(y)>)." in markdown
    links = body_elements(markdown)[0].find_all("a")
    assert [link.attrs["href"] for link in links] == [
        "https://example.com/a_b*c",
        "http://e.org/wiki/X_(y)",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "ftp://example.com/file",
        "data:text/html,<b>x</b>",
        "https://",
        "www.example.com",
    ],
)
def test_only_http_urls_are_linked(text):
    blocks = body_elements(to_markdown(article(Paragraph(f"go {text} now"))))
    assert blocks[0].find_all("a") == []
    assert normalise_text(blocks[0].text()) == f"go {text} now"


def test_url_stops_before_angle_brackets_and_spaces():
    blocks = body_elements(
        to_markdown(article(Paragraph("https://a.example/<script>x https://b.example/ y")))
    )
    hrefs = [link.attrs["href"] for link in blocks[0].find_all("a")]
    assert hrefs == ["https://a.example/", "https://b.example/"]
    assert blocks[0].find_all("script") == []


def test_lines_inside_a_paragraph_become_hard_breaks():
    markdown = to_markdown(article(Paragraph("first line\nsecond line")))
    assert "first line\\\nsecond line\n" in markdown
    paragraph = body_elements(markdown)[0]
    assert [child.tag for child in paragraph.element_children()] == ["br"]


def test_blank_lines_inside_a_paragraph_split_it():
    blocks = body_elements(to_markdown(article(Paragraph("one\n\n\ntwo"))))
    assert [block.text() for block in blocks] == ["one", "two"]


def test_lists_keep_their_numbering_and_stay_apart():
    markdown = to_markdown(
        article(
            ListBlock(("a", "b"), ordered=True, start=4),
            ListBlock(("c",), ordered=True, start=1),
            ListBlock(("d",), ordered=False),
            ListBlock(("e",), ordered=False),
            ListBlock(("f",), ordered=False),
        )
    )
    assert "4. a\n5. b" in markdown
    blocks = body_elements(markdown)
    assert [block.tag for block in blocks] == ["ol", "ol", "ul", "ul", "ul"]
    assert blocks[0].attrs.get("start") == "4"
    items = [[item.text() for item in block.find_all("li")] for block in blocks]
    assert items == [["a", "b"], ["c"], ["d"], ["e"], ["f"]]


def test_multiline_list_item_stays_in_its_item():
    blocks = body_elements(
        to_markdown(article(ListBlock(("first\n# second", "next"), ordered=True, start=9)))
    )
    items = blocks[0].find_all("li")
    assert len(items) == 2
    assert normalise_text(items[0].text()) == "first # second"


def test_image_is_written_with_alt_and_source():
    markdown = to_markdown(
        article(Image("https://pbs.twimg.com/media/x.jpg", alt="A [cat]\non a mat"))
    )
    assert "![A \\[cat\\] on a mat](https://pbs.twimg.com/media/x.jpg)" in markdown


@pytest.mark.parametrize(
    "src",
    [
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "//evil.example/x.png",
        "/etc/passwd",
        "file:///etc/passwd",
    ],
)
def test_image_with_unsafe_source_keeps_only_its_alt_text(src):
    markdown = to_markdown(article(Image(src, alt="the chart")))
    assert src not in markdown
    blocks = body_elements(markdown)
    assert blocks[0].find_all("img") == []
    assert blocks[0].text() == "[Image: the chart]"


def test_destination_with_spaces_or_parentheses_uses_angle_brackets():
    markdown = to_markdown(article(Image("media/my photo (1).jpg", alt="x")))
    assert "![x](<media/my photo (1).jpg>)" in markdown
    assert (
        body_elements(markdown)[0].find_all("img")[0].attrs["src"] == "media/my%20photo%20(1).jpg"
    )


def test_relative_and_web_media_sources_are_kept_as_written():
    value = article(
        Image("media/1001-a.jpg", alt="local"),
        Image("https://pbs.twimg.com/media/b.jpg", alt="remote"),
    )
    markdown = to_markdown(value)
    assert "![local](media/1001-a.jpg)" in markdown
    assert "![remote](https://pbs.twimg.com/media/b.jpg)" in markdown


def test_video_links_to_the_video_over_its_poster():
    video = Video("https://video.twimg.com/v.mp4", poster="https://pbs.twimg.com/p.jpg", alt="demo")
    markdown = to_markdown(article(video))
    assert markdown.endswith(
        "[![▶ Video: demo](https://pbs.twimg.com/p.jpg)](https://video.twimg.com/v.mp4)\n"
    )
    link = body_elements(markdown)[0].find_all("a")[0]
    assert link.attrs["href"] == "https://video.twimg.com/v.mp4"
    assert link.find_all("img")[0].attrs["src"] == "https://pbs.twimg.com/p.jpg"


def test_video_without_poster_is_a_plain_link():
    markdown = to_markdown(article(Video("https://video.twimg.com/v.mp4")))
    assert markdown.endswith("[▶ Video](https://video.twimg.com/v.mp4)\n")


def test_quote_is_a_blockquote_with_its_author_and_link():
    quote = Quote(
        "Line one\nline two\n\nSecond paragraph", "https://x.com/o/status/9", author="O (@o)"
    )
    markdown = to_markdown(article(quote))
    assert (
        "> Line one\\\n> line two\n>\n> Second paragraph\n>\n> — O (@o) ([link](https://x.com/o/status/9))"
    ) in markdown
    quote = body_elements(markdown)[0]
    assert quote.tag == "blockquote"
    paragraphs = [normalise_text(p.text()) for p in quote.find_all("p")]
    assert paragraphs == ["Line one line two", "Second paragraph", "— O (@o) (link)"]


def test_quote_with_unsafe_url_names_the_author_without_a_link():
    markdown = to_markdown(article(Quote("q", "javascript:alert(1)", author="O")))
    assert markdown.endswith("> q\n>\n> — O\n")


def test_gap_note_is_visible():
    blocks = body_elements(
        to_markdown(article(Paragraph("before"), GapNote("", missing_id="77"), Paragraph("after")))
    )
    assert [block.text() for block in blocks] == [
        "before",
        "[A post is missing here (post 77)]",
        "after",
    ]
    assert blocks[1].element_children()[0].tag == "em"


def test_ends_with_exactly_one_newline():
    markdown = to_markdown(article(Paragraph("x\n\n")))
    assert markdown.endswith("x\n") and not markdown.endswith("\n\n")


@pytest.mark.parametrize(
    "title",
    [
        "Plain",
        "Colon: and 'quotes' and \"double\"",
        "NEL \x85 and LS \u2028",  # PyYAML writes these raw and reads them back as spaces
        "---\nfake: front matter\n---",
        "- [list]\n# hash",
        "é 漢字 🧵",
        "",
    ],
)
def test_front_matter_is_yaml_that_reads_back(title):
    markdown = to_markdown(article(Paragraph("x"), title=title), front_matter=True)
    assert markdown.startswith("---\n")
    front, _, rest = markdown[4:].partition("\n---\n")
    assert yaml.safe_load(front) == {
        "title": title,
        "author": "Jane Doe",
        "handle": "jane_doe",
        "date": "2023-11-05T14:30:00Z",
        "source_url": SOURCE,
    }
    assert rest.startswith("\n# ")


def test_front_matter_date_is_null_when_unknown():
    markdown = to_markdown(article(Paragraph("x"), published=None), front_matter=True)
    assert yaml.safe_load(markdown[4:].partition("\n---\n")[0])["date"] is None


def test_unknown_format_is_the_projects_own_error():
    from thread2article.errors import UnknownFormatError

    with pytest.raises(UnknownFormatError, match="pdf"):
        render(article(Paragraph("x")), "pdf", Options())


def test_index_lists_dates_linked_titles_and_post_counts():
    entries = [
        IndexEntry("2023-11-05-why.md", "Why *threads*", PUBLISHED, 12),
        IndexEntry("undated thread.md", "<b>No date</b>", None, 1),
        IndexEntry("javascript:alert(1)", "Bad path", None, 3),
    ]
    markdown = render_index(entries, "markdown", title="Jane's # threads")
    assert markdown.startswith("# Jane's \\# threads\n")
    assert "- 2023-11-05 · [Why \\*threads\\*](2023-11-05-why.md) · 12 posts" in markdown
    root = parse(commonmark_html(markdown))
    assert active_content_problems(root) == []
    items = root.find_all("li")
    assert [normalise_text(item.text()) for item in items] == [
        "2023-11-05 · Why *threads* · 12 posts",
        "undated · <b>No date</b> · 1 post",
        "undated · Bad path · 3 posts",
    ]
    assert [[a.attrs["href"] for a in item.find_all("a")] for item in items] == [
        ["2023-11-05-why.md"],
        ["undated%20thread.md"],
        [],
    ]


def test_index_rejects_unknown_format():
    with pytest.raises(ValueError):
        render_index([], "json")


def test_a_quote_without_text_says_what_it_links_to() -> None:
    from thread2article.model import Article, Author, Quote
    from thread2article.options import Options
    from thread2article.writers import render

    article = Article(
        title="T",
        author=Author(id="1", handle="a"),
        published=None,
        source_url="",
        post_ids=("1",),
        blocks=(
            Quote(text="", url="https://x.com/b/status/2", author="@b"),
            Quote(text="", url="javascript:alert(1)"),
        ),
    )
    markdown = render(article, "markdown", Options())
    assert "> [Quoted post by @b](https://x.com/b/status/2)" in markdown
    assert "javascript" not in markdown and "> Quoted post\n" in markdown
    html = render(article, "html", Options())
    assert (
        '<p class="quote-link"><a href="https://x.com/b/status/2" rel="nofollow noopener">Quoted post by @b</a></p>'
        in html
    )
    assert "javascript" not in html
