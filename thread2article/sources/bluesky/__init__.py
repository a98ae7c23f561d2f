"""Bluesky: threads from the AppView's JSON (saved or fetched) and from the account's
repository export (`.car`).

    sniff(value) -> bool, read(value, source) -> SourcePosts     AppView JSON (`views.py`)
    is_car(head) -> bool, read_repo(raw, source) -> SourcePosts  the export (`repo.py`)

Both produce ordinary Posts (id: the record key; author: DID, handle, display name; URL:
`https://bsky.app/profile/<handle or did>/post/<rkey>`) and mark the source as Bluesky's, so
every Thread found in it carries `platform = "bluesky"` (300 graphemes a post).
"""

from __future__ import annotations

from .records import PLATFORM
from .repo import is_car, read_repo
from .views import FORMAT_NAME, read, sniff

__all__ = ["FORMAT_NAME", "PLATFORM", "is_car", "read", "read_repo", "sniff"]
