"""The use cases as library calls: what every command does, callable without the CLI."""

from __future__ import annotations

import io
import json
from datetime import date

import httpx
import pytest
from conftest import FIXTURES
from fetch_fakes import FixtureServer

import thread2article as t2a
from thread2article.errors import InputError, OutputError, ThreadSelectionError
from thread2article.model import Image, Video

NORTH = FIXTURES / "north-2022-03-08" / "input.json"
ARCHIVE = FIXTURES / "archive" / "new-era"
THREAD_URL = "https://x.com/fxwriter/status/1900000000000000002"
FX_ROUTES = {
    "api.fxtwitter.com/2/thread/1900000000000000002": "fxtwitter/2_thread_1900000000000000002.json"
}


def test_convert_a_file_bytes_and_standard_input_alike(monkeypatch) -> None:
    from_file = t2a.convert(NORTH)
    assert from_file.title.startswith("A Russian comrade") and len(from_file.post_ids) == 17
    assert t2a.convert(NORTH.read_bytes()) == from_file
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(NORTH.read_bytes())))
    assert t2a.convert("-") == from_file


def test_convert_takes_the_options_and_the_thread(tmp_path) -> None:
    article = t2a.convert(NORTH, t2a.Options(title="Mine", paragraphs="post"))
    assert article.title == "Mine"
    assert len([b for b in article.blocks if b.type == "paragraph"]) >= 17
    with pytest.raises(ThreadSelectionError, match="no thread holds post 42"):
        t2a.convert(NORTH, thread="42")


def _status(post_id: int, text: str, reply_to: int | None = None, to_user: str = "1") -> dict:
    return {
        "id_str": str(post_id),
        "full_text": text,
        "created_at": f"Fri Mar 06 13:0{post_id % 10}:05 +0000 2026",
        "user": {"id_str": "1", "screen_name": "me", "name": "Me"},
        "in_reply_to_status_id_str": str(reply_to) if reply_to else None,
        "in_reply_to_user_id_str": to_user if reply_to else None,
        "entities": {},
    }


def test_convert_prefers_the_authors_own_thread_over_a_reply_chain() -> None:
    statuses = [
        _status(11, "A reply to someone, which goes on", reply_to=5, to_user="2"),
        _status(12, "and on in a second post.", reply_to=11),
        _status(21, "My own thread starts here", reply_to=None),
        _status(22, "and ends here.", reply_to=21),
    ]
    source = json.dumps(statuses).encode()
    assert t2a.convert(source).post_ids == ("21", "22")
    # Asked for, the reply chain is there; with replies included, both are candidates.
    assert t2a.convert(source, thread="12").post_ids == ("11", "12")
    with pytest.raises(ThreadSelectionError, match="holds 2 threads"):
        t2a.convert(source, selection=t2a.Selection(include_replies=True))


def test_an_article_document_is_rendered_as_it_is(tmp_path) -> None:
    document = tmp_path / "north.json"
    document.write_text(t2a.render(t2a.convert(NORTH), "json"), encoding="utf-8")
    again = t2a.convert(document, t2a.Options(title="New", paragraphs="post"))
    assert again.title == "New" and again.blocks == t2a.convert(NORTH).blocks
    assert any("already reassembled" in warning for warning in again.warnings)
    with pytest.raises(ThreadSelectionError, match="holds no post 999"):
        t2a.convert(document, thread="999")


def test_source_warnings_travel_in_the_article() -> None:
    article = t2a.convert(FIXTURES / "archive" / "no-account", thread=None)
    assert any("no account.js" in warning for warning in article.warnings)


def test_convert_a_url_through_an_injected_client_and_download_its_media(tmp_path) -> None:
    server = FixtureServer(dict(FX_ROUTES))

    def media(request: httpx.Request) -> httpx.Response:
        kind = "video/mp4" if request.url.path.endswith(".mp4") else "image/jpeg"
        return httpx.Response(200, content=b"bytes", headers={"content-type": kind})

    server.routes["pbs.twimg.com/media/FxPhoto1.jpg"] = media
    server.routes["video.twimg.com/ext_tw_video/3/pu/vid/720x720/high.mp4"] = media
    notes: list[str] = []
    with server.client() as client:
        online = t2a.convert(THREAD_URL, client=client, notify=notes.append)
        local = t2a.convert(
            THREAD_URL, media_dir=tmp_path / "a_media", client=client, notify=notes.append
        )
    assert "fetched through fxtwitter in 1 request" in notes
    remote = [b.src for b in online.blocks if isinstance(b, (Image, Video))]
    relinked = [b.src for b in local.blocks if isinstance(b, (Image, Video))]
    assert remote and all(src.startswith("https://") for src in remote)
    assert len(relinked) == len(remote) and all(src.startswith("a_media/") for src in relinked)
    assert all((tmp_path / src).is_file() for src in relinked)


def test_a_failed_download_keeps_the_online_link_and_says_so(tmp_path) -> None:
    server = FixtureServer(dict(FX_ROUTES))  # media answer 404
    with server.client() as client:
        article = t2a.convert(THREAD_URL, media_dir=tmp_path / "m", client=client)
    sources = [b.src for b in article.blocks if isinstance(b, (Image, Video))]
    assert sources and all(src.startswith("https://") for src in sources)
    assert any("was not downloaded" in warning for warning in article.warnings)


def test_save_thread_refuses_an_existing_file_before_fetching(tmp_path) -> None:
    server = FixtureServer(dict(FX_ROUTES))
    saved = tmp_path / "t.jsonl"
    with server.client() as client:
        t2a.save_thread(THREAD_URL, saved, client=client)
        count = len(server.requests)
        with pytest.raises(OutputError, match="already exists"):
            t2a.save_thread(THREAD_URL, saved, client=client)
    assert len(server.requests) == count
    assert t2a.convert(saved).blocks == t2a.convert(THREAD_URL, client=server.client()).blocks


def test_write_article_writes_its_outputs_or_returns_the_text(tmp_path) -> None:
    shown = t2a.write_article(NORTH, "html")
    assert shown.files == () and shown.text is not None and "<article" in shown.text
    target, decisions = tmp_path / "north.md", tmp_path / "north.decisions.yaml"
    written = t2a.write_article(NORTH, output=target, decisions_out=decisions)
    assert written.text is None and written.files == (decisions, target)
    assert target.read_text(encoding="utf-8") == t2a.render(written.article, "markdown")
    assert "boundaries:" in decisions.read_text(encoding="utf-8")
    # The decisions written, given back, reproduce the article.
    assert t2a.write_article(NORTH, decisions_file=decisions).text == target.read_text("utf-8")
    with pytest.raises(OutputError, match="already exists"):
        t2a.write_article(NORTH, output=target)
    same = tmp_path / "same.md"
    with pytest.raises(InputError, match="same file"):
        t2a.write_article(NORTH, output=same, decisions_out=same)
    with pytest.raises(InputError, match="give one with -o"):
        t2a.write_article(NORTH, output="-", download_media=True)
    assert not same.exists()


def test_write_article_checks_every_output_before_fetching(tmp_path) -> None:
    server = FixtureServer(dict(FX_ROUTES))
    (tmp_path / "taken.yaml").write_text("mine", encoding="utf-8")
    with server.client() as client, pytest.raises(OutputError, match="already exists"):
        t2a.write_article(
            THREAD_URL,
            output=tmp_path / "new.md",
            decisions_out=tmp_path / "taken.yaml",
            client=client,
        )
    assert server.requests == [] and not (tmp_path / "new.md").exists()


def test_list_threads_filters_by_selection() -> None:
    everything = t2a.list_threads(ARCHIVE, t2a.Selection(min_posts=1))
    default = t2a.list_threads(ARCHIVE)
    assert len(everything) > len(default) and all(item.posts >= 2 for item in default)
    assert [s.root_id for s in t2a.list_threads(ARCHIVE, t2a.Selection(min_posts=3))] == [
        s.root_id for s in default if s.posts >= 3
    ]
    day = default[0].published.date()
    assert all(
        s.published.date() >= day for s in t2a.list_threads(ARCHIVE, t2a.Selection(since=day))
    )
    assert t2a.list_threads(ARCHIVE, t2a.Selection(until=date(2000, 1, 1))) == []
    assert t2a.list_threads(NORTH, t2a.Selection(search="trotskyist"))
    assert t2a.list_threads(NORTH, t2a.Selection(search="bananas")) == []


def test_a_selection_refuses_a_count_below_one() -> None:
    with pytest.raises(InputError, match="min_posts must be at least 1"):
        t2a.Selection(min_posts=0)


def test_export_archive_takes_the_selection(tmp_path) -> None:
    listed = t2a.list_threads(ARCHIVE, t2a.Selection(min_posts=3))
    summary = t2a.export_archive(ARCHIVE, tmp_path / "out", selection=t2a.Selection(min_posts=3))
    assert summary.articles == len(listed)
    none = t2a.export_archive(
        ARCHIVE, tmp_path / "none", selection=t2a.Selection(until=date(2000, 1, 1))
    )
    assert none.articles == 0 and none.index is not None
    with pytest.raises(InputError, match="every thread"):
        t2a.export_archive(ARCHIVE, tmp_path / "x", selection=t2a.Selection(thread="1"))


def test_is_live_only_for_urls_and_ids_that_are_no_file(tmp_path, monkeypatch) -> None:
    from thread2article.library import is_live

    assert is_live(THREAD_URL) and is_live("1900000000000000002")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "123").write_text("{}", encoding="utf-8")
    assert not is_live("123") and not is_live("-") and not is_live(b"{}")
