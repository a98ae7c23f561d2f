"""Mastodon: statuses and contexts from the REST API (saved, or fetched by `thread2article
fetch`), and the account archive (its ActivityPub `outbox.json`, `actor.json` and media).

- `api`: `/api/v1/statuses/:id` and `/context` answers → posts (`sniff`, `read`);
- `outbox`: the archive's outbox → posts;
- `archive`: the archive as a folder, `.tar.gz` or `.zip`, read in place;
- `content`: a status's HTML content → the text a reader saw.

Every source gives `platform="mastodon"` and the instance's post length limit when it is known
(500, Mastodon's default, otherwise).
"""

from __future__ import annotations

from .api import DEFAULT_POST_LIMIT, FORMAT_NAME, PLATFORM, read, sniff
from .archive import is_archive, open_archive, read_archive

__all__ = [
    "DEFAULT_POST_LIMIT",
    "FORMAT_NAME",
    "PLATFORM",
    "is_archive",
    "open_archive",
    "read",
    "read_archive",
    "sniff",
]
