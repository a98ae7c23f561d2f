"""One Options object carried through the pipeline instead of a dozen keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass

# X's classic post limit, in weighted characters (see reassemble/length.py).
POST_LIMIT = 280


@dataclass(frozen=True)
class Options:
    # Article title; derived from the first sentence when empty.
    title: str = ""
    # "auto": decide paragraph breaks from the thread's evidence; "post": one paragraph per post.
    paragraphs: str = "auto"
    # Markdown/HTML: YAML front matter; HTML: emit only the <article> element.
    front_matter: bool = False
    fragment: bool = False
    post_limit: int = POST_LIMIT
