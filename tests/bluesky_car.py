"""Build a Bluesky repository export (`.car`) for tests: records under `collection/rkey` keys in a
Merkle Search Tree, a commit naming its root, all as DAG-CBOR blocks (encoded by libipld, the
library the reader decodes with) in a CAR v1 file.

There is no real export among the samples (an export is a person's whole account), so this
follows the specifications: the atproto repository spec (commit `{did, version: 3, data, rev,
prev, sig}`; MST nodes `{l, e: [{p, k, v, t}]}`, a key's layer = leading zero bits of its SHA-256
divided by 2, key suffixes compressed against the previous key of the node) and CAR v1
(varint-prefixed header `{version: 1, roots}`, then varint-prefixed CID + block). The signature
is not a real one: the reader does not verify signatures (it reads the user's own file).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import libipld

DAG_CBOR = 0x71
RAW = 0x55
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
POST = "app.bsky.feed.post"


def cid_of(data: bytes, codec: int = DAG_CBOR) -> bytes:
    """CIDv1, sha2-256, as raw bytes (libipld encodes such bytes as a DAG-CBOR link)."""
    return bytes([1, codec, 0x12, 0x20]) + hashlib.sha256(data).digest()


def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def tid(moment: datetime, clock_id: int = 0) -> str:
    """A record key made from a time, as clients make them (base32-sortable, 13 characters)."""
    micros = int(moment.replace(tzinfo=moment.tzinfo or UTC).timestamp() * 1_000_000)
    value = (micros << 10) | (clock_id & 0x3FF)
    chars = []
    for _ in range(13):
        chars.append(TID_ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def layer_of(key: bytes) -> int:
    digest = hashlib.sha256(key).digest()
    zeros = 0
    for byte in digest:
        if byte == 0:
            zeros += 8
            continue
        zeros += 8 - byte.bit_length()
        break
    return zeros // 2


def blob(content: bytes, mime: str = "image/jpeg") -> dict[str, Any]:
    return {"$type": "blob", "ref": cid_of(content, RAW), "mimeType": mime, "size": len(content)}


def blob_cid_text(content: bytes) -> str:
    return libipld.encode_cid(cid_of(content, RAW))


@dataclass
class RepoBuilder:
    did: str
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Keys whose record block is left out of the file (an incomplete export).
    drop_blocks: set[str] = field(default_factory=set)

    def put(self, collection: str, rkey: str, record: dict[str, Any]) -> None:
        self.records[f"{collection}/{rkey}"] = record

    def uri(self, rkey: str, did: str | None = None) -> str:
        return f"at://{did or self.did}/{POST}/{rkey}"

    def post(
        self,
        moment: datetime,
        text: str,
        *,
        parent: str | None = None,
        root: str | None = None,
        parent_did: str | None = None,
        **extra: Any,
    ) -> str:
        """Add a post made at `moment`; `parent`/`root` are record keys (of `parent_did`'s
        repository for a reply to somebody else). Returns the post's record key."""
        rkey = tid(moment)
        record: dict[str, Any] = {
            "$type": POST,
            "text": text,
            "createdAt": moment.isoformat().replace("+00:00", "Z"),
            "langs": ["en"],
        }
        if parent:
            fake_cid = libipld.encode_cid(cid_of(parent.encode()))
            record["reply"] = {
                "parent": {"uri": self.uri(parent, parent_did), "cid": fake_cid},
                "root": {"uri": self.uri(root or parent, parent_did), "cid": fake_cid},
            }
        record.update(extra)
        self.put(POST, rkey, record)
        return rkey

    def car(self) -> bytes:
        blocks: dict[bytes, bytes] = {}

        def store(value: Any) -> bytes:
            data = libipld.encode_dag_cbor(value)
            cid = cid_of(data)
            blocks[cid] = data
            return cid

        leaves = []
        for key in sorted(self.records):
            data = libipld.encode_dag_cbor(self.records[key])
            cid = cid_of(data)
            if key not in self.drop_blocks:
                blocks[cid] = data
            leaves.append((key.encode(), cid))
        top = max((layer_of(key) for key, _ in leaves), default=0)
        data_root = self._node(leaves, top, store)
        commit = {
            "did": self.did,
            "version": 3,
            "data": data_root,
            "rev": tid(datetime(2024, 10, 1, tzinfo=UTC)),
            "prev": None,
            "sig": b"not-a-real-signature",
        }
        root = store(commit)
        header = libipld.encode_dag_cbor({"version": 1, "roots": [root]})
        out = bytearray(varint(len(header)) + header)
        # The commit first, as exports write it; the order of blocks does not matter to a reader.
        for cid in [root, *[cid for cid in blocks if cid != root]]:
            out += varint(len(cid) + len(blocks[cid])) + cid + blocks[cid]
        return bytes(out)

    def _node(self, leaves: list[tuple[bytes, bytes]], layer: int, store) -> bytes:
        """The MST node at `layer` holding `leaves` (sorted), stored; returns its CID."""
        left: list[tuple[bytes, bytes]] = []
        entries: list[dict[str, Any]] = []
        segment: list[tuple[bytes, bytes]] = []
        here: list[tuple[bytes, bytes, list[tuple[bytes, bytes]]]] = []
        for key, cid in leaves:
            if layer_of(key) == layer:
                if here:
                    here[-1][2].extend(segment)
                else:
                    left = segment
                here.append((key, cid, []))
                segment = []
            else:
                segment.append((key, cid))
        if here:
            here[-1][2].extend(segment)
        else:
            left = segment
        previous = b""
        for key, cid, after in here:
            shared = 0
            while shared < min(len(key), len(previous)) and key[shared] == previous[shared]:
                shared += 1
            entries.append(
                {
                    "p": shared,
                    "k": key[shared:],
                    "v": cid,
                    "t": self._node(after, layer - 1, store) if after else None,
                }
            )
            previous = key
        return store({"l": self._node(left, layer - 1, store) if left else None, "e": entries})
