"""The value the reassembly passes hand to each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import is_
from typing import TypeVar

from ..model import Block, Boundary, Post, Thread
from ..options import Options
from .decisions import Decisions

_T = TypeVar("_T")

# The passes make a copy per post per pass and of the draft per pass (some 300,000 copies in a
# 100k-tweet archive), so copies skip the frozen dataclass's __init__, which sets each field
# through object.__setattr__ (about 1 µs a copy; `dataclasses.replace` costs more still): a new
# instance takes the fields as a dict. No class built so (these two, `Article` in reassemble())
# has a __post_init__ to skip, and tests/test_pass_shortcuts.py pins each to its constructor.


def built(cls: type[_T], fields: dict[str, object]) -> _T:
    """An instance of the frozen dataclass `cls` with these fields (all of them), built without
    its __init__. `fields` becomes the instance's own dict: pass a new one (every caller writes
    a dict display or copies one), never one kept for later."""
    new = _new(cls)
    # (Taken as the instance's dict, not copied into the one `new.__dict__` would make first:
    # some 260,000 instances in a 100k-tweet archive's export.)
    _set_attribute(new, "__dict__", fields)
    return new


_new = object.__new__
_set_attribute = object.__setattr__


_NO_SIGNALS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PostText:
    post: Post
    text: str
    # Still HTML-escaped? (the `entities` pass clears it, which keeps the pass idempotent)
    escaped: bool
    # Facts the text passes learn for the joins pass, e.g. "trailing-ellipsis".
    signals: frozenset[str] = _NO_SIGNALS
    # What the markers pass stripped from this post ("1/5", "🧵"), in the order found, so the
    # article can say what was removed and a writer can keep it (Decisions.keep_markers).
    removed_markers: tuple[str, ...] = ()

    def with_text(self, text: str, *signals: str, removed: tuple[str, ...] = ()) -> PostText:
        """A copy with new text, more signals and, when given, more removed markers."""
        if text == self.text and not removed and (not signals or self.signals.issuperset(signals)):
            return self
        return built(
            PostText,
            {
                "post": self.post,
                "text": text,
                "escaped": self.escaped,
                "signals": self.signals.union(signals) if signals else self.signals,
                "removed_markers": self.removed_markers + removed
                if removed
                else self.removed_markers,
            },
        )


def post_text(post: Post, text: str, escaped: bool, signals: list[str] | None = None) -> PostText:
    """A post's text with no marker stripped from it yet (as `PostText(...)` builds it)."""
    return built(
        PostText,
        {
            "post": post,
            "text": text,
            "escaped": escaped,
            "signals": frozenset(signals) if signals else _NO_SIGNALS,
            "removed_markers": (),
        },
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
        return cls.of(
            thread,
            options,
            tuple(post_text(post, post.text, post.escaped) for post in thread.posts),
            decisions,
        )

    @staticmethod
    def of(
        thread: Thread,
        options: Options,
        items: tuple[PostText, ...],
        decisions: Decisions | None = None,
    ) -> Draft:
        """A draft of these items, before any block is built."""
        return built(
            Draft,
            {
                "thread": thread,
                "options": options,
                "items": items,
                "blocks": (),
                "boundaries": (),
                "assembled": False,
                "notes": (),
                "decisions": decisions,
            },
        )

    def with_texts(self, items: list[PostText] | tuple[PostText, ...]) -> Draft:
        """A copy with these items; the draft itself when they are its own (a pass that changed
        no post, as most passes over most threads)."""
        if len(items) == len(self.items) and all(map(is_, items, self.items)):
            return self
        fields = dict(self.__dict__)
        fields["items"] = tuple(items)
        return built(Draft, fields)

    def assembled_into(
        self,
        blocks: tuple[Block, ...],
        boundaries: tuple[Boundary, ...],
        notes: tuple[str, ...] = (),
    ) -> Draft:
        """The draft once the joins pass has built its blocks (`notes`: its warnings)."""
        fields = dict(self.__dict__)
        fields.update(
            blocks=blocks, boundaries=boundaries, assembled=True, notes=self.notes + notes
        )
        return built(Draft, fields)
