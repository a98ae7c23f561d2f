"""The tag every fetched response carries, in the manner of twarc's `__twarc` key.

`{"__thread2article": {"provider": "api"|"fxtwitter"|"syndication", "endpoint": ..., "id": ...,
"retrieved_at": ...}}` lets readers tell providers apart and keeps what a body alone cannot say
(e.g. which id a syndication "not found" answer was about). The body is otherwise left as received.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..sources.x import FETCH_TAG

TAG_KEY = FETCH_TAG


def tag_response(
    response: Any, *, provider: str, endpoint: str, requested_id: str | None = None
) -> dict[str, Any]:
    body = dict(response) if isinstance(response, dict) else {"body": response}
    tag: dict[str, Any] = {"provider": provider, "endpoint": endpoint}
    if requested_id is not None:
        tag["id"] = requested_id
    tag["retrieved_at"] = (
        datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    )
    body[TAG_KEY] = tag
    return body
