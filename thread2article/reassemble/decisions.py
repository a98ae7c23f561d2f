"""The writer's last word: a file of choices that overrides the reassembler's rules.

No rule is right on every thread, so every decision the reassembler takes can be written out,
edited and read back (`convert --explain --decisions-out FILE`, then `convert --decisions FILE`):

    # thread2article decisions: edit a decision, then run convert --decisions FILE
    thread: '1001'
    title: Why threads make bad essays
    boundaries:
    - {after: '1001', decision: join, before_text: cut in the, after_text: middle of a, rule: ...}
    - {after: '1002', decision: new-paragraph, ...}
    keep_markers:
    - {post: '1003', text: 1/}

One line per boundary: the id of the post it falls after, the decision, a few words either side
(for the reader; they are not checked) and the rule that decided. A boundary's decision is one of
`join-word` (join without a space), `join` (join inside a sentence), `same-paragraph`,
`new-paragraph`; `gap` (posts missing) is recorded but cannot be chosen. `keep_markers` lists
text the markers pass stripped that should stay in the article.

This module only reads and writes the file; the passes apply it (`Draft.decisions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from ..errors import InputError
from ..model import BOUNDARY_DECISIONS, CHOOSABLE_DECISIONS, Article

# How much of each post a decisions file shows either side of a boundary: a few words, and no
# more than a few characters of a script written without spaces (Chinese, Japanese).
CONTEXT_WORDS = 6
CONTEXT_CHARS = 40
# What a boundary keeps of each post (Boundary.before_text/after_text); trimmed when shown.
CONTEXT_SPAN = CONTEXT_CHARS * 4


@dataclass(frozen=True)
class BoundaryChoice:
    after: str  # id of the post before the boundary
    decision: str  # one of model.BOUNDARY_DECISIONS
    rule: str = ""
    before_text: str = ""
    after_text: str = ""


@dataclass(frozen=True)
class MarkerChoice:
    """Keep `text`, which the markers pass would strip from post `post`, as part of the text."""

    post: str
    text: str


@dataclass(frozen=True)
class Decisions:
    thread: str  # the id of the thread's first post
    title: str | None = None  # None: derive it from the first sentence
    boundaries: tuple[BoundaryChoice, ...] = ()
    keep_markers: tuple[MarkerChoice, ...] = ()

    def boundary_after(self) -> dict[str, BoundaryChoice]:
        """The choices by the id of the post before the boundary."""
        return {choice.after: choice for choice in self.boundaries}


def _last_words(text: str) -> str:
    words = " ".join(text[-CONTEXT_SPAN:].split()[-CONTEXT_WORDS:])
    return words[-CONTEXT_CHARS:].lstrip()


def _first_words(text: str) -> str:
    words = " ".join(text[:CONTEXT_SPAN].split()[:CONTEXT_WORDS])
    return words[:CONTEXT_CHARS].rstrip()


def context_of(before: str, after: str) -> tuple[str, str]:
    """A few words either side of a cut: the end of the earlier post, the start of the later."""
    return _last_words(before), _first_words(after)


def decisions_of(article: Article) -> Decisions:
    """Every decision the article was built with, ready to be written out and edited."""
    return Decisions(
        thread=article.post_ids[0] if article.post_ids else "",
        title=article.title,
        boundaries=tuple(
            BoundaryChoice(
                after=boundary.before_id,
                decision=boundary.decision,
                rule=boundary.rule,
                before_text=context_of(boundary.before_text, boundary.after_text)[0],
                after_text=context_of(boundary.before_text, boundary.after_text)[1],
            )
            for boundary in article.boundaries
        ),
        keep_markers=(),
    )


_HEADER = """\
# thread2article decisions. Edit a boundary's decision, then: thread2article convert SOURCE --decisions THIS_FILE
#   join-word: join without a space | join: join inside a sentence | same-paragraph | new-paragraph
#   (gap: posts are missing there; it cannot be chosen)
# title: delete the line to derive the title from the first sentence again.
# keep_markers: text the reassembler stripped that should stay, e.g. - {post: '1003', text: '1/'}
"""


def _flow(values: dict[str, Any]) -> str:
    """One YAML mapping on one line, every string quoted as YAML needs."""
    text = yaml.safe_dump(
        values, default_flow_style=True, allow_unicode=True, sort_keys=False, width=2**31
    )
    return text.strip()


def dump_decisions(decisions: Decisions) -> str:
    """The decisions file: a commented header, then one line per boundary."""
    lines = [_HEADER.rstrip("\n")]
    lines.append(_flow({"thread": decisions.thread})[1:-1])
    if decisions.title is not None:
        lines.append(_flow({"title": decisions.title})[1:-1])
    lines.append("boundaries:" if decisions.boundaries else "boundaries: []")
    for choice in decisions.boundaries:
        entry = {"after": choice.after, "decision": choice.decision}
        entry.update({"before_text": choice.before_text, "after_text": choice.after_text})
        if choice.rule:
            entry["rule"] = choice.rule
        lines.append("- " + _flow(entry))
    lines.append("keep_markers:" if decisions.keep_markers else "keep_markers: []")
    for marker in decisions.keep_markers:
        lines.append("- " + _flow({"post": marker.post, "text": marker.text}))
    return "\n".join(lines) + "\n"


def _id(value: Any, where: str, source: str) -> str:
    # A person editing the file may write an id without quotes; YAML then reads a number.
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        raise InputError(f"{where} must be a post id, not {value!r}", source=source)
    return str(value)


def _text(value: Any, where: str, source: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise InputError(f"{where} must be text, not {value!r}", source=source)
    return str(value)


def _mapping(value: Any, where: str, keys: tuple[str, ...], source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{where} must be a mapping like {{{keys[0]}: …}}", source=source)
    unknown = sorted(str(key) for key in value if key not in keys)
    if unknown:
        raise InputError(
            f"{where} has an unknown key {unknown[0]!r} (known: {', '.join(keys)})", source=source
        )
    return value


def _list(value: Any, where: str, source: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(f"{where} must be a list", source=source)
    return value


def load_decisions(text: str, source: str = "decisions") -> Decisions:
    """Read a decisions file; InputError (naming `source` and the entry) when it is not one."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None)
        detail = f" ({problem})" if problem else ""
        raise InputError(
            f"not a decisions file: not valid YAML{where}{detail}", source=source
        ) from None
    except RecursionError:
        raise InputError("not a decisions file: nested too deeply", source=source) from None
    top = _mapping(data, "the file", ("thread", "title", "boundaries", "keep_markers"), source)
    if "thread" not in top:
        raise InputError("not a decisions file: it names no thread", source=source)
    thread = _id(top["thread"], "thread", source)
    title = top.get("title")
    if title is not None:
        title = _text(title, "title", source)
    choices = []
    for number, entry in enumerate(_list(top.get("boundaries"), "boundaries", source), start=1):
        where = f"boundary {number}"
        entry = _mapping(
            entry, where, ("after", "decision", "before_text", "after_text", "rule"), source
        )
        if "after" not in entry or "decision" not in entry:
            raise InputError(f"{where} needs an 'after' post id and a 'decision'", source=source)
        decision = entry["decision"]
        if decision not in BOUNDARY_DECISIONS:
            raise InputError(
                f"{where}: unknown decision {decision!r} (choose one of "
                f"{', '.join(CHOOSABLE_DECISIONS)})",
                source=source,
            )
        choices.append(
            BoundaryChoice(
                after=_id(entry["after"], f"{where}: after", source),
                decision=decision,
                rule=_text(entry.get("rule"), f"{where}: rule", source),
                before_text=_text(entry.get("before_text"), f"{where}: before_text", source),
                after_text=_text(entry.get("after_text"), f"{where}: after_text", source),
            )
        )
    seen: set[str] = set()
    for choice in choices:
        if choice.after in seen:
            raise InputError(f"two boundaries after post {choice.after}: keep one", source=source)
        seen.add(choice.after)
    markers = []
    for number, entry in enumerate(_list(top.get("keep_markers"), "keep_markers", source), 1):
        where = f"keep_markers entry {number}"
        entry = _mapping(entry, where, ("post", "text"), source)
        if "post" not in entry or not entry.get("text"):
            raise InputError(f"{where} needs a 'post' id and the marker 'text'", source=source)
        markers.append(
            MarkerChoice(
                post=_id(entry["post"], f"{where}: post", source),
                text=_text(entry["text"], f"{where}: text", source),
            )
        )
    return Decisions(
        thread=thread, title=title, boundaries=tuple(choices), keep_markers=tuple(markers)
    )


def stale_entries(decisions: Decisions, article: Article) -> list[str]:
    """Warnings for the entries that no longer match the thread the article was made from."""
    warnings = []
    root = article.post_ids[0] if article.post_ids else ""
    if decisions.thread != root:
        warnings.append(
            f"the decisions file is for thread {decisions.thread}, not {root}: "
            "its entries are applied only where their post ids match"
        )
    boundaries = {boundary.before_id: boundary for boundary in article.boundaries}
    for choice in decisions.boundaries:
        boundary = boundaries.get(choice.after)
        if boundary is None:
            warnings.append(
                f"the decisions file has a boundary after post {choice.after}, "
                "which is no longer a boundary of this thread: ignored"
            )
        elif choice.decision == "gap" and boundary.decision != "gap":
            warnings.append(
                f"the decisions file has a gap after post {choice.after}, "
                "but no posts are missing there any more: the reassembler decides"
            )
        elif boundary.decision == "gap" and choice.decision != "gap":
            warnings.append(
                f"the decisions file chooses {choice.decision} after post {choice.after}, "
                "but posts are missing there: a gap cannot be joined"
            )
    return warnings


__all__ = [
    "BoundaryChoice",
    "Decisions",
    "MarkerChoice",
    "context_of",
    "decisions_of",
    "dump_decisions",
    "load_decisions",
    "stale_entries",
]
