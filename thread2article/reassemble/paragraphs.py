"""Same or new paragraph: the decision at a boundary where a sentence ended (boundaries.py
settles every other boundary first), from the boundary's evidence and the thread's habits.

The paragraph rule at a sentence end, stated so it can be measured (bench/reassembly/):
  1. a quotation opened here that closes in the next post's first sentence continues the
     paragraph;
  2. a post over the limit (a long post) was not cut by the limit: a new paragraph;
  3. a writer whose posts hold several sentences (a sentence end inside one post in three) and
     who stopped where the next sentence would have fitted chose to break: a new paragraph;
  4. otherwise the paragraph goes on when at least two of four signs say so:
       - the next sentence did not fit (the limit may have made the cut),
       - it opens with a word that ties it to this one ("But", "This", "Aber", "Однако", "しかし",
         "但是"…),
       - it picks up words of the end of this post (a fifth of its content words, or of its
         character pairs in Chinese and Japanese),
       - this post is full to the last word and the writer's cuts fall in full posts;
     three are needed from a writer whose sentence ends inside posts are mostly followed by a
     blank line (they mark paragraphs themselves). Each sign alone is weak: on the development
     part of the benchmark a rule that took one sign lost more paragraphs than it kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .boundaries import SENTENCE_STOP, Evidence, closes_first, first_sentence
from .draft import PostText
from .text import starts_lower

# Words that open a sentence by tying it to the one before ("But", "This", "Однако", "しかし"):
# the thought, and so the paragraph, goes on. Pronouns and demonstratives count: they point back.
_CONNECTIVE = re.compile(
    r"(?:(?:But|However|So|This|These|That|Those|It|Its|They|Their|He|She|And|Also|Then|Thus|"
    r"Therefore|Yet|Still|Instead|Moreover|Furthermore|Indeed|Otherwise|Besides|Hence|Such|"
    r"Aber|Doch|Jedoch|Dies|Diese|Dieser|Dieses|Das|Es|Sie|Er|Und|Auch|Deshalb|Daher|Dann|"
    r"Außerdem|Trotzdem|Allerdings|Dabei|Damit|Однако|Но|Это|Эти|Этот|Эта|Он|Она|Они|Оно|И|"
    r"Также|Поэтому|Кроме|Затем|Тогда|Впрочем|Зато|Так|Mais|Cependant|Donc|Ainsi|Cela|Il|Elle|"
    r"Pero|Así|Esto|Este|Esta)\b"
    r"|しかし|また|そして|その|この|それ|これ|ただし|さらに|だから|つまり|なお|ところが|でも|"
    r"但是|但|而且|因此|所以|这|此外|然而|并且|同时|其)"
)
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
_CJK_RUN = re.compile("[\u3040-\u30ff\u4e00-\u9fff]{2,}")
# The share of the next sentence's words that the end of this post already used.
SHARED_WORDS = 0.2
_SHARED_SPAN = 300


def _words(text: str) -> set[str]:
    """Content words (four letters or more), or character pairs in Chinese and Japanese."""
    found = {word.lower() for word in _CONTENT_WORD.findall(text)}
    if text.isascii():
        return found
    for run in _CJK_RUN.findall(text):
        found.update(run[index : index + 2] for index in range(len(run) - 1))
    return found


def _shares_words(before: str, sentence: str) -> bool:
    """Does the next sentence pick up words of the end of this post (the same subject)?"""
    following = _words(sentence[:_SHARED_SPAN])
    if not following:
        return False
    shared = following & _words(before[-_SHARED_SPAN:])
    return len(shared) >= SHARED_WORDS * len(following)


@dataclass(frozen=True)
class ThreadHabits:
    """What the whole thread says about its writer."""

    writes_lowercase: bool
    # The limit decided where posts end (see the paragraph rule in the module docstring).
    limit_driven: bool
    # Of the sentence ends we can read, the share that start a paragraph (None: no evidence).
    paragraph_rate: float | None
    # The writer's posts hold several sentences (a sentence end inside one post in three).
    packs_sentences: bool = False
    # Of the sentence ends inside posts, the share a blank line follows (None: none inside).
    blank_line_rate: float | None = None


# A sentence end inside a post, then a blank line (a paragraph break) or a space (same paragraph).
_INNER_BREAK = re.compile(r"[.!?…。！？]['\"”’»)\]」』]*[ \t]*\n[ \t]*\n")
_INNER_SENTENCE_END = re.compile(
    r"[.!?…]['\"”’»)\]]*+[ \t]++(?=[\"“«„‘(]?[^\W\d_])|[。！？][」』）]*+(?=[^\s」』）])"
)


def thread_habits(texts: list[PostText], evidence: dict[int, Evidence]) -> ThreadHabits:
    """`texts`: the posts with text, stripped; `evidence[i]`: the boundary after texts[i]."""
    if len(texts) < 2:
        return ThreadHabits(False, False, None, False)
    # Case "pkg text-to-tweets" (bench): a tool cutting at commas starts most posts lower-case,
    # so only posts that follow a full stop (and the first post) show the writer's own case.
    after_stops = [texts[0]] + [
        following
        for previous, following in zip(texts, texts[1:], strict=False)
        if SENTENCE_STOP.search(previous.text)
    ]
    lower = sum(starts_lower(item.text) for item in after_stops)
    writes_lowercase = lower >= 0.8 * len(after_stops)
    pairs = [(texts[index], evidence[index]) for index in range(len(texts) - 1)]
    mid_sentence = [
        e for _, e in pairs if e.decided is not None and e.decided[0] in ("join-word", "join")
    ]
    sentence_ends = [
        e
        for _, e in pairs
        if e.decided is None
        and not ("next-starts-lower-case" in e.signals and not writes_lowercase)
    ]
    # Case "greedy 280" / "ellipsis pairs" (bench): a writer cut by the limit cuts mid-sentence in
    # full posts. Case test_properties' random cutter: mid-sentence cuts in half-empty posts say
    # the limit did not choose the cuts, so a sentence end at a cut is the writer's own break.
    if mid_sentence:
        limit_driven = sum("filled-to-limit" in e.signals for e in mid_sentence) >= 0.8 * len(
            mid_sentence
        )
    else:
        # Case "suffix n/N" (bench): a writer filling posts with whole sentences leaves posts
        # that could not take the next sentence.
        limit_driven = bool(sentence_ends) and sum(
            "next-sentence-fitted" not in e.signals for e in sentence_ends
        ) * 3 >= len(sentence_ends)
    # Case "paragraph per post" vs "greedy 280" (bench): blank lines after sentence ends inside
    # posts, and cuts where the next sentence would have fitted, show how often this writer's
    # sentence ends start a paragraph.
    breaks = sum(len(_INNER_BREAK.findall(item.text)) for item in texts if "\n" in item.text)
    ends = breaks + sum(len(_INNER_SENTENCE_END.findall(item.text)) for item in texts)
    chosen = sum(
        1 for e in sentence_ends if "next-sentence-fitted" in e.signals or "over-limit" in e.signals
    )
    seen = ends + chosen
    rate = (breaks + chosen) / seen if seen else None
    packs = ends * 3 > len(texts)
    return ThreadHabits(
        writes_lowercase, limit_driven, rate, packs, breaks / ends if ends else None
    )


def classify(
    evidence: Evidence,
    following: PostText,
    habits: ThreadHabits,
    per_post: bool,
    previous: PostText | None = None,
) -> tuple[str, str, tuple[str, ...]]:
    """The class of one boundary, the rule that decided and the signals seen. `previous`, the
    post before the boundary, is read for shared words when they can decide."""
    signals = evidence.signals
    after = following.text.lstrip()
    if evidence.decided is None and _CONNECTIVE.match(after):
        signals = (*signals, "next-opens-with-connective")
    if per_post:
        return "new-paragraph", "--paragraphs post: one paragraph per post", signals
    if evidence.decided is not None:
        return evidence.decided[0], evidence.decided[1], signals
    if "next-starts-lower-case" in signals and not habits.writes_lowercase:
        return "join", "next post starts lower-case", signals
    # Case "He said: “We will not stop." / "Not now, not ever.”": the quotation opened here closes
    # in the next post. Case "gutenberg-markov" (bench): quotation marks that never close, or a
    # next post that opens a quotation of its own, say nothing about the paragraph.
    if "open-quotation" in signals and closes_first(first_sentence(after)):
        return "same-paragraph", "a quotation is still open and closes in the next post", signals
    if "over-limit" in signals:
        return "new-paragraph", "post runs over the limit, so the limit did not cut it", signals
    # The paragraph rule at a sentence end (README, "Paragraphs"). A writer whose posts hold
    # several sentences, stopping where the next one would have fitted, chose to break: a new
    # paragraph. Otherwise the paragraph goes on when two of three signs say so: the next
    # sentence did not fit (the limit may have made the cut), it opens with a word that ties it
    # to the one before ("But", "This", "Однако", "しかし"), it picks up words of this post, the
    # post is full to the last word in a thread of full posts. One sign alone is weak
    # (bench/reassembly, development part); two together are not. Three are needed from a writer
    # most of whose sentence ends inside posts are followed by a blank line.
    if habits.packs_sentences and "next-sentence-fitted" in signals:
        return (
            "new-paragraph",
            "this writer fills posts with sentences but stopped where the next would have "
            "fitted: a chosen break",
            signals,
        )
    signs = []
    if "next-sentence-fitted" not in signals:
        signs.append("the next sentence did not fit")
    if "next-opens-with-connective" in signals:
        signs.append("it opens with a word that ties it to this one")
    if "filled-to-limit" in signals and habits.limit_driven:
        # Case "greedy 280" (bench): a writer who fills posts to the last word was cut there by
        # the limit, wherever the sentence ended.
        signs.append("the post is full to the last word, as this writer's posts are")
    # Case "greedy 280" on the UDHR (bench): a writer whose blank lines inside posts show that
    # most of their sentence ends start a paragraph needs one sign more.
    needed = 3 if habits.blank_line_rate is not None and habits.blank_line_rate >= 0.5 else 2
    # Shared words are the dearest sign to read: read only when they can tip the count.
    if (
        len(signs) == needed - 1
        and previous is not None
        and _shares_words(previous.text.rstrip(), first_sentence(after))
    ):
        signals = (*signals, "shares-words")
        signs.append("it picks up this post's words")
    if len(signs) >= needed:
        return "same-paragraph", "the paragraph goes on: " + "; ".join(signs), signals
    return (
        "new-paragraph",
        "a sentence end with " + (signs[0] if signs else "no sign the paragraph goes on") + " only",
        signals,
    )
