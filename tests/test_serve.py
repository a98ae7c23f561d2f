"""The review page's routes, through Starlette's test client: opening, reviewing, taking away, and
the safety rules (token, same origin, host, CSP, upload limits, archive rules, nothing on disk)."""

from __future__ import annotations

import io
import json
import re
import tempfile
import warnings
import zipfile
from html import unescape
from pathlib import Path

import pytest

pytest.importorskip("starlette")
# Starlette asks for httpx2 in its test client; httpx still works, and the project uses it.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from html_inspect import active_content_problems, parse  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

import thread2article as t2a  # noqa: E402
from thread2article.reassemble.decisions import load_decisions  # noqa: E402
from thread2article.serve.app import PAGE_CSP, create_app  # noqa: E402
from thread2article.serve.opening import Fetched  # noqa: E402
from thread2article.serve.review import locate_posts  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "fixtures" / "north-2022-03-08" / "input.json"
HOSTILE = REPO / "fixtures" / "hostile-content" / "input.json"
ARCHIVE = REPO / "fixtures" / "archive" / "new-era"
TOKEN = "test-token"
HOST = "testserver"


def make_client(**kwargs) -> TestClient:
    app = create_app(token=TOKEN, allowed_hosts=(HOST,), **kwargs)
    return TestClient(app, base_url=f"http://{HOST}")


def upload(client: TestClient, name: str, data: bytes, token: str = TOKEN):
    return client.post(
        "/upload",
        data={"token": token},
        files={"file": (name, data, "application/octet-stream")},
        follow_redirects=False,
    )


def open_demo(client: TestClient) -> str:
    response = upload(client, "input.json", DEMO.read_bytes())
    assert response.status_code == 303, response.text
    return response.headers["location"]


def demo_article(decisions=None):
    thread = t2a.select_thread(t2a.find_threads(t2a.load(DEMO)))
    return thread, t2a.reassemble(thread, t2a.Options(), decisions)


def boundary_marks(html: str) -> list[dict[str, str]]:
    marks = []
    for tag in re.findall(r"<(?:button|span)\b[^>]*class=\"boundary[^\"]*\"[^>]*>", html):
        attributes = re.findall(r'data-([a-z-]+)="([^"]*)"', tag)
        marks.append({name: unescape(value) for name, value in attributes})
    return marks


def change(client: TestClient, page: str, action: str, body: dict, token: str = TOKEN):
    return client.post(f"{page}/{action}", json=body, headers={"X-T2A-Token": token})


def test_home_page_has_the_token_the_csp_and_no_inline_script():
    client = make_client()
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == PAGE_CSP
    assert "script-src 'self'" in PAGE_CSP and "unsafe-inline" not in PAGE_CSP.split("style-src")[0]
    assert f'<meta name="t2a-token" content="{TOKEN}">' in response.text
    assert re.findall(r"<script[^>]*>", response.text) == ['<script src="/static/serve.js" defer>']
    assert '<input type="file"' in response.text
    assert client.get("/static/serve.js").status_code == 200
    assert client.get("/static/article.css").text.strip().startswith(":root")
    assert client.get("/favicon.ico").headers["content-type"].startswith("image/svg")


def test_the_demo_thread_opens_with_a_control_at_every_boundary():
    client = make_client()
    page = open_demo(client)
    thread, article = demo_article()
    assert page.endswith(f"/t/{thread.root.id}")
    html = client.get(page).text
    marks = boundary_marks(html)
    assert [mark["after"] for mark in marks] == [b.before_id for b in article.boundaries]
    assert [mark["decision"] for mark in marks] == [b.decision for b in article.boundaries]
    assert {mark["decision"] for mark in marks} <= {
        "join-word",
        "join",
        "same-paragraph",
        "new-paragraph",
        "gap",
    }
    # Each control sits where the next post's text begins, inside the writer's <article>.
    article_html = html.split('<div id="article">', 1)[1]
    assert article_html.lstrip().startswith("<article>")
    for boundary in article.boundaries:
        after = re.search(
            rf'data-after="{boundary.before_id}"[^>]*>[^<]*</button>([^<]{{0,30}})', article_html
        )
        assert after is not None
        assert after.group(1).split()[:1] == boundary.after_text.split()[:1]
    # The rule and the signals are there to hover over.
    first = marks[0]
    assert first["rule"] == article.boundaries[0].rule
    assert first["signals"] == ", ".join(article.boundaries[0].signals)


def test_flipping_a_boundary_and_the_title_is_what_the_decisions_file_reproduces():
    client = make_client()
    page = open_demo(client)
    thread, article = demo_article()
    first, second = article.boundaries[0], article.boundaries[1]
    cycle = ["join", "join-word", "same-paragraph", "new-paragraph"]
    flipped = cycle[(cycle.index(first.decision) + 1) % 4]
    response = change(client, page, "decide", {"after": first.before_id, "decision": flipped})
    assert response.status_code == 200, response.text
    state = response.json()
    assert state["boundaries"][0] == {
        "after": first.before_id,
        "decision": flipped,
        "rule_decision": first.decision,
        "changed": True,
    }
    assert f'data-after="{first.before_id}"' in state["article"]
    response = change(client, page, "decide", {"after": second.before_id, "decision": "join-word"})
    assert response.status_code == 200
    response = change(client, page, "title", {"title": "  A   reviewed title "})
    assert response.json()["title"] == "A reviewed title"
    assert "2 changed by you" in response.json()["state"]

    markdown = client.get(f"{page}/export/markdown").text
    assert markdown.startswith("# A reviewed title\n")
    decisions_file = client.get(f"{page}/export/decisions?download=1")
    assert decisions_file.headers["content-disposition"].startswith("attachment; filename=")
    decisions = load_decisions(decisions_file.text, "downloaded")
    assert decisions.title == "A reviewed title"
    chosen = {choice.after: choice.decision for choice in decisions.boundaries}
    assert chosen[first.before_id] == flipped and chosen[second.before_id] == "join-word"
    # What convert --decisions does with that file: the same Markdown, to the byte.
    _, again = demo_article(decisions)
    assert t2a.render(again, "markdown") == markdown
    assert client.get(f"{page}/export/json").json()["title"] == "A reviewed title"
    assert client.get(f"{page}/export/fragment").text.lstrip().startswith("<article>")

    # Choosing what the rules chose drops the override; reset drops everything.
    change(client, page, "decide", {"after": first.before_id, "decision": first.decision})
    state = change(client, page, "reset", {}).json()
    assert not any(b["changed"] for b in state["boundaries"])
    assert client.get(f"{page}/export/markdown").text == t2a.render(article, "markdown")


def test_bad_changes_are_one_clear_error():
    client = make_client()
    page = open_demo(client)
    assert change(client, page, "decide", {"after": "1", "decision": "join"}).status_code == 400
    _, article = demo_article()
    after = article.boundaries[0].before_id
    response = change(client, page, "decide", {"after": after, "decision": "gap"})
    assert response.status_code == 400 and "unknown decision" in response.json()["error"]
    assert change(client, page, "nonsense", {}).status_code == 400
    assert change(client, page, "title", {"title": 3}).status_code == 400


def test_every_state_change_needs_the_token_and_the_same_origin():
    client = make_client()
    page = open_demo(client)
    _, article = demo_article()
    body = {"after": article.boundaries[0].before_id, "decision": "new-paragraph"}
    assert change(client, page, "decide", body, token="guess").status_code == 403
    assert client.post(f"{page}/decide", json=body).status_code == 403
    cross = client.post(
        f"{page}/decide",
        json=body,
        headers={"X-T2A-Token": TOKEN, "Origin": "http://evil.example"},
    )
    assert cross.status_code == 403
    cross_site = client.post(
        f"{page}/decide",
        json=body,
        headers={"X-T2A-Token": TOKEN, "Sec-Fetch-Site": "cross-site"},
    )
    assert cross_site.status_code == 403
    same = client.post(
        f"{page}/decide",
        json=body,
        headers={"X-T2A-Token": TOKEN, "Origin": f"http://{HOST}", "Sec-Fetch-Site": "same-origin"},
    )
    assert same.status_code == 200
    # The upload form carries the token as a field.
    assert upload(client, "input.json", DEMO.read_bytes(), token="guess").status_code == 403


def test_only_the_local_host_names_are_answered():
    client = make_client()
    assert client.get("/", headers={"host": "rebound.example"}).status_code == 400


def test_a_post_url_goes_through_the_fetcher_and_a_path_never_does():
    asked: list[str] = []

    def fetcher(source: str) -> Fetched:
        asked.append(source)
        return Fetched(
            responses=[json.loads(DEMO.read_text())],
            post_id="1501197694794133539",
            warnings=("fetched by a fake",),
        )

    client = make_client(fetcher=fetcher)
    url = "https://x.com/DavidNorthWSWS/status/1501197694794133539"
    response = client.post("/open", data={"token": TOKEN, "source": url}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].endswith("/t/1501196583303573504")
    assert asked == [url]
    for path in ("/etc/passwd", str(DEMO), "../fixtures/north-2022-03-08/input.json"):
        refused = client.post("/open", data={"token": TOKEN, "source": path})
        assert refused.status_code == 400
        assert "not a post URL or id" in refused.text
    assert asked == [url]
    assert client.post("/open", data={"token": "x", "source": url}).status_code == 403


def test_a_failed_fetch_is_one_line_on_the_page():
    def fetcher(source: str) -> Fetched:
        raise t2a.FetchError("no network: check your connection", source=source)

    client = make_client(fetcher=fetcher)
    response = client.post("/open", data={"token": TOKEN, "source": "1501197694794133539"})
    assert response.status_code == 502
    assert "1501197694794133539: no network: check your connection" in response.text


def test_bad_uploads_say_what_is_wrong_and_name_only_the_uploaded_file():
    client = make_client()
    response = upload(client, "broken.json", b'{"data": [')
    assert response.status_code == 400
    message = re.search(r'<p class="error" role="alert">([^<]*)</p>', response.text).group(1)
    assert message.startswith("broken.json: invalid JSON at line 1")
    assert str(REPO) not in response.text and tempfile.gettempdir() not in response.text
    response = upload(client, "empty.json", b"  ")
    assert response.status_code == 400 and "empty.json: the file is empty" in response.text
    response = client.post(
        "/upload", data={"token": TOKEN}, files={"other": ("", b"", "text/plain")}
    )
    assert response.status_code == 400


def test_an_upload_over_the_limit_is_refused():
    client = make_client(max_upload=1024)
    response = upload(client, "big.json", b"[" + b" " * 4096 + b"]")
    assert response.status_code == 413
    assert "larger than the upload limit" in response.text


def test_an_upload_is_never_written_to_disk(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a temporary file was created")

    for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    client = make_client()
    # Over Starlette's 1 MiB spooling threshold: padding after the JSON value is whitespace.
    data = DEMO.read_bytes() + b" " * (2 * 1024**2)
    assert upload(client, "input.json", data).status_code == 303


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _archive_zip() -> bytes:
    return _zip(
        {
            f"twitter-archive/{path.relative_to(ARCHIVE).as_posix()}": path.read_bytes()
            for path in sorted(ARCHIVE.rglob("*"))
            if path.is_file()
        }
    )


def test_an_archive_zip_is_read_in_memory_and_lists_its_threads():
    client = make_client()
    response = upload(client, "twitter-archive.zip", _archive_zip())
    assert response.status_code == 303, response.text
    expected = t2a.find_threads(t2a.load(ARCHIVE))
    location = response.headers["location"]
    listing = client.get(location)
    multi = [thread for thread in expected if len(thread.posts) > 1]
    if len(multi) > 1:
        assert re.fullmatch(r"/s/[\w-]+", location)
        rows = re.findall(r'data-thread="(\d+)"', listing.text)
        assert sorted(rows) == sorted(thread.root.id for thread in multi)
        word = multi[0].posts[-1].text.split()[0]
        found = client.get(f"{location}?q={word}&partial=1")
        assert multi[0].root.id in re.findall(r'data-thread="(\d+)"', found.text)
        assert client.get(f"{location}?q=zzzzqqqnothing").text.count("data-thread=") == 0
        location = f"{location}/t/{multi[0].root.id}"
    page = client.get(location)
    assert page.status_code == 200
    assert boundary_marks(page.text)


def test_an_unsafe_zip_is_refused_with_the_archive_rules():
    client = make_client()
    evil = _zip({"../data/tweets.js": b"window.YTD.tweets.part0 = []"})
    response = upload(client, "evil.zip", evil)
    assert response.status_code == 400
    assert "evil.zip: refusing zip entry" in response.text
    other = upload(client, "photos.zip", _zip({"a.txt": b"hello"}))
    assert other.status_code == 400 and "not an X account archive" in other.text


def test_a_hostile_thread_is_inert_on_the_page():
    client = make_client()
    response = upload(client, "input.json", HOSTILE.read_bytes())
    assert response.status_code == 303
    html = client.get(response.headers["location"]).text
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/serve.js" defer>']
    article = next(e for e in parse(html).iter() if e.attrs.get("id") == "article")
    assert active_content_problems(article) == []
    assert "<script>alert('x')</script>" in article.text()
    assert boundary_marks(html)


def test_the_preview_is_the_published_page_under_a_sandboxing_csp():
    client = make_client()
    page = open_demo(client)
    preview = client.get(f"{page}/preview")
    assert preview.status_code == 200
    policy = preview.headers["content-security-policy"]
    assert "sandbox" in policy and "script-src" not in policy and "default-src 'none'" in policy
    _, article = demo_article()
    assert preview.text == t2a.render(article, "html")


def test_markers_removed_can_be_restored_and_removed_again():
    client = make_client()
    response = upload(client, "input.json", HOSTILE.read_bytes())
    page = response.headers["location"]
    html = client.get(page).text
    markers = re.findall(r'data-post="(\d+)" data-marker="([^"]*)" data-kept="false"', html)
    # The 🧵 that closes the first post.
    assert markers == [("1700000000000000001", "🧵")]
    post, text = markers[0]
    text = unescape(text)
    before = client.get(f"{page}/export/markdown").text
    state = change(client, page, "marker", {"post": post, "text": text, "keep": True}).json()
    assert 'data-kept="true"' in state["state"]
    kept = client.get(f"{page}/export/decisions").text
    decisions = load_decisions(kept)
    assert {(m.post, m.text) for m in decisions.keep_markers} == {(post, text)}
    restored = client.get(f"{page}/export/markdown").text
    assert restored != before
    thread = t2a.select_thread(t2a.find_threads(t2a.load(HOSTILE)))
    assert t2a.render(t2a.reassemble(thread, t2a.Options(), decisions), "markdown") == restored
    change(client, page, "marker", {"post": post, "text": text, "keep": False})
    assert client.get(f"{page}/export/markdown").text == before
    bad = change(client, page, "marker", {"post": post, "text": "not a marker", "keep": True})
    assert bad.status_code == 400


def test_unknown_pages_and_sources_are_a_page_not_a_traceback():
    client = make_client()
    response = client.get("/s/nothing")
    assert response.status_code == 404 and "no longer open" in response.text
    page = open_demo(client)
    assert client.get(page.rsplit("/", 1)[0] + "/123").status_code == 404
    assert client.get(f"{page}/export/pdf").status_code == 404


def test_locate_posts_searches_in_order_so_a_repeated_phrase_is_not_taken_for_an_earlier_post():
    whole = "The cat sat. The cat sat. Then it left.\0Another paragraph."
    texts = [
        ("1", "The cat sat."),
        ("2", "The cat sat."),
        ("3", "Then it left."),
        ("4", "Another paragraph."),
    ]
    places = locate_posts(texts, whole)
    assert places == {"1": 0, "2": 13, "3": 26, "4": 40}
    # A post whose start was rewritten (a list line lost its "1. ") is still found by its words.
    assert locate_posts([("1", "Intro"), ("2", "1. first item")], "Intro\0first item") == {
        "1": 0,
        "2": 6,
    }


def test_a_gap_is_marked_but_cannot_be_chosen():
    client = make_client()
    source = REPO / "fixtures" / "missing-middle-post" / "input.json"
    response = upload(client, "input.json", source.read_bytes())
    page = response.headers["location"]
    thread = t2a.select_thread(t2a.find_threads(t2a.load(source)))
    article = t2a.reassemble(thread)
    gaps = [b for b in article.boundaries if b.decision == "gap"]
    assert gaps, "the fixture has a missing post"
    html = client.get(page).text
    marks = {mark["after"]: mark for mark in boundary_marks(html)}
    assert marks[gaps[0].before_id]["decision"] == "gap"
    assert re.search(rf'<span class="boundary gap" data-after="{gaps[0].before_id}"', html)
    refused = change(client, page, "decide", {"after": gaps[0].before_id, "decision": "join"})
    assert refused.status_code == 400
    assert "cannot be chosen" in refused.json()["error"]


@pytest.mark.parametrize(
    "posts",
    [
        # Chinese and Japanese join without a space; a cut inside a word; a list; a URL at a cut.
        [
            "我们今天讨论的问题是城市交通的未来发展方向以及",
            "它对普通居民生活的影响。",
            "第二点，公共交通。",
        ],
        [
            "Some writers cut in the mid-",
            "dle of a word, and some inside a",
            "sentence. Then:\n\n1. one\n2. two",
            "And https://example.com/a/b",
            "is a link.",
        ],
        ["The same words. The same words.", "The same words.", "The same words. End."],
    ],
)
def test_each_control_sits_where_its_post_begins(posts):
    from builders import make_thread

    from thread2article.serve.review import Review

    review = Review(make_thread(posts), "test")
    html = str(review.view()["html"])
    article = review.article()
    assert len(boundary_marks(html)) == len(article.boundaries) == len(posts) - 1
    for boundary in article.boundaries:
        found = re.search(
            rf'data-after="{boundary.before_id}"[^>]*>[^<]*</button>((?:[^<]|<a [^>]*>|</a>)*)',
            html,
        )
        assert found is not None
        following = unescape(re.sub(r"<[^>]+>", "", found.group(1)))
        assert following.startswith(boundary.after_text[:4]), (boundary, following)
    # The placeholders never survive, nor break a link.
    assert "\x02" not in html and "\x03" not in html
    for href in re.findall(r'href="([^"]*)"', html):
        assert "boundary" not in href


def test_a_source_named_on_the_command_line_is_open_at_start():
    from thread2article.serve import open_sources

    opened = open_sources([str(DEMO)])
    client = make_client(opened=opened)
    pages = client.app.state.opened_pages
    assert len(pages) == 1
    home = client.get("/")
    assert f'<a href="{pages[0]}">{DEMO}</a>' in home.text
    response = client.get(pages[0], follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"{pages[0]}/t/1501196583303573504"
    with pytest.raises(t2a.InputError, match="no such file"):
        open_sources(["no-such-file.json"])


@pytest.mark.parametrize(
    "case",
    ["html-threadreader", "bluesky-branching", "bluesky-export", "twarc-many-urls"],
)
def test_every_source_the_cli_reads_can_be_uploaded(case):
    folder = REPO / "fixtures" / case
    inputs = sorted(path for path in folder.glob("input.*"))
    if not inputs:
        pytest.skip(f"fixtures/{case} has no input file in this version")
    source = inputs[0]
    expected = t2a.find_threads(t2a.load(source), include_replies=True)
    client = make_client()
    response = upload(client, source.name, source.read_bytes())
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    roots = {thread.root.id for thread in expected}
    shown = set(re.findall(r'data-thread="([^"]+)"', page.text)) or {
        response.headers["location"].rsplit("/", 1)[-1]
    }
    assert shown <= roots


def test_a_malformed_or_crowded_upload_form_is_refused():
    client = make_client()
    garbled = client.post(
        "/upload",
        content=b"--xyz\r\nnot a header line\r\n\r\n",
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert garbled.status_code == 400
    not_a_form = client.post("/upload", content=b"{}", headers={"content-type": "application/json"})
    assert not_a_form.status_code == 400 and "multipart/form-data" in not_a_form.text
    two = client.post(
        "/upload",
        data={"token": TOKEN},
        files=[
            ("file", ("a.json", b"{}", "application/json")),
            ("file", ("b.json", b"{}", "application/json")),
        ],
    )
    assert two.status_code == 400 and "one file at a time" in two.text
