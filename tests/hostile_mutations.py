"""Mutations of real inputs for the hostile-input sweep (tests/test_hostile_inputs.py).

Every mutation is deterministic (a `random.Random` with a fixed seed) and bounded, so the sweep
runs in seconds and a failure names a case that can be rebuilt. A case is a name (the sample and
the mutation, for the failure message) and a function that builds the input under a folder."""

from __future__ import annotations

import copy
import io
import json
import os
import random
import shutil
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
REALDATA = ROOT.parent / "shared" / "realdata"

# One sample of every input format the project reads, as files (bundled fixtures first; the
# real samples of ../shared/realdata where present).
FILE_SAMPLES = [
    "north-2022-03-08/input.json",  # X API v2
    "north-2022-03-08-twarc/input.jsonl",  # twarc2 JSON Lines
    "twitter-v1-chain/input.json",  # API v1.1
    "missing-middle-post/input.json",
    "sensemakers-branching/input.json",
    "fetch/fxtwitter/2_thread_1900000000000000002.json",
    "fetch/fxtwitter/status_1900000000000000032.v1.json",
    "bluesky-branching/input.json",  # Bluesky getAuthorFeed
    "bluesky/marshalx-thread-view-post-with-embed-media.json",  # Bluesky getPostThread
    "mastodon-cw-media/input.jsonl",  # Mastodon statuses and contexts
    "mastodon/realdata/Mastodon.py_test_entity_context.0.v1_statuses_110446983926957470_context.body.json",
    "mastodon/realdata/Mastodon.py_test_entity_status.0.v1_statuses_110446223051565765.body.json",
    "north-2022-03-08/article.json",  # the native JSON document
    "bluesky-export/article.json",  # one with anchors
    "html-nitter/input.html",  # saved pages
    "html-x-conversation/input.html",
    "html-legacy-thread/input.html",
    "html-threadreader/input.html",
    "html-embed-hermes/input.md",
    "bluesky-export/input.car",  # Bluesky repository export
]
REAL_SAMPLES = [
    "twitter-v2/twarc-csv_many_urls.jsonl",
    "twitter-v2/sensemakers_user.timeline.result.mock.json",
    "twitter-v1/tweepy_testusertimeline.json",
    "syndication/tweet-rsc_tweet_with_card.json",
    "bluesky/sensemakers_bluesky.fetch.result.mock.json",
    "bluesky/lucarne_post-thread-without-embed.thread.json",
    "mastodon/Mastodon.py_test_entity_quote.0.v1_statuses_115044073088181107.body.json",
]


def samples() -> list[tuple[str, Path]]:
    found = [(name, FIXTURES / name) for name in FILE_SAMPLES]
    found += [("realdata/" + name, REALDATA / name) for name in REAL_SAMPLES]
    found += sorted(
        ("fixtures/" + str(path.relative_to(FIXTURES / "fetch")), path)
        for path in (FIXTURES / "fetch" / "syndication").glob("*.json")
    )[:1]
    return [(name, path) for name, path in found if path.is_file()]


# -- values put in place of any JSON value ----------------------------------------------------

NAN = float("nan")
REPLACEMENTS: list[Any] = [
    None,
    0,
    -1,
    "",
    "x",
    [],
    {},
    [None],
    {"id": None},
    True,
    10**30,
    -(10**19),
    1e308,
    -0.5,
    "9" * 400,
    "\ud800",
    "\x00\x1b[2J",
]
RAW_REPLACEMENTS = ["NaN", "Infinity", "-Infinity", "1e999", "[" * 3000 + "]" * 3000, "9" * 5000]


def _slots(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every value under `value`, the root excluded."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), item
            yield from _slots(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index), item
            yield from _slots(item, (*path, index))


def _set(document: Any, path: tuple, value: Any) -> Any:
    document = copy.deepcopy(document)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


def _dumps(value: Any, raw: str | None = None) -> bytes:
    text = json.dumps(value, ensure_ascii=True)
    if raw is not None:
        text = text.replace('"@@RAW@@"', raw, 1)
    return text.encode("ascii")


def _json_values(data: bytes) -> list[Any] | None:
    """The JSON values of a JSON or JSON Lines file; None when it is neither."""
    try:
        return [json.loads(data)]
    except ValueError:
        pass
    try:
        return [json.loads(line) for line in data.splitlines() if line.strip()]
    except ValueError:
        return None


def json_mutations(
    values: list[Any], rng: random.Random, count: int
) -> Iterator[tuple[str, bytes]]:
    """`count` documents, each with one value somewhere replaced by a value of another type, a
    NaN, a huge number, deep nesting or a lone surrogate; ids of posts made equal or cyclic."""
    for _ in range(count):
        line = rng.randrange(len(values))
        slots = list(_slots(values[line]))
        if not slots:
            return
        path, _old = rng.choice(slots)
        if rng.random() < 0.25:
            raw = rng.choice(RAW_REPLACEMENTS)
            mutated = _set(values[line], path, "@@RAW@@")
            body = _dumps(mutated, raw)
            label = f"{'/'.join(map(str, path))} = {raw[:12]}"
        else:
            replacement = rng.choice(REPLACEMENTS)
            mutated = _set(values[line], path, replacement)
            body = _dumps(mutated)
            label = f"{'/'.join(map(str, path))} = {replacement!r:.20}"
        lines = [_dumps(value) for value in values]
        lines[line] = body
        yield label, b"\n".join(lines) + b"\n" if len(values) > 1 else body


_ID_KEYS = {"id", "id_str", "in_reply_to_status_id_str", "in_reply_to_id", "uri", "cid"}


def id_mutations(values: list[Any], rng: random.Random, count: int) -> Iterator[tuple[str, bytes]]:
    """Every post id made one (duplicates), or the reply ids turned into a cycle."""
    ids = [
        (path, value)
        for index, document in enumerate(values)
        for path, value in _slots(document, (index,))
        if path and path[-1] in _ID_KEYS and isinstance(value, str | int)
    ]
    if len(ids) < 2:
        return
    kinds = ["ids made one", "ids made a cycle", "ids negative", "ids huge"]
    for number in range(count):
        mutated = copy.deepcopy(values)
        chosen = rng.sample(ids, min(len(ids), 6))
        kind = kinds[number % len(kinds)]
        for step, (path, value) in enumerate(chosen):
            if kind == "ids made one":
                other: Any = chosen[0][1]
            elif kind == "ids made a cycle":  # each takes the next one's value
                other = chosen[(step + 1) % len(chosen)][1]
            elif kind == "ids negative":
                other = -abs(int(value)) if str(value).isdigit() else "-" + str(value)
            else:
                other = str(value) + "9" * 30 if isinstance(value, str) else 10**40
            target = mutated
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = other
        label = kind
        lines = [_dumps(value) for value in mutated]
        yield label, lines[0] if len(lines) == 1 else b"\n".join(lines) + b"\n"


def byte_mutations(data: bytes, rng: random.Random, cuts: int) -> Iterator[tuple[str, bytes]]:
    """The file truncated at `cuts` points, in another encoding, junk, empty."""
    size = len(data)
    points = sorted(
        {1, size // 2, size - 1} | {rng.randrange(1, max(2, size)) for _ in range(cuts)}
    )
    for point in points:
        if 0 < point < size:
            yield f"cut at {point}", data[:point]
    at = rng.randrange(max(1, size))
    yield "invalid UTF-8", data[:at] + b"\xff\xfe\xc3" + data[at:]
    yield "lone surrogate bytes", data[:at] + b"\xed\xa0\x80" + data[at:]
    try:
        yield "UTF-16 with BOM", data.decode("utf-8").encode("utf-16")
    except UnicodeDecodeError:
        pass
    yield "UTF-8 BOM", b"\xef\xbb\xbf" + data
    yield "empty", b""
    yield "whitespace", b" \n\t\n"
    yield "binary junk", bytes(rng.randrange(256) for _ in range(2048))
    yield "NUL bytes", b"\x00" * 512
    yield "deep nesting", b"[" * 200_000 + b"]" * 200_000
    yield "deep objects", b'{"a":' * 5000 + b"1" + b"}" * 5000


Build = Callable[[Path], Path]


def file_cases(rng: random.Random, per_sample: int, cuts: int) -> Iterator[tuple[str, Build]]:
    """(name, build) of every file mutation of every sample."""
    for name, path in samples():
        data = path.read_bytes()
        suffix = path.suffix if path.suffix in (".html", ".md", ".car", ".jsonl") else ".json"
        mutations: list[tuple[str, bytes]] = list(byte_mutations(data, rng, cuts))
        values = None if suffix in (".html", ".md", ".car") else _json_values(data)
        if values:
            mutations += json_mutations(values, rng, per_sample)
            mutations += id_mutations(values, rng, 4)
        for label, body in mutations:
            yield f"{name}: {label}", _writer(body, "input" + suffix)


def _writer(body: bytes, file_name: str) -> Build:
    def build(folder: Path) -> Path:
        target = folder / file_name
        target.write_bytes(body)
        return target

    return build


# -- archives ---------------------------------------------------------------------------------

ARCHIVE = FIXTURES / "archive" / "new-era"
MASTODON_ARCHIVE = FIXTURES / "mastodon-archive" / "input.archive"


def _zip_of(folder: Path, target: Path, *, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, str(path.relative_to(folder)))
        for name, body in (extra or {}).items():
            archive.writestr(name, body)
    return target


def _bomb_claim(zip_path: Path, member: str) -> None:
    """Rewrite the central directory's uncompressed size of `member` to 4 GiB - 1 (a zip bomb's
    claim: a small file saying it unpacks to gigabytes)."""
    data = bytearray(zip_path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        name = bytes(data[at + 46 : at + 46 + name_length]).decode()
        if name == member:
            data[at + 24 : at + 28] = (0xFFFFFFFF).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    zip_path.write_bytes(bytes(data))


def archive_cases(rng: random.Random, per_archive: int) -> Iterator[tuple[str, Build]]:
    """An X archive (folder and zip) and a Mastodon archive, damaged."""
    tweets = ARCHIVE / "data" / "tweets.js"
    prefix, _, body = tweets.read_bytes().partition(b"=")
    values = json.loads(body)

    def folder_with(tweets_js: bytes | None, *, directory: bool = False) -> Build:
        def build(folder: Path) -> Path:
            root = folder / "archive"
            shutil.copytree(ARCHIVE, root)
            target = root / "data" / "tweets.js"
            target.unlink()
            if directory:
                target.mkdir()
                (target / "part.js").write_bytes(b"x")
            elif tweets_js is not None:
                target.write_bytes(tweets_js)
            return root

        return build

    def zipped(inner: Build, *, extra: dict[str, bytes] | None = None, bomb: str = "") -> Build:
        def build(folder: Path) -> Path:
            root = inner(folder)
            target = _zip_of(root, folder / "archive.zip", extra=extra)
            shutil.rmtree(root)
            if bomb:
                _bomb_claim(target, bomb)
            return target

        return build

    mutations: list[tuple[str, bytes]] = [
        (f"tweets.js {label}", prefix + b"= " + mutated)
        for label, mutated in json_mutations([values], rng, per_archive)
    ]
    mutations += [
        (f"tweets.js {label}", prefix + b"= " + mutated)
        for label, mutated in id_mutations([values], rng, 4)
    ]
    mutations += [
        (f"tweets.js {label}", mutated)
        for label, mutated in byte_mutations(tweets.read_bytes(), rng, 4)
    ]
    for label, mutated in mutations:
        yield f"archive folder: {label}", folder_with(mutated)
    for label, mutated in mutations[:: max(1, len(mutations) // 8)]:
        yield f"archive zip: {label}", zipped(folder_with(mutated))
    whole = folder_with(tweets.read_bytes())
    yield "archive folder: data/tweets.js is a folder", folder_with(None, directory=True)
    yield "archive zip: data/tweets.js is a folder", zipped(folder_with(None, directory=True))
    yield "archive zip: ../ in a name", zipped(whole, extra={"../../evil.js": b"x"})
    yield "archive zip: absolute name", zipped(whole, extra={"/etc/evil.js": b"x"})
    yield (
        "archive zip: media named ../",
        zipped(whole, extra={"data/tweets_media/../../x.jpg": b"x"}),
    )
    yield "archive zip: tweets.js claims 4 GiB", zipped(whole, bomb="data/tweets.js")
    yield "archive zip: truncated", _truncated_zip(zipped(whole))

    def mastodon(outbox: bytes | None) -> Build:
        def build(folder: Path) -> Path:
            root = folder / "mastodon"
            shutil.copytree(MASTODON_ARCHIVE, root)
            if outbox is not None:
                (root / "outbox.json").write_bytes(outbox)
            return root

        return build

    outbox = (MASTODON_ARCHIVE / "outbox.json").read_bytes()
    for label, mutated in [
        *json_mutations([json.loads(outbox)], rng, per_archive),
        *id_mutations([json.loads(outbox)], rng, 4),
        *list(byte_mutations(outbox, rng, 3))[:6],
    ]:
        yield f"mastodon archive: outbox.json {label}", mastodon(mutated)
    yield "mastodon archive zip: ../ in a name", zipped(mastodon(None), extra={"../evil": b"x"})
    yield "mastodon archive zip: outbox claims 4 GiB", zipped(mastodon(None), bomb="outbox.json")


def _truncated_zip(inner: Build) -> Build:
    def build(folder: Path) -> Path:
        target = inner(folder)
        data = target.read_bytes()
        target.write_bytes(data[: len(data) * 2 // 3])
        return target

    return build


# -- things that are not files ----------------------------------------------------------------


def special_cases(fifo: bool = True) -> Iterator[tuple[str, Build]]:
    def make_fifo(folder: Path) -> Path:
        target = folder / "input.json"
        os.mkfifo(target)
        return target

    def directory(folder: Path) -> Path:
        target = folder / "input.json"
        target.mkdir()
        return target

    def empty_folder(folder: Path) -> Path:
        target = folder / "archive"
        target.mkdir()
        return target

    def broken_link(folder: Path) -> Path:
        target = folder / "input.json"
        target.symlink_to(folder / "nowhere.json")
        return target

    def unreadable(folder: Path) -> Path:
        target = folder / "input.json"
        shutil.copy(FIXTURES / "north-2022-03-08" / "input.json", target)
        target.chmod(0)
        return target

    def zip_of_junk(folder: Path) -> Path:
        target = folder / "input.zip"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("notes.txt", b"nothing here")
        target.write_bytes(buffer.getvalue())
        return target

    if fifo and hasattr(os, "mkfifo"):
        yield "a FIFO", make_fifo
    yield "a folder named input.json", directory
    yield "an empty folder", empty_folder
    yield "a broken link", broken_link
    if os.geteuid() != 0:
        yield "an unreadable file", unreadable
    yield "a zip of other things", zip_of_junk


def all_cases(seed: int = 20261206) -> list[tuple[str, Build]]:
    rng = random.Random(seed)
    cases = list(file_cases(rng, per_sample=10, cuts=5))
    cases += archive_cases(rng, per_archive=12)
    cases += special_cases(fifo=False)
    return cases
