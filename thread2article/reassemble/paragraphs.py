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
  2. Then the evidence is weighed: each term below times its weight (its log-odds for the same
     paragraph against a new one), added to BIAS; the paragraph goes on where the total is
     above THRESHOLD (0.5: a little more evidence than balanced odds, since a wrong "same"
     costs a whole document as a wrong "new" does and new paragraphs are the more common).
       - the post: whether the next sentence would have fitted in it (the writer stopped
         before it: -0.82), the room it left (a share of the limit: +0.78 per limit), and
         whether it holds two sentences or more where the next would have fitted (the writer
         packs sentences into it and stopped by choice: -0.59 more);
       - the next sentence: whether it opens with a tying word ("But", "This", "Aber",
         "Однако", "しかし", "但是"…: +1.36), whether it opens with the same two words as an
         earlier post (three characters in Chinese and Japanese), the next of parallel items
         (-1.51);
       - the next post's length against the writer's usual post (the log of its length over
         the thread's median, -0.67 per unit, -0.39 where the writer keeps posts short; not
         the thread's last post, often a closing line, nor a post cut inside a sentence, as
         short as the cut made it): a short post after a sentence end holds the rest of a
         paragraph that did not fit, a new paragraph opens a post the writer fills again;
       - the words either side that are rare in the thread (lexical cohesion, below: +11.26 per
         unit of the cosine, counted up to 0.2), and more where the layout says nothing; read
         only where they could change the decision (they can only add, at most +2.25 or
         +2.64), since they cost a reading of the whole thread's words;
       - whether the post before is the thread's first, which opens its first paragraph (-0.28);
       - the writer's habits (ThreadHabits): fills posts to the limit, keeps posts short, and
         their rate of blank lines after sentence ends inside posts;
       - and the combinations the layout makes telling: a writer who packs sentences and
         stopped where the next would not have fitted (the limit may have cut; the more room
         was left, the longer the sentence the limit pushed out); a full post among full posts
         or a word filler's (+2.77, against -2.10 for the writer's posts being full); a word
         filler who stopped with room left (-1.25); the writer's own rate of blank lines where
         the limit, not the writer, ended the post (their rate of breaks).
     `--explain` states the total against the threshold and the three largest contributions.
The weights (the constants below) are fitted by logistic regression on the development part of
bench/reassembly (bench/reassembly/paragraph_cv.py --fit), same and new paragraph ends weighed
equally. What generalises is measured by leaving a whole writer style out of the fit (or a whole
source document) and scoring it, pooled over the folds (development part, 33 styles and
splitters, 6 sources, 2026-12-07 09:45 UTC: balanced accuracy 0.706 with a style left out and
0.704 with a source left out, whole documents 0.564 and 0.561; the sixteen terms before, fitted
alike on the same threads: 0.701 and 0.702, 0.559 and 0.557). Terms whose sign changed between
folds were dropped:
the post full to the last word, a packer who stopped early (the next sentence fitting says it,
and the post's own sentences),
the writer packing sentences, filling posts word by word and having blank lines at all (their
combinations and rate stay; bench/reassembly/paragraph_cv.py --fit --signs).
Lexical cohesion: the posts either side of the end (the nearest, and those beyond while all hold
200 characters or fewer: a sentence or two) share words that are rare in this thread, a
weighted cosine, each word (by its first five letters; pairs of characters in Chinese and
Japanese) weighed by its inverse frequency over the thread's posts, so that the thread's
subject, in every post, weighs nothing (as TextTiling measures it): a paragraph keeps to its
subject.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import add, itemgetter

from .boundaries import (
    SENTENCE_STOP,
    Evidence,
    closes_first,
    first_sentence,
    sentence_ends_for_certain,
)
from .draft import PostText
from .length import Counting
from .text import _FIRST_CJK, is_cjk, starts_lower

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
# The marks and the closing quotes and brackets of boundaries.SENTENCE_STOP.
_STOP_MARKS = ".!?…。！？"
_STOP_CLOSERS = "'\"”’»)]」』"


def ends_sentence(text: str) -> bool:
    """bool(SENTENCE_STOP.search(text)), read from the end of the text (the pattern is tried at
    every stop in it, and the rule asks at every post of a thread).
    tests/test_paragraphs_shortcuts.py pins the two to each other."""
    last = text.rstrip(_STOP_CLOSERS)[-1:]
    if last == "\n":
        # (`$` also matches before a line break that ends the text.)
        last = text[:-1].rstrip(_STOP_CLOSERS)[-1:]
    return bool(last) and last in _STOP_MARKS


# A run of two Chinese characters or kana or more, written as one and then more: a pattern
# that opens with a class lets the regex engine skip ahead to the next such character, where
# "{2,}" has it try a match at every character of the post (three times slower over the 100k
# archive export's posts; tests/test_speed_shortcuts.py pins it to the "{2,}" pattern).
_CJK_RUN = re.compile("[\u3040-\u30ff\u4e00-\u9fff][\u3040-\u30ff\u4e00-\u9fff]+")
# The text read on each side of a post end for the words it shares: the nearest post, and the
# next ones while all of them together hold no more than this many characters (about two
# sentences; bench, dev part: 150 to 250 do alike, 300 a little worse).
COHESION_SPAN = 200


# A content word's first five letters (four letters or more; not Chinese or Japanese, which
# write no spaces: a run of their characters is a clause, read as character pairs below).
# Words are compared by them, so that "package" meets "packages" and "Paket" meets "Pakete"
# (German and Russian inflect at the end of the word).
_STEM_OF_WORD = re.compile(
    r"([^\W\d_\u3040-\u30ff\u4e00-\u9fff]{4,5})[^\W\d_\u3040-\u30ff\u4e00-\u9fff]*"
)


# The same for a text of ASCII only (most posts), where a letter is one of a-z once lower-cased:
# a simpler pattern, searched faster (every post of a thread is read for its cohesion).
_ASCII_STEM_OF_WORD = re.compile(r"([a-z]{4,5})[a-z]*")
# And for a text whose characters are all Latin-1 or Chinese and Japanese (English, French or
# German with a quoted Japanese word: "café", "über", "データ"), the letters of _STEM_OF_WORD's
# class among the first 256 characters listed one by one ("ª", "²", "µ" and "¼" among them, as
# Unicode counts them): the engine tests a listed character at once, where the class asks
# Unicode's tables of each character of the text. (The 100k archive export's posts outside ASCII
# are nearly all such: their words read in two thirds of the time; tests/test_speed_shortcuts.py
# pins it to the class.)
_LATIN_1_LETTERS = "".join(
    char for char in map(chr, range(256)) if _STEM_OF_WORD.fullmatch(char * 4)
)
_LATIN_1_STEM_OF_WORD = re.compile(
    f"([{re.escape(_LATIN_1_LETTERS)}]{{4,5}})[{re.escape(_LATIN_1_LETTERS)}]*"
)
# A letter of _STEM_OF_WORD's class beyond Latin-1: in a text without one, every character
# beyond Latin-1 (an emoji, "’", "—", Chinese and Japanese) parts words for both patterns alike,
# so the Latin-1 one reads it (posts with a 🧵 or a curly quote).
_BEYOND_LATIN_1 = re.compile("[^\\W\\d_\x00-\xff\u3040-\u30ff\u4e00-\u9fff]")
# A character beyond Latin-1, Chinese and Japanese among them: a text without one is read with
# the Latin-1 pattern and holds no run of Chinese characters or kana (its lower case is Latin-1
# too), so one search spares both of the searches below ("café", "naïve": a third of the 100k
# archive export's posts outside ASCII); in a text with one, no run starts before it.
_NOT_LATIN_1 = re.compile("[^\x00-\xff]")


def _stems(text: str) -> set[str]:
    """Content words by their first letters, or character pairs in Chinese and Japanese."""
    if text.isascii():
        return set(_ASCII_STEM_OF_WORD.findall(text.lower()))
    lower = text.lower()
    beyond = _NOT_LATIN_1.search(text)
    if beyond is None:
        return set(_LATIN_1_STEM_OF_WORD.findall(lower))
    # (Chinese and Japanese are outside both classes.)
    stem = _STEM_OF_WORD if _BEYOND_LATIN_1.search(lower) else _LATIN_1_STEM_OF_WORD
    found = set(stem.findall(lower))
    for run in _CJK_RUN.findall(text, beyond.start()):
        # Its pairs of characters: run[0:2], run[1:3], …
        found.update(map(add, run, run[1:]))
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

    # (One per thread of two posts or more, most never read: made and read faster with slots,
    # and only the fields below set until _read.)
    __slots__ = ("_texts", "_index", "_stems", "_posts", "_by_count", "_post_weight")
    # Each post's words; how many posts hold each word, and the weight of a word by that count;
    # the weight of each post's words (None: not added up yet), shared by the two post ends that
    # read the post alone as one of their sides. (Set by _read.)
    _stems: list[set[str]]
    _posts: Counter[str]
    _by_count: list[float]
    _post_weight: list[float | None]

    def __init__(self, texts: list[PostText]) -> None:
        self._texts = texts
        self._index: dict[int, int] | None = None

    def _read(self) -> dict[int, int]:
        self._stems = [_stems(item.text) for item in self._texts]
        posts = Counter(chain.from_iterable(self._stems))
        # Inverse document frequency over the thread's posts, squared as a cosine weighs it: a
        # word in every post weighs nothing ("i think so." / "you think so." / "we all think
        # so." share only the thread's word; so do the two posts of a thread of two, which
        # cannot tell a rare word from a common one).
        total = len(self._texts)
        self._posts = posts
        self._by_count = [0.0] + [math.log(total / count) ** 2 for count in range(1, total + 1)]
        self._post_weight = [None] * total
        return {id(item): index for index, item in enumerate(self._texts)}

    def _side(self, index: int, step: int) -> tuple[set[str], int]:
        """The stems of the posts before the end of post `index` (step -1) or after it (step 1,
        from post index + 1): the nearest, and the next ones while all fit in COHESION_SPAN;
        and the nearest post's index where it stands alone (else -1)."""
        texts, stems = self._texts, self._stems
        position = index if step < 0 else index + 1
        nearest = position
        found = stems[position]
        used = len(texts[position].text)
        position += step
        while 0 <= position < len(texts):
            used += len(texts[position].text)
            if used > COHESION_SPAN:
                break
            found = found | stems[position]
            position += step
        return found, (nearest if found is stems[nearest] else -1)

    def _weights(self, found: set[str]) -> float:
        """The words' weights added up. (Each word's looked up by its count of posts, where a
        table of every word's weight costs more to make than the few words asked cost to look
        up.)"""
        return sum(map(self._by_count.__getitem__, map(self._posts.__getitem__, found)))

    def _weigh(self, found: set[str], alone: int) -> float:
        """The weight of a side's stems; a post read alone is added up once (the two post ends
        either side of it may both read it)."""
        if alone < 0:
            return self._weights(found)
        weight = self._post_weight[alone]
        if weight is None:
            weight = self._post_weight[alone] = self._weights(found)
        return weight

    def shared(self, previous: PostText) -> float:
        """The weighted cosine of the words either side of the end of `previous` (0 to 1)."""
        if len(self._texts) < 3:
            # Every word the two posts of a thread of two share is in all its posts: it weighs
            # nothing (unread: most threads of an archive are short).
            return 0.0
        if self._index is None:
            self._index = self._read()
        index = self._index.get(id(previous))
        if index is None or index + 1 >= len(self._texts):
            return 0.0
        (before, alone_before), (after, alone_after) = self._side(index, -1), self._side(index, 1)
        shared = before & after
        if not shared:
            return 0.0
        both = self._weights(shared)
        if not both:
            return 0.0
        return both / math.sqrt(self._weigh(before, alone_before) * self._weigh(after, alone_after))


# Enough of a post's start for its first two words.
_OPENING_SPAN = 40


class ParallelOpenings:
    """The posts that open with the same two words as an earlier post of the thread (parallel
    items). Read once, when a boundary first asks."""

    __slots__ = ("_texts", "_repeated")

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
            # (text.is_cjk's own first test, written out: most posts open with a Latin letter.)
            if head[:1] >= _FIRST_CJK and is_cjk(head[:1]):
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


@dataclass(slots=True)
class ThreadHabits:
    """What the whole thread says about its writer. (Not frozen: the thread's part of the
    weighed sum is kept on it once a boundary first asks, see _Weighing; nothing else changes.)"""

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
    # The median length of the thread's posts, in characters (0: not measured): the writer's
    # usual post, against which the next post's length is read.
    median_length: float = 0.0
    # The id of the thread's last post with text, whose length says nothing of the paragraph
    # (a closing line or a sign-off is short whatever came before it).
    last_post: str | None = None
    # The ids of the posts whose end cuts a sentence (a join): their length says where the cut
    # fell, not where the writer stopped.
    cut_posts: frozenset[str] = frozenset()
    # The thread's part of the weighed sum (made when a boundary first asks).
    weighing: _Weighing | None = field(default=None, init=False, repr=False, compare=False)
    # What the habits are read from, until a boundary first asks for them (thread_habits): the
    # posts, their boundaries' evidence and the counting. None once read (or never to be read).
    unread: tuple[list[PostText], dict[int, Evidence], Counting | None] | None = field(
        default=None, repr=False, compare=False
    )

    def read(self) -> None:
        """Fill in the habits from what thread_habits() kept, the first time a boundary asks."""
        if self.unread is None:
            return
        texts, evidence, counting = self.unread
        self.unread = None
        (
            self.writes_lowercase,
            self.fills_words,
            self.packs_sentences,
            self.blank_line_rate,
            self.counting,
            self.fills_posts,
            self.keeps_posts_short,
            self.first_post,
            self.cohesion,
            self.parallel,
            self.median_length,
            self.last_post,
            self.cut_posts,
        ) = _habit_values(texts, evidence, counting)


# What a thread of one post says (nothing): one value, frozen.
NO_HABITS = ThreadHabits(False)

# A sentence end inside a post, then a blank line (a paragraph break) or a space (same paragraph).
_INNER_BREAK = re.compile(r"[.!?…。！？]['\"”’»)\]」』]*[ \t]*\n[ \t]*\n")
# (One class of stops first, each kind's rest told by a look behind at it: the regex engine
# skips ahead to the next stop instead of trying both alternatives at every character;
# tests/test_pass_shortcuts.py pins it to the plain alternation.)
_INNER_SENTENCE_END = re.compile(
    r"[.!?…。！？](?:(?<=[.!?…])['\"”’»)\]]*+[ \t]++(?=[\"“«„‘(]?[^\W\d_])"
    r"|(?<=[。！？])[」』）]*+(?=[^\s」』）]))"
)
_OPENING_QUOTES = '“„«‘"「『'


def holds_sentences(text: str) -> bool:
    """The post holds two sentences or more: a sentence end inside it, before a space and the
    next sentence or before a blank line."""
    return _INNER_SENTENCE_END.search(text) is not None or (
        "\n" in text and _INNER_BREAK.search(text) is not None
    )


def thread_habits(
    texts: list[PostText], evidence: dict[int, Evidence], counting: Counting | None = None
) -> ThreadHabits:
    """The thread's habits, read when a boundary first asks for them (ThreadHabits.read, from
    classify()): a thread whose every boundary the evidence alone decides (a cut inside a
    sentence, a marker, a gap; about a quarter of an archive's threads of two posts or more)
    never reads them. The same habits as read_thread_habits() (tests/test_paragraphs_shortcuts.py
    pins the two to each other)."""
    if len(texts) < 2:
        return NO_HABITS
    return ThreadHabits(False, unread=(texts, evidence, counting))


def read_thread_habits(
    texts: list[PostText], evidence: dict[int, Evidence], counting: Counting | None = None
) -> ThreadHabits:
    """`texts`: the posts with text, stripped; `evidence[i]`: the boundary after texts[i], for
    each but the last; `counting`: how the platform counts a post (None: room left in a post is
    not measured)."""
    if len(texts) < 2:
        return NO_HABITS
    return ThreadHabits(*_habit_values(texts, evidence, counting))


# ThreadHabits' fields read from the thread, in their order.
_HabitValues = tuple[
    bool,
    bool,
    bool,
    float | None,
    Counting | None,
    bool,
    bool,
    str | None,
    Cohesion,
    ParallelOpenings,
    float,
    str | None,
    frozenset[str],
]


def _habit_values(
    texts: list[PostText], evidence: dict[int, Evidence], counting: Counting | None
) -> _HabitValues:
    """The habits of a thread of two posts or more, in ThreadHabits' order. (Read once per
    thread: each loop below goes over the posts or the boundaries once.)"""
    strings = [item.text for item in texts]
    # Case "pkg text-to-tweets" (bench): a tool cutting at commas starts most posts lower-case,
    # so only posts that follow a full stop (and the first post) show the writer's own case.
    after_stops = 1
    lower = int(starts_lower(strings[0]))
    # The boundaries: those cut inside a sentence, those after a post full to the limit, and
    # the sentence ends the paragraph rule weighs, with how many of them the next sentence
    # would have fitted. (Read in the same loop over the boundaries as the case: those before a
    # lower-case post are counted apart, for they count only for a writer who writes lower-case,
    # which the loop tells at its end.)
    cut_inside = []
    full = 0
    sentence_ends = fitted = lower_ends = lower_fitted = 0
    for index in range(len(texts) - 1):
        if ends_sentence(strings[index]):
            after_stops += 1
            lower += starts_lower(strings[index + 1])
        found = evidence[index]
        signals = found.signals
        if "filled-to-limit" in signals:
            full += 1
        if found.decided is not None:
            if found.decided[0] in ("join-word", "join"):
                cut_inside.append(index)
        # Case "one or two sentences" (bench): a writer who posts a sentence or two at a time
        # leaves room at almost every sentence end; a writer who fills posts leaves it at
        # paragraph ends.
        elif "over-limit" not in signals:
            if "next-starts-lower-case" in signals:
                lower_ends += 1
                lower_fitted += "next-sentence-fitted" in signals
            else:
                sentence_ends += 1
                fitted += "next-sentence-fitted" in signals
    writes_lowercase = lower >= 0.8 * after_stops
    if writes_lowercase:
        sentence_ends += lower_ends
        fitted += lower_fitted
    # Sentence ends inside each post, and how many of them a blank line follows (read once).
    # Counted only in a thread with a blank line after some sentence end (the share needs the
    # count); elsewhere what is asked is whether a post holds one, which one search tells.
    # (Most threads hold no line break at all: no list of zeros for them.)
    blank_lines = (
        [len(_INNER_BREAK.findall(text)) if "\n" in text else 0 for text in strings]
        if any("\n" in text for text in strings)
        else None
    )
    breaks = sum(blank_lines) if blank_lines else 0
    # Case "ellipsis pairs" vs "suffix n/N" (bench): a writer packing whole sentences cuts inside
    # a sentence only when it is too long for a post of its own, so it opens the cut post; a
    # writer filling posts word by word cuts sentences that began after another one ended.
    if blank_lines is not None and breaks:
        inner = [
            len(_INNER_SENTENCE_END.findall(text)) + blank
            for text, blank in zip(strings, blank_lines, strict=True)
        ]
        packs = any(inner)
        ends = sum(inner)
        fills_words = bool(cut_inside) and 2 * sum(inner[index] > 0 for index in cut_inside) >= len(
            cut_inside
        )
    else:
        # Searched only where asked: the posts cut inside a sentence, and the posts up to the
        # first that holds a sentence end.
        search = _INNER_SENTENCE_END.search
        fills_words = bool(cut_inside) and 2 * sum(
            search(strings[index]) is not None for index in cut_inside
        ) >= len(cut_inside)
        packs = False
        for text in strings:
            if search(text):
                packs = True
                break
        ends = int(packs)
    # The writer's usual post: the median length (statistics.median's, without its checks).
    lengths = sorted(map(len, strings))
    middle = len(lengths) // 2
    median_length = (
        lengths[middle] if len(lengths) % 2 else (lengths[middle - 1] + lengths[middle]) / 2
    )
    return (
        writes_lowercase,
        fills_words,
        packs,
        breaks / ends if ends else None,
        counting,
        2 * full >= len(texts) - 1,
        sentence_ends >= 3 and fitted >= 0.7 * sentence_ends,
        texts[0].post.id,
        Cohesion(texts),
        ParallelOpenings(texts),
        median_length,
        texts[-1].post.id,
        frozenset([texts[index].post.id for index in cut_inside]) if cut_inside else _NO_POSTS,
    )


_NO_POSTS: frozenset[str] = frozenset()


# The paragraph rule at a sentence end, once the layout rules of classify() have not decided:
# each term below is a piece of evidence (0 or 1, or a measure), each weight its log-odds for
# the same paragraph against a new one, fitted by logistic regression on the development part of
# bench/reassembly (bench/reassembly/paragraph_cv.py --fit: same and new paragraph ends weighed
# equally, an L2 penalty of 1; 2026-12-07, 33 writer styles and splitters, 6 sources, 5
# languages). The paragraph goes on where BIAS plus the weighted terms is above THRESHOLD.
# Where no term speaks, the odds are against going on: same-paragraph ends are about a
# quarter of all.
BIAS = -1.09
# Above 0 (balanced odds) the threshold asks for more evidence before a paragraph goes on: a
# wrong "same" costs a whole document as a wrong "new" does, and new-paragraph ends are the
# more common (bench, dev part, each style left out of the fit in turn: balanced accuracy 0.721
# and 0.706, whole documents 0.544 and 0.564 at 0.25 and 0.5; each source left out: 0.721 and
# 0.704, 0.539 and 0.561. A lower threshold trades whole documents for balanced accuracy, one
# for one or worse; 0.5 keeps the documents).
THRESHOLD = 0.5
# The next sentence would have fitted in this post: the writer stopped before it.
NEXT_FITTED = -0.82
# The room left in the post, as a share of the limit (0 to 1).
ROOM_LEFT = 0.78
# The next sentence opens with a word that ties it to this one ("But", "This", "Однако"…).
TYING_WORD = 1.36
# Words rare in this thread shared either side of the post end (Cohesion, 0 to 0.5).
RARE_WORDS_SHARED = 11.26
# The next sentence opens with the same two words as an earlier post: parallel items.
PARALLEL_OPENING = -1.51
# The post before is the thread's first, which opens its first paragraph.
AFTER_FIRST_POST = -0.28
# Thread habits (ThreadHabits).
# Most posts are full to the last word.
FILLS_POSTS = -2.10
# The writer nearly always stopped where the next sentence would have fitted.
KEEPS_POSTS_SHORT = 0.76
# The writer's own rate of blank lines after sentence ends inside posts, as log-odds.
BLANK_LINE_RATE = 0.18
# A writer who packs sentences (and neither keeps posts short nor fills them word by word)
# stopped where the next sentence would not have fitted: the limit may have ended the post.
PACKER_OUT_OF_ROOM = 0.69
# A full post in a thread of full posts (or of a writer who fills them word by word).
FULL_AMONG_FULL = 2.77
# A writer who fills posts word by word stopped with room for the next sentence.
FILLER_STOPPED_EARLY = -1.25
# Rare words shared where the layout says nothing (one sentence per post, or short posts).
RARE_WORDS_LAYOUT_SILENT = 1.93
# The room left, where a packing writer's next sentence did not fit.
ROOM_LEFT_OUT_OF_ROOM = 1.22
# The writer's blank-line rate (log-odds) where the next sentence did not fit: the limit, not
# the writer, ended the post, and the writer's own rate of breaks holds there.
BLANK_LINE_RATE_OUT_OF_ROOM = -0.52
# The next post's length against the writer's usual post (the log of its length over the
# thread's median; not the thread's last post, nor a post cut inside a sentence at its end,
# which is as short as the cut made it: North's thread, "The Russian Trotskyist replied: “Of
# course, Putin’s" / "government…"): a short remainder after a sentence end holds the rest of
# a paragraph that did not fit, a new paragraph opens a post the writer fills again.
NEXT_POST_LENGTH = -0.67
# The same measure again where the writer keeps posts short: their next post's length says less
# of where a paragraph ends (any post of theirs is short), so it weighs less there.
NEXT_POST_LENGTH_SHORT_POSTS = 0.28
# The post before holds two sentences or more (a sentence end inside it) and the next sentence
# would have fitted: the writer packs sentences into this post and stopped by choice, a break.
# (Read from the post itself: the writer-wide "packer who stopped early" changed sign between
# folds and was dropped; this one keeps its sign in every fold, paragraph_cv.py --fit --signs.)
STOPPED_AFTER_SENTENCES = -0.59

# Each term: its weight and the words --explain shows for it.
WEIGHTS: dict[str, tuple[float, str]] = {
    "fitted": (NEXT_FITTED, "the next sentence would have fitted"),
    "room": (ROOM_LEFT, "room left"),
    "tied": (TYING_WORD, "a tying word"),
    "cohesion": (RARE_WORDS_SHARED, "rare words shared"),
    "parallel": (PARALLEL_OPENING, "opens as an earlier post did"),
    "first": (AFTER_FIRST_POST, "after the first post"),
    "fills_posts": (FILLS_POSTS, "the writer's posts are full"),
    "keeps_short": (KEEPS_POSTS_SHORT, "the writer keeps posts short"),
    "blank_rate": (BLANK_LINE_RATE, "the writer's blank-line rate"),
    "packer_out_of_room": (PACKER_OUT_OF_ROOM, "a packer ran out of room"),
    "full_among_full": (FULL_AMONG_FULL, "a full post among full posts"),
    "filler_stopped_early": (FILLER_STOPPED_EARLY, "a word filler stopped early"),
    "cohesion_silent": (RARE_WORDS_LAYOUT_SILENT, "rare words shared, layout silent"),
    "room_out_of_room": (ROOM_LEFT_OUT_OF_ROOM, "room left before a sentence too long"),
    "blank_rate_out_of_room": (
        BLANK_LINE_RATE_OUT_OF_ROOM,
        "the writer's blank-line rate where the limit cut",
    ),
    "next_length": (NEXT_POST_LENGTH, "the next post's length"),
    "next_length_short_posts": (
        NEXT_POST_LENGTH_SHORT_POSTS,
        "the next post's length, a writer of short posts",
    ),
    "stopped_after_sentences": (
        STOPPED_AFTER_SENTENCES,
        "stopped after sentences with room for the next",
    ),
}
# The cohesion at which --explain names "shares-rare-words" among the signals (the old rule's
# line; the weighed sum itself has none).
_SHOWN_COHESION = 0.08
# A cosine past 0.2 says no more (bench, dev part: clipped there the fit decides as well as at
# 0.5), and so the words of the thread are read only where 0.2 could change the decision.
_MOST_COHESION = 0.2
# The writer's blank-line rate is read as log-odds, kept off 0 and 1.
_RATE_FLOOR = 0.02
# How many of the largest contributions --explain names.
_SHOWN_TERMS = 3


def _log_odds(rate: float) -> float:
    rate = min(max(rate, _RATE_FLOOR), 1 - _RATE_FLOOR)
    return math.log(rate / (1 - rate))


def read_cohesion(habits: ThreadHabits, previous: PostText | None) -> float:
    """The words rare in the thread shared either side of the end of `previous` (Cohesion),
    clipped at _MOST_COHESION."""
    habits.read()
    if previous is None or habits.cohesion is None:
        return 0.0
    return min(habits.cohesion.shared(previous), _MOST_COHESION)


def _layout_silent(habits: ThreadHabits) -> bool:
    """One sentence per post, or a writer who keeps posts short: the layout says nothing."""
    return not habits.packs_sentences or habits.keeps_posts_short


def paragraph_terms(
    evidence: Evidence,
    signals: tuple[str, ...],
    following: PostText,
    habits: ThreadHabits,
    previous: PostText | None,
    cohesion: float = 0.0,
) -> dict[str, float]:
    """The evidence at one sentence end, each term named as in WEIGHTS (`signals`: the
    boundary's, with those classify() adds; `cohesion`: read_cohesion(), where it was read)."""
    habits.read()
    fitted = "next-sentence-fitted" in signals
    filled = "filled-to-limit" in signals
    tied = "next-opens-with-connective" in signals
    counting = habits.counting
    room = 0.0
    if counting is not None and previous is not None:
        limit = counting.limit
        # A long-form post always had room (the evidence's room is None).
        left = limit if evidence.room is None else evidence.room
        room = min(max(left, 0), limit) / limit
    # (The rate is 0 for a writer who packs sentences with no blank line between them, and None
    # for one sentence per post: neither shows a rate of breaks.)
    rate = habits.blank_line_rate
    blank_rate = _log_odds(rate) if rate else 0.0
    packer = habits.packs_sentences and not habits.keeps_posts_short and not habits.fills_words
    # The limit pushed the next sentence out of this post only where this post ends with a
    # sentence's stop (case bluesky-branching, fixtures: a post closed by a link, before a
    # post with no sentence end at all, says nothing of the room).
    out_of_room = not fitted and previous is not None and bool(SENTENCE_STOP.search(previous.text))
    silent = _layout_silent(habits)
    next_length = (
        math.log(len(following.text) / habits.median_length)
        if habits.median_length
        and following.post.id != habits.last_post
        and following.post.id not in habits.cut_posts
        else 0.0
    )
    return {
        "fitted": float(fitted),
        "room": room,
        "tied": float(tied),
        "cohesion": cohesion,
        "parallel": float(habits.parallel is not None and habits.parallel.repeats(following)),
        "first": float(previous is not None and previous.post.id == habits.first_post),
        "fills_posts": float(habits.fills_posts),
        "keeps_short": float(habits.keeps_posts_short),
        "blank_rate": blank_rate,
        "packer_out_of_room": float(packer and out_of_room),
        "full_among_full": float(filled and (habits.fills_posts or habits.fills_words)),
        "filler_stopped_early": float(habits.fills_words and fitted),
        "cohesion_silent": cohesion if silent else 0.0,
        "room_out_of_room": room if packer and out_of_room else 0.0,
        "blank_rate_out_of_room": blank_rate if out_of_room else 0.0,
        "next_length": next_length,
        "next_length_short_posts": next_length if habits.keeps_posts_short else 0.0,
        "stopped_after_sentences": float(
            fitted and previous is not None and holds_sentences(previous.text)
        ),
    }


def weigh(terms: dict[str, float]) -> tuple[float, str]:
    """BIAS plus each term times its weight, and the largest contributions in words."""
    return _weighed(_contributions(terms))


def _contributions(terms: dict[str, float]) -> list[tuple[float, str]]:
    """Each term that weighs something, times its weight, with its words (WEIGHTS' order)."""
    return [
        (weight * value, label)
        for name, (weight, label) in WEIGHTS.items()
        if (value := terms[name]) and weight
    ]


def _weighed(contributions: list[tuple[float, str]]) -> tuple[float, str]:
    total = BIAS + sum(value for value, _ in contributions)
    largest = sorted(contributions, key=lambda item: abs(item[0]), reverse=True)[:_SHOWN_TERMS]
    shown = ", ".join(f"{label} {value:+.2f}" for value, label in largest)
    rest = len(contributions) - _SHOWN_TERMS
    if rest > 0:
        shown += f", {rest} more"
    return total, shown or "no evidence"


# classify() weighs the same contributions as weigh(paragraph_terms(…)), the plain definition
# (tests/test_paragraphs_shortcuts.py pins the two to each other), each kept with what sorting
# and --explain ask of it: (weight times value, its words, its size, its words and value). The
# words and value of a measure (the room left, the next post's length, the rare words shared)
# are written only where --explain's rule shows them, among the three largest ("" until then):
# of the 100k archive export's 53,809 measures weighed, 15,904 are shown, and writing a value
# costs more than weighing it. A sign's, the same at every boundary, is written once (_Weighing).
Contribution = tuple[float, str, float, str]
_VALUE = itemgetter(0)
_SIZE = itemgetter(2)


def _contribution(weight: float, value: float, label: str) -> Contribution:
    product = weight * value
    return product, label, abs(product), ""


def _written(contribution: Contribution) -> Contribution:
    """The contribution with its words and value written."""
    product, label, size, _ = contribution
    return product, label, size, f"{label} {product:+.2f}"


def _shown(contributions: list[Contribution]) -> str:
    """The largest contributions in words, and how many more there are (as _weighed)."""
    if len(contributions) > 1:
        contributions = sorted(contributions, key=_SIZE, reverse=True)
    words = []
    for product, label, _, written in contributions[:_SHOWN_TERMS]:
        words.append(written or f"{label} {product:+.2f}")
    shown = ", ".join(words)
    rest = len(contributions) - _SHOWN_TERMS
    if rest > 0:
        shown += f", {rest} more"
    return shown or "no evidence"


class _Weighing:
    """A thread's part of the weighed sum, from WEIGHTS and the thread's habits: each sign's
    contribution where the sign is present (its weight times 1, None where it weighs nothing
    here), each measure's weight and words, and the habits' own terms, the same at every
    boundary of the thread. Made once per combination of habits (_weighing_for)."""

    __slots__ = (
        "fitted",
        "room",
        "tied",
        "cohesion",
        "parallel",
        "first",
        "habits",
        "packer_out_of_room",
        "full_among_full",
        "filler_stopped_early",
        "cohesion_silent",
        "room_out_of_room",
        "blank_rate_out_of_room",
        "next_length",
        "next_length_short_posts",
        "stopped_after_sentences",
        "asks_next_length",
        "asks_out_of_room",
        "reach",
        "unread",
        "same_rule",
        "new_rule",
    )

    def __init__(self, habits: ThreadHabits) -> None:
        def sign(name: str, value: float = 1.0) -> Contribution | None:
            weight, label = WEIGHTS[name]
            return _written(_contribution(weight, value, label)) if value and weight else None

        def measure(name: str, applies: bool = True) -> tuple[float, str]:
            return WEIGHTS[name] if applies else (0.0, "")

        rate = habits.blank_line_rate
        blank_rate = _log_odds(rate) if rate else 0.0
        packer = habits.packs_sentences and not habits.keeps_posts_short and not habits.fills_words
        silent = _layout_silent(habits)
        self.fitted = sign("fitted")
        self.room = measure("room")
        self.tied = sign("tied")
        self.cohesion = measure("cohesion")
        self.parallel = sign("parallel")
        self.first = sign("first")
        self.habits = [
            found
            for found in (
                sign("fills_posts", float(habits.fills_posts)),
                sign("keeps_short", float(habits.keeps_posts_short)),
                sign("blank_rate", blank_rate),
            )
            if found is not None
        ]
        self.packer_out_of_room = sign("packer_out_of_room", float(packer))
        self.full_among_full = sign(
            "full_among_full", float(habits.fills_posts or habits.fills_words)
        )
        self.filler_stopped_early = sign("filler_stopped_early", float(habits.fills_words))
        self.cohesion_silent = measure("cohesion_silent", silent)
        self.room_out_of_room = measure("room_out_of_room", packer)
        self.blank_rate_out_of_room = sign("blank_rate_out_of_room", blank_rate)
        self.next_length = measure("next_length")
        self.next_length_short_posts = measure("next_length_short_posts", habits.keeps_posts_short)
        self.stopped_after_sentences = sign("stopped_after_sentences")
        self.asks_next_length = bool(self.next_length[0] or self.next_length_short_posts[0])
        # Whether some term here asks if the limit pushed the next sentence out of the post.
        self.asks_out_of_room = bool(
            self.packer_out_of_room or self.room_out_of_room[0] or self.blank_rate_out_of_room
        )
        self.reach = _MOST_COHESION * (
            RARE_WORDS_SHARED + (RARE_WORDS_LAYOUT_SILENT if silent else 0.0)
        )
        self.unread = f"; rare words shared unread: at most {self.reach:+.2f}, not enough"
        self.same_rule = f" for going on, above {THRESHOLD:+.2f} ("
        self.new_rule = f" for going on, not above {THRESHOLD:+.2f} ("


# The weighings made, by the habits they depend on (a few dozen in an archive). Made from
# WEIGHTS when first asked: whatever changes WEIGHTS (a test) clears this.
_WEIGHINGS: dict[tuple[bool, bool, bool, bool, float | None], _Weighing] = {}
_MOST_WEIGHINGS = 4096


def _weighing_for(habits: ThreadHabits) -> _Weighing:
    key = (
        habits.packs_sentences,
        habits.fills_words,
        habits.fills_posts,
        habits.keeps_posts_short,
        habits.blank_line_rate,
    )
    found = _WEIGHINGS.get(key)
    if found is None:
        if len(_WEIGHINGS) >= _MOST_WEIGHINGS:
            _WEIGHINGS.clear()
        found = _WEIGHINGS[key] = _Weighing(habits)
    habits.weighing = found
    return found


_UNREAD_ADDS = "; rare words shared unread: they could only add"


def _weigh_evidence(
    evidence: Evidence,
    signals: tuple[str, ...],
    following: PostText,
    habits: ThreadHabits,
    previous: PostText | None,
) -> tuple[str, str, tuple[str, ...]]:
    """The paragraph rule at a sentence end (module docstring; README, "Paragraphs"): the
    evidence weighed, each term by its log-odds, against the threshold. The same sum, term by
    term in WEIGHTS' order, as weigh(paragraph_terms(…)), with the thread's part made once."""
    if habits.unread is not None:
        habits.read()
    weighing = habits.weighing or _weighing_for(habits)
    fitted = "next-sentence-fitted" in signals
    filled = "filled-to-limit" in signals
    # The contributions in WEIGHTS' order, each where it weighs something; the rare words' two
    # go in at `at_cohesion` and `at_silent` where they are read.
    contributions: list[Contribution] = []
    if fitted and weighing.fitted:
        contributions.append(weighing.fitted)
    room = 0.0
    counting = habits.counting
    if counting is not None and previous is not None:
        limit = counting.limit
        # A long-form post always had room (the evidence's room is None).
        left = limit if evidence.room is None else evidence.room
        room = min(max(left, 0), limit) / limit
        if room and weighing.room[0]:
            contributions.append(_contribution(weighing.room[0], room, weighing.room[1]))
    if weighing.tied and "next-opens-with-connective" in signals:
        contributions.append(weighing.tied)
    at_cohesion = len(contributions)
    parallel = habits.parallel is not None and habits.parallel.repeats(following)
    if parallel and weighing.parallel:
        contributions.append(weighing.parallel)
    if weighing.first and previous is not None and previous.post.id == habits.first_post:
        contributions.append(weighing.first)
    contributions += weighing.habits
    # The limit pushed the next sentence out of this post only where this post ends with a
    # sentence's stop (paragraph_terms).
    out_of_room = (
        weighing.asks_out_of_room
        and not fitted
        and previous is not None
        and ends_sentence(previous.text)
    )
    if out_of_room and weighing.packer_out_of_room:
        contributions.append(weighing.packer_out_of_room)
    if filled and weighing.full_among_full:
        contributions.append(weighing.full_among_full)
    if fitted and weighing.filler_stopped_early:
        contributions.append(weighing.filler_stopped_early)
    at_silent = len(contributions)
    if out_of_room:
        if room and weighing.room_out_of_room[0]:
            weight, label = weighing.room_out_of_room
            contributions.append(_contribution(weight, room, label))
        if weighing.blank_rate_out_of_room:
            contributions.append(weighing.blank_rate_out_of_room)
    if (
        habits.median_length
        and weighing.asks_next_length
        and following.post.id != habits.last_post
        and following.post.id not in habits.cut_posts
    ):
        length = math.log(len(following.text) / habits.median_length)
        if length:
            weight, label = weighing.next_length
            if weight:
                contributions.append(_contribution(weight, length, label))
            weight, label = weighing.next_length_short_posts
            if weight:
                contributions.append(_contribution(weight, length, label))
    if (
        fitted
        and weighing.stopped_after_sentences
        and previous is not None
        and holds_sentences(previous.text)
    ):
        contributions.append(weighing.stopped_after_sentences)
    total = BIAS + sum(map(_VALUE, contributions))
    # The words rare in the thread can only add to the total, and at most `reach`: they are read
    # (a reading of the whole thread's words) only where that could change the decision.
    cohesion = 0.0
    if total > THRESHOLD:
        unread = _UNREAD_ADDS
    elif total + weighing.reach <= THRESHOLD:
        unread = weighing.unread
    else:
        unread = ""
        cohesion = read_cohesion(habits, previous)
        if cohesion:
            # (The later place first, so that the earlier one still counts from the start.)
            weight, label = weighing.cohesion_silent
            if weight:
                contributions.insert(at_silent, _contribution(weight, cohesion, label))
            weight, label = weighing.cohesion
            if weight:
                contributions.insert(at_cohesion, _contribution(weight, cohesion, label))
            total = BIAS + sum(map(_VALUE, contributions))
    signals = (*signals, "weighed-evidence")
    if parallel:
        signals = (*signals, "parallel-opening")
    if cohesion >= _SHOWN_COHESION:
        signals = (*signals, "shares-rare-words")
    if total > THRESHOLD:
        return (
            "same-paragraph",
            f"same paragraph: the evidence weighs {total:+.2f}{weighing.same_rule}"
            f"{_shown(contributions)}{unread})",
            signals,
        )
    return (
        "new-paragraph",
        f"new paragraph: the evidence weighs {total:+.2f}{weighing.new_rule}"
        f"{_shown(contributions)}{unread})",
        signals,
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
    if "next-starts-lower-case" in signals and habits.unread is not None:
        habits.read()
    if (
        "next-starts-lower-case" in signals
        and not habits.writes_lowercase
        # (Most such posts end without a stop: the stop is read only after one.)
        and (
            "no-terminal-punctuation" in signals
            or not (previous and sentence_ends_for_certain(previous.text))
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
    # Case "The bridge at dawn" + a photo, "Then the fog lifted.": the image stands between the
    # two texts in the writer's thread, so the paragraph with its text ends there.
    if previous is not None and (previous.post.media or previous.post.quote):
        return "new-paragraph", "the post carries an image or a quoted post", signals
    return _weigh_evidence(evidence, signals, following, habits, previous)
