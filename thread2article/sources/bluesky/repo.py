"""A Bluesky account's repository export: the `.car` file from Settings → Export my data (the
same bytes `com.atproto.sync.getRepo` serves).

A CAR v1 file is a header naming a root and a run of DAG-CBOR blocks keyed by CID; libipld (the
Rust IPLD library the atproto SDK itself uses) decodes it. The root is the signed commit
`{did, version, data, rev, sig}`; `data` is the root of a Merkle Search Tree whose nodes are
`{l, e: [{p, k, v, t}]}`: each entry's key is `collection/rkey`, written as the `p` bytes it
shares with the previous key plus its own suffix `k`; `v` is the record, `l` the subtree before
the first entry and `t` the one after each entry. Walking the tree in order gives every record
under its key, which is how a post gets its record key (its id and its URL).

The export holds the account's own records only: posts (`app.bsky.feed.post`), the profile
(`app.bsky.actor.profile/self`, the display name), likes, reposts (another collection, so they
never enter a thread) and follows. Images and videos are blobs kept outside the repository: they
are linked on Bluesky's CDN. The handle is not in the repository either; the author is named by
display name and DID, and posts link to `bsky.app/profile/<did>/post/<rkey>`.
"""

from __future__ import annotations

import re
from typing import Any

import libipld

from ...errors import InputError, UnknownFormatError
from ...model import Author, Post, QuotedPost
from .. import SourcePosts
from ..common import check_post, reading_record
from . import records

FORMAT_NAME = "Bluesky repository export (.car)"
_MAX_HEADER = 1 << 16


def _varint(data: bytes, position: int = 0) -> tuple[int, int] | None:
    """An unsigned LEB128 varint at `position`: (value, position after it), or None."""
    value = 0
    shift = 0
    while position < len(data) and shift < 64:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position
        shift += 7
    return None


def is_car(head: bytes) -> bool:
    """Does this start like a CAR v1 file (a length-prefixed DAG-CBOR header with `roots` and
    `version`)? Cheap: only the first bytes are looked at."""
    parsed = _varint(head[:10])
    if parsed is None:
        return False
    length, start = parsed
    if not 0 < length < _MAX_HEADER:
        return False
    header = head[start : start + length]
    # A DAG-CBOR map (major type 5) whose keys include both names.
    return bool(header) and header[0] >> 5 == 5 and b"roots" in header and b"version" in header


def read_repo(raw: bytes, source: str = "") -> SourcePosts:
    try:
        header, blocks = libipld.decode_car(raw)
    except (ValueError, RecursionError) as error:
        # libipld names the Rust or Python error it met ("Failed to read CAR block.
        # UnicodeDecodeError: 'utf-8' codec can't decode…"): say what it means instead.
        reason = re.sub(r"UnicodeDecodeError: .*", "text in it is not UTF-8", str(error).strip())
        raise InputError(
            f"not a readable CAR file ({reason}); export the repository again from Bluesky's "
            "Settings → Export my data",
            source=source,
        ) from None
    roots = header.get("roots") if isinstance(header, dict) else None
    commit = blocks.get(roots[0]) if isinstance(roots, list) and roots else None
    if not (
        isinstance(commit, dict)
        and isinstance(commit.get("did"), str)
        and isinstance(commit.get("data"), bytes)
    ):
        raise UnknownFormatError(
            "a CAR file that is not a Bluesky repository (its root is no signed commit with a "
            "did and a data tree)",
            source=source,
        )
    did = commit["did"]
    result = SourcePosts(posts=[], format_name=FORMAT_NAME)
    result.platform = records.PLATFORM
    entries, absent = _walk(commit["data"], blocks)
    post_records: dict[str, dict[str, Any]] = {}
    name = ""
    for key, cid in entries:
        collection, _, rkey = key.partition("/")
        if collection not in (records.POST_COLLECTION, records.PROFILE_COLLECTION):
            continue
        record = blocks.get(cid)
        if not isinstance(record, dict):
            absent += 1
            continue
        if collection == records.PROFILE_COLLECTION and rkey == "self":
            shown = record.get("displayName")
            name = shown.strip() if isinstance(shown, str) else ""
        elif collection == records.POST_COLLECTION:
            post_records[rkey] = record
    if absent:
        result.warnings.append(
            f"{source}: {absent} record{'s' if absent != 1 else ''} of the repository "
            f"{'are' if absent != 1 else 'is'} not in the file (an incomplete export); "
            "threads may show gaps"
        )
    author = records.author_of(did, "", name)
    result.account = Author(id=did, name=author.name, profile_url=author.profile_url)
    for rkey, record in post_records.items():
        uri = records.AtUri(did, records.POST_COLLECTION, rkey)
        with reading_record(source, rkey):
            post, notes = _post(uri, author, record, post_records)
            check_post(post)
        result.warnings.extend(notes)
        result.posts.append(post)
    return result


def _walk(root: bytes, blocks: dict[bytes, Any]) -> tuple[list[tuple[str, bytes]], int]:
    """Every (key, record CID) of the tree in key order, and how many nodes were absent.

    Iterative, with a stack of pending work: a subtree to enter, or an entry to emit. A node's
    keys are compressed against the previous key *of the same node*."""
    entries: list[tuple[str, bytes]] = []
    absent = 0
    visited: set[bytes] = set()
    stack: list[tuple[str, Any]] = [("node", root)]
    while stack:
        kind, item = stack.pop()
        if kind == "entry":
            entries.append(item)
            continue
        if not isinstance(item, bytes) or item in visited:
            continue
        visited.add(item)
        node = blocks.get(item)
        if not isinstance(node, dict):
            absent += 1
            continue
        work: list[tuple[str, Any]] = []
        if node.get("l") is not None:
            work.append(("node", node["l"]))
        previous = b""
        for entry in node.get("e") or []:
            if not isinstance(entry, dict):
                continue
            prefix, suffix = entry.get("p"), entry.get("k")
            if not isinstance(prefix, int) or not isinstance(suffix, bytes):
                continue
            key = previous[:prefix] + suffix
            previous = key
            if isinstance(entry.get("v"), bytes):
                work.append(("entry", (key.decode("utf-8", errors="replace"), entry["v"])))
            if entry.get("t") is not None:
                work.append(("node", entry["t"]))
        stack.extend(reversed(work))
    return entries, absent


def _post(
    uri: records.AtUri,
    author: Author,
    record: dict[str, Any],
    own: dict[str, dict[str, Any]],
) -> tuple[Post, list[str]]:
    record = _with_blob_links(record)
    embed = record.get("embed")
    quote = records.record_quote(embed)
    if quote is not None:
        quoted = records.parse_at_uri(_quoted_uri(embed))
        # The account quoting itself: the repository has the quoted text too.
        if quoted and quoted.authority == uri.authority and quoted.rkey in own:
            value = own[quoted.rkey]
            quote = QuotedPost(
                id=quote.id,
                url=quote.url,
                author=author,
                text=records.plain_text(records.text_of(value), value.get("facets")),
            )
    return records.build_post(
        uri,
        author,
        record,
        media=records.record_media(uri.authority, embed),
        quote=quote,
        card=records.record_card(embed),
    )


def _quoted_uri(embed: Any) -> Any:
    if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.recordWithMedia":
        embed = embed.get("record")
    ref = embed.get("record") if isinstance(embed, dict) else None
    return ref.get("uri") if isinstance(ref, dict) else None


def _with_blob_links(value: Any) -> Any:
    """Blob references hold their CID as a DAG-CBOR link (bytes here); the record code reads
    the JSON form `{"$link": "bafk…"}`, which the AppView shows."""
    if isinstance(value, dict):
        if value.get("$type") == "blob" and isinstance(value.get("ref"), bytes):
            try:
                link = libipld.encode_cid(value["ref"])
            except ValueError:
                return value
            return {**value, "ref": {"$link": link}}
        return {key: _with_blob_links(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_blob_links(item) for item in value]
    return value
