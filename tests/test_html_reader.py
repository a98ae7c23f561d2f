"""The web page reader (sources/html/): every page kind from the real samples, threads told
apart on pages that do not mark them, bad input, and a golden `thread.json` per html-* case (what
the reader made of the page, before reassembly; the article goldens are in test_goldens.py)."""

from __future__ import annotations

import difflib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import FIXTURES, shared_sample
from markdown_it import MarkdownIt
from typer.testing import CliRunner

import thread2article as t2a
from thread2article.cli import app
from thread2article.errors import InputError
from thread2article.model import Thread
from thread2article.sources.detect import READERS, as_input, reader_for
from thread2article.sources.html import read_page
from thread2article.sources.html.page import numbering_of, snowflake_time

HTML_CASES = sorted(path for path in FIXTURES.glob("html-*") if any(path.glob("input.*")))


def _thread_dict(thread: Thread, warnings: list[str]) -> dict:
    def author(value) -> dict | None:
        if value is None:
            return None
        return {"id": value.id, "handle": value.handle, "name": value.name}

    return {
        "warnings": warnings,
        "posts": [
            {
                "id": post.id,
                "author": author(post.author),
                "created_at": t2a.model.iso_utc(post.created_at),
                "reply_to": post.reply_to,
                "url": post.url,
                "text": post.text,
                "media": [
                    {"kind": item.kind, "url": item.url, "alt": item.alt, "poster": item.poster}
                    for item in post.media
                ],
                "quote": None
                if post.quote is None
                else {
                    "id": post.quote.id,
                    "url": post.quote.url,
                    "author": author(post.quote.author),
                    "text": post.quote.text,
                },
            }
            for post in thread.posts
        ],
    }


def _case_thread(case: Path) -> tuple[Thread, list[str]]:
    options = case / "options.json"
    thread_id = json.loads(options.read_text())["thread"] if options.exists() else None
    source = t2a.load(next(case.glob("input.*")))
    return t2a.select_thread(t2a.find_threads(source), thread_id), source.warnings


@pytest.mark.parametrize("case", HTML_CASES, ids=lambda path: path.name)
def test_thread_golden(case: Path, update_goldens: bool) -> None:
    thread, warnings = _case_thread(case)
    actual = json.dumps(_thread_dict(thread, warnings), ensure_ascii=False, indent=2) + "\n"
    expected_path = case / "thread.json"
    if update_goldens:
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"{expected_path} is missing; run pytest --update-goldens"
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), actual.splitlines(True), str(expected_path), "actual"
            )
        )
        pytest.fail(f"{case.name}/thread.json differs from its golden file:\n{diff}")


# --- kinds -------------------------------------------------------------------------------------


def test_embed_thread_of_eight_posts_in_time_order_with_the_unrelated_post_apart() -> None:
    source = t2a.load(FIXTURES / "html-embed-hermes" / "input.md")
    threads = t2a.find_threads(source)
    sizes = sorted(len(thread.posts) for thread in threads)
    assert sizes == [1, 8]
    (thread,) = [thread for thread in threads if len(thread.posts) == 8]
    assert thread.post_ids[0] == "1371213511339208707"
    assert thread.post_ids[-1] == "1371230363788439559"
    # The attribution has the handle only: the name stays empty and the handle stands in.
    assert thread.author.handle == "wolframkriesing"
    assert thread.author.name == ""
    # Time from the snowflake, not the day-only "March 14, 2021".
    # (PROVENANCE: the thread ran 21:35-22:42 UTC by snowflake time.)
    assert thread.root.created_at == datetime(2021, 3, 14, 21, 35, 51, 675000, tzinfo=UTC)


def test_mixed_page_keeps_unrelated_posts_by_the_same_author_apart() -> None:
    source = t2a.load(FIXTURES / "html-embed-mixed" / "input.md")
    threads = t2a.find_threads(source)
    assert len(threads) == 9
    (thread,) = [thread for thread in threads if len(thread.posts) > 1]
    assert thread.post_ids == ("1336038292664578049", "1336042861004025861", "1336043484571119616")
    assert thread.author.name == "Wolfram (JS-- HTML++ CSS++) Kriesing"
    # Two unnumbered posts 16 minutes apart (1262736975280275456, 1262740869670531073) stay apart.
    lone = {thread.root.id for thread in threads if len(thread.posts) == 1}
    assert {"1262736975280275456", "1262740869670531073"} <= lone


def test_out_of_order_page_reads_in_id_order() -> None:
    paged = t2a.select_thread(
        t2a.find_threads(t2a.load(FIXTURES / "html-embed-out-of-order" / "input.html"))
    )
    original = t2a.find_threads(t2a.load(FIXTURES / "html-embed-hermes" / "input.md"))
    (in_order,) = [thread for thread in original if len(thread.posts) == 8]
    assert paged.post_ids == in_order.post_ids
    assert [post.text for post in paged.posts] == [post.text for post in in_order.posts]


def test_legacy_permalink_page_follows_its_structure() -> None:
    source = t2a.load(FIXTURES / "html-legacy-thread" / "input.html")
    assert "legacy" in source.format_name
    thread = t2a.select_thread(t2a.find_threads(source))
    assert len(thread.posts) == 10
    assert thread.root.id == "745085351287455744"
    assert thread.post_ids[1] == "745276948213968896"
    assert thread.author.id == "2282968136" or thread.author.id.isdigit()
    # Replies by others are in the source but in no thread of the author's.
    assert len(source.posts) == 12
    assert (
        t2a.reassemble(thread, t2a.Options()).published
        == datetime(2016, 6, 21, 2, 46, 3, 685000, tzinfo=UTC)
        or thread.root.created_at is not None
    )


def test_legacy_spanish_page_expands_links_and_reads_emoji() -> None:
    page = shared_sample("html/legacy/metascraper-video_tweet_developit_2018.html")
    source = t2a.load(page)
    (focal,) = [post for post in source.posts if post.id == "955905369242513414"]
    assert "📣 Announcing... Karmatic!\n🦑 Easy automatic" in focal.text
    assert "http://github.com/developit/karmatic" in focal.text
    assert "t.co" not in focal.text
    assert any("video or GIF" in warning for warning in source.warnings)


def test_nitter_status_page_reads_the_main_post_and_its_quote() -> None:
    source = t2a.load(FIXTURES / "html-nitter" / "input.html")
    thread = t2a.select_thread(t2a.find_threads(source))
    post = thread.root
    assert post.id == "1258657263948005377"
    assert (post.author.handle, post.author.name) == ("AktionUnterholz", "Aktion Unterholz")
    assert post.text.startswith("Auch um 9:00 sind die in #Lützerath")
    assert "keine Infos ab.Lasst die Leute frei!\n#StopRepression" in post.text
    assert post.quote is not None and post.quote.id == "1258562383129214976"
    assert post.quote.url == "https://x.com/HambiBleibt/status/1258562383129214976"
    # The replies by others are posts of the page but never the author's thread.
    assert len(source.posts) == 4
    assert all(len(t.posts) == 1 for t in t2a.find_threads(source, include_replies=True))


def test_x_quote_post_keeps_the_quoted_post_apart() -> None:
    source = t2a.load(FIXTURES / "html-x-quote" / "input.html")
    (post,) = source.posts
    assert post.author.handle == "TestQuoter"
    assert post.quote is not None and post.quote.author is not None
    assert post.quote.author.handle == "OriginalAuthor"
    assert post.quote.text and post.quote.text not in post.text
    assert post.created_at == snowflake_time("1983130065320780162")


def test_x_conversation_links_the_self_reply_and_keeps_answers_to_others_out() -> None:
    source = t2a.load(FIXTURES / "html-x-conversation" / "input.html")
    thread = t2a.select_thread(t2a.find_threads(source))
    assert thread.post_ids == ("934482867480121345", "934489913818525696")
    assert thread.root.text.endswith("😍@ladyCircus")
    assert thread.root.media and thread.root.media[0].alt == ""  # X's default alt "Image"
    # The author's answer to @BytesAndHumans (not on the page) is context, never a thread.
    assert [post.id for post in source.context] == ["934824560301629441"]


def test_x_profile_page_with_pretty_printed_markup() -> None:
    page = shared_sample("html/x-dom/metascraper-x_profile_Kikobeats_2026.html")
    source = t2a.load(page)
    texts = {post.id: post.text for post in source.posts}
    assert texts["1759241476758733209"] == (
        "Making some @microlinkhq t-shirts, oversized style.\nPing me if you want one!"
    )
    assert texts["1987508451887784324"].startswith("Estoy viajando por China 🇨🇳 y es GAME OVER.\n")
    # The profile's schema.org data gives the account's numeric id.
    assert {post.author.id for post in source.posts} == {"101198215"}
    # Far apart in time: three single posts, the pinned one first on the page but not in time.
    threads = t2a.find_threads(source)
    assert [thread.root.id for thread in threads] == [
        "1759241476758733209",
        "1935738866390253649",
        "1987508451887784324",
    ]


def test_thread_reader_unroll_from_the_blog_with_separators() -> None:
    page = shared_sample("html/threadreader/weizman_2020-02-02-scuttling.md")
    thread = t2a.select_thread(t2a.find_threads(t2a.load(page)))
    assert len(thread.posts) == 11
    assert thread.root.id == "1674751159003914240"
    assert thread.author.handle == "WeizmanGal"
    assert thread.root.text.startswith("MetaMask 🦊 is an amazing app")
    # The link Thread Reader hid behind its preview card is still the post's.
    assert any(
        "https://github.com/LavaMoat/LavaMoat#how-lavamoat-works" in post.text
        for post in thread.posts
    )
    assert not any("adsbygoogle" in post.text for post in thread.posts)


def test_thread_reader_unroll_without_author_or_ids() -> None:
    page = shared_sample("html/threadreader/papertweeter_2020-01-24-threadapp-dump.md")
    source = t2a.load(page)
    thread = t2a.select_thread(t2a.find_threads(source))
    assert len(thread.posts) == 9
    assert thread.root.text.startswith("My new paper with @NicolasPapernot and @GeoffreyHinton")
    assert "https://arxiv.org/abs/1902.01889" in thread.root.text
    assert any("does not name its author" in warning for warning in source.warnings)
    media = [item for post in thread.posts for item in post.media]
    assert any(item.kind == "animated_gif" for item in media)
    # The lazy-loaded photo is read from data-src, never the 1px placeholder.
    assert not any("1px" in item.url for item in media)


# --- rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello\n\n1/", 1),
        ("2/ and more", 2),
        ("text\n\n/5", 5),
        ("the end\n\n8/8", 8),
        ("code\n\n3/#javascript #jest", 3),
        ("(4/10) words", 4),
        ("no number here", None),
        ("on 24/7 duty", None),
    ],
)
def test_numbering(text: str, expected: int | None) -> None:
    found = numbering_of(text)
    assert (found.number if found else None) == expected


def test_snowflake_time_and_old_ids() -> None:
    assert snowflake_time("1371213511339208707") == datetime(
        2021, 3, 14, 21, 35, 51, 675000, tzinfo=UTC
    )
    assert snowflake_time("20") is None
    assert snowflake_time("abc") is None


def test_page_without_posts_names_the_file_and_the_kinds(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><p>Nothing to see</p></body></html>")
    with pytest.raises(InputError) as caught:
        t2a.load(page)
    message = str(caught.value)
    assert message.startswith(str(page))
    assert "blockquote.twitter-tweet" in message and "Nitter" in message
    assert "\n" not in message


def test_cli_names_the_page_in_one_line(tmp_path: Path) -> None:
    page = tmp_path / "notes.md"
    page.write_text("# Notes\n\n<div>no posts here</div>\n")
    result = CliRunner().invoke(app, ["convert", str(page)])
    assert result.exit_code == 2
    assert "notes.md" in result.output and "Traceback" not in result.output


def test_malformed_html_is_read_as_browsers_read_it() -> None:
    # An unclosed <b> and <blockquote>, a stray end tag, unquoted attributes, no <html>.
    page = (
        b"<blockquote class=twitter-tweet><p lang=en>first line<br>second <b>bold</span></p>"
        b"&mdash; Ada (@ada) <a href=https://twitter.com/ada/status/1371213511339208707>March 14, 2021</a>"
    )
    (post,) = read_page(page, "broken.html").posts
    assert post.text == "first line\nsecond bold"
    assert (post.author.name, post.author.handle) == ("Ada", "ada")


def test_page_sniffed_by_content_whatever_its_name(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_bytes((FIXTURES / "html-nitter" / "input.html").read_bytes())
    assert reader_for(as_input(page)).name == "html"
    json_file = tmp_path / "page.html"
    json_file.write_text('{"data": []}')
    assert reader_for(as_input(json_file)).name == "json"
    assert [reader.name for reader in READERS].index("html") < [
        reader.name for reader in READERS
    ].index("json")


def test_folder_of_pages_for_archive(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for case in ("html-embed-hermes", "html-legacy-thread"):
        source = next((FIXTURES / case).glob("input.*"))
        (pages / f"{case}{source.suffix}").write_bytes(source.read_bytes())
    (pages / "about.html").write_text("<html><body><p>About me</p></body></html>")
    source = t2a.load(pages)
    sizes = sorted(len(thread.posts) for thread in t2a.find_threads(source, min_posts=2))
    assert sizes == [8, 10]
    assert any("about.html" in warning and "no posts" in warning for warning in source.warnings)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["archive", str(pages), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in out.glob("*.md"))
    assert any(name.startswith("2016-06-21") for name in written)
    assert any(name.startswith("2021-03-14") for name in written)


def test_threads_and_thread_selection_on_a_mixed_page() -> None:
    page = str(FIXTURES / "html-embed-mixed" / "input.md")
    listed = CliRunner().invoke(app, ["threads", page, "--json"])
    assert listed.exit_code == 0, listed.output
    assert "1336038292664578049" in listed.output
    chosen = CliRunner().invoke(app, ["convert", page, "--thread", "1336043484571119616"])
    assert chosen.exit_code == 0, chosen.output
    assert "const defaultNowFn" in chosen.output
    assert "jest.mock" not in chosen.output


def test_hostile_markup_in_post_text_is_escaped_in_every_output() -> None:
    page = (
        b'<blockquote class="twitter-tweet"><p>&lt;script&gt;alert(1)&lt;/script&gt; '
        b"&lt;img src=x onerror=alert(2)&gt; [click](javascript:alert(3))</p>&mdash; Eve (@eve) "
        b'<a href="https://twitter.com/eve/status/1371213511339208707">March 14, 2021</a></blockquote>'
    )
    thread = t2a.select_thread(t2a.find_threads(read_page(page, "hostile.html")))
    assert "<script>" in thread.root.text  # the reader keeps the words as written
    article = t2a.reassemble(thread, t2a.Options())
    html = t2a.render(article, "html", t2a.Options())
    assert "<script>alert" not in html and "<img src=x" not in html
    markdown = MarkdownIt().render(t2a.render(article, "markdown", t2a.Options()))
    assert "<script" not in markdown and "<img" not in markdown
    assert 'href="javascript:' not in markdown
    assert json.loads(t2a.render(article, "json", t2a.Options()))["blocks"]


# ---- how the bytes of a page are decoded -----------------------------------------------------------


def test_an_undeclared_utf8_page_is_read_as_utf8_whatever_a_guess_says() -> None:
    # The hermes embeds inside markup the property test made up, with a NUL byte in it: bs4's
    # own guess read the page as windows-1250 ("can’t" as "canâ€™t").
    page = (FIXTURES / "html-encoding" / "utf8-undeclared.html").read_bytes()
    texts = {post.id: post.text for post in read_page(page, "page.html").posts}
    assert texts["1371227632105324548"].startswith("I definitely can’t draw any conclusion")
    assert not any("â€" in text for text in texts.values())


def _embed(body: str) -> str:
    return (
        f'<blockquote class="twitter-tweet"><p lang="fr" dir="ltr">{body}</p>&mdash; @someone '
        '<a href="https://twitter.com/someone/status/1371227632105324548">March 14, 2021</a>'
        "</blockquote>"
    )


def test_a_declared_encoding_still_decides() -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body>{_embed("Un café.")}</body>'
    (post,) = read_page(page.encode("cp1252"), "page.html").posts
    assert post.text == "Un café."


def test_bytes_that_are_no_utf8_are_still_read() -> None:
    (post,) = read_page(_embed("Un café.").encode("cp1252"), "page.html").posts
    assert post.text.startswith("Un caf")
