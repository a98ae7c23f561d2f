"""Small builders for tests: a thread from a list of texts, without any reader."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from thread2article.model import Article, Author, Gap, Link, Media, Post, Thread

AUTHOR = Author(id="1", handle="writer", name="A Writer")
START = datetime(2024, 3, 8, 12, 0, tzinfo=UTC)


def make_post(index: int, spec: str | dict, previous: str | None, escaped: bool = False) -> Post:
    spec = {"text": spec} if isinstance(spec, str) else dict(spec)
    post_id = str(1000 + index)
    return Post(
        id=post_id,
        author=AUTHOR,
        text=spec["text"],
        created_at=START + timedelta(minutes=index),
        reply_to=spec.get("reply_to", previous),
        reply_to_user=AUTHOR.id if previous else spec.get("reply_to_user"),
        conversation_id="1000",
        links=tuple(Link(short, expanded) for short, expanded in spec.get("links", {}).items()),
        media=tuple(
            Media(kind="photo", url=url, alt=alt, short=spec.get("media_short", ""))
            for url, alt in spec.get("media", {}).items()
        ),
        escaped=spec.get("escaped", escaped),
        long_form=spec.get("long_form", False),
    )


def make_thread(specs: list, gaps: dict[int, str] | None = None, escaped: bool = False) -> Thread:
    posts = []
    previous = None
    for index, spec in enumerate(specs):
        post = make_post(index, spec, previous, escaped)
        posts.append(post)
        previous = post.id
    gap_map = {
        posts[index].id: Gap(missing_id=f"gap-{index}", reason=reason)
        for index, reason in (gaps or {}).items()
    }
    return Thread(posts=tuple(posts), gaps=gap_map)


# An article for the writer tests, by a fixed author.
JANE = Author(id="42", handle="jane_doe", name="Jane Doe")
PUBLISHED = datetime(2023, 11, 5, 14, 30, tzinfo=UTC)
SOURCE = "https://x.com/jane_doe/status/1001"


def make_article(
    *blocks, title="A title", author=JANE, published=PUBLISHED, source_url=SOURCE
) -> Article:
    return Article(
        title=title,
        author=author,
        published=published,
        source_url=source_url,
        post_ids=("1001", "1002"),
        blocks=tuple(blocks),
    )
