"""Hypothesis strategies for hostile input: every reader's shape, mutated.

A mutation starts from a real document of the shape (a fixture) and changes a few of its values:
a type swapped (a number, list or object where text belongs), a null, a key dropped, deep
nesting, a huge number, a lone surrogate, an odd date or id, and for values handed to the library
directly, a cycle. Documents become JSON text (huge numbers and deep nesting written as raw text,
which `json` cannot produce) and may then be damaged as bytes (a BOM, invalid UTF-8, a cut).
Archives are built from the same parts: their wrappers, manifests and zip entries vary too.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


class Raw:
    """JSON text written as it is (a number of 5,000 digits, nesting 3,000 deep)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _load(relative: str) -> Any:
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


def base_documents() -> dict[str, Any]:
    """A real document of every JSON shape a reader knows."""
    v1 = _load("twitter-v1-chain/input.json")
    twarc = [
        json.loads(line)
        for line in (FIXTURES / "north-2022-03-08-twarc/input.jsonl").read_text().splitlines()
        if line.strip()
    ]
    return {
        "v2": _load("north-2022-03-08/input.json"),
        "twarc": twarc[:2],
        "v1": v1[:3],
        "v1-search": {"statuses": v1[3:5]},
        "fxtwitter": _load("fetch/fxtwitter/2_thread_1900000000000000002.json"),
        "fxtwitter-v1": _load("fetch/fxtwitter/status_1900000000000000032.v1.json"),
        "syndication": _load(
            "fetch/syndication/"
            + sorted(p.name for p in (FIXTURES / "fetch/syndication").iterdir())[0]
        ),
        "native": _load("north-2022-03-08/article.json"),
        "bluesky-feed": {"feed": _load("bluesky-branching/input.json")["feed"][:8]},
        "bluesky-thread": _load("bluesky/marshalx-thread-view-post-with-embed-media.json"),
    }


ODD_STRINGS = [
    "",
    " ",
    "²",
    "١٢٣",
    "-1",
    "1.5",
    "1" * 5000,
    "\ud800",
    "x\udfffy",
    "\x00",
    "\x1b]0;title\x07\x1b[2J",
    "\u202e\u2066",
    "\ufeff",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "&amp;&lt;&#0;&#x110000;",
    "Mon Jan 01 00:00:00 +0100 0001",
    "Fri Dec 31 23:59:59 -1400 9999",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-14:00",
    "2024-02-30T00:00:00Z",
    "Wed Sep 04 13:51:55 +0000 2019",
    "https://x.com//status/5",
    "HTTPS://TWITTER.COM/A/STATUS/12",
    "https://t.co/",
    "https://x.com/a/status/" + "9" * 40,
    "../../etc/passwd",
    "/etc/passwd",
    "a" * 300,
    "video/mp4",
    "photo",
    "video",
    "animated_gif",
    "gif",
    "tombstone",
    "replied_to",
    "quoted",
    "retweeted",
    "undefined",
    "tweet",
    "RT @x: ",
    "(" + " " * 200 + "a)",
    "a" + "." * 200 + "x",
]
ODD_NUMBERS = [0, -1, 1, 1.5, -0.0, 1e300, -1e300, 2**53 + 1, 2**63, 2**64, 10**30, True, False]


def _deep(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def hostile_values(python: bool) -> st.SearchStrategy[Any]:
    """One replacement value. `python`: for values handed to the library directly (real huge
    integers and deep nesting; in JSON text those are `Raw`)."""
    huge = st.sampled_from([5000, 400, 20]).map(
        (lambda digits: 10**digits + 7) if python else (lambda digits: Raw("7" * digits))
    )
    deep = st.sampled_from([50, 1000, 1100, 3000]).map(
        _deep if python else (lambda depth: Raw("[" * depth + "]" * depth))
    )
    scalars = st.one_of(
        st.none(),
        st.sampled_from(ODD_STRINGS),
        st.sampled_from(ODD_NUMBERS),
        st.text(max_size=30),
        st.integers(),
        st.floats(allow_nan=python, allow_infinity=python),
        huge,
    )
    containers = st.one_of(
        st.just([]),
        st.just({}),
        st.lists(scalars, max_size=3),
        st.dictionaries(
            st.sampled_from(["id", "text", "url", "type", "id_str", "x"]), scalars, max_size=3
        ),
        deep,
    )
    return st.one_of(scalars, containers)


def _slots(value: Any, depth: int = 0, seen: set[int] | None = None) -> list[tuple[Any, Any]]:
    """Every (container, key) a mutation can change, to a bounded depth (a cycle or a deep value
    inserted by an earlier mutation is not walked)."""
    seen = set() if seen is None else seen
    if depth > 40 or id(value) in seen:
        return []
    slots: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        seen.add(id(value))
        for key, item in value.items():
            slots.append((value, key))
            slots.extend(_slots(item, depth + 1, seen))
    elif isinstance(value, list):
        seen.add(id(value))
        for index, item in enumerate(value):
            slots.append((value, index))
            slots.extend(_slots(item, depth + 1, seen))
    return slots


@st.composite
def mutated(draw: st.DrawFn, base: Any, python: bool = False) -> Any:
    """`base` with one to four of its values replaced, dropped or (python) made into a cycle."""
    document = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(document)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        operations = ["replace", "replace", "replace", "drop"] + (["cycle"] if python else [])
        operation = draw(st.sampled_from(operations))
        if operation == "drop":
            del container[key]
        elif operation == "cycle":
            container[key] = container  # a value that contains itself
        else:
            container[key] = draw(hostile_values(python))
    return document


def to_json(value: Any) -> bytes:
    """JSON text of a mutated document; `Raw` parts written as they are, lone surrogates as
    `\\ud800` escapes (as a JSON writer that does not check them would)."""
    raws: list[str] = []

    def placeholder(item: Any) -> Any:
        raws.append(item.text)
        return f"@@raw{len(raws) - 1}@@"

    def walk(item: Any) -> Any:
        if isinstance(item, Raw):
            return placeholder(item)
        if isinstance(item, dict):
            return {key: walk(child) for key, child in item.items()}
        if isinstance(item, list):
            return [walk(child) for child in item]
        return item

    text = json.dumps(walk(value), ensure_ascii=True)
    for number, raw in enumerate(raws):
        text = text.replace(f'"@@raw{number}@@"', raw, 1)
    return text.encode("ascii")


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes of a file, perhaps damaged: a BOM, a byte that is not UTF-8, a cut, a second
    copy as JSON Lines."""
    operation = draw(st.sampled_from(["none", "none", "bom", "bad-byte", "cut", "lines"]))
    if operation == "bom":
        return b"\xef\xbb\xbf" + data
    if operation == "bad-byte" and data:
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + data[at:]
    if operation == "cut" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if operation == "lines":
        return data + b"\n" + data + b"\n"
    return data


def json_sources(python: bool = False) -> st.SearchStrategy[tuple[str, Any]]:
    """(shape name, mutated document) for every JSON shape."""
    return st.sampled_from(sorted(BASES)).flatmap(
        lambda name: mutated(BASES[name], python).map(lambda document: (name, document))
    )


BASES = base_documents()


# -- archives -----------------------------------------------------------------------------------

OWNER = "4242"


def _tweet(tweet_id: str, text: str, reply_to: str | None = None, media: bool = False) -> dict:
    record: dict[str, Any] = {
        "id_str": tweet_id,
        "id": tweet_id,
        "full_text": text,
        "created_at": "Tue Feb 20 10:30:00 +0000 2024",
        "retweeted": False,
        "entities": {
            "urls": [{"url": "https://t.co/q", "expanded_url": "https://x.com/b/status/9"}]
        },
        "edit_info": {"initial": {"editTweetIds": [tweet_id]}},
    }
    if reply_to:
        record["in_reply_to_status_id_str"] = reply_to
        record["in_reply_to_user_id_str"] = OWNER
        record["in_reply_to_screen_name"] = "owner"
    if media:
        record["full_text"] += " https://t.co/m"
        record["extended_entities"] = {
            "media": [
                {
                    "type": "video",
                    "url": "https://t.co/m",
                    "media_url_https": "https://pbs.twimg.com/media/P.jpg",
                    "ext_alt_text": "alt",
                    "video_info": {
                        "variants": [
                            {
                                "bitrate": "2176000",
                                "content_type": "video/mp4",
                                "url": "https://video.twimg.com/v.mp4",
                            }
                        ]
                    },
                }
            ]
        }
    return {"tweet": record}


ARCHIVE_PARTS: dict[str, Any] = {
    "tweets": [
        _tweet("1700000000000000001", "The start of a thread https://t.co/q", media=True),
        _tweet("1700000000000000002", "and its second post…", reply_to="1700000000000000001"),
        _tweet("1700000000000000003", "and the last.", reply_to="1700000000000000002"),
    ],
    "account": [{"account": {"accountId": OWNER, "username": "owner", "accountDisplayName": "O"}}],
    "note_tweet": [
        {
            "noteTweet": {
                "noteTweetId": "1",
                "createdAt": "2024-02-20T10:30:00.000Z",
                "core": {
                    "text": "and its second post, whole.",
                    "urls": [{"shortUrl": "https://t.co/q"}],
                },
            }
        }
    ],
    "manifest": {
        "userInfo": {"accountId": OWNER, "userName": "owner", "displayName": "O"},
        "dataTypes": {
            "tweets": {
                "mediaDirectory": "data/tweets_media",
                "files": [{"fileName": "data/tweets.js"}],
            },
            "noteTweet": {"files": [{"fileName": "data/note-tweet.js"}]},
            "account": {"files": [{"fileName": "data/account.js"}]},
        },
    },
}
FILE_NAMES = {
    "tweets": "data/tweets.js",
    "account": "data/account.js",
    "note_tweet": "data/note-tweet.js",
    "manifest": "data/manifest.js",
}
WRAPPERS = [
    "window.YTD.{name}.part0 = ",
    "window.YTD.{name}.part0 =\n",
    "\ufeffwindow.YTD.{name}.part0 = ",
    "",
    "garbage ",
    "window.YTD.{name}.part0 = window.YTD.{name}.part0 = ",
]


@st.composite
def archive_files(draw: st.DrawFn) -> dict[str, bytes]:
    """The files of an archive (name -> bytes), one or two of its parts mutated and wrapped."""
    files: dict[str, bytes] = {"data/tweets_media/1700000000000000001-v.mp4": b"\x00video"}
    changed = draw(st.sets(st.sampled_from(sorted(ARCHIVE_PARTS)), max_size=2))
    for part, value in ARCHIVE_PARTS.items():
        if part in changed:
            value = draw(mutated(value))
        wrapper = draw(st.sampled_from(WRAPPERS)) if part in changed else WRAPPERS[0]
        if part == "manifest" and wrapper == WRAPPERS[0]:
            wrapper = "window.__THAR_CONFIG = "
        body = wrapper.format(name=part).encode("utf-8") + to_json(value)
        if part in changed:
            body = draw(damaged(body))
        if part == "manifest" and draw(st.booleans()):
            continue  # many archives have none
        files[FILE_NAMES[part]] = body
    return files


@st.composite
def archive_zips(draw: st.DrawFn) -> bytes:
    """A zip of `archive_files`, perhaps with odd entries: a prefix folder, a duplicate name, a
    `..` name, stored or deflated, an entry whose data is damaged or marked encrypted."""
    files = draw(archive_files())
    prefix = draw(st.sampled_from(["", "", "twitter-2024/"]))
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
    extra = draw(
        st.sampled_from(["none", "none", "duplicate", "dotdot", "absolute", "damaged", "encrypted"])
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(prefix + name, data)
        if extra == "duplicate":
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                archive.writestr(prefix + "data/tweets.js", files.get("data/tweets.js", b"[]"))
        elif extra == "dotdot":
            archive.writestr("../evil.js", b"x")
        elif extra == "absolute":
            archive.writestr("/etc/evil.js", b"x")
    data = bytearray(buffer.getvalue())
    if extra == "damaged":
        start = draw(st.integers(0, max(0, len(data) - 1)))
        for offset in range(start, min(len(data), start + 8)):
            data[offset] ^= 0x5A
    elif extra == "encrypted":
        at = data.find(b"PK\x01\x02")
        while at != -1:
            data[at + 8] |= 1
            at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)
