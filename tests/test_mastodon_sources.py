"""The Mastodon reader: saved API answers (the real mastodon.social samples in
fixtures/mastodon/realdata), HTML content as text, and the account archive's outbox in every
packing (folder, outbox.json alone, .tar.gz, .zip)."""

from __future__ import annotations

import io
import json
import shutil
import tarfile
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

import thread2article as t2a
from thread2article.cli import app
from thread2article.errors import InputError, UnknownFormatError
from thread2article.sources import detect, mastodon
from thread2article.sources.mastodon.content import content_text

REAL = FIXTURES / "mastodon" / "realdata"
CONTEXT = (
    REAL / "Mastodon.py_test_entity_context.0.v1_statuses_110446983926957470_context.body.json"
)
REMOTE_STATUS = REAL / "Mastodon.py_test_entity_status.0.v1_statuses_110446223051565765.body.json"
POLL_STATUS = REAL / "Mastodon.py_test_entity_status.1.v1_statuses_110446183735368325.body.json"
IMAGE = REAL / "Mastodon.py_test_entity_mediaattachment.1.v1_statuses_110447003454258227.body.json"
AUDIO = REAL / "Mastodon.py_test_entity_mediaattachment.0.v1_statuses_110447012773105565.body.json"
CARD = REAL / "Mastodon.py_test_entity_previewcardauthor.2.v1_statuses_113481707975926080.body.json"
QUOTE = REAL / "Mastodon.py_test_entity_quote.0.v1_statuses_115044073088181107.body.json"
MISSING = REAL / "Mastodon.py_test_status_missing.0.v1_statuses_0.body.json"
ARCHIVE = FIXTURES / "mastodon-archive" / "input.archive"
CW_THREAD = FIXTURES / "mastodon-cw-media" / "input.jsonl"

SOURDOUGH = "112025327697920000"
BURNS = "112304848896000000"


def only_post(path: Path) -> t2a.Post:
    source = t2a.load(path)
    assert len(source.posts) == 1
    return source.posts[0]


# --- saved API answers (real samples) --------------------------------------------------------


def test_a_context_without_its_post_gives_one_thread_with_a_gap() -> None:
    # /context leaves out the post it was asked about (110446983926957470): the posts around it
    # share its conversation, so they form one thread with a gap, not two threads.
    source = t2a.load(CONTEXT)
    assert source.platform == "mastodon" and source.post_limit == 500
    thread = t2a.select_thread(t2a.find_threads(source))
    assert thread.post_ids == ("110446983178245440", "110446984249325790")
    assert [gap.missing_id for gap in thread.gaps.values()] == ["110446983926957470"]
    assert thread.platform == "mastodon" and thread.post_limit == 500
    assert thread.author.handle == "halcy@mastodon.social"


def test_a_remote_status_with_a_content_warning_an_edit_and_a_gifv() -> None:
    post = only_post(REMOTE_STATUS)
    assert post.content_warning == "test post for mastodon.py stuff"
    assert post.text == (
        "@halcy you're a doo-doo head\n\n"
        "edit: editing this to have the maximum amount of fields filled :trans_heart: "
        "#ThisIsAHashtag"
    )
    assert post.escaped is False
    # The display name "halcy\u200b :icosahedron:" without the zero-width space and the shortcode.
    assert post.author.name == "halcy"
    assert post.author.handle == "halcy@icosahedron.website"
    assert post.url == "https://icosahedron.website/@halcy/110446222386355655"
    (media,) = post.media
    assert media.kind == "animated_gif" and media.alt == "a furry cube breakdancing"
    assert media.url.startswith("https://icosahedron.website/")  # the origin's file, not a cache
    article = t2a.reassemble(t2a.select_thread(t2a.find_threads(t2a.load(REMOTE_STATUS))))
    assert article.blocks[0] == t2a.model.Note(text="test post for mastodon.py stuff")
    markdown = t2a.render(article, "markdown")
    assert "**Content warning:** test post for mastodon.py stuff" in markdown
    assert "a thread on Mastodon by [@halcy@icosahedron.website]" in markdown
    # The title comes from the text, never from the warning.
    assert article.title.startswith("@halcy you're a doo-doo head")


def test_media_descriptions_become_alt_text() -> None:
    (image,) = only_post(IMAGE).media
    assert (image.kind, image.alt) == ("photo", "furry cube")
    (audio,) = only_post(AUDIO).media
    assert audio.kind == "video" and audio.url.endswith(".mp3") and audio.poster
    assert audio.alt == ""  # Mastodon's null description


def test_a_link_split_by_invisible_spans_keeps_its_full_href() -> None:
    assert only_post(CARD).text == (
        "okay lets see what happens when I post https://halcy.itch.io/cat-game"
    )


def test_the_quote_inline_fallback_is_dropped_when_the_quote_is_shown() -> None:
    post = only_post(QUOTE)
    assert "RE:" not in post.text
    assert post.text == (
        "actual reply that quotes a post that quotes a post "
        "https://bsky.app/profile/h4lcy.bsky.social/post/3lwlumdwf522i"
    )
    assert post.quote is not None and post.quote.id == "115044070560414080"
    # The quoted post's own quote is not shown: its "RE:" reference stays in its text.
    assert "RE: https://bsky.app/profile/did:plc:5syfqzormjkutgo5hi2u2gpr/post/3lwlug73kn22i" in (
        post.quote.text
    )


def test_a_poll_is_read_with_its_options() -> None:
    assert only_post(POLL_STATUS).text == "test?\n\n- oh no I totally can\n- edit polls"


def test_an_error_body_alone_is_an_unknown_shape() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        t2a.load(MISSING)
    assert "unknown shape" in str(caught.value) and "Mastodon" in str(caught.value)


def test_statuses_of_several_answers_in_one_array_and_json_lines(tmp_path) -> None:
    values = [json.loads(path.read_text()) for path in (IMAGE, CARD, POLL_STATUS)]
    array = tmp_path / "statuses.json"
    array.write_text(json.dumps(values))
    lines = tmp_path / "statuses.jsonl"
    lines.write_text("".join(json.dumps(value) + "\n" for value in values))
    assert {p.id for p in t2a.load(array).posts} == {p.id for p in t2a.load(lines).posts}
    assert len(t2a.load(array).posts) == 3


def test_the_latest_edit_wins_whatever_the_order() -> None:
    status = json.loads(REMOTE_STATUS.read_text())
    older = {**status, "content": "<p>before the edit</p>", "edited_at": None}
    for values in ([older, status], [status, older]):
        (post,) = mastodon.read(values, "edits.json").posts
        assert post.text.startswith("@halcy you're a doo-doo head")


def test_boosts_and_direct_messages_are_never_thread_posts() -> None:
    status = json.loads(CARD.read_text())
    boost = {**status, "id": "1", "content": "", "reblog": status}
    direct = {**status, "id": "2", "visibility": "direct"}
    source = mastodon.read([boost, direct, status], "mix.json")
    assert {post.id for post in source.posts if not post.is_repost} == {status["id"]}
    assert any("1 direct message left out" in warning for warning in source.warnings)


def test_x_shapes_are_not_taken_for_mastodon() -> None:
    v1 = {"id_str": "1", "full_text": "hi", "user": {"id_str": "2", "screen_name": "a"}}
    assert not mastodon.sniff(v1)
    assert not mastodon.sniff({"data": {"id": "1", "text": "hi"}})
    assert mastodon.sniff(json.loads(CONTEXT.read_text()))


def test_the_instance_limit_read_from_a_saved_fetch(tmp_path) -> None:
    lines = CW_THREAD.read_text().splitlines()
    instance = json.loads(lines[-1])
    instance["configuration"]["statuses"]["max_characters"] = 5000
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join([*lines[:-1], json.dumps(instance)]) + "\n")
    thread = t2a.select_thread(t2a.find_threads(t2a.load(path)))
    assert thread.post_limit == 5000 and thread.platform == "mastodon"


def test_the_content_warning_repeated_on_every_reply_is_one_note() -> None:
    article = t2a.reassemble(t2a.select_thread(t2a.find_threads(t2a.load(CW_THREAD))))
    notes = [block for block in article.blocks if block.type == "note"]
    assert [note.text for note in notes] == ["heat, long thread"]
    assert article.blocks[0] is notes[0]
    assert len(article.post_ids) == 5  # the reply by another account is not part of it


# --- content ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>one</p><p>two<br>three</p>", "one\n\ntwo\nthree"),
        ("<p>AT&amp;T &lt;b&gt; caf&#233;</p>", "AT&T <b> café"),
        (
            '<p><a href="https://example.com/a/very/long/path?x=1" rel="nofollow"><span class="invisible">https://</span>'
            '<span class="ellipsis">example.com/a/very/lo</span><span class="invisible">ng/path?x=1</span></a> end</p>',
            "https://example.com/a/very/long/path?x=1 end",
        ),
        ('<p><a href="https://example.com/page">a labelled link</a></p>', "a labelled link (https://example.com/page)"),
        ('<p><a href="https://example.com/page">example.com/page</a></p>', "https://example.com/page"),
        ('<p><a href="https://bsky.app/profile/x/post/3abc">bsky.app/profile/x...</a></p>', "https://bsky.app/profile/x/post/3abc"),
        (
            '<p><span class="h-card"><a href="https://a.example/@bob" class="u-url mention">@<span>bob</span></a></span> hi '
            '<a href="https://a.example/tags/Tag" class="mention hashtag" rel="tag">#<span>Tag</span></a></p>',
            "@bob hi #Tag",
        ),
        ("<p>hot :blobfire: day</p>", "hot :blobfire: day"),
        ('<p>drawn <img class="custom-emoji" alt=":blobfire:" src="https://e.example/x.png"> emoji</p>', "drawn :blobfire: emoji"),
        ("<ul><li>one <b>bold</b></li><li>two</li></ul><p>after</p>", "- one bold\n- two\n\nafter"),
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ('<ol start="3"><li>three</li><li>four</li></ol>', "3. three\n4. four"),
        ("<p>a<script>alert(1)</script>b</p>", "ab"),
        ('<p><a href="javascript:alert(1)">click</a></p>', "click"),
        ("plain text", "plain text"),
        ("", ""),
    ],
)  # fmt: skip
def test_content_as_text(html, text) -> None:
    assert content_text(html) == text


def test_the_quote_fallback_stays_when_no_quote_is_shown() -> None:
    html = '<p>see this<span class="quote-inline"><br><br>RE: <a href="https://a.example/@x/1">https://a.example/@x/1</a></span></p>'
    assert content_text(html) == "see this\n\nRE: https://a.example/@x/1"
    assert content_text(html, drop_quote_fallback=True) == "see this"
    newer = '<p class="quote-inline">RE: <a href="https://a.example/@x/1">https://a.example/@x/1</a></p><p>see this</p>'
    assert content_text(newer, drop_quote_fallback=True) == "see this"


# --- the account archive --------------------------------------------------------------------


def summaries(path) -> dict[str, int]:
    return {t.root.id: len(t.posts) for t in t2a.find_threads(t2a.load(path), min_posts=2)}


def test_the_archive_folder_gives_every_self_thread() -> None:
    source = t2a.load(ARCHIVE)
    assert source.platform == "mastodon"
    assert source.account is not None and source.account.handle == "tomas@fedi.example"
    assert source.account.name == "Tomás Rivera"  # ":loaf:" is a custom emoji
    assert summaries(ARCHIVE) == {SOURDOUGH: 4, BURNS: 2}
    with_replies = t2a.find_threads(source, include_replies=True, min_posts=2)
    assert "112365718732800000" in {t.root.id for t in with_replies}
    assert any("2 direct messages left out" in warning for warning in source.warnings)
    texts = " ".join(post.text for post in source.posts)
    assert "my address" not in texts  # the direct message is never read


def test_archive_threads_gaps_media_and_quotes() -> None:
    source = t2a.load(ARCHIVE)
    burns = t2a.select_thread(t2a.find_threads(source), BURNS)
    (gap,) = burns.gaps.values()
    assert gap.missing_id == "112304860692480000"
    assert gap.reason == "deleted before the archive was made"
    (video,) = burns.posts[1].media
    # Stored on object storage: the archive has the file, the export does not say where online.
    assert video.local_path.startswith("media_attachments/files/112/304/872/")
    assert video.url == "" and video.kind == "video"
    sourdough = t2a.select_thread(t2a.find_threads(source), SOURDOUGH)
    (photo,) = sourdough.posts[1].media
    assert photo.url == "https://fedi.example/system/" + photo.local_path
    assert photo.alt.startswith("A page of the notebook")
    quote = sourdough.posts[3].quote
    assert quote is not None and quote.text.startswith("Tonight's loaf")
    assert "RE:" not in sourdough.posts[3].text
    assert [post.content_warning for post in burns.posts] == ["burns, kitchen injury"] * 2


@pytest.fixture
def packed(tmp_path) -> dict[str, Path]:
    """The fixture archive as Mastodon hands it out (.tar.gz with ./ names), as a .zip inside a
    folder, and as outbox.json alone."""
    tar_path = tmp_path / "archive-20240701120000-0f1e2d3c4b5a69788796a5b4c3d2e1f0.tar.gz"
    with tarfile.open(tar_path, "w:gz") as tar:
        tar.add(ARCHIVE, arcname=".")
    zip_path = tmp_path / "archive.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        for path in sorted(ARCHIVE.rglob("*")):
            if path.is_file():
                archive.write(path, "export/" + path.relative_to(ARCHIVE).as_posix())
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(ARCHIVE / "outbox.json", alone / "outbox.json")
    renamed = tmp_path / "my-posts.json"
    shutil.copy(ARCHIVE / "outbox.json", renamed)
    return {"tar": tar_path, "zip": zip_path, "alone": alone / "outbox.json", "renamed": renamed}


@pytest.mark.parametrize("kind", ["tar", "zip", "alone", "renamed"])
def test_every_packing_gives_the_same_threads(packed, kind) -> None:
    assert summaries(packed[kind]) == summaries(ARCHIVE)
    thread = t2a.select_thread(t2a.find_threads(t2a.load(packed[kind])), SOURDOUGH)
    folder = t2a.select_thread(t2a.find_threads(t2a.load(ARCHIVE)), SOURDOUGH)
    assert t2a.reassemble(thread).blocks[:2] == t2a.reassemble(folder).blocks[:2]


def test_outbox_json_alone_names_its_owner_from_the_activities(packed) -> None:
    source = t2a.load(packed["alone"])
    assert source.account is not None
    assert source.account.id == "https://fedi.example/users/tomas"
    assert source.account.handle == "tomas@fedi.example"
    assert all(not media.local_path for post in source.posts for media in post.media)


def test_the_archive_command_copies_the_media(packed, tmp_path) -> None:
    out = tmp_path / "articles"
    result = CliRunner().invoke(app, ["archive", str(packed["tar"]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 2 articles, 2 media files" in result.stderr
    written = sorted(path.name for path in out.iterdir())
    assert written == [
        "2024-03-02-five-years-of-baking-sourdough-every-saturday-and-the-one.md",
        "2024-04-20-i-burnt-my-hand-on-the-dutch-oven-today.md",
        "index.md",
        "media",
    ]
    sourdough = (out / written[0]).read_text()
    assert "(media/3f9a2c1d7e4b8a06.png)" in sourdough
    assert (out / "media" / "3f9a2c1d7e4b8a06.png").read_bytes() == next(
        ARCHIVE.rglob("3f9a2c1d7e4b8a06.png")
    ).read_bytes()
    again = tmp_path / "again"
    CliRunner().invoke(app, ["archive", str(ARCHIVE), "--out", str(again)])
    assert (again / written[0]).read_text() == sourdough


def test_threads_lists_an_archive() -> None:
    result = CliRunner().invoke(app, ["threads", str(ARCHIVE), "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [(item["root_id"], item["posts"]) for item in listed] == [(SOURDOUGH, 4), (BURNS, 2)]
    assert {item["author"] for item in listed} == {"@tomas@fedi.example"}


# --- bad archives ---------------------------------------------------------------------------


def test_a_tar_without_an_outbox_is_one_line(tmp_path) -> None:
    path = tmp_path / "not-mastodon.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        data = b"hello"
        info = tarfile.TarInfo("readme.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    result = CliRunner().invoke(app, ["threads", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no outbox.json" in result.stderr


def test_a_truncated_tar_gz_is_one_line(packed, tmp_path) -> None:
    path = tmp_path / "cut.tar.gz"
    path.write_bytes(packed["tar"].read_bytes()[:300])
    with pytest.raises(InputError) as caught:
        t2a.load(path)
    assert str(path) in str(caught.value)


def test_an_invalid_outbox_names_the_file(tmp_path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "outbox.json").write_text('{"type": "OrderedCollection", "orderedItems": [')
    with pytest.raises(InputError, match="outbox.json is not valid JSON"):
        t2a.load(folder)


def _evil_outbox() -> dict:
    outbox = json.loads((ARCHIVE / "outbox.json").read_text())
    for item in outbox["orderedItems"]:
        note = item.get("object")
        if isinstance(note, dict) and note.get("attachment"):
            note["attachment"][0]["url"] = "../../secret.png"
    return outbox


def test_archive_member_names_cannot_climb_out(tmp_path) -> None:
    # Refused, not dropped: an archive naming files outside itself is not what Mastodon writes.
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("outbox.json", json.dumps(_evil_outbox()))
        archive.writestr("../../secret.png", b"secret")
    with pytest.raises(InputError, match=r"'\.\.'|outside"):
        t2a.load(path)


def test_tar_member_names_cannot_climb_out(tmp_path) -> None:
    path = tmp_path / "evil.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [
            ("outbox.json", json.dumps(_evil_outbox()).encode()),
            ("../../secret.png", b"secret"),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(InputError, match="outside the archive"):
        t2a.load(path)


@pytest.mark.parametrize("kind", ["zip", "tar"])
def test_two_members_naming_one_file_are_refused(kind, tmp_path) -> None:
    # `outbox.json` and `./outbox.json` are one file: which one a reader takes is up to the tool.
    members = [("outbox.json", (ARCHIVE / "outbox.json").read_bytes()), ("./outbox.json", b"{}")]
    path = tmp_path / f"twice.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in members:
                archive.writestr(name, data)
    else:
        with tarfile.open(path, "w:gz") as tar:
            for name, data in members:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    with pytest.raises(InputError, match="two members named 'outbox.json'"):
        t2a.load(path)


BOMB_BYTES = 16 * 1024 * 1024


@pytest.fixture
def small_ratio_floor(monkeypatch) -> None:
    """The ratio check starts at 64 MiB; a smaller floor keeps the test's bomb small."""
    monkeypatch.setattr("thread2article.sources.archive_container.RATIO_CHECK_FLOOR", 1024**2)
    monkeypatch.setattr(
        "thread2article.sources.mastodon.archive.RATIO_CHECK_FLOOR", 1024**2, raising=False
    )


@pytest.mark.usefixtures("small_ratio_floor")
def test_a_zip_bomb_is_refused_before_reading(tmp_path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("outbox.json", (ARCHIVE / "outbox.json").read_bytes())
        with archive.open("media_attachments/files/zeros.png", "w") as out:
            out.write(bytes(BOMB_BYTES))  # zeros deflate ~1000x: a ratio over 200
    with pytest.raises(InputError, match="zip bomb"):
        t2a.load(path)


@pytest.mark.usefixtures("small_ratio_floor")
def test_a_tar_bomb_is_refused_before_reading(tmp_path) -> None:
    # Declared sizes are checked header by header: the member's data is never decompressed.
    path = tmp_path / "bomb.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        outbox = (ARCHIVE / "outbox.json").read_bytes()
        info = tarfile.TarInfo("outbox.json")
        info.size = len(outbox)
        tar.addfile(info, io.BytesIO(outbox))
        info = tarfile.TarInfo("media_attachments/files/zeros.png")
        info.size = BOMB_BYTES
        tar.addfile(info, io.BytesIO(bytes(BOMB_BYTES)))
    assert path.stat().st_size * 200 < BOMB_BYTES
    with pytest.raises(InputError, match="looks like a bomb"):
        t2a.load(path)


@pytest.fixture
def linked_archive(tmp_path) -> tuple[Path, Path]:
    """A copy of the fixture archive and, outside it, a secret file of the same name as a
    media file the outbox uses."""
    archive = tmp_path / "archive"
    shutil.copytree(ARCHIVE, archive)
    outside = tmp_path / "outside"
    shutil.copytree(ARCHIVE / "media_attachments", outside)
    for path in outside.rglob("*.png"):
        path.write_bytes(b"SECRET")
    return archive, outside


def _exported_media(folder: Path, out: Path) -> list[bytes]:
    result = CliRunner().invoke(app, ["archive", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return (
        [path.read_bytes() for path in (out / "media").iterdir()]
        if (out / "media").is_dir()
        else []
    )


def test_a_symlinked_media_file_is_not_followed_out_of_the_folder(linked_archive, tmp_path):
    archive, outside = linked_archive
    (inside,) = archive.rglob("3f9a2c1d7e4b8a06.png")
    (secret,) = outside.rglob("3f9a2c1d7e4b8a06.png")
    inside.unlink()
    inside.symlink_to(secret)
    media = _exported_media(archive, tmp_path / "out")
    assert b"SECRET" not in media
    with mastodon.open_archive(archive) as opened:
        name = inside.relative_to(archive).as_posix()
        assert name not in opened.media_names()
        with pytest.raises(InputError):
            opened.open_media(name)


def test_a_symlinked_media_folder_is_not_followed_out_of_the_folder(linked_archive, tmp_path):
    archive, outside = linked_archive
    shutil.rmtree(archive / "media_attachments")
    (archive / "media_attachments").symlink_to(outside, target_is_directory=True)
    media = _exported_media(archive, tmp_path / "out")
    assert b"SECRET" not in media
    with mastodon.open_archive(archive) as opened:
        assert opened.media_names() == set()


def test_a_symlinked_outbox_inside_the_folder_is_refused(linked_archive, tmp_path) -> None:
    archive, outside = linked_archive
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (archive / "outbox.json").rename(elsewhere / "outbox.json")
    (archive / "outbox.json").symlink_to(elsewhere / "outbox.json")
    with pytest.raises(InputError, match="outside the archive folder"):
        t2a.load(archive)


def test_detect_prefers_nothing_else_for_a_mastodon_zip(packed) -> None:
    assert mastodon.is_archive(packed["zip"])
    assert detect.load(packed["zip"]).format_name.startswith("Mastodon archive")


def _tar_with_media(path: Path, names: list[str]) -> dict[str, bytes]:
    contents = {name: f"bytes of {name}".encode() * 100 for name in names}
    with tarfile.open(path, "w:gz") as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        outbox = (ARCHIVE / "outbox.json").read_bytes()
        info = tarfile.TarInfo("outbox.json")
        info.size = len(outbox)
        tar.addfile(info, io.BytesIO(outbox))
    return contents


def test_media_out_of_the_archives_order_are_read_in_one_pass(tmp_path, monkeypatch) -> None:
    # A compressed tar cannot seek backwards: a media file earlier in the archive than the last
    # one read is served from a temporary copy made in one pass, removed on close.
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    names = [f"media_attachments/files/000/000/00{n}/original/{n}.png" for n in range(5)]
    contents = _tar_with_media(tmp_path / "a.tar.gz", names)
    with mastodon.open_archive(tmp_path / "a.tar.gz") as archive:
        for name in names[:3]:  # in order: straight from the stream
            with archive.open_media(name) as handle:
                assert handle.read() == contents[name]
        assert archive._spool is None
        for name in reversed(names):  # backwards: from the one-pass copy
            with archive.open_media(name) as handle:
                assert handle.read() == contents[name]
        assert archive._spool is not None
        spool = Path(archive._spool.name)
        assert spool.parent == tmp_path and len(list(spool.iterdir())) == 5
    assert not spool.exists()


BAD_VALUES = [None, 5, 2.5, True, "text", [], ["x"], {}, {"id": 1}, "\ud800"]


@pytest.mark.parametrize(
    "field",
    [
        "id", "created_at", "in_reply_to_id", "in_reply_to_account_id", "spoiler_text", "content",
        "url", "uri", "account", "media_attachments", "quote", "poll", "reblog", "edited_at",
        "visibility",
    ],
)  # fmt: skip
def test_a_wrong_value_in_a_status_is_one_clear_error(field, tmp_path) -> None:
    base = json.loads(REMOTE_STATUS.read_text())
    for number, value in enumerate(BAD_VALUES):
        status = {**base, field: value}
        path = tmp_path / f"{field}-{number}.json"
        path.write_text(json.dumps(status))
        try:
            source = t2a.load(path)
            for thread in t2a.find_threads(source):
                t2a.render(t2a.reassemble(thread), "markdown")
        except InputError as error:
            assert str(path) in str(error) and "\n" not in str(error)


@pytest.mark.parametrize(
    "field",
    ["id", "published", "inReplyTo", "summary", "content", "url", "attachment", "to", "cc",
     "quote", "conversation", "oneOf", "type"],
)  # fmt: skip
def test_a_wrong_value_in_an_outbox_note_is_one_clear_error(field, tmp_path) -> None:
    base = json.loads((ARCHIVE / "outbox.json").read_text())
    for number, value in enumerate(BAD_VALUES):
        outbox = json.loads(json.dumps(base))
        for item in outbox["orderedItems"]:
            if isinstance(item.get("object"), dict):
                item["object"][field] = value
        folder = tmp_path / f"{field}-{number}"
        folder.mkdir()
        (folder / "outbox.json").write_text(json.dumps(outbox))
        try:
            source = t2a.load(folder)
            for thread in t2a.find_threads(source):
                t2a.render(t2a.reassemble(thread), "html")
        except InputError as error:
            assert str(folder) in str(error) and "\n" not in str(error)


def test_the_json_document_keeps_the_content_warning(tmp_path) -> None:
    article = t2a.reassemble(t2a.select_thread(t2a.find_threads(t2a.load(CW_THREAD))))
    path = tmp_path / "article.json"
    path.write_text(t2a.render(article, "json"))
    again = t2a.load(path).article
    assert again is not None and again.blocks[0] == article.blocks[0]
    assert t2a.render(again, "markdown") == t2a.render(article, "markdown")


@pytest.mark.parametrize("field", ["id", "preferredUsername", "name", "url", "tag", "followers"])
def test_a_wrong_value_in_actor_json_is_one_clear_error(field, tmp_path) -> None:
    base = json.loads((ARCHIVE / "actor.json").read_text())
    for number, value in enumerate(BAD_VALUES):
        folder = tmp_path / f"{field}-{number}"
        shutil.copytree(ARCHIVE, folder)
        (folder / "actor.json").write_text(json.dumps({**base, field: value}))
        try:
            source = t2a.load(folder)
            for thread in t2a.find_threads(source):
                t2a.render(t2a.reassemble(thread), "markdown")
        except InputError as error:
            assert str(folder) in str(error) and "\n" not in str(error)


def test_the_attribution_names_mastodon_or_the_fediverse() -> None:
    article = t2a.reassemble(t2a.select_thread(t2a.find_threads(t2a.load(CW_THREAD))))
    assert article.platform == "mastodon"
    assert "a thread on Mastodon by" in t2a.render(article, "markdown")
    assert "a thread on Mastodon by" in t2a.render(article, "html")
    # A server that speaks Mastodon's API with permalinks of its own (Akkoma's /notice/ID).
    akkoma = replace(article, source_url="https://akkoma.example/notice/AbCdEf0123")
    assert "a thread on the fediverse by" in t2a.render(akkoma, "markdown")
    # A document that does not say its platform: a Mastodon permalink still says Mastodon.
    unsaid = replace(article, platform="")
    assert "a thread on Mastodon by" in t2a.render(unsaid, "markdown")


def test_reading_only_thread_posts_gives_the_same_threads() -> None:
    full = t2a.load(ARCHIVE)
    lean = detect.load(ARCHIVE, thread_posts_only=True)
    assert len(lean.posts) < len(full.posts)
    for include_replies in (False, True):
        wanted = t2a.find_threads(full, include_replies=include_replies, min_posts=2)
        got = t2a.find_threads(lean, include_replies=include_replies, min_posts=2)
        assert [t.post_ids for t in got] == [t.post_ids for t in wanted]
        assert [t.gaps for t in got] == [t.gaps for t in wanted]
