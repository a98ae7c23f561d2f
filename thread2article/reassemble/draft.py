"""The value the reassembly passes hand to each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block, Boundary, Post, Thread
from ..options import Options
from .decisions import Decisions

# Copies below are built by calling the class, not `dataclasses.replace`: the passes make a copy
# per post per pass, and replace's field-by-field introspection cost more than the passes' work
# (about 0.8 s of a 100k-tweet archive export).


@dataclass(frozen=True)
class PostText:
    post: Post
    text: str
    # Still HTML-escaped? (the `entities` pass clears it, which keeps the pass idempotent)
    escaped: bool
    # Facts the text passes learn for the joins pass, e.g. "trailing-ellipsis".
    signals: frozenset[str] = frozenset()
    # What the markers pass stripped from this post ("1/5", "🧵"), in the order found, so the
    # article can say what was removed and a writer can keep it (Decisions.keep_markers).
    removed_markers: tuple[str, ...] = ()

    def with_text(self, text: str, *signals: str, removed: tuple[str, ...] = ()) -> PostText:
        """A copy with new text, more signals and, when given, more removed markers."""
        if text == self.text and self.signals.issuperset(signals) and not removed:
            return self
        return PostText(
            post=self.post,
            text=text,
            escaped=self.escaped,
            signals=self.signals.union(signals),
            removed_markers=self.removed_markers + removed,
        )


@dataclass(frozen=True)
class Draft:
    thread: Thread
    options: Options
    items: tuple[PostText, ...]
    blocks: tuple[Block, ...] = ()
    boundaries: tuple[Boundary, ...] = ()
    # Set once the blocks are built, so running the joins pass again changes nothing.
    assembled: bool = False
    # Warnings the passes leave for the article (a decisions file entry that no longer matches).
    notes: tuple[str, ...] = field(default=())
    # The writer's own choices (a decisions file), which the passes apply over their rules.
    decisions: Decisions | None = None

    @classmethod
    def start(cls, thread: Thread, options: Options, decisions: Decisions | None = None) -> Draft:
        return cls(
            thread=thread,
            options=options,
            items=tuple(
                PostText(post=post, text=post.text, escaped=post.escaped) for post in thread.posts
            ),
            decisions=decisions,
        )

    def with_texts(self, items: list[PostText] | tuple[PostText, ...]) -> Draft:
        return Draft(
            thread=self.thread,
            options=self.options,
            items=tuple(items),
            blocks=self.blocks,
            boundaries=self.boundaries,
            assembled=self.assembled,
            notes=self.notes,
            decisions=self.decisions,
        )

    def assembled_into(
        self,
        blocks: tuple[Block, ...],
        boundaries: tuple[Boundary, ...],
        notes: tuple[str, ...] = (),
    ) -> Draft:
        """The draft once the joins pass has built its blocks (`notes`: its warnings)."""
        return Draft(
            thread=self.thread,
            options=self.options,
            items=self.items,
            blocks=blocks,
            boundaries=boundaries,
            assembled=True,
            notes=self.notes + notes,
            decisions=self.decisions,
        )
