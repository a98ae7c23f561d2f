"""sources/htmltext.py: the text of post HTML from chosen nodes (shared by the HTML page reader
and the Mastodon reader). Markup snippets are cut from the real samples named in each test."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import shared_sample
from hypothesis import given
from hypothesis import strategies as st

from thread2article.sources.htmltext import (
    is_hidden,
    link_of,
    node_text,
    parse_fragment,
    visible_text,
)


def _node(markup: str, selector: str = "body > *"):
    soup = BeautifulSoup(f"<body>{markup}</body>", "html.parser")
    node = soup.select_one(selector)
    assert node is not None
    return node


def test_br_is_a_line_break_and_p_a_paragraph() -> None:
    node = _node("<div><p>one<br>two</p><p>three</p></div>")
    assert node_text(node).text == "one\ntwo\n\nthree"


def test_raw_newlines_are_spaces_in_normal_whitespace_and_breaks_in_pre_line() -> None:
    # An embed's <p> was re-indented by hand (site-stitcher's tidbits); Nitter's text keeps raw
    # newlines as the post's line breaks.
    node = _node("<p>first line\n     still first  \n\n\n\nnext</p>")
    assert node_text(node).text == "first line still first next"
    assert node_text(node, whitespace="pre-line").text == "first line\nstill first\n\nnext"


def test_pretty_printed_layout_whitespace_is_dropped_between_elements() -> None:
    # metascraper-x_profile_Kikobeats_2026.html: the save was pretty-printed, so newlines and
    # indentation sit between React's spans and inside their text.
    markup = (
        '<div data-testid="tweetText">\n<span>Making some </span>\n<div><span>'
        '<a href="/microlinkhq">@microlinkhq</a></span></div>\n'
        "<span> t-shirts, oversized style.\n            Ping me if you want one!</span>\n</div>"
    )
    text = node_text(_node(markup), whitespace="pre-line", layout_whitespace=False).text
    assert text == "Making some @microlinkhq t-shirts, oversized style.\nPing me if you want one!"
    # Kept, the same whitespace would cut the sentence at the mention.
    assert "\n@microlinkhq" in node_text(_node(markup), whitespace="pre-line").text


def test_emoji_images_become_their_character_and_photos_are_skipped() -> None:
    # metascraper-twitter_tweet-image_k4rliky_2022.html and the 2018 legacy page.
    markup = (
        '<p>es estar con la gente que quieres <img alt="😍" class="r-4qtqp9" '
        'src="https://abs-0.twimg.com/emoji/v2/svg/1f60d.svg"/>'
        '<img alt="📣" class="Emoji Emoji--forText" src="x.png"> '
        '<img alt="Image" src="https://pbs.twimg.com/media/abc.jpg">'
        '<img alt=":blobcat:" class="custom-emoji" src="https://m.example/e.png">'
        '<img alt="🦑" src="/1f991.png"></p>'
    )
    assert node_text(_node(markup)).text == "es estar con la gente que quieres 😍📣 :blobcat:🦑"


def test_hidden_and_aria_hidden_decorations_are_dropped() -> None:
    markup = (
        '<p>a<span aria-hidden="true">X</span>b<span hidden>Y</span>c'
        '<span style="color: red; display: none">Z</span>d<span class="u-hiddenVisually">W</span>e'
        '<span aria-hidden="false">f</span></p>'
    )
    assert node_text(_node(markup)).text == "abcdef"
    assert is_hidden(_node('<span class="invisible">x</span>'))
    assert not is_hidden(_node('<span class="visible">x</span>'))


def test_scripts_styles_and_comments_are_never_text() -> None:
    markup = (
        "<p>a<script>alert(1)</script><style>p{}</style><!-- note -->b<template>t</template></p>"
    )
    assert node_text(_node(markup)).text == "ab"


def test_legacy_split_link_reads_as_its_expanded_url() -> None:
    # metascraper-video_tweet_developit_2018.html: the t.co link split into invisible spans.
    markup = (
        '<p>Powered by Puppeteer\n<a class="twitter-timeline-link" '
        'data-expanded-url="http://github.com/developit/karmatic" dir="ltr" '
        'href="https://t.co/nguAcGaWQP" title="http://github.com/developit/karmatic">'
        '<span class="tco-ellipsis"></span><span class="invisible">http://</span>'
        '<span class="js-display-url">github.com/developit/karmat</span>'
        '<span class="invisible">ic</span><span class="tco-ellipsis">'
        '<span class="invisible">&nbsp;</span>…</span></a></p>'
    )
    result = node_text(_node(markup))
    assert result.text == "Powered by Puppeteer http://github.com/developit/karmatic"
    (link,) = result.links
    assert (link.kind, link.href, link.expanded) == (
        "url",
        "https://t.co/nguAcGaWQP",
        "http://github.com/developit/karmatic",
    )
    assert result.unexpanded == ()


def test_mastodon_invisible_and_ellipsis_spans_read_as_the_whole_href() -> None:
    content = (
        '<p>Read <a href="https://example.org/a/very/long/path?x=1" rel="nofollow noopener" '
        'target="_blank"><span class="invisible">https://</span><span class="ellipsis">'
        'example.org/a/very/lo</span><span class="invisible">ng/path?x=1</span></a> '
        'with <span class="h-card"><a href="https://mastodon.social/@ada" class="u-url mention">'
        '@<span>ada</span></a></span> <a href="https://mastodon.social/tags/python" '
        'class="mention hashtag" rel="tag">#<span>Python</span></a></p><p>Bye</p>'
    )
    result = node_text(parse_fragment(content))
    assert result.text == "Read https://example.org/a/very/long/path?x=1 with @ada #Python\n\nBye"
    assert [link.kind for link in result.links] == ["url", "mention", "hashtag"]
    assert result.links[1].expanded == "https://mastodon.social/@ada"


def test_link_text_hook_chooses_what_a_link_writes() -> None:
    content = (
        '<p>hi <a href="https://m.example/@ada" class="u-url mention">@<span>ada</span></a></p>'
    )

    def full_handle(link):
        return f"{link.text}@m.example" if link.kind == "mention" else link.text

    result = node_text(parse_fragment(content), link_text=full_handle)
    assert result.text == "hi @ada@m.example"
    assert result.links[0].text == "@ada@m.example"


def test_x_display_url_with_aria_hidden_scheme_keeps_the_tco_and_reports_it() -> None:
    # metascraper-x_profile_Kikobeats_2026.html: x.com writes no expansion into the DOM.
    markup = (
        '<div data-testid="tweetText"><span>It\'s online </span><a dir="ltr" '
        'href="https://t.co/KsUWDHBBTS" role="link"><span aria-hidden="true">https://</span>'
        "vercel.vercel.vercel.app</a></div>"
    )
    result = node_text(_node(markup))
    assert result.text == "It's online https://t.co/KsUWDHBBTS"
    assert result.unexpanded == ("https://t.co/KsUWDHBBTS",)
    assert result.links[0].shown == "vercel.vercel.vercel.app"


def test_relative_links_are_made_absolute_and_mentions_keep_their_text() -> None:
    markup = '<p><a href="/codemotion_es">@codemotion_es</a> <a href="/x/status/1">x.com/x/status/1</a></p>'
    result = node_text(_node(markup), base_url="https://x.com/k4rliky/status/9")
    assert result.text == "@codemotion_es https://x.com/x/status/1"
    assert result.links[0].expanded == "https://x.com/codemotion_es"


def test_prose_links_and_non_web_links_keep_their_words() -> None:
    markup = '<p><a href="https://example.com/">read the whole story</a> <a href="javascript:alert(1)">x.y</a></p>'
    result = node_text(_node(markup))
    assert result.text == "read the whole story x.y"
    assert [link.kind for link in result.links] == ["text", "text"]


def test_skip_leaves_out_chosen_descendants() -> None:
    markup = '<div class="tweet-content">own words<div class="quote">quoted words</div></div>'
    result = node_text(_node(markup), skip=lambda tag: "quote" in (tag.get("class") or []))
    assert result.text == "own words"


def test_visible_text_reads_links_as_their_caption() -> None:
    node = _node('<div><a href="/x"><span class="invisible">https://</span>e.com/x</a> name</div>')
    assert visible_text(node) == "e.com/x name"
    # A relative href with no base is no web address: the caption stays.
    assert link_of(node.a).kind == "text"
    assert link_of(node.a, base_url="https://e.com/").text == "https://e.com/x"


def test_nul_in_text_cannot_forge_a_line_break() -> None:
    node = _node("<p>a</p>")
    node.string = "a\x00line\x00b"
    assert "\n" not in node_text(node).text


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    soup = BeautifulSoup("", "html.parser")
    root = soup.new_tag("div")
    current = root
    for _ in range(20000):
        child = soup.new_tag("span")
        current.append(child)
        current = child
    current.append("deep")
    assert node_text(root).text == "deep"


def test_real_legacy_tweet_text_keeps_its_line_breaks() -> None:
    page = shared_sample("html/legacy/postlight-parser_twitter.com_KingBeyonceStan_2016.html")
    soup = BeautifulSoup(page.read_bytes(), "html.parser")
    texts = [node_text(p, whitespace="pre-line").text for p in soup.select("p.tweet-text")]
    assert (
        "Amy Lee:\n-The first white woman I ever loved.\n-Hauntingly beautiful timbre\n"
        "-She doesn't have the range." in texts
    )
    # The u-hidden pic.twitter.com link is the photo's, not prose.
    assert not any("pic.twitter.com" in text for text in texts)


_WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30
)


@given(
    st.lists(
        st.tuples(st.sampled_from(["span", "b", "a", "p", "br", "img", "i"]), _WORDS), max_size=12
    )
)
def test_text_never_has_edge_whitespace_or_more_than_one_blank_line(parts) -> None:
    markup = "".join(
        f"<{tag}>" if tag in ("br", "img") else f"<{tag} href='https://e.x/'>{text}</{tag}>"
        for tag, text in parts
    )
    text = node_text(parse_fragment(f"<div>{markup}</div>").div).text
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert " \n" not in text and "\n " not in text
