"""Write fixtures/bluesky-export/input.car: a small Bluesky repository export, hand-built (no
real export is among the samples; see tests/bluesky_car.py for the format).

    .venv/bin/python tests/make_bluesky_export.py     # rewrites the file; review the golden diff

The account (invented: "Ada Example", did:plc:adaexampleadaexampleadaex) holds:
- a 6-post thread: a sentence cut across two posts, a link shown shortened after ’ and —, an
  image with alt text, a quote of the account's own earlier post, a video, and a fork (the
  author replied twice to the third post: the later reply is a side branch);
- a 3-post thread numbered 1/3 … 3/3 with a link card whose URL the text no longer holds;
- a lone post (quoted by the first thread), a reply to another account (not a thread), a
  repost and a like (other collections: never posts), and the profile with the display name.
`test_bluesky_repo.py` checks that the committed file is what this script writes.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bluesky_car import RepoBuilder, blob, tid  # noqa: E402

DID = "did:plc:adaexampleadaexampleadaex"
OTHER_DID = "did:plc:someoneelsesomeoneelsesom"
OUTPUT = Path(__file__).resolve().parents[1] / "fixtures" / "bluesky-export" / "input.car"
START = datetime(2024, 10, 1, 9, 0, tzinfo=UTC)


def link(text: str, shown: str, uri: str) -> dict:
    start = text.encode("utf-8").index(shown.encode("utf-8"))
    return {
        "$type": "app.bsky.richtext.facet",
        "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
        "index": {"byteStart": start, "byteEnd": start + len(shown.encode("utf-8"))},
    }


def tag(text: str, name: str) -> dict:
    start = text.encode("utf-8").index(f"#{name}".encode())
    return {
        "$type": "app.bsky.richtext.facet",
        "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": name}],
        "index": {"byteStart": start, "byteEnd": start + len(name.encode()) + 1},
    }


def build() -> RepoBuilder:
    repo = RepoBuilder(DID)
    repo.put(
        "app.bsky.actor.profile",
        "self",
        {
            "$type": "app.bsky.actor.profile",
            "displayName": "Ada Example",
            "description": "I write.",
        },
    )
    at = START
    lone = repo.post(at, "Gardens are slow arguments with the weather.")

    at = START + timedelta(days=1)
    first_text = (
        "I spent the summer rebuilding a dry-stone wall, and it taught me more about patience than"
    )
    root = repo.post(at, first_text)
    second_text = (
        "any book did. The stones decide where they go — you only listen. "
        "It’s all in the guide at walling.example/guide/dry-stone-basics-for-every..."
    )
    second = repo.post(
        at + timedelta(minutes=1),
        second_text,
        parent=root,
        root=root,
        facets=[
            link(
                second_text,
                "walling.example/guide/dry-stone-basics-for-every...",
                "https://walling.example/guide/dry-stone-basics-for-everyone?ref=ada",
            )
        ],
    )
    third_text = "Here is the wall in September, after the last course went on. #drystone"
    third = repo.post(
        at + timedelta(minutes=2),
        third_text,
        parent=second,
        root=root,
        facets=[tag(third_text, "drystone")],
        embed={
            "$type": "app.bsky.embed.images",
            "images": [
                {
                    "alt": "A grey stone wall, waist high, curving along a grassy slope.",
                    "image": blob(b"wall photo bytes"),
                    "aspectRatio": {"width": 4, "height": 3},
                }
            ],
        },
    )
    fourth = repo.post(
        at + timedelta(minutes=3),
        "I said something like this a year ago, and I still believe it.",
        parent=third,
        root=root,
        embed={
            "$type": "app.bsky.embed.record",
            "record": {"uri": repo.uri(lone), "cid": "bafyreigardens"},
        },
    )
    # A second reply to the third post, written later: a side branch.
    repo.post(
        at + timedelta(minutes=10),
        "(Someone asked about the tools: a hammer, string lines and a lot of tea.)",
        parent=third,
        root=root,
    )
    fifth = repo.post(
        at + timedelta(minutes=4),
        "And a short film of the capstones going on:",
        parent=fourth,
        root=root,
        embed={
            "$type": "app.bsky.embed.video",
            "video": blob(b"capstones video bytes", "video/mp4"),
            "alt": "Hands setting flat stones along the top of the wall.",
        },
    )
    repo.post(
        at + timedelta(minutes=5),
        "Next year: a gate.",
        parent=fifth,
        root=root,
    )

    at = START + timedelta(days=3)
    one = repo.post(
        at,
        "1/3 Three things I wish I had known before building with stone:",
    )
    two = repo.post(
        at + timedelta(minutes=1),
        "2/3 Foundations matter more than faces. Dig down to firm ground.",
        parent=one,
        root=one,
    )
    repo.post(
        at + timedelta(minutes=2),
        "3/3 Every stone should touch at least two below it. The guild's notes say it best.",
        parent=two,
        root=one,
        embed={
            "$type": "app.bsky.embed.external",
            "external": {
                "uri": "https://guild.example/notes/two-below",
                "title": "Two Below: a rule of thumb",
                "description": "Why each stone rests on two.",
            },
        },
    )

    # A reply to somebody else: a conversation, not a thread of the account's own.
    other_post = tid(START + timedelta(days=4))
    repo.post(
        START + timedelta(days=4, minutes=5),
        "Lovely work, thank you for sharing it.",
        parent=other_post,
        parent_did=OTHER_DID,
    )
    # Other collections: never posts.
    repo.put(
        "app.bsky.feed.repost",
        tid(START + timedelta(days=5)),
        {
            "$type": "app.bsky.feed.repost",
            "subject": {"uri": f"at://{OTHER_DID}/app.bsky.feed.post/{other_post}", "cid": "bafy"},
            "createdAt": "2024-10-06T09:00:00Z",
        },
    )
    repo.put(
        "app.bsky.feed.like",
        tid(START + timedelta(days=5, minutes=1)),
        {
            "$type": "app.bsky.feed.like",
            "subject": {"uri": f"at://{OTHER_DID}/app.bsky.feed.post/{other_post}", "cid": "bafy"},
            "createdAt": "2024-10-06T09:01:00Z",
        },
    )
    return repo


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(build().car())
    print(f"wrote {OUTPUT.name} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
