"""Was a word cut in two at the boundary? Asked only where a post is full to the last character.

Tools that cut at the character limit cut wherever it falls: "…Turkey and Az" / "erbaijan." or
"…and to i" / "mprove sanitation." A writer's own cut, and a tool that cuts at spaces, falls
between two words. Which one happened is told by the words themselves, with the word
frequencies of `wordfreq` (its lists ship in its wheel; nothing is fetched):

  the fragment before the cut and the one after it are joined without a space when the joined
  word is a known word (zipf >= 2: once in ten million words) and more frequent than the rarer
  fragment. Two real words (both zipf >= 3, say "целям" / "и") are glued only when the joined
  word is clearly more frequent than the rarer of them (by 0.5 zipf, three times), so a cut
  between two words is never glued into a rarer word ("целям и" stays, "or" / "der" in an
  English thread becomes "order").

The lists are wordfreq's "large" ones (a few tenths of a second to load, once per process):
the "small" ones stop at zipf 3 and miss most inflected forms and compounds, which is where a
limit falls in German and Russian ("Infor" / "mationsquelle", "Übersichtssei" / "te", "дист" /
"рибутив", "па" / "кету" in the bench's "cut at 280" style).

A name the list rates below its fragments ("debian" under "deb" and "ian") is told by the thread:
it is one word when the thread writes it whole elsewhere and neither fragment alone, or when
the cut falls inside a name with a dot, a hyphen or a slash that the thread writes whole
elsewhere ("firmware-misc-non" / "free"; ThreadWords, below).

Where the tool is known to cut at characters, a post that stops exactly at the limit between two
letters was cut inside a word unless the letters make no word: a Chinese or Japanese thread (its
tools cut at any character, spaces or not: "…should al" / "ready be met", "…と res" / "tart。"),
or a thread where another full post was cut inside a word by the test above. There the joined
letters need only be a listed word (zipf >= 2), and not both fragments common words (zipf >= 6:
"schrieb er" / "den größten", "flinging the morsels on" / "the work" stay apart): "Ob" / "wohl",
"maintain" / "ed", "из" / "бежать", whose parts are words as well; the lists of the script's
other languages are read so too where the thread's language knows a fragment not ("fest" /
"gelegt" in a German passage of a thread read as English). Where the thread itself showed such a
cut (not Chinese and Japanese threads, whose Latin words are names the lists miss), two letters
or more after the cut that no list holds as a word, which the thread writes nowhere else, and
which do not open with a capital after a small letter, are the rest of a word ("für Per" /
"ipheriegeräte", "der grünen Pla" / "stiksoldaten"): a cut at a space leaves a word there.

A single letter counts as a word only where it is one ("a" and "I" in English, "и", "в", "к"…
in Russian): a lower-case "i" before "mprove" is a fragment.

The thread's language is told by its commonest function words ("the", "und", "и"…), so that
only that language's list is loaded. wordfreq is imported the first time a full post ends inside
letters, so threads without such a boundary (nearly all) never pay for loading it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from .length import TOP_LEVEL_DOMAIN

FREQUENT = 2.0
WORDLIST = "large"
REAL_WORD = 3.0
CLEARLY_MORE = 0.5
# Where the tool cuts at characters (see above): a fragment this frequent (once in a thousand
# words: "the", "er", "no") and the next one as frequent are two words, not one cut in two.
COMMON_WORD = 6.0
# The commonest words of each language wordfreq covers well, to tell a thread's language without
# loading any list (the first language wins a tie: English, the commonest on X).
FUNCTION_WORDS = {
    "en": {"the", "and", "of", "to", "is", "in", "that", "it", "for", "you", "with", "was"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "auf"},
    "fr": {"le", "la", "les", "et", "est", "des", "une", "un", "pas", "que", "pour", "dans"},
    "es": {"el", "la", "los", "las", "y", "es", "que", "en", "por", "una", "del", "con"},
    "it": {"il", "di", "che", "è", "la", "e", "non", "per", "una", "un", "del", "sono"},
    "pt": {"o", "de", "que", "e", "não", "um", "uma", "para", "com", "os", "do", "da"},
    "nl": {"de", "het", "een", "en", "van", "is", "niet", "dat", "op", "te", "met", "zijn"},
    "ru": {"и", "в", "не", "на", "что", "с", "он", "как", "это", "по", "к", "но"},
    "uk": {"і", "в", "не", "на", "що", "з", "як", "це", "та", "до", "й", "але"},
}
_ONE_LETTER_WORDS = {
    "en": {"a", "I"},
    "fr": {"a", "à", "y"},
    "es": {"a", "e", "o", "u", "y"},
    "it": {"a", "e", "è", "i", "o"},
    "pt": {"a", "e", "é", "o"},
    "ru": set("аиоуяквсАИОУЯКВС"),
    "uk": set("аіїйоуявзІЇЙОУЯВЗ"),
}
_LAST_LETTERS = re.compile(r"[^\W\d_]+$")
_FIRST_LETTERS = re.compile(r"^[^\W\d_]+")
_APOSTROPHES = "'’"
_WORD = re.compile(r"[^\W\d_]+")
# Kana, the CJK ideographs and their extension A and compatibility forms.
_CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_OR_KANA = re.compile(f"[{_CJK_CLASS}]")
_KANA = re.compile("[\u3040-\u30ff]")
# Threads in Chinese or Japanese, where Latin words are English ones, names and commands
# ("Debian", "apt-get"): their fragments are looked up in the English list.
CJK_LANGUAGES = frozenset({"ja", "zh"})
# Languages written in another script than Latin.
NON_LATIN_LANGUAGES = frozenset({"ru", "uk"})
# How many of a thread's words tell its language.
_SAMPLE_WORDS = 200


@lru_cache(maxsize=4096)
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    if len(word) == 1 and word not in _ONE_LETTER_WORDS.get(language, ()):
        return 0.0
    return float(zipf_frequency(word, language, wordlist=WORDLIST))


# How many characters tell whether a thread is written in Chinese or Japanese.
_SAMPLE_CHARACTERS = 2000


def written_in_cjk(texts: list[str]) -> bool:
    """Does the start of the thread hold as many Chinese characters and kana as words between
    spaces? A run between spaces holds many of them in Chinese and Japanese (links, commands and
    Latin words aside), while in other languages they are a quoted word or two. (One search over
    the posts rules most threads out, and only those characters are counted.)"""
    if not any(HAN_OR_KANA.search(text) for text in texts):
        return False
    sample = " ".join(texts)[:_SAMPLE_CHARACTERS]
    characters = len(HAN_OR_KANA.findall(sample))
    # As many characters as words: the sample split no more than `characters` times holds no
    # more pieces than that (a thread of Latin words with a quoted Japanese one is then told
    # from its first few words instead of a list of all of them; tests/test_speed_shortcuts.py
    # pins it to the plain count, len(HAN_OR_KANA.findall(sample)) >= len(sample.split())).
    return len(sample.split(None, characters)) <= characters


def thread_language(texts: Iterable[str]) -> str:
    """The language whose function words are commonest among the thread's first words; "ja" or
    "zh" when Chinese characters (and kana, for Japanese) make up a third of their letters."""
    words: list[str] = []
    for text in texts:
        words.extend(word.lower() for word in _WORD.findall(text))
        if len(words) >= _SAMPLE_WORDS:
            break
    sample = words[:_SAMPLE_WORDS]
    letters = sum(len(word) for word in sample)
    written = "".join(sample)
    if letters and 3 * len(HAN_OR_KANA.findall(written)) >= letters:
        return "ja" if _KANA.search(written) else "zh"
    return max(
        FUNCTION_WORDS, key=lambda language: sum(w in FUNCTION_WORDS[language] for w in sample)
    )


def fragments(before: str, after: str) -> tuple[str, str] | None:
    """The letters either side of the cut, when the cut falls between two letters of a word:
    not the ending after a word's apostrophe ("…listened to Grigory’s" / "and Marfa…": "’s"
    ends the name, and "s" + "and" is no word cut in two)."""
    last = _LAST_LETTERS.search(before)
    first = _FIRST_LETTERS.match(after)
    if last is None or first is None:
        return None
    start = last.start()
    if start >= 2 and before[start - 1] in _APOSTROPHES and before[start - 2].isalpha():
        return None
    return last.group(), first.group()


def is_cut_word(head: str, tail: str, language: str) -> bool:
    """Were `head` and `tail` one word, cut in two (see the module docstring)?"""
    joined = _zipf(head + tail, language)
    if joined < FREQUENT:
        return False
    head_zipf, tail_zipf = _zipf(head, language), _zipf(tail, language)
    rarer = min(head_zipf, tail_zipf)
    if rarer >= REAL_WORD:
        return joined >= rarer + CLEARLY_MORE
    return joined > rarer


def frequent_word_across(before: str, after: str, language: Callable[[], str]) -> bool:
    """The letters either side of the cut form one frequent word (is_cut_word) of the thread's
    language (English in Chinese and Japanese)."""
    pair = fragments(before, after)
    if pair is None:
        return False
    return is_cut_word(pair[0], pair[1], _word_language(language))


def _rest_of_a_word(head: str, tail: str, language: str, thread_words: ThreadWords | None) -> bool:
    """The letters after the cut are the rest of a word (module docstring): two or more, no
    capital after a small letter ("…welche die" / "Qwertzuiophausen"), no word of any list
    (_unknown), and written nowhere else in the thread, where they would be a name ("…von" /
    "debconf", bench dev "sliced every N characters": 16 cuts mended, 2 rare words glued to the
    word before, "рекламировать" / "неработоспособные")."""
    return (
        len(tail) >= 2
        and not (head[-1].islower() and tail[0].isupper())
        and _unknown(tail, language)
        and (thread_words is None or thread_words.count(tail) <= 1)
    )


def _listed_word_cut(head: str, tail: str, language: str) -> bool:
    """The joined letters are a listed word and the fragments not both common words (module
    docstring: a tool known to cut at characters)."""
    return _zipf(head + tail, language) >= FREQUENT and (
        min(_zipf(head, language), _zipf(tail, language)) < COMMON_WORD
    )


# ---- an English passage in a Chinese or Japanese thread -----------------------------------------
# Chinese and Japanese documents quote English at length: a paragraph left untranslated, a
# message, a licence. Such a passage holds several sentences, as English paragraphs do, and a
# post boundary between two of them is no paragraph break more often than one (bench, dev part:
# where the post ended and the next opened in English, 28 of 35 ran on in one paragraph; the
# paragraph rule, weighing the thread's Chinese or Japanese posts, broke 30 of them).
_PASSAGE_BEFORE = 60
_PASSAGE_AFTER = 40
_LATIN_SENTENCE_END = re.compile(r"[A-Za-z][)\]'\"”’]*[.!?][)\]'\"”’]*$")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Words either side: enough to be prose, not a command or a name between two statements.
_PASSAGE_WORDS = 3


def english_passage_goes_on(before: str, after: str) -> bool:
    """Does `before` end with an English sentence and `after` open with another, with no Chinese
    character or kana near the cut ("…the foundation of everything in Debian." / "All Debian
    packages come from…")?"""
    return (
        after[:1].isascii()
        and after[:1].isupper()
        and _LATIN_SENTENCE_END.search(before, max(0, len(before) - 4)) is not None
        and HAN_OR_KANA.search(before, max(0, len(before) - _PASSAGE_BEFORE)) is None
        and HAN_OR_KANA.search(after, 0, _PASSAGE_AFTER) is None
        and len(_LATIN_WORD.findall(before, max(0, len(before) - _PASSAGE_BEFORE))) > _PASSAGE_WORDS
        and len(_LATIN_WORD.findall(after, 0, _PASSAGE_AFTER)) >= _PASSAGE_WORDS
    )


# ---- the thread's own words ---------------------------------------------------------------------
# A name the word list rates below its fragments is still one word when the thread writes it
# whole elsewhere: "Deb" / "ian" in a Japanese thread about Debian (bench, dev "ellipsis pairs",
# Japanese Debian FAQ: "debian" has zipf 2.9, "deb" 3.2, "ian" 4.3). The cut is glued when the
# joined word stands elsewhere in the thread and neither fragment does: a writer who also wrote
# "an" or "deren" alone ("an" / "deren", German) or "a" alone ("a" / "round") keeps the space,
# so two words the thread uses are never glued.
# Letters of scripts written with spaces: a run of Chinese characters or kana is no word.
_SPACED_WORD = re.compile(rf"[^\W\d_{_CJK_CLASS}]+")


# A name with a dot, a hyphen, an underscore or a slash in it, as the thread writes it between
# spaces ("Contents-ARCH.gz", "foo_1.0-1.deb", "node.js", "firmware-misc-nonfree"), without the
# punctuation around it: the quotation marks and brackets before it, and the stop, comma or
# bracket after it.
_NAME_EDGES = "\"'“‘«(["
_NAME_TAIL = "\"'”’»)],;:!?."
_NAME_INSIDE = re.compile(r"\w[./_-]+\w")


def _bare_name(token: str) -> str:
    return token.lstrip(_NAME_EDGES).rstrip(_NAME_TAIL)


# Where a Latin letter meets a Chinese character or kana, with or without a space. (Not a digit:
# numbers go with their counters even in text that spaces words apart, "3つ", "5文字", "2番目";
# bench, Japanese Debian FAQ: letters 31 together and 1522 apart, digits 46 and 113.)
_SCRIPTS_TOGETHER = re.compile(f"[A-Za-z][{_CJK_CLASS}]|[{_CJK_CLASS}][A-Za-z]")
_SCRIPTS_APART = re.compile(f"[A-Za-z] [{_CJK_CLASS}]|[{_CJK_CLASS}] [A-Za-z]")
# What else may follow a Chinese character or kana with a space or without, each measured apart
# in the writer's own text: a number ("1994 年 11 月" against "第1章"), an opening bracket ("安定版
# (stable)"), a path or an address ("は /usr/share", "请联系 <debian-admin@…>").
_AFTER_SCRIPT = {"digit": "[0-9]", "(": r"\(", "/": "/", "<": "<"}
_AFTER_SCRIPT_TOGETHER = {
    kind: re.compile(f"[{_CJK_CLASS}]{pattern}") for kind, pattern in _AFTER_SCRIPT.items()
}
_AFTER_SCRIPT_APART = {
    kind: re.compile(f"[{_CJK_CLASS}] {pattern}") for kind, pattern in _AFTER_SCRIPT.items()
}


# ---- a tool that cuts at a fixed number of characters ------------------------------------------
# A tool that cuts every N characters wherever they fall cuts inside words at N, and N need not
# be X's limit: 140 (the old limit), or 270 with " [1/12]" added after the cut, or 277 with
# "..." (probes of the cuts helper, dev documents). Its posts, markers stripped, hold exactly N
# characters, but for the last of each paragraph (and N - 1 where the cut fell after a space,
# which the tool trimmed). A tool that cuts at spaces stops anywhere in the last word's width
# before N. So: the longest posts of the thread (N characters, or N - 1), at least two of them,
# set the cut length where they outnumber the posts a few characters shorter (2 to 8 under: a
# cut at spaces spreads its posts over them, a cut at N leaves them to paragraph ends that
# happen to fall there). Posts of exactly N characters are full for the word test
# (cut_inside_word), as posts at X's limit are; the
# word test is what keeps two real words apart where a cut at spaces ends two posts at the same
# length by chance. Shorter than 100 characters (as X weighs them: 50 Chinese characters or
# kana) is no cut length: short posts ("Thanks!") are the same length by chance. (X's old
# limit, 140, at which old tools cut, was tried as a cut length of its own, read from one post:
# hand-typed posts of 140 characters, common in archives of the years it held, then loaded the
# word lists, a tenth of the archive export's time.)
CUT_LENGTH_SPREAD = (2, 8)
CUT_LENGTH_MIN = 100
CUT_LENGTH_POSTS = 2


def cut_length(texts: Iterable[str]) -> int:
    """The number of characters a tool cut the thread's posts at, or 0 where the posts show
    none (see above)."""
    # (Not the last post: it holds what was left, whatever its length.)
    posts = list(texts)[:-1]
    lengths = [len(text) for text in posts]
    longest = max(lengths, default=0)
    if longest < CUT_LENGTH_MIN:
        # Counted as X weighs them: a Chinese character or kana counts two, so 70 of them make a
        # cut length as 140 Latin letters do (bench dev "sliced every N characters" at 70).
        if 2 * longest < CUT_LENGTH_MIN or (
            longest + len(HAN_OR_KANA.findall(posts[lengths.index(longest)])) < CUT_LENGTH_MIN
        ):
            return 0
    at_longest = lengths.count(longest) + lengths.count(longest - 1)
    low, high = longest - CUT_LENGTH_SPREAD[1], longest - CUT_LENGTH_SPREAD[0]
    spread = sum(low <= length <= high for length in lengths)
    return (
        longest
        if at_longest >= CUT_LENGTH_POSTS and at_longest > spread and 2 * at_longest >= len(lengths)
        else 0
    )


# A half-width "," or ";" between two Chinese characters or kana, with a space after it or none.
_CLAUSE_MARK_SPACED = re.compile(f"[{_CJK_CLASS}][,;] [{_CJK_CLASS}]")
_CLAUSE_MARK_TIGHT = re.compile(f"[{_CJK_CLASS}][,;][{_CJK_CLASS}]")


class ThreadWords:
    """How often each word (lower-cased) stands in the thread's posts, and the dotted names it
    writes; each counted the first time a boundary asks (one pass over the thread), so threads
    without such a boundary never count."""

    def __init__(self, texts: Callable[[], Iterable[str]]) -> None:
        self._texts = texts
        self._counts: dict[str, int] | None = None
        self._names: set[str] | None = None
        self._apart: tuple[bool, bool] | None = None
        self._cut_length: int | None = None
        self._clause_space: bool | None = None
        self._spaced_before: dict[str, bool] = {}

    def scripts_apart(self) -> bool | None:
        """Does the writer put a space between a Latin letter and a Chinese character or kana
        ("Debian パッケージ", "在 Debian 中")? False where they write them together
        ("使用Debian系统"), None where the thread shows neither more often. (A cut between a
        Latin word and what follows keeps its space, as any join does: where the writer writes
        them together was tried on the validation part, whose Japanese cuts it lost.)"""
        if self._apart is None:
            together = apart = 0
            for text in self._texts():
                if HAN_OR_KANA.search(text):
                    together += len(_SCRIPTS_TOGETHER.findall(text))
                    apart += len(_SCRIPTS_APART.findall(text))
            self._apart = (apart > together, apart < together)
        return True if self._apart[0] else False if self._apart[1] else None

    def spaces_before(self, char: str) -> bool:
        """Does the writer put a space between a Chinese character or kana and what `char`
        starts (a digit, "(", "/" or "<") more often than none? (Counted once per kind.)"""
        kind = "digit" if char.isascii() and char.isdigit() else char
        if kind not in _AFTER_SCRIPT:
            return False
        known = self._spaced_before.get(kind)
        if known is None:
            together = apart = 0
            for text in self._texts():
                if HAN_OR_KANA.search(text):
                    together += len(_AFTER_SCRIPT_TOGETHER[kind].findall(text))
                    apart += len(_AFTER_SCRIPT_APART[kind].findall(text))
            known = self._spaced_before[kind] = apart > together
        return known

    def spaces_after_clause_mark(self) -> bool:
        """Does the writer put a space after a half-width "," or ";" between two Chinese
        characters or kana more often than none ("でした; 約", against "时,只")?"""
        if self._clause_space is None:
            spaced = tight = 0
            for text in self._texts():
                if "," in text or ";" in text:
                    spaced += len(_CLAUSE_MARK_SPACED.findall(text))
                    tight += len(_CLAUSE_MARK_TIGHT.findall(text))
            self._clause_space = spaced > tight
        return self._clause_space

    def writes_name(self, before: str, after: str) -> bool:
        """Does the thread write, elsewhere, the name that the last word of `before` and the
        first word of `after` make together ("Contents-ARCH." / "gz", "firmware-misc-non" /
        "free")?"""
        if self._names is None:
            self._names = {
                name
                for text in self._texts()
                for token in text.split()
                if _NAME_INSIDE.search(name := _bare_name(token))
            }
        head = before.rsplit(None, 1)[-1] if before else ""
        tail = after.split(None, 1)[0] if after else ""
        name = _bare_name(head + tail)
        return bool(_NAME_INSIDE.search(name)) and name in self._names

    def count(self, word: str) -> int:
        if self._counts is None:
            counts: dict[str, int] = {}
            for text in self._texts():
                for found in _SPACED_WORD.findall(text):
                    key = found.lower()
                    counts[key] = counts.get(key, 0) + 1
            self._counts = counts
        return self._counts.get(word.lower(), 0)

    def at_cut_length(self, text: str, exactly: bool = False) -> bool:
        """Is `text` (a post's, markers stripped) as long as the posts a tool cut this thread at
        a fixed number of characters (`cut_length`, above)? `exactly`: N characters, none
        trimmed, so that the post ends where the tool cut."""
        if self._cut_length is None:
            self._cut_length = cut_length(self._texts())
        if exactly:
            return self._cut_length > 0 and len(text) == self._cut_length
        # (One character short: the tool cut at N and the platform trimmed a space at an edge
        # of the post. At its end, the cut fell after a space, and two words are there, which
        # the frequency test alone keeps apart (boundaries.py reads such a post with it only);
        # at its start, the post's end is the tool's cut as at N: "… der un" / "tersützten
        # Geräte", bench dev "sliced every N characters".)
        return self._cut_length > 0 and self._cut_length - 1 <= len(text) <= self._cut_length

    def fragments_stand_only_here(self, before: str, after: str) -> bool:
        """Do the letters either side of the cut stand nowhere else in the thread as words?"""
        pair = fragments(before, after)
        return pair is not None and self.count(pair[0]) <= 1 and self.count(pair[1]) <= 1

    def one_word(self, head: str, tail: str) -> bool:
        """Does the thread write `head` + `tail` as one word, and each fragment only here?"""
        return self.count(head + tail) > 0 and self.count(head) <= 1 and self.count(tail) <= 1


# A full post whose last letters and the next post's first letters are both unknown to the word
# lists was cut inside a word, whatever the joined word's frequency: a writer's words, or a cut
# at a space, leave a word on each side; the lists miss only rare compounds and inflected forms
# ("Paketverwa" / "ltung", "nichtpolitische" / "r", "Hochschulun" / "terricht" in the probes of
# a tool cutting every 140 or 270 characters). Asked only where a post is full, as the frequency
# test is. "Unknown" is to the thread's language's list and to those of the languages its
# script is most often written in here: for Latin letters English's and German's, for Cyrillic
# Russian's. (English words and names stand in text of any language, "Release", "Linus"; and a
# thread's language is read from its first words, which may be another language's: a German
# Debian page that quotes an English paragraph first, "Dieses Dokument" / "beantwortet", dev.)
_SCRIPT_LANGUAGES = (("en", "de"), ("ru",))


def _other_languages(fragment: str, language: str) -> list[str]:
    """The languages other than `language` whose lists also read the fragment's script
    (_SCRIPT_LANGUAGES: Russian for Cyrillic, English and German for Latin letters)."""
    cyrillic = "\u0400" <= fragment[0] <= "\u04ff"
    others = _SCRIPT_LANGUAGES[1] if cyrillic else _SCRIPT_LANGUAGES[0]
    return [other for other in others if other != language]


def _word_language(language: Callable[[], str]) -> str:
    """The language whose word list reads the thread's Latin and Cyrillic words: its own, or
    English in a Chinese or Japanese thread (their Latin words are English ones and names)."""
    known = language()
    return "en" if known in CJK_LANGUAGES else known


def _unknown(fragment: str, language: str) -> bool:
    """No word list holds the fragment (see above)."""
    if _zipf(fragment, language) > 0.0:
        return False
    return all(_zipf(fragment, other) == 0.0 for other in _other_languages(fragment, language))


# A name written in lower case opens a sentence as readily as a capital does: a command, a
# package or a file ("systemd is able to…", "dpkg calls the prerm script…", "s390x: …",
# "logging_log_file is…"). A word the lists rate below this is taken for one (bench, dev part:
# "systemd" 2.2, "dpkg" 1.4, "grep" 2.1; "apt" 3.7, "git" 3.4 read as words).
NAME_BELOW = 3.0
# What a name holds and a word does not: digits and the joints of commands and files.
_NAME_JOINTS = re.compile(r"[\d\-_/.]")
# The punctuation that may follow the first word of a sentence.
_AFTER_FIRST_WORD = ",;:.!?)]»”’'\""


def opens_with_name(text: str, language: str) -> bool:
    """Does `text` open with a lower-case name rather than a word of `language`: one holding a
    digit, "-", "_", "/" or "." inside, a Latin one in a thread written in another script, or
    one the word lists rate below NAME_BELOW?"""
    parts = text.split(None, 1)
    token = parts[0].rstrip(_AFTER_FIRST_WORD) if parts else ""
    if not token or not token[0].islower():
        return False
    if _NAME_JOINTS.search(token, 1):
        return True
    if not token.isalpha():
        return False
    # (In a Chinese or Japanese thread every lower-case word is another script's: its lists are
    # never asked, which need a tokenizer the project does not install; property test:
    # "aß 東京" after "a 3.", whose "aß" is Latin but not ASCII.)
    if language in CJK_LANGUAGES or token.isascii() and language in NON_LATIN_LANGUAGES:
        return True
    return _zipf(token.lower(), language) < NAME_BELOW


def no_word_either_side(head: str, tail: str, language: str) -> bool:
    """Neither fragment is a word of any list (see _unknown)."""
    return _unknown(head, language) and _unknown(tail, language)


# A post that ends in letters no word list holds as a word (below FREQUENT), where with the next
# post's first letters they form a common word (REAL_WORD), was cut inside it, full or not: a
# writer ends a post on a whole word ("…longer limited by individ" / "ual disks", "…if nece" /
# "ssary", probes of tools slicing every 250 characters, two posts, where no cut length shows;
# bench dev: 5 more cuts mended, no two words glued; a name the lists miss, "…Mitya, Tri" /
# "fon", makes no common word with what follows).
def cut_after_unknown_letters(before: str, after: str, language: Callable[[], str]) -> bool:
    """`before` ends in letters rare in every word list (_rare_everywhere) that, with the
    letters opening `after`, form a word of the thread's language met at least REAL_WORD
    often."""
    pair = fragments(before, after)
    # (One letter says nothing: "a", "I", "à", "и" and "в" are words, and the lists' one-letter
    # words are read case by case, _ONE_LETTER_WORDS: "A" / "a a." stays apart.)
    if pair is None or len(pair[0]) < 2:
        return False
    known = _word_language(language)
    joined = _zipf(pair[0] + pair[1], known)
    return joined >= REAL_WORD and _rare_everywhere(pair[0], known)


def _rare_everywhere(fragment: str, language: str) -> bool:
    """The fragment is below FREQUENT in the language's list and in those of the languages its
    script is most often written in here (as _unknown reads them): the lists hold a few
    fragments of longer words from the texts they were counted on ("individ", "nece")."""
    if _zipf(fragment, language) >= FREQUENT:
        return False
    return all(_zipf(fragment, other) < FREQUENT for other in _other_languages(fragment, language))


def is_english_word(token: str) -> bool:
    """Is `token` (or each part of a hyphenated one: "non-free") a word of English's list,
    met at least REAL_WORD often?"""
    parts = token.lower().split("-")
    return all(part and _zipf(part, "en") >= REAL_WORD for part in parts)


def cut_inside_word(
    before: str,
    after: str,
    language: Callable[[], str],
    thread_words: ThreadWords | None = None,
    by_characters: bool = False,
    rests: bool = False,
) -> bool:
    """`before` ends and `after` starts with letters that form one frequent word, or one word the
    thread writes whole elsewhere (`thread_words`); or, where a tool cutting at characters
    stopped exactly at the limit (`by_characters`), any listed word (module docstring).
    `language` is asked only when there are two such fragments (it may read the whole thread)."""
    pair = fragments(before, after)
    if pair is None:
        return False
    known = _word_language(language)
    if is_cut_word(pair[0], pair[1], known) or no_word_either_side(pair[0], pair[1], known):
        return True
    if by_characters and (
        _listed_word_cut(pair[0], pair[1], known)
        or rests
        and _rest_of_a_word(pair[0], pair[1], known, thread_words)
    ):
        return True
    # Latin words in a Russian or Ukrainian thread are English ones and names, as in Chinese and
    # Japanese ("файлы Package" / "s, состоящие", bench "cut at 280").
    if known in NON_LATIN_LANGUAGES and (pair[0] + pair[1]).isascii() and is_cut_word(*pair, "en"):
        return True
    # A thread's language is read from its first words, and a thread mixes languages of one
    # script: a German page quoting English, an English one quoting German (bench, dev "cut at
    # 280", Debian handbook de read as English: "…standardmäßig deakti" / "viert.", "Ob" /
    # "wohl"). Where the thread's language knows neither fragment, the word is looked up in the
    # lists of the script's other languages, by the same frequency test; two words of the
    # thread's language are never glued by another's list ("the" / "men" stays two English
    # words though German writes "themen").
    if (_zipf(pair[0], known) == 0.0 or _zipf(pair[1], known) == 0.0) and any(
        is_cut_word(*pair, other) or by_characters and _listed_word_cut(*pair, other)
        for other in _other_languages(pair[0], known)
    ):
        return True
    # A post that ends in letters no word list holds, where with the next post's first letters
    # they form a word the list of the thread's language holds, however rare: a splitter cut
    # inside an inflected form or a compound ("…ознакомятс" / "я с операционной…",
    # "…брандмауэ" / "ры)", bench dev "cut at 280"); a writer's words, and a cut at a space,
    # leave a word before the cut.
    if _unknown(pair[0], known) and _zipf(pair[0] + pair[1], known) > 0.0:
        return True
    return thread_words is not None and (
        thread_words.one_word(pair[0], pair[1]) or thread_words.writes_name(before, after)
    )


# ---- a link or an address cut at one of its dots ------------------------------------------------
# A splitter that cuts after a full stop cuts inside links too ("https://wiki.debian." /
# "org/ReleaseGoals/", "<doc-debian@packages." / "debian.org>", bench "pkg text-to-tweets"). A
# post that ends inside a host name, "://" or "@" with no "/" after it and no top-level domain
# yet ("https://www.", "ftp.gnu."), was cut there: a host does not end in "." ("mail
# foo@example.org." is a whole address, and ends a sentence).
# Tried and dropped (they helped the development part but lost words on the validation part,
# where posts open with file names): a next post opening with a dotted name ("comp." /
# "os.linux.*") or a domain and a path, and a file name's stem before a short extension
# ("Contents-ARCH." / "gz"). A file name the thread writes whole elsewhere is joined
# (ThreadWords.writes_name).
# The host is searched for in the last characters only.
_HOST_SPAN = 120
# (An address has a name before its "@"; "ask @jack." ends a sentence with a mention.)
_HOST_UNFINISHED = re.compile(r"(?:://|(?<=[\w.+\-])@)[\w\-]+(?:\.[\w\-]+)*\.$")
_ENDS_IN_DOMAIN = re.compile(f"\\.(?:{TOP_LEVEL_DOMAIN})\\.$", re.IGNORECASE)


def host_cut_at_dot(before: str) -> bool:
    """`before` ends inside a link's or an address's host name (see above). Asked only where it
    ends with "." and the next post opens with a lower-case ASCII letter or a digit."""
    host = _HOST_UNFINISHED.search(before, max(0, len(before) - _HOST_SPAN))
    return host is not None and not _ENDS_IN_DOMAIN.search(host.group())


# ---- a Japanese word cut in two --------------------------------------------------------------
# Japanese is written without spaces, and its splitters cut at any character; a post that ends
# without 。 may end a statement (dsajgiouawj's archive thread: "…実装してみたい" / "62種…") or a
# word ("…読んでくだ" / "さい。", "…実" / "際のパッケージ"). MeCab, the Japanese morphological
# analyser (through fugashi, with the IPA dictionary), reads the characters either side of the
# cut: a statement ends at the end of a word, so a word spanning the cut says a tool cut there.
# Loaded the first time a Japanese post ends that way (a few milliseconds), never otherwise.
_JAPANESE_SPAN = 12


@lru_cache(maxsize=1)
def _japanese_tagger() -> Callable[[str], Iterable[object]]:
    # Dependencies, imported as wordfreq is (`_zipf`): an install without them fails loudly here
    # rather than reading Japanese cuts by another rule than the one tested.
    import fugashi  # type: ignore[import-untyped]
    import ipadic  # type: ignore[import-untyped]

    tagger: Callable[[str], Iterable[object]] = fugashi.GenericTagger(ipadic.MECAB_ARGS)
    return tagger


# Besides a word across the cut, the words either side of it say the sentence goes on where the
# first word after the cut is one that attaches to the word before it and never opens a
# sentence: a particle, an auxiliary verb, a suffix, a dependent noun, verb or adjective
# ("…ディレクトリ" / "にあります。", "…番目" / "です。", "…貢献" / "者は", "…する" / "か、");
# where the last word before it is a prefix, which stands before its noun or number ("約" /
# "3.5 MB", "第" / "7 章") or an adnominal, which stands before its noun ("小さな" /
# "スクリプト"); and where a noun meets the "する" that makes it a verb ("…上書き" / "している
# のです", "クラッシュ" / "する問題"). (Probes of the cuts helper: its own Japanese text, cut by
# splitters at every limit from 100 to 280.)
_DEPENDENT = frozenset({"助詞", "助動詞"})
_DEPENDENT_KIND = frozenset({"非自立", "接尾"})


def _feature(word: object) -> tuple[str, ...]:
    feature = getattr(word, "feature", ())
    return tuple(feature) if isinstance(feature, tuple) else ()


def _attaches_to_what_precedes(word: object, previous: object | None) -> bool:
    feature = _feature(word)
    if not feature:
        return False
    if feature[0] in _DEPENDENT:
        return True
    if feature[0] in ("名詞", "動詞", "形容詞") and feature[1:2] and feature[1] in _DEPENDENT_KIND:
        return True
    before = _feature(previous) if previous is not None else ()
    if before[:1] in (("接頭詞",), ("連体詞",)):
        return True
    return before[:1] == ("名詞",) and feature[0] == "動詞" and feature[6:7] == ("する",)


def _opens_as_conjunction(text: str) -> bool:
    """Does MeCab read the text's first word, alone, as a conjunction? "でも", "だから", "が",
    "で" open sentences ("でも明日は雨だ。"), though after a verb with no 。 between they read as
    particles ("…楽しかった" / "でも明日は…")."""
    first = next(iter(_japanese_tagger()(text)), None)
    return _feature(first)[:1] == ("接続詞",)


def japanese_word_spans_cut(before: str, after: str) -> bool:
    """Does MeCab read one word across the end of `before` and the start of `after`, or a first
    word after the cut that attaches to the one before it (see above)?"""
    head, tail = before[-_JAPANESE_SPAN:], after[:_JAPANESE_SPAN]
    if not head or not tail:
        return False
    tagger = _japanese_tagger()
    cut = len(head)
    position = 0
    previous: object | None = None
    for word in tagger(head + tail):
        position += len(getattr(word, "white_space", ""))
        end = position + len(getattr(word, "surface", ""))
        if position < cut < end:
            return True
        if position >= cut:
            return _attaches_to_what_precedes(word, previous) and not _opens_as_conjunction(tail)
        previous = word
        position = end
    return False
