"""One thread under review: the writer's choices, the article they give, and the page's view of it.

The choices are the decisions file's (reassemble/decisions.py): a decision per boundary, the
title, the markers to keep. The article is always rebuilt by `reassemble(thread, options,
decisions)`, exactly as `convert --decisions FILE` rebuilds it, so what the page shows and
what the downloaded decisions file reproduces cannot drift apart.

The article is drawn by the project's HTML writer. To put a control at each boundary, the
writer is given the article with a placeholder where each post's text begins (control
characters that no text keeps, that end a URL and that the template passes through), and each
placeholder in its output is then replaced by the control's markup.
"""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..model import Article, Boundary, ListBlock, Paragraph, Thread
from ..options import Options
from ..reassemble import reassemble, run_passes
from ..reassemble.decisions import (
    BoundaryChoice,
    Decisions,
    MarkerChoice,
    decisions_of,
    dump_decisions,
)
from ..writers import render
from ..writers.html import render_html

# The order a click walks through (the order: join, join without space, same
# paragraph, new paragraph).
CYCLE = ("join", "join-word", "same-paragraph", "new-paragraph")
LABELS = {
    "join": "join (with a space)",
    "join-word": "join without a space",
    "same-paragraph": "same paragraph",
    "new-paragraph": "new paragraph",
    "gap": "posts missing here",
}
SYMBOLS = {"join": "␣", "join-word": "‿", "same-paragraph": "↵", "new-paragraph": "¶", "gap": "⋯"}
MAX_TITLE = 300

TEMPLATES = Path(__file__).parent / "templates"

# Placeholders: STX, a random nonce, a number, ETX. STX/ETX are not whitespace (no strip()
# removes them), a URL in text ends at them (writers/urls.py stops at control characters) and
# autoescape leaves them be; the nonce keeps a post's own text from ever posing as one.
_OPEN, _CLOSE = "\x02", "\x03"
_PLACEHOLDER_CHARS = re.compile("[\x02\x03]")
_LIST_MARK = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–+])\s+")
_ANCHOR = 40


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@dataclass(frozen=True)
class Export:
    text: str
    media_type: str
    filename: str


EXPORTS = ("markdown", "html", "fragment", "json", "decisions")


class Review:
    """The state of one thread's review, shared by the requests that change and read it."""

    def __init__(self, thread: Thread, label: str) -> None:
        self.thread = thread
        self.label = label
        self.title: str | None = None
        # Keyed by the id of the post before the boundary (the decisions file's `after`).
        self.choices: dict[str, str] = {}
        self.kept: dict[tuple[str, str], MarkerChoice] = {}
        self.lock = threading.Lock()
        self._rules: Article | None = None
        self._article: Article | None = None
        # The markers the rules strip when nothing is kept: the list the page offers to restore.
        self._stripped: tuple[tuple[str, str], ...] | None = None

    # -- what the writer chose ----------------------------------------------------------------

    @property
    def root_id(self) -> str:
        return self.thread.root.id

    def options(self, fragment: bool = False) -> Options:
        return Options(title=self.title or "", fragment=fragment)

    def _decisions(self, with_boundaries: bool) -> Decisions | None:
        boundaries = (
            tuple(BoundaryChoice(after=after, decision=d) for after, d in self.choices.items())
            if with_boundaries
            else ()
        )
        if not boundaries and not self.kept and self.title is None:
            return None
        return Decisions(
            thread=self.root_id,
            title=self.title,
            boundaries=boundaries,
            keep_markers=tuple(self.kept.values()),
        )

    def rules_article(self) -> Article:
        """The article as the rules decide it, given the kept markers (a kept marker is text the
        rules read, so it may change their decisions)."""
        if self._rules is None:
            self._rules = reassemble(self.thread, self.options(), self._decisions(False))
        return self._rules

    def article(self) -> Article:
        if self._article is None:
            self._article = reassemble(self.thread, self.options(), self._decisions(True))
        return self._article

    def _changed(self, *, markers: bool = False) -> None:
        self._article = None
        if markers:
            self._rules = None

    def choose(self, after: str, decision: str) -> None:
        """Set the decision of the boundary after post `after`; choosing what the rules chose
        drops the override, so the decisions file only pins what the rules decide anyway."""
        rules = {boundary.before_id: boundary for boundary in self.rules_article().boundaries}
        boundary = rules.get(after)
        if boundary is None:
            raise LookupError(f"the thread has no boundary after post {after}")
        if boundary.decision == "gap":
            raise LookupError(f"posts are missing after post {after}: a gap cannot be chosen")
        if decision not in CYCLE:
            raise ValueError(f"unknown decision {decision!r}: choose one of {', '.join(CYCLE)}")
        if decision == boundary.decision:
            self.choices.pop(after, None)
        else:
            self.choices[after] = decision
        self._changed()

    def reset(self) -> None:
        self.choices.clear()
        self.kept.clear()
        self.title = None
        self._changed(markers=True)

    def set_title(self, title: str) -> None:
        title = " ".join(title.split())[:MAX_TITLE]
        self.title = title or None
        self._changed(markers=True)

    def stripped_markers(self) -> tuple[tuple[str, str], ...]:
        if self._stripped is None:
            article = reassemble(self.thread, Options())
            self._stripped = tuple((m.post_id, m.text) for m in article.removed_markers)
        return self._stripped

    def keep_marker(self, post: str, text: str, keep: bool) -> None:
        key = (post, text)
        if keep:
            if key not in self.stripped_markers():
                raise LookupError(f"post {post} had no marker {text!r} removed")
            self.kept[key] = MarkerChoice(post=post, text=text)
        else:
            self.kept.pop(key, None)
        self._changed(markers=True)

    # -- taking it away -----------------------------------------------------------------------

    def decisions_file(self) -> str:
        decisions = decisions_of(self.article())
        decisions = replace(
            decisions,
            title=self.title if self.title is not None else decisions.title,
            keep_markers=tuple(self.kept.values()),
        )
        return dump_decisions(decisions)

    def export(self, kind: str) -> Export:
        # A header value and a file name: only word characters, whatever the platform's ids.
        stem = "thread-" + re.sub(r"[^\w.-]", "_", self.root_id, flags=re.ASCII)
        if kind == "markdown":
            text = render(self.article(), "markdown", self.options())
            return Export(text, "text/markdown; charset=utf-8", f"{stem}.md")
        if kind == "html":
            text = render(self.article(), "html", self.options())
            return Export(text, "text/html; charset=utf-8", f"{stem}.html")
        if kind == "fragment":
            text = render(self.article(), "html", self.options(fragment=True))
            return Export(text, "text/html; charset=utf-8", f"{stem}.fragment.html")
        if kind == "json":
            text = render(self.article(), "json", self.options())
            return Export(text, "application/json; charset=utf-8", f"{stem}.json")
        if kind == "decisions":
            return Export(
                self.decisions_file(), "application/yaml; charset=utf-8", f"{stem}.decisions.yaml"
            )
        raise LookupError(f"no export {kind!r}: one of {', '.join(EXPORTS)}")

    # -- the page's view ----------------------------------------------------------------------

    def view(self) -> dict:
        """What the templates need: the annotated article, the boundaries, the markers."""
        article = self.article()
        rules = {boundary.before_id: boundary for boundary in self.rules_article().boundaries}
        controls = [
            _control(
                number, boundary, rules.get(boundary.before_id), boundary.before_id in self.choices
            )
            for number, boundary in enumerate(article.boundaries, start=1)
        ]
        markers = [
            {"post": post, "text": text, "kept": (post, text) in self.kept}
            for post, text in self.stripped_markers()
        ]
        return {
            "title": article.title,
            "title_edited": self.title is not None,
            "html": annotated_html(
                self.thread, article, controls, self.options(), self._decisions(True)
            ),
            "boundaries": controls,
            "changed": len(self.choices),
            "markers": markers,
            "warnings": list(article.warnings),
        }


def _control(number: int, boundary: Boundary, rule: Boundary | None, changed: bool) -> dict:
    said = rule or boundary
    return {
        "number": number,
        "after": boundary.before_id,
        "next": boundary.after_id,
        "decision": boundary.decision,
        "label": LABELS.get(boundary.decision, boundary.decision),
        "symbol": SYMBOLS.get(boundary.decision, "?"),
        "rule_decision": said.decision,
        "rule": said.rule,
        "signals": list(said.signals),
        "excerpt": said.excerpt,
        "changed": changed,
        "choosable": boundary.decision != "gap",
    }


def _post_texts(
    thread: Thread, options: Options, decisions: Decisions | None
) -> list[tuple[str, str]]:
    """Each post's text as the joins pass receives it (markers gone but those kept), in order."""
    draft = run_passes(thread, options, upto="markers", decisions=decisions)
    return [(item.post.id, _PLACEHOLDER_CHARS.sub("", item.text.strip())) for item in draft.items]


def _anchors(text: str) -> list[str]:
    first_line = text.split("\n", 1)[0].strip()
    unlisted = _LIST_MARK.sub("", first_line, count=1)
    anchors = [first_line[:_ANCHOR], unlisted[:_ANCHOR], first_line[:12], unlisted[:12]]
    return [anchor for anchor in dict.fromkeys(anchors) if anchor]


def locate_posts(texts: list[tuple[str, str]], whole: str) -> dict[str, int]:
    """Where each post's text begins in `whole` (the article's running text), searched in thread
    order from where the previous post began, so a phrase repeated later is never taken for an
    earlier post. A post whose start cannot be found (its text was rewritten, e.g. a list line)
    is placed where the previous post ended."""
    places: dict[str, int] = {}
    cursor = 0
    for post_id, text in texts:
        if not text:
            continue
        found = -1
        for anchor in _anchors(text):
            found = whole.find(anchor, cursor)
            if found >= 0:
                break
        if found < 0:
            places[post_id] = cursor
            continue
        places[post_id] = found
        first_chunk = text.split("\n\n", 1)[0]
        cursor = found + (len(first_chunk) if whole.startswith(first_chunk, found) else 1)
    return places


def annotated_html(
    thread: Thread,
    article: Article,
    controls: list[dict],
    options: Options,
    decisions: Decisions | None = None,
) -> Markup:
    """The writer's `<article>` with a boundary control where each post's text begins."""
    # The running text: every paragraph and list item, in order, each a slot.
    slots: list[tuple[int, int | None, str]] = []
    # (Each slot is a block index, a list item index or None, and the text.)
    for index, block in enumerate(article.blocks):
        if isinstance(block, Paragraph):
            slots.append((index, None, _PLACEHOLDER_CHARS.sub("", block.text)))
        elif isinstance(block, ListBlock):
            for item_index, item in enumerate(block.items):
                slots.append((index, item_index, _PLACEHOLDER_CHARS.sub("", item)))
    whole_parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for _, _, text in slots:
        starts.append(offset)
        whole_parts.append(text)
        offset += len(text) + 1
    whole = "\0".join(whole_parts)
    places = locate_posts(_post_texts(thread, options, decisions), whole)

    # Placeholders per slot, at offsets within the slot's text.
    nonce = secrets.token_hex(8)
    inserts: dict[int, list[tuple[int, int]]] = {}
    for position, control in enumerate(controls):
        at = places.get(control["next"])
        if at is None:
            at = len(whole)
        found = max((i for i, start in enumerate(starts) if start <= at), default=None)
        if found is None:
            continue
        within = min(at - starts[found], len(slots[found][2]))
        inserts.setdefault(found, []).append((within, position))

    blocks = list(article.blocks)
    items: dict[int, list[str]] = {}
    for number, (block_index, item_at, text) in enumerate(slots):
        marked = text
        for within, position in sorted(inserts.get(number, ()), reverse=True):
            marked = f"{marked[:within]}{_OPEN}{nonce}:{position}{_CLOSE}{marked[within:]}"
        block = blocks[block_index]
        if item_at is None and isinstance(block, Paragraph):
            blocks[block_index] = Paragraph(text=marked)
        elif isinstance(block, ListBlock):
            items.setdefault(block_index, list(block.items))[item_at or 0] = marked
    for block_index, list_items in items.items():
        block = blocks[block_index]
        assert isinstance(block, ListBlock)
        blocks[block_index] = ListBlock(
            items=tuple(list_items), ordered=block.ordered, start=block.start
        )

    html = render_html(replace(article, blocks=tuple(blocks)), replace(options, fragment=True))
    macro = environment().get_template("_boundary.html.j2").module.control  # type: ignore[attr-defined]
    placed: set[int] = set()

    def control_markup(match: re.Match[str]) -> str:
        position = int(match.group(1))
        if position >= len(controls) or position in placed:
            return ""
        placed.add(position)
        return str(macro(controls[position]))

    html = re.sub(f"{_OPEN}{nonce}:(\\d+){_CLOSE}", control_markup, html)
    return Markup(_PLACEHOLDER_CHARS.sub("", html))
