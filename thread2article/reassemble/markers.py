"""Strip thread markers: numbering (`1/`, `1/12`, `(3/10)`, `[4/n]`, `1.` when it numbers the
posts), 🧵 and 👇 at a post's edges, `Thread:`, `/end`, `(cont.)`, and ellipsis pairs.

Numbers are stripped only when they count the posts: the numbers along the thread must rise with
the post positions (allowing for posts missing at gaps). That keeps "24/7" or "open 9/11" at the
end of a single post intact. Ellipses that mark a cut are recorded as join signals.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .draft import Draft
from .text import TERMINAL, starts_lower

# A letter total ("1/n") sits right after the slash, or "4/ X marks" would lose its "X".
_TOTAL = r"(?:\s*\d{1,3}|[nNxX?](?!\w))"
# "1/", "1/12", "(1/12)", "[1/n]", "1 of 12", at the start of a post.
_LEADING_COUNT = re.compile(
    r"^\s*(?P<open>[(\[]?)(?P<n>\d{1,3})(?:\s*/(?:"
    + _TOTAL
    + r")?|\s+of\s+\d{1,3})(?P<close>[)\]]?)(?:[.:)\]]|\s|$)\s*"
)
# The same at the end of a post, after whitespace (never inside a URL such as ".../page/2").
_TRAILING_COUNT = re.compile(
    r"(?:^|\s)[(\[]?(?P<n>\d{1,3})(?:\s*/(?:" + _TOTAL + r")?|\s+of\s+\d{1,3})[)\]]?[.]?\s*$"
)
# "1." / "1)" at the start, only when every post is numbered this way.
_LEADING_DOT = re.compile(r"^\s*(?P<n>\d{1,3})[.)]\s+")

# 🧵 👇 only: "Prices went ⬇️" uses an arrow as a word, and a marker pass must never take one.
_EDGE_EMOJI = "\U0001f9f5\U0001f447"
_LEADING_WORDS = re.compile(
    r"^\s*(?:(?:a\s+)?(?:thread|🧵)\s*[:：]\s*|[(\[](?:thread|cont(?:'d|inued|d)?\.?)[)\]]\s*|["
    + _EDGE_EMOJI
    + r"]+\s*)",
    re.IGNORECASE,
)
# "(cont.)" says the sentence goes on; the others close a headline or the thread. A bare
# "continued." is prose ("Our work must be continued."), so only the abbreviations count.
_TRAILING_CONTINUATION = r"[(\[]cont(?:'d|inued|d)?\.?[)\]]|\bcont(?:'d)?\."
_TRAILING_WORDS = re.compile(
    r"\s*(?:(?P<continuation>"
    + _TRAILING_CONTINUATION
    + r")|/end|/fin|[(\[](?:end|fin|thread)[)\]]|["
    + _EDGE_EMOJI
    + r"]+)\s*$",
    re.IGNORECASE,
)
_TRAILING_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|…)+\s*$")
_LEADING_ELLIPSIS = re.compile(r"^\s*(?:\.{3,}|…)+\s*")


class _Count(NamedTuple):
    index: int
    number: int


# Cheap first tests before any regex: most posts carry no marker at all, and the export runs
# these patterns over every post of an archive several times.
_COUNT_TAIL = set("0123456789nNxX?)]")
_WORD_HEAD = set("([") | set(_EDGE_EMOJI)
_WORD_TAIL = set(")]") | set(_EDGE_EMOJI)
_WORD_TAIL_ENDINGS = ("/end", "/fin", "cont.", "cont'd.")
# The last character of every trailing marker ("/end", "/fin", "cont.", "(end)", 🧵, 👇), in any
# case the pattern accepts: the pattern starts with `\s*`, so it is slow to search a whole post.
_TRAILING_WORDS_LAST = set(").]dDnN") | set(_EDGE_EMOJI)


def _may_have_count(text: str, side: str) -> bool:
    if side == "leading":
        head = text.lstrip()[:1]
        return head.isdigit() or head in ("(", "[")
    tail = text.rstrip()
    # (Index, not `tail[:-1]`: slicing would copy the post.)
    return (tail[-2:-1] if tail.endswith(".") else tail[-1:]) in _COUNT_TAIL


def _may_have_words(text: str) -> bool:
    head, tail = " ".join(text.lstrip()[:16].lower().split()), text.rstrip()
    return (
        head[:1] in _WORD_HEAD
        or head.startswith(("thread", "a thread", "a 🧵"))
        or tail[-1:] in _WORD_TAIL
        or tail[-12:].lower().endswith(_WORD_TAIL_ENDINGS)
    )


def _trailing_ellipsis(text: str) -> re.Match | None:
    # Most posts end otherwise; the pattern, starting with `\s*`, is tried at every position.
    return _TRAILING_ELLIPSIS.search(text) if text.rstrip().endswith(("...", "…")) else None


def _leading_ellipsis(text: str) -> re.Match | None:
    return _LEADING_ELLIPSIS.match(text) if text.lstrip().startswith(("...", "…")) else None


def _counts(
    texts: list[str], pattern: re.Pattern, side: str, seen: dict[str, int | None]
) -> list[_Count]:
    """The posts whose text carries a count of this style. `seen`: the number already found in a
    text (None: no count), as each round of strip_markers sees mostly the texts of the last."""
    found = []
    for index, text in enumerate(texts):
        if text in seen:
            number = seen[text]
        else:
            match = pattern.search(text) if _may_have_count(text, side) else None
            number = seen[text] = int(match.group("n")) if match else None
        if number is not None:
            found.append(_Count(index, number))
    return found


def _numbers_count_posts(
    found: list[_Count], total: int, gaps_before: list[int], share: float, bases: tuple[int, ...]
) -> set[int]:
    """Indices whose number matches its position; empty unless the numbering is thread-wide.
    `bases`: the offsets allowed between number and position (0 when an unnumbered opener comes
    first, as in "A thread 🧵" then "1/ …")."""
    if len(found) < 2 or len(found) < share * total:
        return set()
    base = found[0].number - found[0].index
    if base not in bases:
        return set()
    accepted = set()
    previous = 0
    for count in found:
        # Posts missing at a gap shift the numbers up, never down.
        shift = count.number - count.index - base
        if count.number > previous and 0 <= shift <= 50 * gaps_before[count.index]:
            accepted.add(count.index)
            previous = count.number
    return accepted if len(accepted) >= max(2, share * total) else set()


def strip_markers(draft: Draft) -> Draft:
    items = draft.items
    gaps = draft.thread.gaps
    gaps_before = []
    seen = 0
    for item in items:
        seen += item.post.id in gaps
        gaps_before.append(seen)

    texts = [item.text for item in items]
    signals: list[set[str]] = [set() for _ in items]
    # Case "My 4 favourite books, a thread:" / "1. Dune." / "2. …": after an intro, "1." numbers
    # a list the writer wants kept, so the dotted style must number the posts from the first.
    styles = (
        (_LEADING_COUNT, 0.5, "leading", (0, 1)),
        (_TRAILING_COUNT, 0.5, "trailing", (0, 1)),
        (_LEADING_DOT, 0.8, "leading", (1,)),
    )
    # Numbers already stripped still count as evidence when another marker hid the rest
    # ("🧵 1/ Start." shows its "1/" only once the 🧵 is gone).
    stripped: list[dict[int, int]] = [{} for _ in styles]
    numbers_seen: list[dict[str, int | None]] = [{} for _ in styles]
    # Texts the marker words leave as they are: the next round need not look at them again.
    without_words: set[str] = set()
    # Repeat until nothing changes so the pass is idempotent ("🧵 1/ text" loses both).
    while True:
        changed = False
        for style, (pattern, share, side, bases) in enumerate(styles):
            current = {
                count.index: count for count in _counts(texts, pattern, side, numbers_seen[style])
            }
            evidence = sorted(
                [
                    *current.values(),
                    *(_Count(i, n) for i, n in stripped[style].items() if i not in current),
                ],
                key=lambda count: count.index,
            )
            for index in _numbers_count_posts(evidence, len(items), gaps_before, share, bases):
                if index not in current:
                    continue
                match = pattern.search(texts[index])
                texts[index] = (
                    texts[index][: match.start()]
                    if side == "trailing"
                    else texts[index][match.end() :]
                ).strip()
                stripped[style][index] = current[index].number
                signals[index].add(f"marker-{side}-count")
                changed = True
        for index, text in enumerate(texts):
            if text in without_words:
                continue
            if not _may_have_words(text):
                without_words.add(text)
                continue
            new = _LEADING_WORDS.sub("", text, count=1)
            trailing = (
                _TRAILING_WORDS.search(new) if new.rstrip()[-1:] in _TRAILING_WORDS_LAST else None
            )
            if trailing:
                new = new[: trailing.start()]
                # Case "How we built it 🧵" / "First we planned.": a headline closed by a thread
                # marker ends there, though it has no full stop.
                if not trailing.group("continuation") and new.strip() and not TERMINAL.search(new):
                    signals[index].add("ends-at-marker")
            new = new.strip()
            # A post of nothing but markers ("🧵👇", "/end") becomes empty; joins skip it.
            if new != text:
                texts[index] = new
                signals[index].add("marker-words")
                changed = True
            else:
                without_words.add(text)
        # Ellipses inside the loop: stripping one can bare a marker ("1/3 👇…"), and back.
        changed = _strip_ellipses(texts, signals) or changed
        if not changed:
            break

    return draft.with_texts(
        [
            item.with_text(text, *extra)
            for item, text, extra in zip(items, texts, signals, strict=False)
        ]
    )


def _strip_ellipses(texts: list[str], signals: list[set[str]]) -> bool:
    """An ellipsis pair ("… cut" / "… continued") marks a join; a lone one only when the other
    side agrees (the next post starts lower-case, or the previous one has no full stop)."""
    changed = False
    for index in range(len(texts) - 1):
        before, after = texts[index], texts[index + 1]
        trailing = _trailing_ellipsis(before)
        leading = _leading_ellipsis(after)
        if not before or not after:
            continue
        # Never strip a post down to nothing: an ellipsis alone is the whole post's content.
        if trailing and trailing.start() == 0 or leading and leading.end() == len(after):
            continue
        if trailing and (leading or starts_lower(after, past_openers=True)):
            texts[index] = before[: trailing.start()].rstrip()
            signals[index].add("trailing-ellipsis")
            changed = True
        if leading and (trailing or not TERMINAL.search(before)):
            texts[index + 1] = after[leading.end() :]
            signals[index + 1].add("leading-ellipsis")
            changed = True
    return changed
