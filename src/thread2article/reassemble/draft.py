"""The value the reassembly passes hand to each other."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Block, Boundary, Post, Thread
from ..options import Options


@dataclass(frozen=True)
class PostText:
    post: Post
    text: str
    # Still HTML-escaped? (the `entities` pass clears it, which keeps the pass idempotent)
    escaped: bool
    # Facts the text passes learn for the joins pass, e.g. "trailing-ellipsis".
    signals: frozenset[str] = frozenset()

    def with_text(self, text: str, *signals: str) -> PostText:
        return replace(self, text=text, signals=self.signals | frozenset(signals))


@dataclass(frozen=True)
class Draft:
    thread: Thread
    options: Options
    items: tuple[PostText, ...]
    blocks: tuple[Block, ...] = ()
    boundaries: tuple[Boundary, ...] = ()
    # Set once the blocks are built, so running the joins pass again changes nothing.
    assembled: bool = False
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def start(cls, thread: Thread, options: Options) -> Draft:
        return cls(
            thread=thread,
            options=options,
            items=tuple(PostText(post=post, text=post.text, escaped=post.escaped) for post in thread.posts),
        )

    def with_texts(self, items: list[PostText] | tuple[PostText, ...]) -> Draft:
        return replace(self, items=tuple(items))
