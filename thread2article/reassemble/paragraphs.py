"""Same or new paragraph: the decision at a boundary where a sentence ended (boundaries.py
settles every other boundary first), from the boundary's evidence and the thread's habits.

A post that opens lower-case continues the sentence before it (a cut), unless that sentence
ended for certain: a Chinese or Japanese full stop, or a stop after a whole word of five letters
or more, which no abbreviation makes ("…packages." / "aptitude offers…" opens a sentence with a
command's name).

The paragraph rule at a sentence end, stated so it can be measured (bench/reassembly/):
  1. Layout first. A quotation opened here that closes in the next post's first sentence goes
     on; one still open here that the next sentence reopens (“… / “…) starts a new paragraph of
     the quoted speech; a post over the limit, or carrying an image or a quoted post, ends its
     paragraph.
  2. A post full to the last word, in a thread whose posts are full (or whose writer fills posts
     word by word), was ended by the limit: the paragraph goes on (a writer who marks most
     paragraph breaks with blank lines inside posts also needs a tying word, below).
  Then parallel items: a next sentence that opens with the same two words as an earlier post
     (three characters in Chinese and Japanese), and no tying word (below), is the next item of
     a list of rights, rules or questions: a new paragraph.
  3. A writer who fills posts word by word (their cuts inside sentences fall in posts where
     another sentence ended) and stopped at a sentence end with room left chose to: a new
     paragraph; unless the next sentence would not have fitted and opens with a tying word.
  4. A writer who packs whole sentences into posts (some post holds two or more):
       - stopped where the next sentence would have fitted: a chosen break, a new paragraph;
         but a writer who nearly always stopped so (seven sentence ends at a post end in ten)
         keeps posts short, and for them the layout says nothing (5, below);
       - else the limit may have cut here, and the paragraph goes on when the next sentence
         opens with a word that ties it to this one ("But", "This", "Aber", "Однако", "しかし",
         "但是"…), picks up this post's words (a fifth of its content words, or of its
         character pairs in Chinese and Japanese), or is long (the post had 60 or more
         characters left, room for most sentences; not for a writer who marks paragraphs with
         blank lines inside posts);
       - but the thread's first post opens its first paragraph: there one of the last two signs
         is not enough (a tying word, or both of them, are);
       - otherwise a new paragraph.
  5. One sentence per post, or a writer who keeps posts short (no layout evidence): the
     paragraph goes on when the next sentence opens with a tying word, or when the posts either
     side of the end (the nearest, and those beyond while all hold 200 characters or fewer: a
     sentence or two) share words that are rare in this thread: a weighted cosine of 0.08 or
     more, each word (by its first five letters; pairs of characters in Chinese and Japanese)
     weighed by its inverse frequency over the thread's posts, so that the thread's subject, in
     every post, weighs nothing (lexical cohesion, as TextTiling measures it): a paragraph
     keeps to its subject. Not after the thread's first post, whose words the rest of the
     thread picks up whether or not its paragraph goes on.
Why these signs (bench/reassembly, development part): a sentence that opens with a tying word
continues its paragraph three times as often as another, wherever it stands; shared words and
the room left help only where the limit may have cut; where the layout says nothing, words
weighed by their rarity in the thread tell paragraphs apart better than plain shared words
(AUC 0.63 against 0.57, measured over 300 characters either side; balanced accuracy of that
branch 0.65 against 0.63), and better than TextTiling's depth against the neighbouring post
ends (AUC 0.50 to 0.60 by style: a thread of a few posts has too few ends to find a valley).
After the first post a paragraph goes on less often than after any other: where the next
sentence did not fit, 32% of the time against 46%; where the layout says nothing, 16% against
25%. A sentence that opens as an earlier post did starts a paragraph 21 times in 22 (bench, dev
part).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from .boundaries import (
    SENTENCE_STOP,
    Evidence,
    closes_first,
    counted_length,
    first_sentence,
)
from .draft import PostText
from .length import Counting
from .text import is_cjk, starts_lower

# Words that open a sentence by tying it to the one before ("But", "This", "Однако", "しかし"):
# the thought, and so the paragraph, goes on. Pronouns and demonstratives count: they point back
# ("他们", "它": they, it), and so do words of likeness ("Likewise", "Ebenso", "Nor"), and the
# openings of an example or a pointer to details ("For example", "Zum Beispiel", "Например",
# "例えば", "例如"; "See", "Siehe", "详情"), which elaborate the sentence before (bench, dev part:
# "例如，apache 软件包位于…" after the sentence it illustrates).
_CONNECTIVE = re.compile(
    r"(?:(?:But|However|So|This|These|That|Those|It|Its|They|Their|He|She|And|Also|Then|Thus|"
    r"Therefore|Yet|Still|Instead|Moreover|Furthermore|Indeed|Otherwise|Besides|Hence|Such|"
    r"Nor|Neither|Likewise|Similarly|For example|For instance|See|"
    r"Aber|Doch|Jedoch|Dies|Diese|Dieser|Dieses|Das|Es|Sie|Er|Und|Auch|Deshalb|Daher|Dann|"
    r"Außerdem|Trotzdem|Allerdings|Dabei|Damit|Ebenso|Ebenfalls|Zudem|Ferner|Zum Beispiel|"
    r"Beispielsweise|Siehe|Hierbei|Dazu|Dafür|Dadurch|Darüber|Solche|Deren|Dessen|"
    r"Однако|Но|Это|Эти|Этот|Эта|Он|Она|Они|Оно|И|Тем|Иначе|Причём|Причем|"
    r"Также|Поэтому|Кроме|Затем|Тогда|Впрочем|Зато|Так|Например|Такой|Такие|Такая|Такое|"
    r"Подробнее|См|При этом|Mais|Cependant|Donc|Ainsi|Cela|Il|Elle|"
    r"Pero|Así|Esto|Este|Esta)\b"
    r"|しかし|また|そして|その|この|それ|これ|ただし|ただ|さらに|だから|つまり|なお|ところが|でも|"
    r"そこで|一方|例えば|たとえば|こうした|こうして|このよう|そのため|詳しくは|詳細は|"
    r"但是|但|而且|因此|所以|这|此外|然而|并且|同时|其|他们|他|她|它|例如|比如|该|此|"
    r"详情|更多信息|参见|请参阅)"
)
# A sentence end no abbreviation makes: a Chinese or Japanese full stop, or a stop after a whole
# word of five letters or more. After it a post that opens lower-case opens a new sentence with a
# name or a command (case debian-faq in bench/reassembly: "…ein einzeiliges Paket." /
# "aptitude offers…", "…的软件包。" / "apt-get 提供了…"), not the rest of a cut sentence.
_ENDS_FOR_CERTAIN = re.compile(
    r"(?:[。！？]|(?<![^\s(“\"«„‘])[^\W\d_]{5,}[.!?])['\"”’»)\]」』）]*$"
)
_ENDS_SPAN = 40
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


# Words are compared by their first five letters, so that "package" meets "packages" and
# "Paket" meets "Pakete" (German and Russian inflect at the end of the word).
_STEM = 5
# The text read on each side of a post end for the words it shares: the nearest post, and the
# next ones while all of them together hold no more than this many characters (about two
# sentences; bench, dev part: 150 to 250 do alike, 300 a little worse).
COHESION_SPAN = 200
# How much of their weighted words the two sides must share for the next sentence to go on with
# the same subject (bench, development part: balanced accuracy 0.711 at 0.06, 0.706 at 0.08 and
# 0.700 at 0.1, whole documents 0.623, 0.636 and 0.641; the middle one trades least of either).
COHESION_SHARED = 0.08


# A content word's first five letters (four letters or more; not Chinese or Japanese, which
# write no spaces: a run of their characters is a clause, read as character pairs below).
_STEM_OF_WORD = re.compile(
    r"([^\W\d_\u3040-\u30ff\u4e00-\u9fff]{4,5})[^\W\d_\u3040-\u30ff\u4e00-\u9fff]*"
)


def _stems(text: str) -> set[str]:
    """Content words by their first letters, or character pairs in Chinese and Japanese."""
    found = set(_STEM_OF_WORD.findall(text.lower()))
    if not text.isascii():
        for run in _CJK_RUN.findall(text):
            found.update(run[index : index + 2] for index in range(len(run) - 1))
    return found


class Cohesion:
    """How many words the text either side of a post end shares, each word weighed by how rare
    it is in this thread: lexical cohesion as TextTiling measures it (Hearst 1997), with the
    thread's own posts as the documents that tell a rare word from a common one. A word in
    every post (the thread's subject) weighs nothing; a word only the sentences at this post
    end share weighs most, and a paragraph keeps to its subject, so such words are a sign that
    it goes on. Each side is the post next to the end, and the posts beyond it while all fit in
    COHESION_SPAN characters (one or two sentences either side, in a thread of one sentence
    per post or of fuller posts). Read once per thread, when a boundary first asks; each
    boundary then joins the word sets of its few posts."""

    def __init__(self, texts: list[PostText]) -> None:
        self._texts = texts
        self._index: dict[int, int] | None = None
        self._stems: list[set[str]] = []
        self._weight: dict[str, float] = {}

    def _read(self) -> dict[int, int]:
        self._stems = [_stems(item.text) for item in self._texts]
        posts = Counter(chain.from_iterable(self._stems))
        # Inverse document frequency over the thread's posts, squared as a cosine weighs it: a
        # word in every post weighs nothing ("i think so." / "you think so." / "we all think
        # so." share only the thread's word; so do the two posts of a thread of two, which
        # cannot tell a rare word from a common one).
        total = len(self._texts)
        by_count = [0.0] + [math.log(total / count) ** 2 for count in range(1, total + 1)]
        self._weight = {stem: by_count[count] for stem, count in posts.items()}
        return {id(item): index for index, item in enumerate(self._texts)}

    def _side(self, index: int, step: int) -> set[str]:
        """The stems of the posts before the end of post `index` (step -1) or after it (step 1,
        from post index + 1): the nearest, and the next ones while all fit in COHESION_SPAN."""
        texts, stems = self._texts, self._stems
        position = index if step < 0 else index + 1
        found = stems[position]
        used = len(texts[position].text)
        position += step
        while 0 <= position < len(texts):
            used += len(texts[position].text)
            if used > COHESION_SPAN:
                break
            found = found | stems[position]
            position += step
        return found

    def shared(self, previous: PostText) -> float:
        """The weighted cosine of the words either side of the end of `previous` (0 to 1)."""
        if self._index is None:
            self._index = self._read()
        index = self._index.get(id(previous))
        if index is None or index + 1 >= len(self._texts):
            return 0.0
        before, after = self._side(index, -1), self._side(index, 1)
        shared = before & after
        if not shared:
            return 0.0
        weight = self._weight.__getitem__
        both = sum(map(weight, shared))
        if not both:
            return 0.0
        return both / math.sqrt(sum(map(weight, before)) * sum(map(weight, after)))


# Enough of a post's start for its first two words.
_OPENING_SPAN = 40


class ParallelOpenings:
    """The posts that open with the same two words as an earlier post of the thread (parallel
    items). Read once, when a boundary first asks."""

    def __init__(self, texts: list[PostText]) -> None:
        self._texts = texts
        self._repeated: set[int] | None = None

    def _read(self) -> set[int]:
        seen: set[str] = set()
        repeated = set()
        for item in self._texts:
            # A post's first two words, lower-cased, or its first three characters in Chinese
            # and Japanese (a post of one word opens nothing to compare).
            head = item.text[:_OPENING_SPAN]
            if is_cjk(head[:1]):
                opening = head[:3]
            else:
                words = head.split(None, 2)
                if len(words) < 2:
                    continue
                opening = f"{words[0]} {words[1]}".lower()
            if opening in seen:
                repeated.add(id(item))
            seen.add(opening)
        return repeated

    def repeats(self, item: PostText) -> bool:
        if self._repeated is None:
            self._repeated = self._read()
        return id(item) in self._repeated


@dataclass(frozen=True)
class ThreadHabits:
    """What the whole thread says about its writer."""

    writes_lowercase: bool
    # Case "ellipsis pairs" / "cut at 280" (bench): the writer fills posts word by word, so a
    # post that ends at a sentence end with room for another word ended there by choice.
    fills_words: bool = False
    # Some post holds two or more sentences: the writer packs whole sentences into posts (else
    # one sentence per post, and the layout says nothing).
    packs_sentences: bool = False
    # Of the sentence ends inside posts, the share a blank line follows (None: none inside).
    blank_line_rate: float | None = None
    # How the platform counts a post (for the room left in a post).
    counting: Counting | None = None
    # Most posts are full to the last word: the limit, not the writer, ends them.
    fills_posts: bool = False
    # The writer nearly always stopped where the next sentence would have fitted (seven sentence
    # ends at a post end in ten, of three or more): they keep posts short, so stopping early
    # is their habit, not a sign of a paragraph break.
    keeps_posts_short: bool = False
    # The id of the thread's first post with text: the thread opens with a paragraph.
    first_post: str | None = None
    # The words shared around each post end, weighed by their rarity in the thread (read when
    # asked).
    cohesion: Cohesion | None = None
    # The posts that open as an earlier post did: parallel items (read when asked).
    parallel: ParallelOpenings | None = None


# What a thread of one post says (nothing): one value, frozen.
NO_HABITS = ThreadHabits(False)

# A sentence end inside a post, then a blank line (a paragraph break) or a space (same paragraph).
_INNER_BREAK = re.compile(r"[.!?…。！？]['\"”’»)\]」』]*[ \t]*\n[ \t]*\n")
_INNER_SENTENCE_END = re.compile(
    r"[.!?…]['\"”’»)\]]*+[ \t]++(?=[\"“«„‘(]?[^\W\d_])|[。！？][」』）]*+(?=[^\s」』）])"
)
_OPENING_QUOTES = '“„«‘"「『'
# A post with this much room left had room for most sentences: when the next did not fit, it
# was a long one, and the limit (not the writer) may have ended the post (bench, dev part).
LONG_SENTENCE_ROOM = 60


def thread_habits(
    texts: list[PostText], evidence: dict[int, Evidence], counting: Counting | None = None
) -> ThreadHabits:
    """`texts`: the posts with text, stripped; `evidence[i]`: the boundary after texts[i];
    `counting`: how the platform counts a post (None: room left in a post is not measured)."""
    if len(texts) < 2:
        return NO_HABITS
    # Case "pkg text-to-tweets" (bench): a tool cutting at commas starts most posts lower-case,
    # so only posts that follow a full stop (and the first post) show the writer's own case.
    after_stops = [texts[0]] + [
        following
        for previous, following in zip(texts, texts[1:], strict=False)
        if SENTENCE_STOP.search(previous.text)
    ]
    lower = sum(starts_lower(item.text) for item in after_stops)
    writes_lowercase = lower >= 0.8 * len(after_stops)
    # Sentence ends inside each post, and how many of them a blank line follows (read once).
    # Counted only in a thread with a blank line after some sentence end (the share needs the
    # count); elsewhere what is asked is whether a post holds one, which one search tells.
    blank_lines = [
        len(_INNER_BREAK.findall(item.text)) if "\n" in item.text else 0 for item in texts
    ]
    breaks = sum(blank_lines)
    # Case "ellipsis pairs" vs "suffix n/N" (bench): a writer packing whole sentences cuts inside
    # a sentence only when it is too long for a post of its own, so it opens the cut post; a
    # writer filling posts word by word cuts sentences that began after another one ended.
    cut_inside = [
        index
        for index in range(len(texts) - 1)
        if (evidence[index].decided or ("",))[0] in ("join-word", "join")
    ]
    if breaks:
        inner = [
            len(_INNER_SENTENCE_END.findall(item.text)) + blank
            for item, blank in zip(texts, blank_lines, strict=True)
        ]
        holds_end = [count > 0 for count in inner]
        packs = any(inner)
        ends = sum(inner)
        fills_words = bool(cut_inside) and 2 * sum(holds_end[index] for index in cut_inside) >= len(
            cut_inside
        )
    else:
        # Searched only where asked: the posts cut inside a sentence, and the posts up to the
        # first that holds a sentence end.
        fills_words = bool(cut_inside) and 2 * sum(
            bool(_INNER_SENTENCE_END.search(texts[index].text)) for index in cut_inside
        ) >= len(cut_inside)
        packs = any(_INNER_SENTENCE_END.search(item.text) for item in texts)
        ends = int(packs)
    full = sum("filled-to-limit" in evidence[index].signals for index in range(len(texts) - 1))
    # Case "one or two sentences" (bench): a writer who posts a sentence or two at a time leaves
    # room at almost every sentence end; a writer who fills posts leaves it at paragraph ends.
    sentence_ends = [
        e
        for e in evidence.values()
        if e.decided is None
        and not ("next-starts-lower-case" in e.signals and not writes_lowercase)
        and "over-limit" not in e.signals
    ]
    fitted = sum("next-sentence-fitted" in e.signals for e in sentence_ends)
    return ThreadHabits(
        writes_lowercase,
        fills_words,
        packs,
        breaks / ends if ends else None,
        counting,
        2 * full >= len(texts) - 1,
        len(sentence_ends) >= 3 and fitted >= 0.7 * len(sentence_ends),
        texts[0].post.id,
        Cohesion(texts),
        ParallelOpenings(texts),
    )


def classify(
    evidence: Evidence,
    following: PostText,
    habits: ThreadHabits,
    per_post: bool,
    previous: PostText | None = None,
) -> tuple[str, str, tuple[str, ...]]:
    """The class of one boundary, the rule that decided and the signals seen. `previous`, the
    post before the boundary, is read for an attached image, the room it left and shared words."""
    signals = evidence.signals
    after = following.text.lstrip()
    if evidence.decided is None and _CONNECTIVE.match(after):
        signals = (*signals, "next-opens-with-connective")
    if per_post:
        return "new-paragraph", "--paragraphs post: one paragraph per post", signals
    if evidence.decided is not None:
        return evidence.decided[0], evidence.decided[1], signals
    if (
        "next-starts-lower-case" in signals
        and not habits.writes_lowercase
        # (Most such posts end without a stop: the pattern is searched only after one.)
        and (
            "no-terminal-punctuation" in signals
            or not _ENDS_FOR_CERTAIN.search(previous.text[-_ENDS_SPAN:] if previous else "")
        )
    ):
        return "join", "next post starts lower-case", signals
    # Case "He said: “We will not stop." / "Not now, not ever.”": the quotation opened here closes
    # in the next post. Case "gutenberg-markov" (bench): quotation marks that never close, or a
    # next post that opens a quotation of its own, say nothing about the paragraph.
    if "open-quotation" in signals and closes_first(first_sentence(after)):
        return "same-paragraph", "a quotation is still open and closes in the next post", signals
    if "over-limit" in signals:
        return "new-paragraph", "post runs over the limit, so the limit did not cut it", signals
    # Case North's thread (fixtures/north-2022-03-08): a quotation that runs over several
    # paragraphs reopens at each one and closes only at the last, so a quotation still open
    # here and reopened by the next sentence marks a new paragraph of the quoted speech.
    if "open-quotation" in signals and after[:1] in _OPENING_QUOTES:
        return (
            "new-paragraph",
            "a quotation still open here is reopened by the next sentence: a new paragraph of "
            "the quoted speech",
            signals,
        )
    # The paragraph rule at a sentence end (module docstring; README, "Paragraphs").
    tied = "next-opens-with-connective" in signals
    marks_breaks = habits.blank_line_rate is not None and habits.blank_line_rate >= 0.5
    # Case "The bridge at dawn" + a photo, "Then the fog lifted.": the image stands between the
    # two texts in the writer's thread, so the paragraph with its text ends there.
    if previous is not None and (previous.post.media or previous.post.quote):
        return "new-paragraph", "the post carries an image or a quoted post", signals
    if (
        "filled-to-limit" in signals
        and (habits.fills_posts or habits.fills_words)
        and not (marks_breaks and not tied)
    ):
        # Case "greedy 280" (bench): no room was left for the next word, so the limit ended the
        # post wherever the sentence ended. Case "greedy 280" on the UDHR: a writer whose blank
        # lines inside posts show that most sentence ends start a paragraph needs a tying word.
        return (
            "same-paragraph",
            "the post is full to the last word, as this writer's posts are: the limit cut here",
            signals,
        )
    # Case udhr and debian-faq (bench): "Everyone has the right to…" after "Everyone has the
    # right to…": a sentence that opens as an earlier post did, with no tying word, is the next
    # of parallel items (rights, rules, tips, questions), each a paragraph of its own.
    if not tied and habits.parallel is not None and habits.parallel.repeats(following):
        return (
            "new-paragraph",
            "the next sentence opens with the same two words as an earlier post: the next of "
            "parallel items",
            (*signals, "parallel-opening"),
        )
    fitted = "next-sentence-fitted" in signals
    if habits.fills_words:
        # Case "pkg text-to-tweets" (bench): a tool that also cuts at sentence ends; where the
        # next sentence would not have fitted, a tying word says the limit, not the writer,
        # ended the post.
        if tied and not fitted:
            return (
                "same-paragraph",
                "this writer fills posts, the next sentence did not fit and opens with a word "
                "that ties it to this one",
                signals,
            )
        return (
            "new-paragraph",
            "this writer fills posts word by word but stopped at this sentence end with room "
            "left: a chosen break",
            signals,
        )
    if not habits.packs_sentences or (habits.keeps_posts_short and fitted):
        if habits.packs_sentences:
            # Case "one or two sentences" (bench): see ThreadHabits.keeps_posts_short.
            layout = "this writer keeps posts short, so stopping early says nothing"
        else:
            layout = "one sentence per post"
        if tied:
            return (
                "same-paragraph",
                (
                    "this writer keeps posts short, so stopping early says nothing; the next "
                    "sentence opens with a word that ties it to this one"
                    if habits.packs_sentences
                    else "one sentence per post: the next opens with a word that ties it to "
                    "this one"
                ),
                signals,
            )
        # Case "sentence per post" (bench): where the layout says nothing, the words the
        # sentences either side share, each weighed by how rare it is in this thread (Cohesion).
        # Not after the first post: it opens the thread's first paragraph, and a thread's
        # opening names the subject the rest goes on about, so it shares words with what follows
        # whether or not its paragraph goes on (bench, dev part: after the first post the
        # paragraph went on at 31% of the ends where the words were shared, elsewhere at 58%).
        if previous is not None and previous.post.id == habits.first_post:
            return (
                "new-paragraph",
                f"{layout}; the first post opens the thread's first paragraph, and the next "
                "sentence does not open with a word that ties it to it (words shared with the "
                "opening say nothing)",
                signals,
            )
        shared = (
            habits.cohesion.shared(previous)
            if previous is not None and habits.cohesion is not None
            else 0.0
        )
        # (The measure is shown in the rule, so that --explain and a decisions file say how
        # near the line a boundary fell.)
        if shared >= COHESION_SHARED:
            return (
                "same-paragraph",
                f"{layout}: the sentences either side share words that are rare in this "
                f"thread (lexical cohesion {shared:.2f}, {COHESION_SHARED} needed)",
                (*signals, "shares-rare-words"),
            )
        return (
            "new-paragraph",
            f"{layout}, and the next sentence neither opens with a word that ties it to this one "
            f"nor shares words that are rare in this thread (lexical cohesion {shared:.2f}, "
            f"{COHESION_SHARED} needed)",
            signals,
        )
    if fitted:
        return (
            "new-paragraph",
            "this writer packs sentences into posts but stopped where the next would have "
            "fitted: a chosen break",
            signals,
        )
    # The next sentence did not fit: the limit may have cut here. The signs that the paragraph
    # goes on: a tying word, this post's words picked up, a long next sentence.
    if tied:
        return (
            "same-paragraph",
            "the next sentence did not fit and opens with a word that ties it to this one",
            signals,
        )
    shares = previous is not None and _shares_words(previous.text.rstrip(), first_sentence(after))
    if shares:
        signals = (*signals, "shares-words")
    counting = habits.counting
    long_next = (
        not marks_breaks
        and previous is not None
        and counting is not None
        # Case bluesky-branching (fixtures): a post closed by a link, before a post with no
        # sentence end at all, shows no sentence the limit could have pushed out.
        and bool(SENTENCE_STOP.search(previous.text))
        and bool(SENTENCE_STOP.search(first_sentence(after).rstrip()))
        and counting.limit - counted_length(previous.post, counting) >= LONG_SENTENCE_ROOM
    )
    # Case "suffix n/N" (bench): the thread opens with a paragraph, which ends at the first
    # post unless it is longer than a post; one sign of a cut by the limit is not enough there
    # (a tying word, above, or shared words and a long next sentence together, are).
    if previous is not None and previous.post.id == habits.first_post and (shares or long_next):
        if shares and long_next:
            return (
                "same-paragraph",
                "the next sentence did not fit the first post, picks up its words and is long",
                signals,
            )
        return (
            "new-paragraph",
            "the first post opens the thread's first paragraph, and one sign of a cut by the "
            "limit is not enough to go on",
            signals,
        )
    if shares:
        return (
            "same-paragraph",
            "the next sentence did not fit and picks up this post's words",
            signals,
        )
    if long_next:
        return (
            "same-paragraph",
            "the next sentence did not fit in a post with room for most: the limit cut here",
            signals,
        )
    return (
        "new-paragraph",
        "the next sentence did not fit, but nothing else says the paragraph goes on",
        signals,
    )
