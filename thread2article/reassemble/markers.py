"""Strip thread markers, the numbering, words and symbols writers put at the edges of a thread's
posts, and keep whatever only looks like one.

Counts: "1/", "2/5", "(3/10)", "[4/n]", "1 of 5", "Part 1 of 5", "1/🧵", "3/end", "Thread 1/5:",
"#thread 1/5", "Tweet 1/5", "(Thread 1/5)", "[Part 1/5]", "Тред 1/5", "Post 1:", "#1/5", "Part 1:",
"その1：", "1.", "1)", "1.)", "1-", "1:", "(1)", "[1]", "#1", "1️⃣", "1️⃣/5️⃣", "①", "①/5", "—1", "27x", CJK "(1/5)", "（１／５）" and
"〔1/5〕", the slash also a bar ("1|5", "1 | 5"), a division or fraction slash ("1∕5", "1⁄5"), each
with a separator after it ("1/5 - …", "(1/5)… …") that goes too, or at the end an ellipsis, a
comma or a second slash ("… 1/5…", "… 1/5,", "… 1/5/"). Words and symbols: 🧵 and 👇, "Thread:",
"THREAD", "A thread 🧵", "Long thread 🧵", "/end", "/fin", "/thread", "/Ende", "/конец", "(end)",
"END", "(cont.)", "cont'd", "ctd.", "cont…", "(more)", "(続く)", "（续）", "（續）", "（未完）",
"（完）", "（终）", "(to be continued)"; after a sentence's end only "To be continued", "TBC",
"Fortsetzung folgt", "Продолжение следует", "つづく", "待续" (in a sentence they are its words);
pointers closing every post but the last ("⬇️", "👉", "👇🏽", "More ⬇️"); the closing line of the
last post ("Fin.", "🔚", "— end of thread —", "— fin", "本帖完。", "… дождь. конец"), also after the
count that follows its last sentence ("… daily. 3/3 Fin.", "… 3/3 END"). Ellipses:
"…" and "..." pairs, and the two-dot ".." pairs. What closes a post after a marker (links,
hashtags, emoji: "… 1/4 🙂 #python") stays, and the marker is read before it.

The rule for counts is thread-level evidence. A number at a post's edge (its start, or its end
before the links and hashtags that may close it) is a marker when the thread's posts carry a
consistent sequence at that same edge: the numbers rise with the posts' positions, allowing for
posts missing at gaps, one number the writer skipped, and merged numbers ("6-7/40" holds two).
- A slash count ("n/", "n/N", "n of N") numbers posts and little else, so half of the posts
  numbered is enough, and an unnumbered opener may come first ("A thread 🧵", then "1/ …").
- A bare number ("1.", "(1)", "#1", "1️⃣", "①", "—1", "Part 1", "27x") numbers lists as often
  as posts, so four posts in five must carry it, counting from the first post, or from the second
  after an opener that announces the thread (🧵, 👇, "Thread:"). Case "My 3 favourite books, a
  thread:" / "1. Dune." / "2. Emma.": after another intro, "1." starts a list the writer keeps.
- A lone count is a marker only when it is unambiguous: "n/N" whose n is its post's position and
  N the thread's length, in a thread the writer marks otherwise (case: "… 🧵", "… 2/3",
  "… /End") or closing its post after a sentence's end ("Why sleep matters. 1/3"); or "n/end",
  "n/fin", "n/🧵" at its post's position.
So content that only looks like a count stays: "We are open 24/7", "343/700=49%",
"80-83/100 #100DaysOfCode" (a day counter, not the posts'), a date ("on 1/2"), a fraction.

A numbered list is content too: when the thread's counts are followed by a dash and a heading
line ("1/40 - Bank transactions in a 3D globe", a line break, then the item: alrocar's thread of
40 side projects, where "6-7/40" holds two), the number labels the item, not the post. The
numbers stay, and each such post carries the signal "list-heading": the joins pass starts a
paragraph there instead of running the heading into the sentence before it.

Marker words and symbols are unambiguous at a post's edge and need no evidence. Ellipses are
stripped in pairs, or alone when the other side agrees, and become join signals.

What the pass strips is recorded per post (for a UI to restore it), and a marker the writer's
decisions keep (`Decisions.keep_markers`: post id and text) stays.

Time is linear in the text: a trailing pattern is searched only in a short window at the end of
the post (markers are short, and every repetition in them is bounded), leading patterns are
matched at one position, and nothing searched starts with an unbounded run such as `\\s*`, which
the regex engine would retry from every position of a long run of spaces.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .draft import Draft, PostText, built
from .length import counting_for
from .text import TERMINAL, starts_lower

_OPEN = "(\\[（［【〔«"
_CLOSE = ")\\]）］】〕»"
# The slashes a count is written with: the solidus, its full-width form, and the division and
# fraction slashes some keyboards and splitters put for it ("1∕4", "1⁄4").
_SLASHES = "/／\u2215\u2044"
# "6-7/40": a post that holds two numbers of the sequence.
_NUMBER = r"(?P<n>\d{1,3})(?:[-–](?P<last>\d{1,3}))?"
# A total right after the slash ("1/5", "1/n", "1/🧵", "3/end"), or after a spaced slash
# ("1 / 5"); in "1/ 5 reasons" the 5 is the writer's. A letter total must end there, or
# "4/ X marks" would lose its "X" and "1/now" read as "1/n".
_TOTAL = rf"(?:(?:(?<=\s[{_SLASHES}])\s)?(?P<total>\d{{1,3}})|[nx?](?!\w)|🧵|(?:end|fin)(?!\w))"
# At a post's end nothing follows a spaced total that could be the writer's: "… daily. 3/ 5",
# "… daily. 3/ n" (at the start, "5/ n." may be a count and the writer's "n.").
_END_TOTAL = r"(?:\s?(?P<total>\d{1,3})|\s?n(?!\w)|[x?](?!\w)|🧵|(?:end|fin)(?!\w))"
# "Tweet 1/5", "Post 1/5" label counts as "Thread 1/5" does (_own_label keeps a writer's word).
_LABEL = r"(?:(?P<label>#?thread|🧵|part|teil|часть|тред|tweet|post)\s?)"
# Their first characters, and those of what may open a count after them.
_LABEL_HEADS = "#tpчт🧵"
_COUNT_OPENS = rf"{_OPEN}#\d"
_CIRCLED = "\u2460-\u2473\u3251-\u325f\u32b1-\u32bf\u2776-\u2793"
_KEYCAP = r"(?:(?:[0-9]\ufe0f?\u20e3){1,3}|\U0001f51f)"
# A total after a keycap or circled number is written so too, or in digits ("1️⃣/5️⃣", "①/5").
_KEYCAPS = rf"(?P<keycap>{_KEYCAP})(?:[{_SLASHES}](?P<total>{_KEYCAP}|\d{{1,3}}))?"
_FLAGS = re.IGNORECASE


class _Form(NamedTuple):
    pattern: re.Pattern[str]
    # A slash count or "n of N": numbering that counts posts (see the module's rule).
    strong: bool
    # Which of the named groups the pattern has (read for every count found: a pattern's
    # `groupindex` is a new mapping each time it is asked for).
    keycap: bool
    circled: bool
    last: bool
    total: bool
    label: bool


# What may close a trailing count: a full stop, or the ellipsis a writer or a splitter puts after
# it ("… 1/4…", "… (2/4)...", "… 1/4 …"), after a comma, a colon or a second slash ("… 1/4,",
# "… 1/4:", "…です 1/4：", "… 1/4/").
_TRAILING_STOP = r"(?:(?<=\d)/|[,:：])?(?:\.{1,3}|[ \t]?(?:…|\.{2,3}))?$"
# The marks before the dots of that stop, and every character it may end with (_before_stop
# reads back over them).
_STOP_MARKS = ",:："
_STOP_CHARS = ".…" + _STOP_MARKS


def _forms(*specs: tuple[str, bool, str], trailing: bool) -> tuple[_Form, ...]:
    """The forms of `specs`: a pattern, whether it is strong, and the characters it may start
    with (in any case: the patterns read them with IGNORECASE). A trailing form is searched in
    a window, and tests its first character before anything else at each position of it (the
    engine would try every alternative of the pattern there otherwise)."""
    forms = []
    for spec, strong, heads in specs:
        pattern = re.compile(rf"(?=[{heads}]){spec}{_TRAILING_STOP}" if trailing else spec, _FLAGS)
        groups = pattern.groupindex
        forms.append(
            _Form(
                pattern,
                strong,
                *(name in groups for name in ("keycap", "circled", "last", "total", "label")),
            )
        )
    return tuple(forms)


# "#1/5": a hash before a slash count. A bracket may hold the label too: "(Thread 1/3)",
# "[Part 1/3]".
_SLASH = (
    rf"(?:[{_OPEN}](?=[{_LABEL_HEADS}]))?{_LABEL}?[{_OPEN}]?#?{_NUMBER}\s?[{_SLASHES}]{_TOTAL}?"
    rf"[{_CLOSE}]?"
)
_END_SLASH = _SLASH.replace(_TOTAL, _END_TOTAL)
# "1 of 5", "Part 1 of 5", "#1 of 5"; "Part 1 of the law" has no total and is prose.
_OF = rf"{_LABEL}?[{_OPEN}]?#?{_NUMBER}\s(?:of|von|из)\s(?P<total>\d{{1,3}})[{_CLOSE}]?"
# A bar for the slash: "1|5", "[1|5]", "1 | 5". A total is required, and no further bar may follow
# ("1 | 5 | 9" is a table's row, "3|4" a score that no sequence of posts repeats).
_BAR = rf"[{_OPEN}]?{_NUMBER}(?:\||\s\|\s)(?P<total>\d{{1,3}})(?!\d|\s?\|)[{_CLOSE}]?"
# "その1" ("part 1"): Japanese numbers a thread's posts so too.
_PART = rf"[{_OPEN}]?(?:part|teil|часть|tweet|post|その)\s?{_NUMBER}[{_CLOSE}]?"
_BRACKET = rf"[{_OPEN}]{_NUMBER}[{_CLOSE}]"
_HASH = rf"#{_NUMBER}(?!\w)"
_CIRCLE = rf"(?P<circled>[{_CIRCLED}])(?:[{_SLASHES}](?P<total>\d{{1,3}}))?"
# Tried in this order at each edge; the first that matches is the post's count there.
_LEADING_FORMS = _forms(
    (_SLASH, True, ""),
    (_OF, True, ""),
    (_BAR, True, ""),
    # "Part 1: …", "Part 1 - …", "Part 1" alone on its line; "Part 1 of the story" is prose.
    (_PART + r"(?=[ \t]?[:：.\-–—|]|[ \t]*(?:\n|$))", False, ""),
    (_BRACKET, False, ""),
    (_HASH, False, ""),
    (_KEYCAPS, False, ""),
    (_CIRCLE, False, ""),
    # "1. Sleep well." / "1) Sleep well." / "1.) Sleep well." / "1 - Sleep well." / "1- Sleep
    # well." / "1: Sleep well." (a space after the mark: "1:30 pm", "10-year-olds" are the text)
    (rf"{_NUMBER}\.?[.)](?=\s)", False, ""),
    (rf"{_NUMBER}(?=\s[-–—]\s|[-–—:]\s)", False, ""),
    trailing=False,
)
# Where a sentence has ended: after its stop and a space (closing quotes or brackets between:
# "… today.” 3."), after a CJK stop with none ("…です。3."), or after a line break.
_AFTER_SENTENCE = (
    r"(?:(?<=[.!?…。！？]\s)|(?<=[。！？])|(?<=[。！？][”」』])|(?<=\n)"
    r"|(?<=[.!?。！？][\"”’»)」』]\s))"
)
_TRAILING_FORMS = _forms(
    (_END_SLASH, True, _LABEL_HEADS + _COUNT_OPENS),
    (_OF, True, _LABEL_HEADS + _COUNT_OPENS),
    (_BAR, True, rf"{_OPEN}\d"),
    (_PART, False, rf"{_OPEN}ptчそ"),
    (_BRACKET, False, _OPEN),
    (_HASH, False, "#"),
    (_KEYCAPS, False, "\\d\U0001f51f"),
    (_CIRCLE, False, _CIRCLED),
    # "… the end —3" / "… the end – 3" / "… the end - 3"
    (rf"(?:[—–]|(?<!\S)-)\s?{_NUMBER}", False, "—–\\-"),
    # A closing count: "… 27x"
    (r"(?P<n>\d{1,3})x", False, r"\d"),
    # The slash typed first: "… compared to an object. /5" in a thread counting "4/", "6/".
    (rf"(?<!\S)[{_SLASHES}](?P<n>\d{{1,3}})", False, _SLASHES),
    # A number and a full stop alone after the post's last sentence: "… daily. 3.", "…です。3."
    # (no sentence ends so, and no list item: a list numbers its items before them). It counts
    # posts as a slash count does (half the posts numbered is enough), but never alone
    # (_strip_lone_count): "… in the ranking? 1." may be the writer's answer.
    (rf"{_AFTER_SENTENCE}(?P<n>\d{{1,3}})(?=\.)", True, r"\d"),
    trailing=True,
)
# The separator a writer puts after a leading count: "1/5 - text", "1/5: text", "Part 1: text".
# (A full-width colon needs no space after it: "その1：よく眠る。")
# An ellipsis glued to the count is its decoration too ("(1/4)… text"); one set apart by a space
# opens the writer's text (bench dev "(1) [1] #1": "[3] ... But I am not thirteen").
_LEADING_SEPARATOR = re.compile(r"(?:(?:…|\.{2,3})(?=\s)|[ \t]*(?:[-–—|·•:：.](?=\s|$)|：)?)\s*")
_DASHES = "-–—"
_HOLDS_DASH = re.compile(f"[{re.escape(_DASHES)}]")
_WORD_END_CHECKED = _SLASHES
_ROUNDS = 8
# A trailing marker is searched in this many characters at the post's end: more than the longest
# marker the patterns can match (every repetition in them is bounded).
_WINDOW = 48

# Marker words. "(cont.)" and the like say the sentence goes on; the others close a headline or
# the thread. A bare "continued." is prose ("Our work must be continued."), and so is a bare
# "続く" ("the rain continues"), so only abbreviations and bracketed words count.
_CONTINUATION_WORDS = (
    r"cont(?:['’]d|inued|d)?\.?|ctd\.?|続く|つづく|続き|続|续|續|待续|待續|未完待续|未完待續"
    r"|forts\.?|fortsetzung(?:\s?folgt)?|прод\.?|продолжение(?:\s?следует)?"
    # Only in brackets (as every word here but "cont.", "ctd."): "(more)", "[mehr]", "(далее)".
    r"|more|mehr|далее|to\sbe\scontinued|未完"
)
# Words that say the thread goes on, marks only after a sentence's end (or alone): "… next week.
# To be continued…", "…した。つづく", "…。待续"; in a sentence they are its words ("The work is
# to be continued", "雨が続く", "Venue TBC", "Date (TBC)").
_GOES_ON = (
    r"to\sbe\scontinued|(?-i:TBC)|fortsetzung\sfolgt|продолжение\sследует"
    r"|つづく|続く|待续|待續|未完待续|未完待續"
)
# "终" and "續" are the simplified and traditional Chinese forms of "終" and "続".
_END_WORDS = r"end|fin|thread|ende|конец|完|終|终|終わり|おわり|完結"
# Symbols that point at the next post: down (⬇️ ⤵️ 🔽 ⏬ ↓ ⇩ 🔻 and 👇, which _TRAILING_WORDS
# takes anywhere) and on (👉 ➡️ → ▶️ ⏩), in any skin tone, a few in a row.
_POINTERS = (
    "\u2b07\u2935\U0001f53d\u23ec\u2193\u21e9\U0001f53b\U0001f447\U0001f449\u27a1\u2192\u25b6\u23e9"
)
_EDGE_EMOJI = "\U0001f9f5\U0001f447"  # 🧵 👇 only: "Prices went ⬇️" uses an arrow as a word
# A skin tone after the hand ("👇🏽") and the emoji presentation selector are part of the symbol.
_SKIN_TONES = "\U0001f3fb-\U0001f3ff"
_EDGE_SYMBOL = rf"[{_EDGE_EMOJI}][{_SKIN_TONES}]?\ufe0f?"
_SKIN_TONE_CHARS = "".join(map(chr, range(0x1F3FB, 0x1F400)))
# The words a writer puts before "thread" when announcing one: "Long thread 🧵", "A short
# thread:", "New thread 👇".
_KINDS = ("short", "long", "quick", "big", "mega", "new", "little", "brief", "mini", "small")
_THREAD_KINDS = rf"(?:(?:a\s)?(?:(?:{'|'.join(_KINDS)})\s)?)"
# Words that say the thread goes on, which a writer puts before a pointer as a sentence of their
# own ("… today. More below 👇", "Thread 👇", "Thread continues ⬇️", "mehr 👇", "далее 👇", "続く👇",
# "下面👇").
_GOES_ON_PHRASES = (
    rf"(?:this\s|the\s)?{_THREAD_KINDS}(?:thread|🧵)(?:\s?(?:continues|continued|goes\son))?"
    r"(?:\sbelow|\shere)?"
    r"|(?:read\s|see\s)?more(?:\sbelow|\shere)?|continue[sd](?:\sbelow)?|continue\sreading"
    r"|see\sbelow|below|keep\sreading|read\son"
    r"|mehr(?:\sdazu)?(?:\sunten)?|weiter(?:\sgeht['’]?s|\sunten)?|unten|geht\sweiter|fortsetzung"
    r"|далее|дальше|ещё|еще|ниже|продолжение(?:\sниже)?|подробнее(?:\sниже)?|читать\sдальше"
    r"|(?:以?下に)?続く|続き(?:は下|はこちら)?|つづく|以下|下へ"
    r"|下面|继续|繼續|续|續|往下看|见下文?|下文"
)
# Their first characters (in lower case: the pattern reads them with IGNORECASE).
_GOES_ON_HEADS = "at🧵rsmcbkwugfденшпч続つ以下继繼续續往见" + "".join(kind[0] for kind in _KINDS)
_LEADING_WORDS = re.compile(
    rf"(?:{_THREAD_KINDS}(?:#?thread|🧵)\s?[:：]|[{_OPEN}](?:thread|{_CONTINUATION_WORDS})[{_CLOSE}]"
    # "A thread 🧵 The most important…", "Thread 👇 Everyone has…": the word the symbol labels.
    rf"|{_THREAD_KINDS}#?thread\s?(?:{_EDGE_SYMBOL})+"
    rf"|#thread(?!\w)|(?:{_EDGE_SYMBOL})+"
    # "🧵 Thread The committee met…": the word after the symbol, where no lower-case word goes on
    # from it ("🧵 Thread safety is hard" keeps its word).
    r"(?:\s?thread(?=\s+(?!(?-i:[a-zà-öø-ÿа-яё]))\S))?"
    # "THREAD The committee met…": the label in capitals, before words that are not in capitals
    # ("THREAD SAFETY IS HARD" is a shouted sentence).
    r"|(?-i:THREAD)(?=\s)(?!\s+(?-i:[A-ZА-ЯЁ]{2})))\s*",
    _FLAGS,
)
# The first characters of the marker words below (in any case: the pattern reads them with
# IGNORECASE, as it reads the words), tested first at each position of the window it searches
# (the engine tries every alternative at each position otherwise).
_TRAILING_WORD_HEADS = _OPEN + "ct/#ETfпつ続待未→" + _EDGE_EMOJI
_TRAILING_WORDS = re.compile(
    rf"(?=[{_TRAILING_WORD_HEADS}])"
    rf"(?:(?P<continuation>[{_OPEN}](?:{_CONTINUATION_WORDS})[{_CLOSE}]"
    r"|(?<!\w)(?:cont(?:['’]d)?\.|cont['’]d|contd\.?|ctd\.?|(?:cont(?:['’]?d)?|ctd)(?:…|\.{2,3})))"
    # (Not after a letter: "w/end." and "sub/thread." are words.)
    rf"|(?<!\w)/(?:end|fin|thread|ende|конец)\.?|/🧵|[{_OPEN}](?:{_END_WORDS})[{_CLOSE}]|#thread"
    # The first post's "(a thread)", "(a short thread)", "(🧵)".
    rf"|[{_OPEN}]{_THREAD_KINDS}(?:thread|🧵)[{_CLOSE}]"
    # "END" and "THREAD" only in capitals and after a sentence end (checked below): "the end"
    # and "a strong THREAD" are prose.
    r"|(?P<end>(?-i:(?<!\w)(?:THE\s)?END|(?<!\w)THREAD))\.?"
    # An arrow may point on before the words too: "…ました。→続く".
    rf"|(?P<goes_on>(?<!\w)(?:→\s?)?(?:{_GOES_ON})(?:\.{{1,3}}|…|→)?|(?-i:\(TBC\)))"
    # ("… why it closed. A 🧵:": a colon after the symbols announces the thread as they do.)
    rf"|(?P<symbols>(?:{_EDGE_SYMBOL}){{1,8}}[:：]?))$",
    _FLAGS,
)
# "… How we built it. Thread 🧵👇": the word the symbols label, where it starts a sentence (read
# in _strip_words; "I pulled the thread 🧵" keeps its word).
_THREAD_LABEL = re.compile(rf"(?<!\w){_THREAD_KINDS}#?thread$", _FLAGS)
# "… why it closed: a 🧵", "Long 🧵": the words before the thread symbol that make it the
# writer's "a thread" (read where they stand after a sentence's end or a colon, or open the post;
# "I pulled a 🧵" keeps its "a").
_SYMBOL_KINDS = re.compile(rf"(?<!\w)(?:a|(?:a\s)?(?:{'|'.join(_KINDS)}))$", _FLAGS)


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class's body for these characters, in ranges."""
    points = sorted(map(ord, chars))
    runs: list[list[int]] = []
    for point in points:
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in runs)


# The emoji a writer closes a post with ("… 1/4 🙂", "… (cont.) 🙏🏽"): pictographic symbols,
# their presentation selector, skin tones and joiner; not the marker symbols (🧵, 👇, the
# pointers, 🔚, 🔟), which the rules read themselves.
_EMOJI_CHARS = frozenset(
    char
    for point in (*range(0x2190, 0x2C00), *range(0x1F000, 0x1FB00))
    if unicodedata.category(char := chr(point)) == "So"
    and char not in _POINTERS + _EDGE_EMOJI + "\U0001f51a\U0001f51f"
) | frozenset("\ufe0f\u200d" + "".join(map(chr, range(0x1F3FB, 0x1F400))))
# The words that close a post's text: links, hashtags, mentions and emoji, which may follow a
# marker ("… 1/5 https://…", "… 🧵 #python", "… 1/4 🙂", "… 2/4 👇 @bob"). A hashtag has a letter
# ("#1" is a count); a mention is a handle, or a fediverse one with its host ("@bob@example.org").
_LAST_TOKEN = re.compile(r"(?<!\S)\S++$")
_TAIL_TOKEN = re.compile(
    rf"https?://\S+|#\w*[^\W\d]\w*|@\w+(?:@[\w-]+(?:\.[\w-]+)+)?|[{_char_class(_EMOJI_CHARS)}]+",
    re.IGNORECASE,
)
_TAIL_TOKENS = 20
_TAIL_WINDOW = 2048

# Cheap first tests before any pattern: most posts carry no marker at all, and the archive export
# runs this pass over every post (tests/test_pass_shortcuts.py pins them to the patterns).
_CIRCLED_CHARS = set(re.findall(f"[{_CIRCLED}]", "".join(map(chr, range(0x2460, 0x32C0)))))
_COUNT_HEADS = set(_OPEN.replace("\\", "") + "#🧵\U0001f51f") | _CIRCLED_CHARS
_LABEL_HEAD = re.compile(r"#?(?:thread|part|teil|часть|тред|tweet|post|その)", _FLAGS)
# The first letters of those labels, in both cases.
_LABEL_LETTERS = "tTpPчЧтТそ"
_COUNT_TAILS = set(_CLOSE.replace("\\", "") + _SLASHES + "🧵\u20e3\U0001f51f") | _CIRCLED_CHARS
# A count ending in a letter or "?": "1/n", "1/x", "1/?", "3/end", "3/fin", "27x".
_LETTER_COUNT_TAIL = re.compile(rf"(?:[{_SLASHES}]\s?n|[{_SLASHES}](?:[x?]|end|fin)|\dx)$", _FLAGS)
# The first letters of _KINDS ("Long thread 🧵"): a text opening with one is read by the
# patterns only where "thread" follows within their reach (most such texts open with an ordinary
# word: "Most people…", "So…").
_KIND_HEADS = frozenset("".join(kind[0] + kind[0].upper() for kind in _KINDS))
# The longest opening _may_announce must see: "little thread".
_KIND_SPAN = max(map(len, _KINDS)) + len(" thread")
# The first characters of a leading marker word ("a thread:", "Thread:", "#thread", "(cont.)",
# 🧵, 👇), in every case the pattern's IGNORECASE accepts. (Letters start words as often as
# markers: a text opening with one is read by the patterns only through _quiet_start's anchored
# match, never counted loud.)
_WORD_LETTER_HEADS = "aAtT" + "".join(sorted(_KIND_HEADS))


def _may_announce(text: str, lead: int) -> bool:
    """May a leading marker word or a word label start at `lead`? Always after a character that
    is no letter; after one of _KIND_HEADS only where "thread" (in any case the patterns read)
    stands within _KIND_SPAN characters; after another letter only where one of the words a
    marker or label opening with a letter holds (_ANNOUNCING) stands within _ANNOUNCE_SPAN."""
    head = text[lead : lead + 1]
    if head in _KIND_HEADS:
        return "thread" in text[lead : lead + _KIND_SPAN].lower()
    if not head.isalpha():
        return True
    # (Most posts open with an ordinary word, "The…", "Than…", "Pipeline…", which the two
    # patterns read to no avail at every post of an archive's threads once its count is gone.)
    window = text[lead : lead + _ANNOUNCE_SPAN].casefold()
    return any(word in window for word in _ANNOUNCING)


# The words every leading marker or word label that opens with a letter holds (case folded, as
# the patterns' IGNORECASE reads them; tests/test_speed_shortcuts.py checks each letter's case
# folds): "A thread:", "A long 🧵:", "THREAD", "Thread 1/5", "Part 2:", "Teil 2", "Tweet 1/5",
# "Post 1:", "Часть 1", "Тред 1/5", "その1" ("te" for "teil": an "İ" folds to two characters).
_ANNOUNCING = ("thread", "🧵", "part", "te", "tweet", "post", "часть", "тред", "その")
# Where the last of them may start: after "a ", a kind ("little") and a space, or a "#".
_ANNOUNCE_SPAN = 24


_WORD_HEADS = set(_OPEN.replace("\\", "") + "#" + _WORD_LETTER_HEADS + _EDGE_EMOJI)
_WORD_TAILS = set(_CLOSE.replace("\\", "") + "\ufe0f→:：" + _EDGE_EMOJI) | {
    chr(tone) for tone in range(0x1F3FB, 0x1F400)
}
# Marker words ending in a letter, a dot or an ellipsis: "/end", "/fin", "/thread", "/ende",
# "/конец", "#thread", "cont'd", "contd", "ctd", "END", "THREAD", "TBC", "to be continued",
# "Fortsetzung folgt", "продолжение следует", "つづく", "待续", and the same with a dot or an
# ellipsis ("cont…").
_LETTER_WORD_TAIL = re.compile(
    # (Each word's first character tested first at each position of the window searched.)
    r"(?=[/#cetfсつ続待])"
    r"(?:/(?:end|fin|thread|ende|конец)|#thread|cont['’]?d|cont|ctd|(?-i:END|TBC|THREAD)"
    r"|continued|folgt|следует|つづく|続く|待续|待續)(?:\.{1,3}|…)?$",
    _FLAGS,
)
# The last letters of those words (in every case the pattern's IGNORECASE folds to them): a text
# ending in another (before its dots) ends in no marker word.
# ("ᲄ" and "ᲅ", old forms of "т", match it under IGNORECASE.)
_WORD_LAST_LETTERS = "dDtTnNCeEтТᲄᲅцЦく续續"
# The longest marker word _LETTER_WORD_TAIL reads, with its dots.
_LETTER_WORD_SPAN = 16
_ELLIPSIS = ".…"
# The last characters _may_end_in_count looks further at (before a full stop): a digit (tested
# apart), a closing bracket, a slash, 🧵, a keycap, a circled number, a letter ending a count.
_MAY_END_COUNT = _COUNT_TAILS | set("nNxX?dD")
_CLOSE_CHARS = frozenset(_CLOSE.replace("\\", ""))


class _Count(NamedTuple):
    post: int  # its position in the thread
    first: int
    last: int
    strong: bool
    # The total when it is a number, "end" / "fin" / "🧵" when it says so, else None.
    total: str | None
    # Where the count starts and ends in its post's text, and where what it took ends (the
    # separator after a leading count, the text before a trailing one, whose dangling dash goes).
    start: int
    end: int
    cut: int
    label: str
    separator: str


# The counts of the hot paths (_leading_count, _counts) are built as tuples of their fields,
# which is all NamedTuple's own __new__ does, through a Python call that costs twice as much
# (some 30,000 counts in a 100k-tweet archive's export; tests/test_speed_shortcuts.py).
_tuple_new = tuple.__new__


def _is_cjk(char: str) -> bool:
    return (
        "\u2e80" <= char <= "\u9fff"
        or "\uac00" <= char <= "\ud7af"
        or "\uf900" <= char <= "\ufaff"
        or "\uff00" <= char <= "\uffef"
    )


def _starts_word(text: str, start: int) -> bool:
    """May a count that starts with a digit or letter start here? Not inside a word, a number or
    a path ("v1.2/3", "…/page/2", "x12/5"); after a space, a CJK character or other punctuation."""
    if start == 0:
        return True
    char = text[start - 1]
    if char.isspace():
        return True
    if char.isalnum():
        return _is_cjk(char)
    if char == "." and text[start - 2 : start - 1].isalpha():
        # A full stop after a word, the space after it left out: "… daily.3/3" ("v1.2/3" is a
        # version).
        return True
    return char not in "/.,-+=%$€£#@_&'’" + _SLASHES


def _ends_word(text: str, end: int) -> bool:
    """May a leading count that ends with a digit or letter end here?"""
    if end == len(text):
        return True
    char = text[end]
    return char.isspace() or _is_cjk(char) or char in ":：.-–—|·•"


def _number(match: re.Match[str], form: _Form | None = None) -> tuple[int, int] | None:
    """The first and last number a count stands for ("6-7/40": 6 and 7), or None when they fall.
    (`form`: the form that matched, which knows its groups.)"""
    if form is None:
        form = _form_of(match)
    if form.keycap:
        digits = match.group("keycap").replace("\ufe0f", "").replace("\u20e3", "")
        value = int(digits) if digits.isdigit() else 10
        return value, value
    if form.circled:
        value = int(unicodedata.numeric(match.group("circled")))
        return value, value
    first = int(match.group("n"))
    last = match.group("last") if form.last else None
    if last is None:
        return first, first
    return (first, int(last)) if int(last) >= first else None


def _form_of(match: re.Match[str]) -> _Form:
    return next(form for form in _LEADING_FORMS + _TRAILING_FORMS if form.pattern is match.re)


def _total(match: re.Match[str], form: _Form) -> str | None:
    if not form.total:
        return None
    total = match.group("total")
    if total:
        digits = total.replace("\ufe0f", "").replace("\u20e3", "")
        return str(int(digits)) if digits.isdigit() else "10"
    text = match.group().lower().rstrip(_CLOSE.replace("\\", "") + ".")
    for word in ("end", "fin", "🧵"):
        if text.endswith(word):
            return word
    return None


def _label(match: re.Match[str], form: _Form) -> str:
    return (match.group("label") or "") if form.label else ""


def _lead(text: str) -> int:
    """Where the text's first non-space character is."""
    if text[:1].isspace():
        return len(text) - len(text.lstrip())
    return 0


def _leading_count(text: str, post: int = 0) -> _Count | None:
    """The count at the start of `text` (the post at position `post`), if any."""
    # (_lead's first test inline: most posts open with no space.)
    start = _lead(text) if text[:1].isspace() else 0
    head = text[start : start + 1]
    if not head or not (
        head.isdigit()
        or head in _COUNT_HEADS
        or head in _LABEL_LETTERS
        and _LABEL_HEAD.match(text, start)
    ):
        return None
    for position, form in enumerate(_LEADING_FORMS):
        match = form.pattern.match(text, start)
        if not match:
            continue
        end = match.end()
        # "3/endword", "1/2x": a count ends where a word would. A circled number or a keycap
        # is a symbol of its own, which a word may follow at once ("③root が…").
        # (A match is never empty: text[end - 1] is its last character.)
        if not (form.circled or form.keycap) and (
            text[end - 1] in _WORD_END_CHECKED or text[end - 1].isalnum()
        ):
            if not _ends_word(text, end):
                continue
        key = (position, match.group())
        parsed = _PARSED.get(key, _UNPARSED)
        if parsed is _UNPARSED:
            if len(_PARSED) >= _MOST_PARSED:
                _PARSED.clear()
            parsed = _PARSED[key] = _parsed(match, form)
        if parsed is None:
            continue
        first, last, total, label = parsed
        separator = _LEADING_SEPARATOR.match(text, end)
        cut = separator.end() if separator else end
        return _tuple_new(
            _Count, (post, first, last, form.strong, total, start, end, cut, label, text[end:cut])
        )
    return None


# A running count glued to the first word after it: "1/Sleep well.", "2/Eat well." (a writer who
# leaves the space out). Counted only with others at the same edge (_strip_lone_count leaves it
# alone: "1/day is enough" opens with a rate).
_GLUED_COUNT = re.compile(rf"(?P<n>\d{{1,3}})[{_SLASHES}](?=[^\W\d_])")


def _glued_leading_count(text: str, post: int = 0) -> _Count | None:
    """A running count glued to the word after it at the start of `text`, if any (after
    _leading_count found none: "1/n." and "1/x" are its)."""
    start = _lead(text) if text[:1].isspace() else 0
    if not text[start : start + 1].isdigit():
        return None
    match = _GLUED_COUNT.match(text, start)
    if match is None:
        return None
    number = int(match.group("n"))
    end = match.end()
    return _Count(post, number, number, True, None, start, end, end, "", "")


def _glued(text: str, count: _Count) -> bool:
    """Is `count` a running count glued to the word after it (_glued_leading_count)?"""
    return text[count.end - 1 : count.end] in _SLASHES and text[count.end : count.end + 1].isalpha()


# What a leading count's text stands for, by form (its position) and text ("(3/10)": 3, 3, "10", ""), or None
# where its numbers fall: the groups a form's pattern gives are those of the text it matched,
# whatever stands around it (the patterns look past a count only to end it, and a count that
# ends elsewhere is another text). Read once per distinct count of an archive instead of once
# per post (tests/test_pass_shortcuts.py compares it with a fresh reading).
_Parsed = tuple[int, int, str | None, str]
_PARSED: dict[tuple[int, str], _Parsed | None] = {}
_UNPARSED: _Parsed = (0, 0, None, "")
_MOST_PARSED = 4096


def _parsed(match: re.Match[str], form: _Form) -> _Parsed | None:
    numbers = _number(match, form)
    if numbers is None:
        return None
    return (
        *numbers,
        _total(match, form) if form.total else None,
        _label(match, form) if form.label else "",
    )


def _trailing_ends(text: str) -> list[int]:
    """Where a trailing marker may end: at the end of the text, and before each link, hashtag,
    mention or emoji of the run that closes it ("… 1/5 https://…", "… 🧵 #python", "… 1/4 🙂",
    "… 2/4 👇 @bob")."""
    end = len(text.rstrip()) if text[-1:].isspace() else len(text)
    ends = [end]
    # (No emoji part comes before U+200D: most texts end in a character that needs no lookup.)
    if (
        "#" not in text
        and "://" not in text
        and ("@" not in text or not _last_word_holds(text, "@", end))
        and not (end and text[end - 1] >= "\u200d" and text[end - 1] in _EMOJI_CHARS)
    ):
        return ends
    for _ in range(_TAIL_TOKENS):
        # Most words are short: look in a short window first, then in the long one.
        token = _LAST_TOKEN.search(text, max(0, end - 64), end) or (
            _LAST_TOKEN.search(text, max(0, end - _TAIL_WINDOW), end) if end > 64 else None
        )
        if not token:
            break
        if _TAIL_TOKEN.fullmatch(token.group()):
            end = len(text[: token.start()].rstrip())
        else:
            # Hashtags glued to what comes before them: the jest thread (realdata, html oembed)
            # ends a post "… 3/#javascript #jest", another "…#dependencyInjection#explicitCode".
            word = token.group()
            glued = _glued_hashtags(word)
            if glued == len(word):
                # Emoji glued to the word before them: "… 1/4🙂".
                if word[-1] < "\u200d" or word[-1] not in _EMOJI_CHARS:
                    break
                glued = _glued_emoji(word)
            end = token.start() + glued if glued else len(text[: token.start()].rstrip())
        if end == 0:
            break
        ends.append(end)
    return ends


_HASHTAG = re.compile(r"#\d*[^\W\d]\w*")
_SPACE = re.compile(r"\s")


def _last_word_holds(text: str, char: str, end: int) -> bool:
    """Does the last word of text[:end] hold `char`? (A mention closes a text only as its last
    word, or before hashtags, links or emoji, which are looked for anyway: most texts that hold
    "@" open with it, a reply's "@name …".)"""
    at = text.rfind(char, 0, end)
    return at >= 0 and _SPACE.search(text, at, end) is None


def _glued_emoji(token: str) -> int:
    """Where the run of emoji that ends `token` starts ("1/4🙂" -> 3); len(token) when it does
    not end in one."""
    start = len(token)
    while start and token[start - 1] in _EMOJI_CHARS:
        start -= 1
    return start


def _glued_hashtags(token: str) -> int:
    """Where the run of hashtags that ends `token` starts, one glued to the next ("3/#js#jest"
    -> 2, "#a#b" -> 0); len(token) when it does not end in one. Read backwards, '#' by '#'
    (linear: a pattern with a repeated group would backtrack on "#a#a#a…")."""
    start = len(token)
    while (mark := token.rfind("#", 0, start)) >= 0 and _HASHTAG.fullmatch(token, mark, start):
        start = mark
    return start


def _trailing_count_of(text: str, ends: list[int], post: int = 0) -> _Count | None:
    """_trailing_count, after a first test on the text's last character."""
    # (_may_end_in_count's first test, inline for a text that ends in no link or hashtag: most
    # posts end in a letter, or in a full stop after one.)
    end = ends[0] if len(ends) == 1 else 0
    last = text[end - 1 : end] if end else "1"
    if last == ".":
        last = text[end - 2 : end - 1]
        if last == "." or last in _STOP_MARKS:
            stop = _before_stop(text, end)
            last = text[stop - 1 : stop] if stop else ""
    elif last == "…" or last in _STOP_MARKS:
        stop = _before_stop(text, end)
        last = text[stop - 1 : stop] if stop else ""
    if last.isdigit() or last in _MAY_END_COUNT:
        return _trailing_count(text, ends, post)
    return None


def _before_stop(text: str, end: int) -> int:
    """`end` moved back over what may close a trailing count (_TRAILING_STOP): an ellipsis or up
    to three dots (and a space before an ellipsis), then a comma or a colon."""
    stop = _before_dots(text, end)
    if (stop < end - 1 or text[stop:end] == "…") and text[stop - 1 : stop] in (" ", "\t"):
        stop -= 1
    end = stop
    if text[end - 1 : end] in _STOP_MARKS:
        end -= 1
    return end


def _may_end_in_count(text: str, end: int) -> bool:
    if text[end - 1 : end] in _STOP_CHARS:
        end = _before_stop(text, end)
    last = text[end - 1 : end]
    if last and last in _CLOSE_CHARS:
        # A bracket closes a count after its number, its slash, or a total ("(3/5)", "(3/)",
        # "[2/n]", "(3/end)", "(1/🧵)"): the character before it says, as it says for a count
        # with none. A post closed by "(edited)" (some 2,000 posts of a 100k-tweet archive)
        # is then not searched for the twelve forms.
        end -= 1
        last = text[end - 1 : end]
    if last.isdigit() or (last and last in _COUNT_TAILS):
        return True
    return (
        bool(last)
        and last in "nNxX?dD"
        and bool(_LETTER_COUNT_TAIL.search(text, max(0, end - 4), end))
    )


def _trailing_count(text: str, ends: list[int], post: int = 0) -> _Count | None:
    """The count at the end of `text` (the post at position `post`), if any: `ends` are where
    it may end (_trailing_ends)."""
    # When the text closes with a link or a hashtag, no count ends there: a count is not a
    # hashtag ("#1" has no letter) and one inside a link is not at a word's start.
    for end in ends[1:] if len(ends) > 1 else ends:
        if not _may_end_in_count(text, end):
            continue
        for form in _TRAILING_FORMS:
            match = form.pattern.search(text, max(0, end - _WINDOW), end)
            if not match:
                continue
            start = match.start()
            if text[start].isalnum() and not _starts_word(text, start):
                continue
            numbers = _number(match, form)
            if numbers is None:
                continue
            # A dash or bar left between the text and the count goes with it ("text - 1/5").
            before = text[:start].rstrip()
            cut = len(before)
            if before[-1:] in _DASHES + "|·•" and before[-2:-1].isspace():
                cut = len(before[:-1].rstrip())
            return _Count(
                post,
                *numbers,
                form.strong,
                _total(match, form),
                start,
                match.end(),
                cut,
                _label(match, form),
                "",
            )
    return None


_UNSEEN = _Count(-1, 0, 0, False, None, 0, 0, 0, "", "")


def _counts(work: _Work, side: str) -> dict[int, _Count]:
    """The posts whose text carries a count at this edge. What was found in a text is
    remembered, as each round of strip_markers sees mostly the texts of the last."""
    seen = work.found[side]
    leading = side == "leading"
    found = {}
    texts = work.texts
    # (Only the posts whose text was not quiet when the round began: the others are as they were.)
    for index in work.loud:
        text = texts[index]
        count = seen.get(text, _UNSEEN)
        if count is _UNSEEN:
            if work.quiet(text):
                count = None
            elif leading:
                count = _leading_count(text, index) or _glued_leading_count(text, index)
            else:
                count = work.trailing_count(text)
            seen[text] = count
        if count is not None:
            # Found for this post, or for the same text at another position (built whole:
            # NamedTuple._replace costs more than this pass's regexes).
            found[index] = count if count.post == index else _tuple_new(_Count, (index, *count[1:]))
    return found


def _most_common_total(found: list[_Count]) -> str | None:
    """The numeric total most counts carry, the first seen among equals (as
    `Counter.most_common(1)`, without building a Counter for each thread and edge); None when
    no count has one."""
    tally: dict[str, int] = {}
    for count in found:
        total = count.total
        if total and total.isdigit():
            tally[total] = tally.get(total, 0) + 1
    planned, most = None, 0
    for total, times in tally.items():
        if times > most:
            planned, most = total, times
    return planned


def _grown_plan(found: list[_Count]) -> bool:
    """Do the totals tell of one plan that grew ("1/5" … "5/5", then "6/7", "7/7"): two totals,
    the larger after the smaller, each no less than its count? Fractions change theirs with
    every post ("1/2 cup…", "2/3 cup…", "3/4 cup…")."""
    totals = [int(c.total) for c in found if c.total and c.total.isdigit()]
    changes = sum(a != b for a, b in zip(totals, totals[1:], strict=False))
    return (
        changes == 1
        and all(a <= b for a, b in zip(totals, totals[1:], strict=False))
        and all(c.last <= int(c.total) for c in found if c.total and c.total.isdigit())
    )


def _slashed(count: _Count, current: dict[int, _Count], texts: list[str]) -> bool:
    """Does `count` belong with slash counts ("2/", "2/5", and the forms that close or slip
    them: "/5", "3x", "—3"), not to a bracketed or hashed number ("(2)", "[2]", "#2")? (A count
    stripped in an earlier round counts with the slash counts: its text is gone.)"""
    if count.strong or current.get(count.post) is not count:
        return True
    return texts[count.post][count.start : count.start + 1] not in _SIGNED_HEADS


# What opens a bracketed or hashed number.
_SIGNED_HEADS = _OPEN.replace("\\", "") + "#"


def _sequence(found: list[_Count], total: int, gaps_before: list[int], announced: bool) -> set[int]:
    """Indices whose number fits its position in a thread-wide numbering; empty unless the
    numbering is thread-wide (see the module's rule)."""
    if len(found) < 2:
        return set()
    # A post count's total is the thread's planned length, the same on every post; fractions at
    # the posts' starts ("1/2 cup of flour…", "2/3 cup of sugar…") change theirs.
    # (Counts with one total or none, as most threads number, are all kept.)
    if not _one_total(found):
        planned = _most_common_total(found)
        if planned is not None and not _grown_plan(found):
            found = [c for c in found if not (c.total and c.total.isdigit()) or c.total == planned]
        if len(found) < 2:
            return set()
    strong = 2 * sum(count.strong for count in found) >= len(found)
    share = 0.5 if strong else 0.8
    # An opener that announces the thread is not one of the numbered posts.
    total -= announced
    if len(found) < share * total:
        return _numbered_in_place(found, announced)
    if _in_place(found):
        # Each count the very position of its post ("1/", "2/", "3/" on the first three): both
        # bases below take them all, the first without a shift.
        return {count.post for count in found}
    # base: the number of the first post minus one; 0 when an unnumbered opener comes first.
    best: set[int] = set()
    best_twice: set[int] = set()
    for base in (1, 0) if strong or announced else (1,):
        accepted = set()
        # One number typed twice ("4/5", "4/5") fits too, and shifts the rest down by one; it
        # is not counted as evidence of the numbering ("… JIT [1]" / "[1] https://…").
        twice: set[int] = set()
        previous = 0
        merged = 0
        for count in found:
            # Posts missing at a gap shift the numbers up, never down; one number the writer
            # skipped shifts them by one.
            shift = count.first - count.post - base - merged + len(twice)
            if count.first > previous and 0 <= shift <= 1 + 50 * gaps_before[count.post]:
                accepted.add(count.post)
                previous = count.last
                merged += count.last - count.first
            elif count.first == previous == count.last and not twice and accepted:
                twice.add(count.post)
        if len(accepted) > len(best):
            best, best_twice = accepted, twice
    if len(best) >= max(2, share * total) or _first_typed_twice(found, total):
        return best | best_twice
    return set()


def _first_typed_twice(found: list[_Count], total: int) -> bool:
    """A thread of two posts whose writer numbered both "1/1" (bench dev "n/N with a slip": the
    number typed twice and the total one short): no sequence shows, but "1/1" at the same edge
    of both posts counts posts, where "1/2" on both may be a recipe's halves ("Mix in 1/2")."""
    return (
        total == 2
        and len(found) == 2
        and all(count.strong and count.first == count.last == 1 for count in found)
        and found[0].total == found[1].total == "1"
    )


def _one_total(found: list[_Count]) -> bool:
    """Do the counts carry one numeric total at most (any number of them none, or a word)? Then
    _sequence's filter keeps them all. (A shortcut, checked as _in_place is.)"""
    first = None
    for count in found:
        total = count.total
        if total and total.isdigit():
            if first is None:
                first = total
            elif total != first:
                return False
    return True


def _in_place(found: list[_Count]) -> bool:
    """Does each count stand for one number, its post's position (counted from 1)? (A shortcut
    of _sequence, for most numbered threads; tests/test_pass_shortcuts.py checks it changes
    nothing.)"""
    for count in found:
        if not count.first == count.last == count.post + 1:
            return False
    return True


def _numbered_in_place(found: list[_Count], announced: bool) -> set[int]:
    """A writer who numbers only some posts ("… 3/", "… 7/"): slash counts, two or more, each
    the very position of its post (after an opener that announces the thread, one less), with
    one total or none ("1/2 cup…" and "3/4 cup…" change theirs)."""
    if len(found) < 2 or not all(count.strong for count in found):
        return set()
    if len({count.total for count in found}) > 1:
        return set()
    base = 0 if announced else 1
    if all(count.first == count.last == count.post + base for count in found):
        return {count.post for count in found}
    return set()


def _lone_count(count: _Count, total_posts: int, gaps: int, marked: bool) -> bool:
    """A count no other post confirms: a marker only when it cannot be anything else."""
    if not count.strong:
        return False
    position = count.post + 1
    if count.total is None:
        # "… 2/" alone in a thread the writer marks otherwise ("… 👇", "… ⬇️"): a running count
        # with no total, where it stands in the thread.
        return marked and not gaps and count.first == count.last == position
    if count.total in ("end", "fin", "🧵"):
        return count.first in (position, position - 1)
    fits = (
        count.first == position and int(count.total) == total_posts
        if not gaps
        else position <= count.first <= position + 50 * gaps and int(count.total) >= total_posts
    )
    return fits and marked


_SPACED_TOTAL = re.compile(r"[ \t](\d{1,3}|n)(?=\s)")


def _spaced_totals(
    current: dict[int, _Count], accepted: set[int], texts: list[str]
) -> dict[int, tuple[str | None, int, int, str]] | None:
    """The leading counts of the sequence with the total after a space ("1/ 3 The…", "2/ 3 …",
    "1/ n …"), as each one's total, end, cut and separator: one post's "1/ 5 reasons" keeps its "5" (the
    writer's), but the same total after every count, no smaller than any of them, is the
    thread's length. None where they have none."""
    found = {}
    for index in accepted:
        count = current.get(index)
        if count is None:
            continue
        text = texts[index]
        if count.total is not None or text[count.end - 1 : count.end] not in _SLASHES:
            return None
        total = _SPACED_TOTAL.match(text, count.end)
        if total is None:
            return None
        found[index] = (count, total)
    numbers = {total.group(1) for _, total in found.values()}
    if len(found) < 2 or len(numbers) != 1:
        return None
    planned = numbers.pop()
    if planned.isdigit() and any(count.last > int(planned) for count, _ in found.values()):
        return None
    fields = {}
    for index, (_, total) in found.items():
        separator = _LEADING_SEPARATOR.match(texts[index], total.end())
        cut = separator.end() if separator else total.end()
        fields[index] = (
            str(int(planned)) if planned.isdigit() else None,
            total.end(),
            cut,
            texts[index][total.end() : cut],
        )
    return fields


def _is_list(counts: Iterable[_Count], texts: list[str]) -> bool:
    """Do these leading counts label the items of a list ("1/40 - Title", a line break, the item)?"""
    counts = list(counts)
    if not counts:
        return False
    headings = 0
    for count in counts:
        if count.label or not _HOLDS_DASH.search(count.separator):
            continue
        rest = texts[count.post][count.cut :]
        line_end = rest.find("\n")
        line = rest[:line_end].strip() if line_end >= 0 else ""
        if 0 < len(line) <= 80 and line[-1] not in ".!?…。！？,;:":
            headings += 1
    return 2 * headings >= len(counts)


_KEEP_NONE: frozenset[tuple[str, str]] = frozenset()
_UNSPANNED = (-1, -1)


class _Work:
    """The pass's state over one thread: each post's text, signals and what was stripped."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.items = draft.items
        self.texts = [item.text for item in draft.items]
        # The signals each post gets and what is stripped from it, for the posts that get some
        # (every rule that changes a post's text records what it took).
        self.signals: defaultdict[int, set[str]] = defaultdict(set)
        self.removed: defaultdict[int, list[str]] = defaultdict(list)
        # The markers the writer keeps (a decisions file), by post id and text.
        self.keep = (
            {
                (choice.post, " ".join(choice.text.split()))
                for choice in draft.decisions.keep_markers
            }
            if draft.decisions and draft.decisions.keep_markers
            else _KEEP_NONE
        )

        # What was found in each text seen so far: its counts at each edge, where its trailing
        # markers may end (see _trailing_ends).
        self.found: dict[str, dict[str, _Count | None]] = {"leading": {}, "trailing": {}}
        self._ends: dict[str, list[int]] = {}
        self._closing: dict[str, tuple[int, int] | None] = {}
        # Which texts seen so far are quiet (_quiet_start, _quiet_end), and the posts whose text
        # was not when the round began: the rules that read `loud` (the counts, the marker
        # words) come before the closing line's, the only one that takes from a quiet text, so
        # a post whose text is quiet stays so until they are done.
        self._quiet: dict[str, bool] = {}
        self.loud: list[int] = list(range(len(self.texts)))
        # The posts _strip_thread_pointers took a pointer from, and those whose end
        # _strip_words took the thread symbol from ("… ⬇️🧵").
        self.pointed: set[int] = set()
        self.threaded: set[int] = set()
        # The posts _strip_words took a closing hand from ("… 👇").
        self.handed: set[int] = set()

    def ends(self, text: str) -> list[int]:
        ends = self._ends.get(text)
        if ends is None:
            ends = self._ends[text] = _trailing_ends(text)
        return ends

    def closing_span(self, text: str) -> tuple[int, int] | None:
        """_closing_span, remembered: every round asks it of the last post."""
        span = self._closing.get(text, _UNSPANNED)
        if span is _UNSPANNED:
            span = self._closing[text] = _closing_span(text)
        return span

    def trailing_count(self, text: str) -> _Count | None:
        """The count closing `text` (as if it were the first post's)."""
        seen = self.found["trailing"]
        count = seen.get(text, _UNSEEN)
        if count is _UNSEEN:
            count = seen[text] = _trailing_count_of(text, self.ends(text))
        return count

    def quiet(self, text: str) -> bool:
        """_quiet, with what it reads remembered."""
        quiet = self._quiet.get(text)
        if quiet is None:
            quiet = self._quiet[text] = _quiet_start(text) and (
                _calm_end(text)
                or self.trailing_count(text) is None
                and _quiet_end(text, self.ends(text))
            )
        return quiet

    def settled(self) -> bool:
        """Can no rule take anything more from the thread's texts? Then the round would change
        nothing, and neither would any after it: every rule reads only the texts' edges and
        what it stripped before (a stripped count is evidence only beside a count still shown,
        a post that lost a pointer matters only beside a post that shows one). Keeps `loud`
        to the posts whose text is not quiet."""
        # (Every post asked again: the closing line's rule may take from a quiet text and bare
        # a marker, "… 3/3" once "Fin." is gone.)
        known = self._quiet
        loud = []
        for index, text in enumerate(self.texts):
            quiet = known.get(text)
            if not (self.quiet(text) if quiet is None else quiet):
                loud.append(index)
        self.loud = loud
        return not loud and _closing_line(self.texts, self.closing_span) is None

    def kept(self, index: int, marker: str) -> bool:
        return (
            bool(self.keep)
            and (
                self.items[index].post.id,
                " ".join(marker.split()),
            )
            in self.keep
        )

    def take(self, index: int, new: str, marker: str, *signals: str) -> bool:
        """Replace a post's text by `new`, which lacks `marker`, unless the writer keeps it."""
        # (A decisions file that keeps a marker is rare: most threads have none to look in.)
        if self.keep and self.kept(index, marker):
            return False
        self.texts[index] = new
        self.removed[index].append(marker.strip())
        self.signals[index].update(signals)
        return True


def strip_markers(draft: Draft) -> Draft:
    items = draft.items
    if not items:
        return draft
    if len(items) == 1:
        # A thread of one post (most of an archive's) has no numbering and no ellipsis pair:
        # only marker words can go, and most posts hold none at their edges.
        text = items[0].text
        if not _may_hold_words(text, _lead(text), _trailing_ends(text)):
            return draft
    gaps = draft.thread.gaps
    # How many gaps stand before each post (none, in nearly every thread).
    gaps_before = [0] * len(items)
    if gaps:
        seen_gaps = 0
        for index, item in enumerate(items):
            seen_gaps += item.post.id in gaps
            gaps_before[index] = seen_gaps

    work = _Work(draft)
    texts = work.texts
    # Counts already stripped still count as evidence when another marker hid the rest
    # ("🧵 1/ Start." shows its "1/" only once the 🧵 is gone).
    stripped: dict[str, dict[int, _Count]] = {"leading": {}, "trailing": {}}
    # Texts the marker words leave as they are: the next round need not look at them again.
    without_words: set[str] = set()
    # Repeat until nothing changes so the pass is idempotent ("🧵 1/ text" loses both; "1/3 👇…"
    # bares its count once the ellipsis and the hand are gone). Markers nest a few deep at most;
    # the cap keeps a hostile post from costing one round over the whole thread per marker.
    for _ in range(_ROUNDS):
        # (Most texts of an archive's threads are quiet once their counts are gone, and all
        # texts of an unnumbered thread from the start: no rule need read them again.)
        if work.settled():
            break
        changed = False
        announced = "marker-words" in work.signals.get(0, ())
        # A thread of one post has no numbering of its posts.
        currents: dict[str, dict[int, _Count]] = {}
        for side in ("leading", "trailing") if len(items) > 1 else ():
            # A count stripped before stays evidence for its post while no other count shows
            # at that edge; one that shows ("（1/3）2/3") is judged with the rest.
            done = stripped[side]
            current = currents[side] = _counts(work, side)
            if not current:
                continue
            evidence = sorted(
                [*current.values(), *(c for i, c in done.items() if i not in current)]
            )
            slashed = [count for count in evidence if _slashed(count, current, texts)]
            if slashed and len(slashed) < len(evidence):
                # Slash counts and bracketed numbers are two numberings, each judged alone: a
                # number in brackets is no slip of a slash count ("…or pdebuild(1). 2/" would lose "(1).",
                # taken for a "2" typed as "1", bench dev "count n/ at the end": a manual
                # page's section).
                bare = [count for count in evidence if not _slashed(count, current, texts)]
                accepted = _sequence(slashed, len(items), gaps_before, announced) | _sequence(
                    bare, len(items), gaps_before, announced
                )
            else:
                accepted = _sequence(evidence, len(items), gaps_before, announced)
            if (
                side == "leading"
                and accepted
                and _is_list((current[i] for i in accepted if i in current), texts)
            ):
                for index in accepted & current.keys():
                    work.signals[index].add("list-heading")
                continue
            # (Counted only where some count has a word label: _own_label reads them for those.)
            labels = (
                Counter(_label_word(count) for count in evidence)
                if any(count.label for count in evidence)
                else _NO_LABELS
            )
            totals = _spaced_totals(current, accepted, texts) if side == "leading" else None
            for index in sorted(accepted):
                if index not in current:
                    continue
                count = _own_label(texts[index], current[index], labels)
                if totals and index in totals:
                    total, end, cut, separator = totals[index]
                    count = count._replace(total=total, end=end, cut=cut, separator=separator)
                if _strip_count(work, index, count, side):
                    done[index] = count
                    changed = True
        # The counts no sequence took, when the texts are as the counts were found in.
        if not changed and any(currents.values()):
            changed = _strip_lone_count(work, gaps_before, currents, stripped)
        if changed and work.settled():
            break
        # (Pointers before the words: 👇, which the words take from any post, points on too,
        # and a thread may close some posts with 👇 and others with ⬇️.)
        changed = _strip_thread_pointers(work) or changed
        changed = _strip_words(work, without_words) or changed
        changed = _strip_closing_line(work) or changed
        # Ellipses inside the loop: stripping one can bare a marker ("1/3 👇…"), and back.
        changed = _strip_thread_ellipses(work) or changed
        changed = _strip_ellipses(work) or changed
        if not changed:
            break

    changed_posts = work.signals.keys() | work.removed.keys()
    if not changed_posts:
        return draft
    new_items = list(items)
    for index in changed_posts:
        item, text = items[index], texts[index]
        signals = work.signals.get(index, _NO_SIGNALS)
        removed = work.removed.get(index)
        if removed and text != item.text:
            # A post that lost a marker (most posts of a numbered thread): the copy with_text
            # makes, without the tests that find nothing changed.
            new_items[index] = built(
                PostText,
                {
                    "post": item.post,
                    "text": text,
                    "escaped": item.escaped,
                    "signals": item.signals.union(signals) if signals else item.signals,
                    "removed_markers": item.removed_markers + tuple(removed),
                },
            )
        else:
            new_items[index] = item.with_text(text, *signals, removed=tuple(removed or ()))
    return draft.with_texts(new_items)


_NO_SIGNALS: frozenset[str] = frozenset()


# What may stand before a label for it to start a sentence or a line: nothing, a line break, the
# end of a sentence (quotes closed after it) or an emoji ("Start. Thread 1/3", "🧵 Thread 1/5").
_SENTENCE_ENDS = ".!?…:。！？"
_CLOSING_QUOTES = "'\"”’»)"


def _starts_sentence(text: str, start: int) -> bool:
    """Does text[start:] start a sentence or a line? (Read from the end of what stands before,
    never searched over it: a post of spaces costs its length once.)"""
    before = text[:start]
    head = before.rstrip(" \t")
    if not head or before[len(head) :].count("\n") or head[-1] == "\n":
        return True
    head = head.rstrip(_CLOSING_QUOTES)
    last = head[-1:]
    return not last or last in _SENTENCE_ENDS or not (last.isalnum() or last in ",;-–—_")


_NO_LABELS: Counter[str] = Counter()


def _label_word(count: _Count) -> str:
    return count.label.lstrip("#").lower()


def _own_label(text: str, count: _Count, labels: Counter[str]) -> _Count:
    """`count` without its word label where the word is the writer's: "…the best part 3/8",
    "…in this thread 5/8", "A thread 1/4". A word labels the count where the writer labels
    counts (two posts or more carry the same: "Thread 1/3" … "Thread 2/3"), or in the first post
    where it starts a sentence or a line ("Start. Thread 1/3"); elsewhere it is prose that a
    count follows (the property test's "thread 5/8" among bare counts)."""
    if not count.label or count.label == "🧵" or labels[_label_word(count)] >= 2:
        return count
    if count.post == 0 and _starts_sentence(text, count.start):
        return count
    after = count.start + len(count.label)
    while after < count.end and text[after].isspace():
        after += 1
    # A trailing count takes the text before it up to `cut`; a leading one, its separator.
    cut = len(text[:after].rstrip()) if count.cut <= count.start else count.cut
    return count._replace(start=after, cut=cut, label="")


def _strip_count(work: _Work, index: int, count: _Count, side: str) -> bool:
    text = work.texts[index]
    if side == "leading":
        # text[: count.start] is the space before the count, or a word label the writer's own
        # (_own_label).
        new, marker = text[: count.start] + text[count.cut :], text[count.start : count.cut]
    else:
        rest, joiner = text[count.end :], ""
        if rest[:1] and not rest[:1].isspace():
            # "…\n3/#javascript #jest" (the jest thread): hashtags glued to the count keep the
            # break that stood before it.
            between = text[count.cut : count.start]
            joiner = "\n" if "\n" in between else " " if between[:1].isspace() else ""
        new, marker = text[: count.cut] + joiner + rest, text[count.cut : count.end]
    return work.take(index, new.strip(), marker, f"marker-{side}-count")


def _strip_lone_count(
    work: _Work,
    gaps_before: list[int],
    currents: dict[str, dict[int, _Count]],
    stripped: dict[str, dict[int, _Count]],
) -> bool:
    """Counts no other post confirms, stripped where they cannot be anything else. "Marked": the
    writer marks the thread otherwise (marker words, or counts at the other edge), or the count
    says it numbers the thread's posts ("Thread 1/3 👇 …" on the first post only). A count alone
    in its thread that closes its post after a sentence's end is marked by where it stands: no
    sentence goes on after its full stop ("Sleep well. 1/3" opening a thread of three, "… Walk
    daily. 3/3" closing it, "「…です。」1/3", "… today. #news 1/3": the hashtags, emoji, links and
    mentions after the sentence read past), where "The vote is on 3/4" keeps its date; and so is
    a bare "1/" closing the first post, which opens a numbering the writer did not go on with
    ("How we built it (2024) 1/"): no sentence and no fraction ends so ("1/x", "1/n" and "1/2" stay
    there)."""
    marked = any(
        signals & {"marker-words", "marker-leading-count", "marker-trailing-count"}
        for signals in work.signals.values()
    )
    taken: set[int] = set()
    for side, current in currents.items():
        alone = side == "trailing" and len(current) == 1 and not stripped[side]
        for index, count in current.items():
            # (A post stripped at one edge is looked at again in the next round: the counts
            # found at its other edge were found in its old text.)
            if index in taken:
                continue
            # (A label is the count's where it starts the first post's sentence or line, as
            # _own_label reads one no other post repeats: "…in this thread 5/8" keeps its word.)
            if count.label:
                count = _own_label(work.texts[index], count, _NO_LABELS)
            # (A number with no slash never stands alone: "… in the ranking? 1."; nor a count
            # glued to a word: "1/day is enough".)
            text = work.texts[index]
            if text[count.start : count.end].rstrip(_STOP_CHARS).isdigit() or (
                side == "leading" and _glued(text, count)
            ):
                continue
            if _lone_count(
                count,
                len(work.texts),
                gaps_before[-1],
                marked
                or _label_word(count) in _THREAD_LABELS
                or alone
                and (
                    _closes_after_sentence(work.texts[index], count.start)
                    or index == 0
                    and _bare_slash(work.texts[index], count)
                ),
            ):
                if _strip_count(work, index, count, side):
                    stripped[side][index] = count
                    taken.add(index)
    return bool(taken)


# The labels that say what a count numbers: the thread's posts ("Part 1/3" may number a text's).
_THREAD_LABELS = frozenset(["thread", "🧵", "tweet", "тред"])


def _points_at(text: str, end: int) -> bool:
    """Does a link or a mention stand in text[end:], the tokens closing a post after a pointer
    (_trailing_ends)? Then a pointer alone there points at them ("Grab it now 👇 https://…",
    "Follow these people 👇 @a @b"), not at the next post."""
    rest = text[end:]
    return "://" in rest or "@" in rest


def _after_first_count(text: str) -> bool:
    """Does a slash count numbering the first post ("1/4", "(1/4)", "1/") end `text`?"""
    end = len(text)
    count = _trailing_count(text, [end]) if end and _may_end_in_count(text, end) else None
    return (
        count is not None
        and count.strong
        and count.first == 1
        # (Not a number with no slash: "… won? 1." may be the writer's.)
        and not text[count.start : count.end].rstrip(_STOP_CHARS).isdigit()
    )


def _count_ending(text: str, end: int) -> _Count | None:
    """The slash count ("2/4", "(2/4)", "2/") that ends text[:end], if one does."""
    count = _trailing_count(text, [end]) if end and _may_end_in_count(text, end) else None
    return count if count is not None and count.strong else None


def _after_count(text: str, end: int) -> bool:
    """Does a slash count ("2/4", "(2/4)", "2/") end text[:end]?"""
    return _count_ending(text, end) is not None


def _count_after_sentence(text: str, end: int) -> bool:
    """Does a slash count ("3/3", "(3/3)") end text[:end], after a sentence's end ("… bridge.
    3/3")? A closing word may follow it ("… bridge. 3/3 END", "… 3/3 Fin."), which after a
    count in the writer's sentence ("The score was 3/3 END") is the writer's."""
    count = _count_ending(text, end)
    return count is not None and _closes_after_sentence(text, count.start)


def _after_sentence(text: str, start: int) -> bool:
    """Does text[:start] end a sentence (closing quotes after its stop)?"""
    head = text[:start].rstrip().rstrip(_CLOSING_QUOTES)
    return head[-1:] in _STOPS and bool(head)


def _closes_after_sentence(text: str, start: int) -> bool:
    """Does text[:start] end a sentence, with the closing quotes or brackets after its stop
    ("「…です。」") and the links, hashtags, mentions and emoji after it ("… today. #news 🙂")?"""
    before = text[:start].rstrip()
    if not before:
        return False
    body = before[: _trailing_ends(before)[-1]].rstrip().rstrip(_CLOSERS)
    return body[-1:] in _STOPS and bool(body)


def _bare_slash(text: str, count: _Count) -> bool:
    """Is `count` a number and a slash alone, no total after it ("1/", "1/.", not "1/x")?"""
    marker = text[count.start : count.end].rstrip(_STOP_CHARS + " \t")
    return marker[-1:] in _SLASHES and marker[:1].isdigit()


def _before_dots(text: str, end: int) -> int:
    """`end` moved back over an ellipsis or up to three dots closing text[:end]."""
    if text[end - 1 : end] == "…":
        return end - 1
    floor = max(0, end - 3)
    while end > floor and text[end - 1] == ".":
        end -= 1
    return end


def _may_end_in_words(text: str, end: int) -> bool:
    last = text[end - 1 : end]
    if last and last in _WORD_TAILS:
        return True
    stop = end
    if last == "." and text[end - 2 : end - 1] != ".":
        # A marker word's dot follows its last letter ("cont.", "ctd.", "END.", "/fin."); most
        # posts end in a full stop after another letter, which needs no pattern search.
        stop = end - 1
        last = text[stop - 1 : stop] if stop else ""
    elif last == "." or last == "…":
        stop = _before_dots(text, end)
        last = text[stop - 1 : stop] if stop else ""
    if not last or last not in _WORD_LAST_LETTERS:
        return False
    # (Words end in "e" and "т" far more often than markers do: "/ende" and "/конец" have a
    # slash, "продолжение следует" its word.)
    if last in _SLASHED_WORD_LETTERS and "/" not in text[max(0, stop - 6) : stop]:
        return False
    if last in "тТ" and text[max(0, stop - 7) : stop].lower() != "следует":
        return False
    return bool(_LETTER_WORD_TAIL.search(text, max(0, end - _LETTER_WORD_SPAN), end))


def _space_before(text: str, end: int, floor: int) -> int:
    """`end` moved back over the whitespace before it, not past `floor` (no copy of the text)."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


# The last letters of the marker words written with a slash ("/ende", "/конец"): a text ending
# in one is read further only where a slash stands within _SLASHED_SPAN characters of its end.
_SLASHED_WORD_LETTERS = "eEцЦ"
_SLASHED_SPAN = 10
_PLAIN_WORD_LETTERS = "".join(c for c in _WORD_LAST_LETTERS if c not in _SLASHED_WORD_LETTERS)
# The last characters after which _may_hold_words asks _may_end_in_words, and those before a
# closing full stop.
_MAY_END_WORD = frozenset(_WORD_TAILS | set(_PLAIN_WORD_LETTERS + "…"))
_MAY_END_WORD_BEFORE_DOT = frozenset(_PLAIN_WORD_LETTERS + ".")


def _may_hold_words(text: str, lead: int, ends: list[int]) -> bool:
    """May a marker word or symbol stand at the text's start (its first non-space character is
    at `lead`) or before one of its `ends` (_trailing_ends)?"""
    # (A first-character test before the leading pattern: most posts open with another.)
    if (
        text[lead : lead + 1] in _WORD_HEADS
        and _may_announce(text, lead)
        and _LEADING_WORDS.match(text, lead)
    ):
        return True
    for end in ends:
        # (_may_end_in_words, its first tests inline: most posts end in neither.)
        last = text[end - 1 : end]
        if last == ".":
            last = text[end - 2 : end - 1]
            may = last in _MAY_END_WORD_BEFORE_DOT
        else:
            may = last in _MAY_END_WORD
        if (
            may
            or last in _SLASHED_WORD_LETTERS
            and last
            and text.find("/", end - _SLASHED_SPAN if end > _SLASHED_SPAN else 0, end) >= 0
        ) and _may_end_in_words(text, end):
            return True
    return False


def _strip_words(work: _Work, without_words: set[str]) -> bool:
    """Marker words and symbols at both edges of every post, as many as stand there ("🧵
    Thread: …", "… (cont.) 👇"), each found where the last one ended."""
    changed = False
    texts = work.texts
    for index in work.loud:
        text = texts[index]
        if text in without_words or work.quiet(text):
            continue
        ends = work.ends(text)
        lead = _lead(text)
        if not _may_hold_words(text, lead, ends):
            without_words.add(text)
            continue
        removed = []
        start = lead
        while (leading := _LEADING_WORDS.match(text, start)) and not work.kept(
            index, leading.group()
        ):
            removed.append(leading.group())
            start = leading.end()
        closes = False
        # (Whether a hand stayed for where its post stands: the text is read again next round.)
        held = False
        body_end, tail = None, len(text)
        for position, end in enumerate(ends):
            stop = end
            while trailing := _TRAILING_WORDS.search(text, max(start, stop - _WINDOW), stop):
                before = _space_before(text, trailing.start(), start)
                # "END" closes a thread after a sentence end; "in the END" is prose (and so are
                # "to be continued" and "TBC" there). A hand
                # before a link points at the link, not at the next post ("Grab it now👇 https://…"),
                # and one before mentions at them ("Follow these people 👇 @a @b"); before
                # hashtags or emoji it points on, and so does one after 🧵 or a count
                # ("… 🧵👇 https://…", "… 2/4 👇 https://…").
                marker = trailing.group()
                if (
                    before > start
                    and (
                        trailing.group("end")
                        and not TERMINAL.search(text, start, before)
                        # (Nor after the count the writer put after the last sentence: "…
                        # bridge. 3/3 END"; "The score was 3/3 END" keeps both.)
                        and not _count_after_sentence(text, before)
                        # (After a full stop only: "The mood: TBC." is the writer's.)
                        or trailing.group("goes_on")
                        and not _after_sentence(text, before)
                    )
                    or position
                    and "👇" in marker
                    and "🧵" not in marker
                    and _points_at(text, end)
                    and not _after_count(text, before)
                    # (Nor one whose count, after it, went before: "… 👇 1/ https://…".)
                    and "marker-trailing-count" not in work.signals.get(index, ())
                ):
                    break
                if trailing.group("symbols") and (
                    label := _THREAD_LABEL.search(text, max(start, before - 24), before)
                    or _symbol_kinds(text, start, before, marker)
                    or _GOES_ON_LABEL.search(text, max(start, before - _POINTER_WINDOW), before)
                ):
                    label_before = _space_before(text, label.start(), start)
                    # (The words that say the thread goes on stand after a sentence's end.)
                    # "Why the bridge closed: a 🧵", "…, a 🧵", "… — a 🧵": the mark that set the
                    # thread's label off goes with it (the post is a headline that ends there).
                    set_off = (
                        label.re is _SYMBOL_KINDS
                        and label_before > start
                        and text[label_before - 1] in _LABEL_SET_OFF
                    )
                    if (
                        label_before == start
                        or label.re is _GOES_ON_LABEL
                        or set_off
                        or TERMINAL.search(text, start, label_before)
                    ):
                        before = (
                            _space_before(text, label_before - 1, start)
                            if set_off
                            else label_before
                        )
                        marker = text[before if set_off else label.start() : trailing.end()]
                if work.kept(index, marker):
                    break
                hand = marker == trailing.group() and trailing.group("symbols")
                if hand and "\U0001f9f5" not in marker:
                    # A hand closing the thread's last post (its only post, in a thread of one)
                    # points at what the post holds, its image, its link card or the post it
                    # quotes ("See the chart 👇"), unless a post before closed with a pointer
                    # too: the writer's habit ("… 👇" on the first post and the last).
                    if index == len(texts) - 1 and not (work.pointed or work.handed):
                        held = True
                        break
                    work.handed.add(index)
                removed.append(marker)
                closes = closes or not (trailing.group("continuation") or trailing.group("goes_on"))
                stop = before
                if "\U0001f9f5" in marker:
                    work.threaded.add(index)
            if stop < end:
                body_end, tail = stop, end
                break
        if not removed:
            if not held:
                without_words.add(text)
            continue
        body = text[start:body_end] if body_end is not None else text[start:]
        new = (body + text[tail:]).strip() if body_end is not None else body.strip()
        work.texts[index] = new
        work.removed[index].extend(marker.strip() for marker in removed)
        work.signals[index].add("marker-words")
        # Case "How we built it 🧵" / "First we planned.": a headline closed by a thread
        # marker ends there, though it has no full stop.
        if closes and body.strip() and not TERMINAL.search(body):
            work.signals[index].add("ends-at-marker")
        changed = True
    return changed


# The marks that set "a 🧵" off from the headline before it (_symbol_kinds).
_LABEL_SET_OFF = ":：,，—–-"


def _symbol_kinds(text: str, start: int, before: int, marker: str) -> re.Match[str] | None:
    """The words before a thread symbol that label it ("a 🧵", "a short 🧵"; _SYMBOL_KINDS)."""
    if "\U0001f9f5" not in marker:
        return None
    return _SYMBOL_KINDS.search(text, max(start, before - 16), before)


def _trailing_ellipsis(text: str) -> int | None:
    """Where an ellipsis closing the text starts ("…", "...", two dots ".."), or None."""
    last = text[-1:]
    if not last or last not in _ELLIPSIS and not last.isspace():
        return None
    body = text.rstrip()
    if not body or body[-1] not in _ELLIPSIS:
        return None
    start = len(body.rstrip(_ELLIPSIS))
    return start if len(body) - start >= 2 or body[-1] == "…" else None


def _leading_ellipsis(text: str) -> int | None:
    """Where the text after an ellipsis opening it starts, or None."""
    first = text[:1]
    if not first or first not in _ELLIPSIS and not first.isspace():
        return None
    body = text.lstrip()
    if not body or body[0] not in _ELLIPSIS:
        return None
    rest = body.lstrip(_ELLIPSIS)
    if len(body) - len(rest) < 2 and body[0] != "…":
        return None
    return len(text) - len(rest.lstrip())


# The ellipses a tool or a writer puts on every post's end (or start) alike.
_THREAD_ELLIPSES = ("…", "...")


def _closing_ellipsis(text: str) -> str | None:
    # (A first test on the last character: most posts end in neither mark.)
    last = text[-1:]
    if last not in ".…" and not last.isspace():
        return None
    body = text.rstrip()
    return next((mark for mark in _THREAD_ELLIPSES if body.endswith(mark)), None)


def _opening_ellipsis(text: str) -> str | None:
    first = text[:1]
    if first not in ".…" and not first.isspace():
        return None
    body = text.lstrip()
    return next((mark for mark in _THREAD_ELLIPSES if body.startswith(mark)), None)


def _strip_thread_ellipses(work: _Work) -> bool:
    """An ellipsis that closes every post but the last (or opens every post but the first) is
    the thread's continuation mark where a splitter put it there whatever the text ("…
    release...." / "Next comes…"; evidence below): it is stripped from each, exactly as written
    (so "release...." keeps its full stop), and says nothing of where a sentence was cut, which
    the text before it tells (case: a tool appending "..." to every post left it before each
    capital, "…the peoples of..." / "Member States…"; bench "… on every post"). Pairs and lone
    ellipses: _strip_ellipses."""
    texts = work.texts
    if len(texts) < 2:
        return False
    changed = False
    # (Every post but the last must close with the same mark: the first post tells whether any
    # can, and most threads' first post closes with none.)
    first_closing = _closing_ellipsis(texts[0])
    closing = (
        {_closing_ellipsis(text) for text in texts[:-1]} if first_closing is not None else set()
    )
    if len(closing) == 1 and (mark := closing.pop()) is not None:
        bodies = [texts[index].rstrip()[: -len(mark)].rstrip() for index in range(len(texts) - 1)]
        # Only where the mark is put on posts whatever their text: some post ends a sentence
        # before it ("release...."), or at half the ends or more the next post goes on in
        # lower case ("…the peoples of..." / "the world"), a cut inside a sentence. A writer
        # who trails off at each post ("Wait for it..." / "The boats came in..." / "Then the
        # fog lifted.") writes it as words.
        lower = sum(starts_lower(text, past_openers=True) for text in texts[1:])
        if (
            2 * lower >= len(bodies)
            or any(_ends_sentence(body) for body in bodies)
            or _mostly_full(work, len(bodies))
        ):
            for index, body in enumerate(bodies):
                if body:
                    changed = work.take(index, body, mark, "continuation-ellipsis") or changed
    first_opening = _opening_ellipsis(texts[1])
    opening = (
        {_opening_ellipsis(text) for text in texts[1:]} if first_opening is not None else set()
    )
    if len(opening) == 1 and (mark := opening.pop()) is not None:
        # The same: where some post before the mark ended its sentence.
        if any(_ends_sentence(_without_closing_ellipsis(text)) for text in texts[:-1]):
            for index in range(1, len(texts)):
                body = texts[index].lstrip()[len(mark) :].lstrip()
                if body:
                    changed = work.take(index, body, mark, "continuation-ellipsis") or changed
    return changed


# Where words before a pointer are a sentence of their own: after a sentence's end and a space
# (closing quotes between: "… today.” More 👇"), after a CJK stop with none ("…です。続く👇",
# "「…です。」続く👇"),
# after an emoji and a space ("… today. 🙂 More 👇") or a line break.
_GOES_ON_BEFORE = rf"(?:{_AFTER_SENTENCE}|(?<=[{_char_class(_EMOJI_CHARS)}]\s))"
# A pointer closes the post, or stands just before the running count that does ("… ⬇️ 3/").
# Words saying the thread goes on just before it, as a sentence of their own (_GOES_ON_BEFORE:
# "… read on. More ⬇️", "… today. Thread continues 👇", "…です。続く👇"), go with it; in the
# writer's sentence they stay ("Prices fell more ⬇️").
_TRAILING_POINTER = re.compile(
    # (The first characters tested first at each position of the window searched.)
    rf"(?=(?i:[{_GOES_ON_HEADS}])|[{_POINTERS}])"
    rf"(?:{_GOES_ON_BEFORE}(?i:{_GOES_ON_PHRASES})\s?)?"
    rf"(?P<pointer>(?:[{_POINTERS}][{_SKIN_TONES}]?\ufe0f?){{1,3}})"
    rf"(?:[ \t]?[(\[（]?\d{{1,3}}\s?[{_SLASHES}](?:\d{{1,3}}|[nN])?[)\]）]?)?$"
)
# The same words before the symbols of _TRAILING_WORDS ("… today. More below 👇"), read in
# _strip_words.
_GOES_ON_LABEL = re.compile(
    rf"(?=(?i:[{_GOES_ON_HEADS}])){_GOES_ON_BEFORE}(?i:{_GOES_ON_PHRASES})$"
)
# How far before a text's end _TRAILING_POINTER is searched: more than the longest it matches.
_POINTER_WINDOW = 56
# The count that may follow a pointer (_TRAILING_POINTER), and its number.
_POINTER_COUNT = re.compile(r"[ \t]?[(\[（]?(\d{1,3})\s?[" + _SLASHES + "]")
_POINTER_TAILS = set(_POINTERS + "\ufe0f)]）0123456789nN" + _SLASHES) | {
    chr(tone) for tone in range(0x1F3FB, 0x1F400)
}


def _trailing_pointer(text: str, ends: list[int] | None = None) -> tuple[int, int] | None:
    """Where a pointer closing the text (or its count) starts and ends ("… read on ⬇️"), before
    any of its `ends` (_trailing_ends: "… read on ⬇️ #python")."""
    for end in _trailing_ends(text) if ends is None else ends:
        # (A first test: a pointer stands in the last _POINTER_REACH characters, or none closes
        # the text. Most texts that end in a digit or an "n" hold none.)
        if text[end - 1 : end] in _POINTER_TAILS and _POINTER_CHAR.search(
            text, max(0, end - _POINTER_REACH), end
        ):
            found = _TRAILING_POINTER.search(text, max(0, end - _POINTER_WINDOW), end)
            if found:
                return found.start(), found.end("pointer")
    return None


# A pointer character, and how far from the end the last one of a pointer _TRAILING_POINTER
# matches stands: before the count that may follow it ("⬇️ (123/456)": 11 characters) and the
# selector and skin tone after it (2).
_POINTER_CHAR = re.compile(f"[{_POINTERS}]")
_POINTER_REACH = 14


def _strip_thread_pointers(work: _Work) -> bool:
    """A symbol pointing on ("⬇️", "👉", "⤵️") that closes every post but the last is the thread's
    continuation mark, and goes from each (and from the last, where it stands there too). One
    post's arrow may be a word ("Prices went ⬇️"); the same at every boundary is the writer's
    way of saying "more below". The first post's alone: _lone_pointer."""
    texts = work.texts
    pointed = work.pointed
    if len(texts) < 2 or (
        0 not in pointed and _trailing_pointer(texts[0], work.ends(texts[0])) is None
    ):
        return False
    spans = [_trailing_pointer(text, work.ends(text)) for text in texts]
    # (A post this rule took a pointer from in an earlier round still carries one.)
    if (
        any(
            (span is None or span[0] == 0) and index not in pointed
            for index, span in enumerate(spans[:-1])
        )
        or len(pointed | {index for index, span in enumerate(spans) if span is not None}) < 2
    ):
        first = spans[0]
        if (
            0 in pointed
            or first is None
            or not first[0]
            or not _lone_pointer(
                texts[0],
                *first,
                "marker-trailing-count" in work.signals.get(0, ()) or 0 in work.threaded,
            )
        ):
            return False
        spans = [first]
    changed = False
    for index, span in enumerate(spans):
        if span and span[0]:
            text = texts[index]
            start, end = span
            rest = text[end:].strip()
            new = text[:start].rstrip() + (" " + rest if rest else "")
            if work.take(index, new, text[start:end], "marker-words"):
                pointed.add(index)
                changed = True
    return changed


def _lone_pointer(text: str, start: int, end: int, counted: bool = False) -> bool:
    """Is the pointer at text[start:end], closing a thread's first post that no other post's
    pointer confirms, the thread's? Only after the post's last sentence (its links, hashtags,
    mentions and emoji after it read past), where it cannot be a word of the sentence ("Big news
    today. ⬇️", "Here is how: ⬇️", "「…です。」⬇️", "… today. #news ⬇️"; not "Prices went ⬇️"),
    and with no link or mention after it, which it points at ("Grab it now ⬇️ https://…").
    A pointer with the first post's count after it ("… 👇 1/", "… ⬇️ 1/5") is the thread's
    wherever it stands: the count says what it points at (`counted`: a count closing the post,
    or the thread symbol after the pointer, "… ⬇️🧵", was stripped before)."""
    count = _POINTER_COUNT.match(text, end)
    if counted or count and int(count.group(1)) == 1:
        return True
    before = text[:start].rstrip()
    if not before:
        return False
    # And so is one after the first post's count or the thread symbol ("… 1/4 ⬇️", "… (1/4)⬇️",
    # "… 🧵⬇️"), whatever follows it.
    # (A hand after 🧵 is the words' rule's, which takes them with their label: "Thread 🧵👇".)
    hand = not text[start:end].strip("\U0001f447\ufe0f" + _SKIN_TONE_CHARS)
    if (
        before[-1] == "\U0001f9f5"
        and not hand
        or "\U0001f9f5" in text[start:end]
        or _after_first_count(before)
    ):
        return True
    if _points_at(text, end):
        return False
    body = before[: _trailing_ends(before)[-1]].rstrip(_CLOSERS)
    return body[-1:] in _POINTED_AFTER and bool(body)


# What closes a quotation or an aside after a sentence's end ("… today.” ⬇️", "「…です。」⬇️").
_CLOSERS = _CLOSING_QUOTES + "]）」』】〕"
# The ends after which a pointer is no word of a sentence: a sentence's end, an ellipsis, or a
# colon or semicolon announcing what follows ("Here is how: ⬇️").
_POINTED_AFTER = ".!?。！？…:：;"


# The closing line of a thread: its own line or sentence at the end of the last post ("Fin.",
# "End of thread.", "— end —", "Конец треда.", "本帖完。", "（おしまい）"). A bare "The end.",
# "Ende.", "Конец.", "おわり。" or "以上です。" ("that is all") is the writer's sentence (it may
# end a story or a talk); set off by dashes or brackets, it is a mark.
_CLOSING_ALWAYS = (
    r"fin|🔚|end\sof\s(?:the\s|this\s)?(?:thread|🧵)|thread\s(?:over|ends)"
    r"|ende\s(?:des|vom)\sthreads?|конец\s(?:треда|ветки)|全文完|本帖完"
)
_CLOSING_SET_OFF = (
    rf"(?:the\s)?end|ende|конец|おわり|終わり|おしまい|以上(?:です)?|完|终|終|结束|完结|完結"
    rf"|{_CLOSING_ALWAYS}"
)
_CLOSING_LINE = re.compile(
    rf"(?:[-–—~]+[ \t]?(?:{_CLOSING_SET_OFF})[.。!！]?(?:[ \t]?[-–—~]+)?"
    rf"|[{_OPEN}](?:{_CLOSING_SET_OFF})[.。!！]?[{_CLOSE}]|(?:{_CLOSING_ALWAYS}))[.。!！]?\s*",
    _FLAGS,
)
# On a line of its own under the last post's text, a bare end word signs the thread off too
# (alone in the post, "End." is the post's text: "3/ End."), and so does one in lower case after
# a sentence's end, which no sentence of the writer's starts with ("… home. конец", "… home. the
# end"). A dash before it sets it off as two do ("… home. — fin").
_CLOSING_OWN_LINE = re.compile(rf"(?:{_CLOSING_SET_OFF})[.。!！]?\s*", _FLAGS)
# The longest closing line the pattern takes, with room for the spaces around it.
_CLOSING_SPAN = 40
_STOPS = ".!?。！？"


# The last letters of every closing phrase (case folded, as the patterns' IGNORECASE matches),
# which a closing line ends with once the stops, dashes, brackets and spaces after it are off:
# a first test that spares the patterns in the last post of most threads.
_CLOSING_FINALS = (
    *("fin", "🔚", "end", "thread", "threads", "🧵", "over", "ends", "ende", "конец", "треда"),
    "ветки",
    *("おわり", "終わり", "おしまい", "以上", "です", "完", "终", "終", "结束", "完结", "完結"),
)
_AFTER_CLOSING = " \t\n\r\f\v.。!！-–—~" + _CLOSE.replace("\\", "")


def _may_close(text: str) -> bool:
    return (
        text[-_CLOSING_SPAN:].rstrip(_AFTER_CLOSING).rstrip().casefold().endswith(_CLOSING_FINALS)
    )


def _closing_line_start(text: str) -> int | None:
    """Where a closing line that ends `text` starts: the first position, in the last few
    characters, after a line break, a sentence's end or nothing, from which the rest is one."""
    if not _may_close(text):
        return None
    for position in range(max(0, len(text) - _CLOSING_SPAN), len(text)):
        if position and not (text[position - 1].isspace() or text[position - 1] in "。！？"):
            continue
        set_off = _CLOSING_LINE.fullmatch(text, position)
        if not set_off and not _CLOSING_OWN_LINE.fullmatch(text, position):
            continue
        # What stands before it, read back over spaces (and, before a mark, closing quotes).
        end = position
        while end and text[end - 1] in " \t":
            end -= 1
        if not set_off:
            if (
                text[end - 1 : end] == "\n"
                or (text[position].islower() and text[end - 1 : end] in _STOPS and end)
                # A Chinese or Japanese end word after a full stop, with no stop of its own, is
                # no sentence of the writer's, as a lower-case one is not ("…渡轮。完", "…ました。
                # おわり"; "…です。以上です。" is one).
                or (
                    text[end - 1 : end] in "。！？"
                    and _is_cjk(text[position])
                    and text.rstrip()[-1:] not in "。！？"
                )
            ):
                return position
            continue
        while end and text[end - 1] in _CLOSING_QUOTES:
            end -= 1
        # (Or after the count the writer put after the last sentence: "… bridge. 3/3 Fin.")
        if (
            not end
            or text[end - 1] == "\n"
            or text[end - 1] in ".!?。！？"
            or _count_after_sentence(text, end)
        ):
            return position
    return None


def _closing_span(text: str) -> tuple[int, int] | None:
    """Where the closing line of `text` starts and ends, if it has one. It may stand before the
    links, hashtags and emoji that close the post ("… Fin. #weather")."""
    start = _closing_line_start(text)
    if start is not None:
        return start, len(text)
    # (Only where something may close the text after it: most posts end in a word.)
    if (
        "#" not in text
        and "://" not in text
        and ("@" not in text or not _last_word_holds(text, "@", len(text.rstrip())))
        and text.rstrip()[-1:] not in _EMOJI_CHARS
    ):
        return None
    for end in _trailing_ends(text)[1:]:
        start = _closing_line_start(text[:end])
        if start is not None:
            return start, end
    return None


def _closing_line(
    texts: list[str], span: Callable[[str], tuple[int, int] | None] = _closing_span
) -> tuple[int, int, int] | None:
    """The last post with text and where its closing line starts and ends (`span`: _closing_span),
    if it has one (the first post has none: its end is not the thread's)."""
    if len(texts) < 2:
        return None
    index = len(texts) - 1
    while index > 0 and not texts[index]:
        index -= 1
    if index == 0:
        return None
    found = span(texts[index])
    return None if found is None else (index, *found)


def _strip_closing_line(work: _Work) -> bool:
    """The closing line of the last post with text, which says the thread ends here."""
    found = _closing_line(work.texts, work.closing_span)
    if found is None:
        return False
    index, start, end = found
    text = work.texts[index]
    rest = text[end:].strip()
    new = text[:start].rstrip() + (" " + rest if rest else "")
    return work.take(index, new, text[start:end].strip(), "marker-words")


# How close to the limit a post with a continuation mark stands when the limit ended it.
_FULL_SLACK = 10


def _mostly_full(work: _Work, count: int) -> bool:
    """Do half of the first `count` posts or more stand within _FULL_SLACK of the platform's
    limit? Then the limit, not the writer, ended them, and a mark closing each is the tool's
    (in Chinese and Japanese, where no lower case tells a cut: "…展開すると良い..." /
    "でしょう。")."""
    thread = work.draft.thread
    counting = counting_for(thread.platform, thread.post_limit, work.draft.options.post_limit)
    full = sum(
        counting.measure(text.strip()) >= counting.limit - _FULL_SLACK
        for text in work.texts[:count]
    )
    return 2 * full >= count


def _without_closing_ellipsis(text: str) -> str:
    body = text.rstrip()
    mark = _closing_ellipsis(body)
    return body[: -len(mark)].rstrip() if mark else body


def _ends_sentence(text: str) -> bool:
    return text[-1:] in ".!?。！？" and not text.endswith("..")


def _strip_ellipses(work: _Work) -> bool:
    """An ellipsis pair ("… cut" / "… continued") marks a join; a lone one only when the other
    side agrees (the next post starts lower-case, or the previous one has no full stop)."""
    changed = False
    texts = work.texts
    for index in range(len(texts) - 1):
        before, after = texts[index], texts[index + 1]
        if not before or not after:
            continue
        # (The first test of each, inline: most posts neither end nor start with an ellipsis.)
        last, first = before[-1], after[0]
        # (A full stop after anything but a dot or "…" is no ellipsis: the end of most posts.)
        trailing = (
            _trailing_ellipsis(before)
            if last == "…" or last.isspace() or last == "." and before[-2:-1] in _ELLIPSIS
            else None
        )
        leading = _leading_ellipsis(after) if first in _ELLIPSIS or first.isspace() else None
        # Never strip a post down to nothing: an ellipsis alone is the whole post's content.
        if trailing == 0 or leading == len(after):
            continue
        if trailing is not None and (leading is not None or starts_lower(after, past_openers=True)):
            body = before[:trailing].rstrip()
            changed = work.take(index, body, before[len(body) :], "trailing-ellipsis") or changed
        if leading is not None and (trailing is not None or not TERMINAL.search(before)):
            changed = (
                work.take(index + 1, after[leading:], after[:leading], "leading-ellipsis")
                or changed
            )
    return changed


# ---- quiet texts ------------------------------------------------------------------------------
# Most posts of an archive hold no marker once their count is gone (and none at all in an
# unnumbered thread), yet each round of strip_markers asks every rule of every post: a count at
# each edge, a marker word, a pointer, an ellipsis. A quiet text is one for which every rule's
# own first test already fails, read once per text (tests/test_pass_shortcuts.py checks that no
# rule takes anything from a quiet text, and that the pass strips the same without this test).

# The first characters that may open a count (_leading_count), a marker word other than "a
# thread…" and "thread…" (_may_hold_words, whose pattern is tried below) or an ellipsis.
_LOUD_HEADS = frozenset(_COUNT_HEADS | (_WORD_HEADS - set(_WORD_LETTER_HEADS)) | set(_ELLIPSIS))
# The first letters of a word label ("Thread 1/5", "Part 1:", "Часть 1", "その1") or of a
# leading marker word ("A thread:", "Long thread 🧵").
_LETTER_HEADS = frozenset(_LABEL_LETTERS + _WORD_LETTER_HEADS)
_POINTER_LAST = frozenset(_POINTER_TAILS)


def _quiet(text: str) -> bool:
    """Does every rule of this pass leave `text` alone, wherever it stands in a thread: no count
    at either edge, no marker word or ellipsis at its start (_quiet_start), and no marker word,
    pointer or ellipsis closing it (_quiet_end)? (The closing line, which only the last post
    can have, is asked apart: _closing_line. _Work.quiet reads the same, remembered.)"""
    ends = _trailing_ends(text)
    return _quiet_start(text) and (
        _calm_end(text) or _trailing_count_of(text, ends) is None and _quiet_end(text, ends)
    )


# The punctuation no marker ends with.
_CALM_MARKS = frozenset("!;'\"’”。！？、」』")
# The letters that end a marker: "1/n", "/fin", "cont", "cont'd", "27x", "/thread", "END".
# (Not those of the slash words "/ende" and "/конец": a word with a slash is read apart below.)
_MARKER_LAST_LETTERS = frozenset("dDnNtTxX" + _PLAIN_WORD_LETTERS)
# The markers of letters only (_TRAILING_WORDS, case folded): every other one that ends in a
# letter holds a digit, "/", "#" or an apostrophe.
# ("n": the total of "1/ n".)
_LETTER_MARKERS = frozenset(["cont", "contd", "ctd", "end", "continued", "folgt", "n"])
# And those read in capitals only.
_CAPITAL_MARKERS = frozenset(["THREAD", "TBC"])


def _calm_end(text: str, link: bool = True) -> bool:
    """Is there nothing at the end of `text` that a rule of this pass takes: no link or hashtag
    closing it (_trailing_ends), no count (_trailing_count_of), no marker word, pointer or
    ellipsis (_quiet_end)? Answered from the last character and the last word, for the common
    endings: a letter no marker ends with, a word of letters that is no marker ("and then"),
    punctuation no marker ends with, "?" after no slash ("1/?" is a count); alone or before a
    full stop; and such a text closed by a link (`link`: one is looked for). False means: read it all
    (tests/test_pass_shortcuts.py checks it against those readings)."""
    body = text.rstrip() if text[-1:].isspace() else text
    stop = body[-1:] == "."
    last = body[-2:-1] if stop else body[-1:]
    if not last:
        return False
    # The last word, or more than it (a line break or a tab may part it): links, hashtags and
    # mentions hold "/", "#" or "@".
    space = body.rfind(" ")
    word = body[space + 1 : len(body) - stop]
    if "#" in word or "/" in word or "@" in word:
        # A link closing a calm text ("… more here. https://example.org/posts/42"): a count is
        # looked for only before it, where none ends, and a marker word or a pointer ends at its
        # end in none of its characters (a digit or a calm ASCII letter; a pointer or an
        # ellipsis is no ASCII). One link only, of the length _trailing_ends looks back over.
        return (
            link
            and len(word) <= _TAIL_WINDOW
            and word.startswith(("https://", "http://"))
            and word.isascii()
            and word.isprintable()
            and (last.isdigit() or last.isalpha() and last not in _MARKER_LAST_LETTERS)
            and _calm_end(body[:space], link=False)
        )
    if last.isalpha():
        if last not in _MARKER_LAST_LETTERS:
            return True
        if word.isascii():
            return (
                word.isalpha()
                and word.lower() not in _LETTER_MARKERS
                and word not in _CAPITAL_MARKERS
            )
        # ("ᲄ", "く", "续" and the like end a marker word in no calm way.)
        return last in "тТ" and not word.lower().endswith("следует")
    if last in _CALM_MARKS:
        return True
    if last == "," or last == ":":
        # A comma or a colon closes a count only ("… 1/4,", "… 1/ n,", "… 1/4:"), never a word of
        # letters ("… and then,", "Here is how:"); a colon also the thread's symbols ("A 🧵:").
        if last == ":" and body[-2:-1] in _WORD_TAILS:
            return False
        letters = word[:-1]
        return (letters.isalpha() and letters not in ("n", "N")) or not _may_end_in_count(
            body, len(body)
        )
    if last == "?":
        return word[-2:-1] not in _SLASHES
    return False


def _quiet_start(text: str) -> bool:
    """Does no count, marker word or ellipsis open `text`?"""
    lead = _lead(text) if text[:1].isspace() else 0
    head = text[lead : lead + 1]
    return not (
        head
        and (
            head.isdigit()
            or head in _LOUD_HEADS
            or head in _LETTER_HEADS
            and _may_announce(text, lead)
            and bool(_LABEL_HEAD.match(text, lead) or _LEADING_WORDS.match(text, lead))
        )
    )


def _quiet_end(text: str, ends: list[int]) -> bool:
    """Does no marker word, pointer or ellipsis close `text` before any of its `ends`
    (_trailing_ends)? (Marker words as _strip_words finds them; the others by their first
    tests.) (The closing line, which only the last post can have, is asked apart:
    _closing_line.)"""
    # A marker word before each end, searched for where a closing bracket or an emoji may end
    # one (_may_end_in_words): a post closed by "(edited)" has none.
    for end in ends:
        # (_may_hold_words's first tests.)
        last = text[end - 1 : end]
        if last == ".":
            last = text[end - 2 : end - 1]
            may = last in _MAY_END_WORD_BEFORE_DOT
        else:
            may = last in _MAY_END_WORD
        if (
            (
                may
                or last in _SLASHED_WORD_LETTERS
                and last
                and text.find("/", end - _SLASHED_SPAN if end > _SLASHED_SPAN else 0, end) >= 0
            )
            and _may_end_in_words(text, end)
            and _TRAILING_WORDS.search(text, max(0, end - _WINDOW), end) is not None
        ):
            return False
    # An ellipsis or a pointer closes the text's body.
    end = ends[0]
    last = text[end - 1 : end]
    if last == "…" or last == "." and text[end - 2 : end - 1] in (".", "…"):
        return False
    for end in ends:
        if text[end - 1 : end] in _POINTER_LAST:
            return _trailing_pointer(text, ends) is None
    return True
