"""The JSON writer: the versioned document, stable and documented."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from thread2article.model import (
    Anchor,
    Article,
    Author,
    Boundary,
    GapNote,
    Image,
    ListBlock,
    Paragraph,
    Quote,
    RemovedMarker,
    Video,
)
from thread2article.options import Options
from thread2article.writers import render

SCHEMA_DOC = Path(__file__).resolve().parents[1] / "docs" / "json-schema.md"

EVERY_BLOCK = Article(
    title="Why threads make bad essays — «ça»",
    author=Author(id="42", handle="jane_doe", name="Jane Doe"),
    published=datetime(2023, 11, 5, 14, 30, tzinfo=UTC),
    source_url="https://x.com/jane_doe/status/1001",
    platform="x",
    post_ids=("1001", "1002", "1003"),
    blocks=(
        Paragraph("Line one\nline two <b>&amp;</b> 漢字 🧵"),
        ListBlock(("a", "b"), ordered=True, start=3),
        Image("https://pbs.twimg.com/media/abc.jpg", alt="A chart", post_id="1002"),
        Video(
            "https://video.twimg.com/v.mp4",
            poster="https://pbs.twimg.com/p.jpg",
            alt="demo",
            post_id="1002",
        ),
        Quote("Short posts win.", "https://x.com/o/status/7", author="O (@o)", post_id="7"),
        GapNote("A post is missing here", missing_id="1004"),
    ),
    boundaries=(
        Boundary("1001", "1002", "join", "no terminal punctuation before the cut", ("cjk",)),
        Boundary("1002", "1003", "gap", "posts are missing between these"),
    ),
    removed_markers=(RemovedMarker("1001", "1/3"),),
    anchors=(Anchor("#threads", "https://bsky.app/hashtag/threads"),),
)


def to_json(value: Article) -> str:
    return render(value, "json", Options())


def test_document_is_the_article_dict_indented_in_a_stable_order():
    text = to_json(EVERY_BLOCK)
    assert text.endswith("}\n")
    assert text == json.dumps(EVERY_BLOCK.to_dict(), ensure_ascii=False, indent=2) + "\n"
    assert list(json.loads(text)) == [
        "schema", "schema_version", "title", "author", "published", "source_url", "platform",
        "post_ids", "blocks", "boundaries", "removed_markers", "anchors",
    ]  # fmt: skip
    assert to_json(EVERY_BLOCK) == text


def test_non_ascii_is_written_as_itself():
    text = to_json(EVERY_BLOCK)
    assert "漢字 🧵" in text and "«ça»" in text
    assert "\\u" not in text


def test_published_is_iso_utc():
    eastern = datetime.fromisoformat("2022-03-08T22:30:00-05:00")
    value = Article("t", Author("1"), eastern, "", (), ())
    assert json.loads(to_json(value))["published"] == "2022-03-09T03:30:00Z"


def test_round_trip_gives_back_the_same_document():
    document = json.loads(to_json(EVERY_BLOCK))
    assert Article.from_dict(document).to_dict() == EVERY_BLOCK.to_dict()
    assert Article.from_dict(document).blocks == EVERY_BLOCK.blocks
    assert Article.from_dict(document).boundaries == EVERY_BLOCK.boundaries
    assert Article.from_dict(document).removed_markers == EVERY_BLOCK.removed_markers
    assert Article.from_dict(document).platform == "x"


def test_schema_doc_lists_every_boundary_and_removed_marker_key():
    document = EVERY_BLOCK.to_dict()
    assert _documented_keys("boundaries") == set(document["boundaries"][0])
    assert _documented_keys("removed_markers") == set(document["removed_markers"][0])


def test_a_boundary_with_an_unknown_decision_is_refused():
    document = EVERY_BLOCK.to_dict()
    document["boundaries"][0]["decision"] = "sentence"
    with pytest.raises(ValueError, match="unknown boundary decision 'sentence'"):
        Article.from_dict(document)


def _documented_keys(section: str) -> set[str]:
    """Keys listed in the first table under the `### section` (or `## section`) heading."""
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    match = re.search(rf"^#+ `?{re.escape(section)}`?\n(.*?)(?=^#)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no section {section!r} in {SCHEMA_DOC.name}"
    return set(re.findall(r"^\| `([a-z_]+)` \|", match.group(1), re.MULTILINE))


def test_schema_doc_lists_every_top_level_and_author_key():
    document = EVERY_BLOCK.to_dict()
    assert _documented_keys("The article") == set(document)
    assert _documented_keys("author") == set(document["author"])


@pytest.mark.parametrize("block", EVERY_BLOCK.blocks, ids=lambda block: block.type)
def test_schema_doc_lists_every_key_of_each_block_type(block):
    assert _documented_keys(block.type) == set(block.to_dict())


def test_schema_doc_example_is_a_valid_document():
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    assert Article.from_dict(example).to_dict() == example
