"""The joins pass: mend the posts into paragraphs by the decision at each boundary
(boundaries.py; at a sentence end, paragraphs.py), or the writer's own (a decisions file), and
build the article's blocks (blocks.py)."""

from __future__ import annotations

from dataclasses import replace

from ..model import CHOOSABLE_DECISIONS, Block, Boundary, GapNote
from .blocks import attachments, chunk_blocks, chunks
from .boundaries import (
    Evidence,
    boundary_evidence,
    longest_post,
    quotation_left_open,
    seconds_apart,
)
from .decisions import CONTEXT_SPAN
from .draft import Draft, PostText, built
from .length import counting_for
from .paragraphs import NO_HABITS, classify, thread_habits
from .text import is_cjk
from .words import HAN_OR_KANA, ThreadWords, thread_language, written_in_cjk


def _half_width_clause_mark(before: str, after: str) -> bool:
    """`before` ends with "," or ";" right after a Chinese character or kana, and `after` opens
    with one."""
    return (
        before[-1:] in (",", ";")
        and bool(HAN_OR_KANA.match(before[-2:-1]))
        and bool(HAN_OR_KANA.match(after[:1]))
    )


def _joiner(before: str, after: str, decision: str, words: ThreadWords | None) -> str:
    if decision == "join-word" or (is_cjk(before[-1:]) and is_cjk(after[:1])):
        return ""
    if is_cjk(before[-1:]) and decision != "new-paragraph":
        # Between a Chinese character or kana and a Latin word the writer's own spacing holds
        # ("パッケージ" / "Debian" is "パッケージ Debian" in a thread that spaces scripts apart).
        if (
            after[:1].isascii()
            and after[:1].isalpha()
            and HAN_OR_KANA.match(before[-1:])
            and words is not None
            and words.scripts_apart()
        ):
            return " "
        # The same for a number, a bracket, a path or an address ("安定版" / "(stable)"), as the
        # writer spaces each of them elsewhere in the thread.
        if (
            after[:1].isascii()
            and (after[:1].isdigit() or after[:1] in "(/<")
            and HAN_OR_KANA.match(before[-1:])
            and words is not None
            and words.spaces_before(after[0])
        ):
            return " "
        return ""
    return " "


class _QuoteCount:
    """The quotation marks of the paragraph being written (`parts`), counted only when asked,
    and then only in the parts added since the last time (joining the parts at every boundary
    would make a long paragraph quadratic; issue 12)."""

    # Nothing counted yet (class-wide until a paragraph first asks: most never do, and one of
    # these is made per thread).
    counted = opening = closing = low = straight = 0

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts

    def restart(self) -> None:
        self.counted = self.opening = self.closing = self.low = self.straight = 0

    def open(self) -> bool:
        """boundaries.open_quote of the paragraph's text."""
        for text in self.parts[self.counted :]:
            self.opening += text.count("“")
            self.closing += text.count("”")
            self.low += text.count("„")
            self.straight += text.count('"')
        self.counted = len(self.parts)
        return quotation_left_open(self.opening, self.closing, self.low, self.straight)


def join_posts(draft: Draft) -> Draft:
    if draft.assembled:
        return draft
    thread = draft.thread
    per_post = draft.options.paragraphs == "post"
    chosen = draft.decisions.boundary_after() if draft.decisions is not None else {}
    # (A copy only of a post whose text has spaces at an edge: the markers pass strips the
    # others.)
    items = [
        item if (text := item.text.strip()) == item.text else item.with_text(text)
        for item in draft.items
    ]
    # Each boundary's evidence is read once, for the thread's habits and for its own decision.
    texts = [item for item in items if item.text]
    if len(texts) < 2:
        # No boundary between two posts with text (most threads of an archive are one post):
        # nothing to weigh, so nothing is read or made for one.
        evidence: dict[int, Evidence] = {}
        habits = NO_HABITS
        thread_words: ThreadWords | None = None
    else:
        counting = counting_for(thread.platform, thread.post_limit, draft.options.post_limit)
        known_language: list[str] = []

        def language() -> str:
            # Read from the thread's words once, and only when a boundary asks (words.py).
            if not known_language:
                known_language.append(thread_language(item.text for item in texts))
            return known_language[0]

        known_cjk: list[bool] = []

        def cjk_thread() -> bool:
            # Read from the thread's posts once, and only when a boundary asks (words.py).
            if not known_cjk:
                known_cjk.append(written_in_cjk([item.text for item in texts]))
            return known_cjk[0]

        known_longest: list[int] = []

        def longest() -> int:
            # Counted once, and only when a boundary asks (boundaries._fits_in_characters).
            if not known_longest:
                known_longest.append(longest_post(texts, counting))
            return known_longest[0]

        thread_words = ThreadWords(lambda: (item.text for item in texts))

        def evidence_at(index: int, cuts_inside_words: bool = False) -> Evidence:
            return boundary_evidence(
                texts[index],
                texts[index + 1],
                counting,
                language,
                cjk_thread,
                thread_words,
                longest,
                cuts_inside_words=cuts_inside_words,
            )

        evidence = {}
        # (Noted as each boundary is read, rather than in a second pass over every thread's.)
        cut_inside_a_word = False
        for index in range(len(texts) - 1):
            found = evidence[index] = evidence_at(index)
            if "word-cut-at-limit" in found.signals:
                cut_inside_a_word = True
        # A tool that cut one full post inside a word ("…Turkey and Az" / "erbaijan.") counts
        # characters: its other posts full to the limit between two letters are read again
        # knowing that (words.cut_inside_word; bench dev "cut at 280": "…badly maintain" /
        # "ed Linux", "Ob" / "wohl es", whose fragments are words too).
        if cut_inside_a_word:
            for index, found in evidence.items():
                if "word-cut-at-limit" not in found.signals and (
                    "filled-to-limit" in found.signals
                    # (Or at the length the tool cut the thread's posts at, words.cut_length.)
                    or thread_words.at_cut_length(texts[index].text.rstrip(), exactly=True)
                ):
                    evidence[index] = evidence_at(index, cuts_inside_words=True)
        habits = thread_habits(texts, evidence, counting)
    gaps = draft.thread.gaps

    blocks: list[Block] = []
    pending: list[Block] = []
    # The paragraph still being written, as pieces joined once it closes (adding each post to
    # one growing string made a 32,000-post paragraph quadratic; issue 12).
    open_parts: list[str] = []
    boundaries: list[Boundary] = []
    previous: PostText | None = None
    # The posts with text are `texts`, in order: `previous` is texts[previous_index], whose
    # boundary's evidence is evidence[previous_index].
    previous_index = seen = 0
    # Did the boundary before `previous` join it mid-sentence to the paragraph being written?
    joined_last = False
    quotes = _QuoteCount(open_parts)

    def close() -> None:
        if open_parts:
            blocks.extend(chunk_blocks("".join(open_parts)))
            open_parts.clear()
            # (Nothing counted yet leaves nothing to clear: most paragraphs never ask.)
            if quotes.counted:
                quotes.restart()
        if pending:
            blocks.extend(pending)
            pending.clear()

    def start(text: str) -> None:
        close()
        open_parts.append(text)

    for item in items:
        post = item.post
        gap = gaps.get(post.id) if gaps else None
        if gap is not None:
            close()
            reason = f" ({gap.reason})" if gap.reason else ""
            # A thread whose first post replies to a missing post of its own: its start is lost.
            where = (
                "Earlier posts of this thread are missing"
                if post is items[0].post
                else "A post is missing here"
            )
            blocks.append(GapNote(text=f"{where}{reason}.", missing_id=gap.missing_id))
            if previous is not None:
                # The ends of the two posts; decisions.context_of trims them to a few words when shown.
                before_text, after_text = previous.text[-CONTEXT_SPAN:], item.text[:CONTEXT_SPAN]
                boundaries.append(
                    Boundary(
                        previous.post.id,
                        post.id,
                        "gap",
                        "posts are missing between these",
                        (),
                        before_text,
                        after_text,
                        seconds_apart(previous, item),
                    )
                )
            previous = None
            joined_last = False
        # (Stripped above: a text of one line is its only chunk, the common case.)
        text = item.text
        pieces = chunks(text) if "\n" in text else [text] if text else []
        if pieces:
            first, rest = pieces[0], pieces[1:]
            if previous is None or not open_parts:
                start(first)
            else:
                # `previous` is the post with text just before this one (a gap resets it).
                found = evidence[previous_index]
                if (
                    joined_last
                    and found.decided is None
                    and "open-quotation" not in found.signals
                    and quotes.open()
                ):
                    # Case North's thread (fixtures/north-2022-03-08): "…replied: “Of course,
                    # Putin’s" / "government would … enemies." / "“But if…": the quotation was
                    # opened in the post before the cut, which the evidence at this boundary
                    # (one post's text) does not see; the paragraph being written does.
                    found = replace(found, signals=(*found.signals, "open-quotation"))
                decision, rule, signals = classify(found, item, habits, per_post, previous)
                choice = chosen.get(previous.post.id) if chosen else None
                if (
                    decision == "join"
                    and _half_width_clause_mark(open_parts[-1], first)
                    and not (thread_words is not None and thread_words.spaces_after_clause_mark())
                ):
                    # Case zh UDHR (bench): "…权利和自由时," / "只受法律…". A join puts a space after
                    # ",", but between two Chinese characters (or kana) the writer used the
                    # half-width mark for "，" and put none, unless the thread shows they write
                    # one ("…リリースでした;" / "約 2250 個の…", bench "clause per post").
                    decision = "join-word"
                    rule += "; a half-width comma between two Chinese characters takes no space"
                if choice is not None and choice.decision in CHOOSABLE_DECISIONS:
                    if choice.decision != decision:
                        decision, rule = choice.decision, "the writer's choice (decisions file)"
                # The ends of the two posts; decisions.context_of trims them to a few words when shown.
                before_text, after_text = previous.text[-CONTEXT_SPAN:], item.text[:CONTEXT_SPAN]
                # (Built as draft.py builds its copies: one per boundary of an archive's threads;
                # tests/test_pass_shortcuts.py pins it to the constructor.)
                boundaries.append(
                    built(
                        Boundary,
                        {
                            "before_id": previous.post.id,
                            "after_id": post.id,
                            "decision": decision,
                            "rule": rule,
                            "signals": signals,
                            "before_text": before_text,
                            "after_text": after_text,
                            "seconds_apart": found.seconds_apart,
                        },
                    )
                )
                joined_last = decision in ("join-word", "join")
                if decision in ("join-word", "join", "same-paragraph"):
                    # Pieces are stripped chunks (blocks.chunks), so only the joiner goes between.
                    open_parts.append(_joiner(open_parts[-1], first, decision, thread_words))
                    open_parts.append(first)
                else:
                    start(first)
            for chunk in rest:
                start(chunk)
                # (The paragraph being written is now the post's last, which no join opened.)
                joined_last = False
            previous = item
            previous_index = seen
            seen += 1
        if post.media or post.quote:
            pending.extend(attachments(item))
    close()
    return draft.assembled_into(tuple(blocks), tuple(boundaries))
