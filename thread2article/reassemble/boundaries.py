"""How each post continues the one before it: the decision at every boundary between two posts.

Every boundary between two posts gets one class:
  join-word       join without a space: the previous post ends in a hyphen inside a word
                  ("well-" / "known"), or the next opens with closing punctuation ("?" / "” he said")
  join            the cut fell inside a sentence: join with a space (none between CJK characters)
  same-paragraph  a sentence ended at the cut, and the next one continues the paragraph
  new-paragraph   a sentence ended and the writer started a new paragraph
  gap             posts are missing here: a visible note, never a silent join

The paragraph rule at a sentence end (same or new paragraph) is paragraphs.py's.
Length is counted as the thread's platform counts it, against its limit (length.py).

Before that rule, the signals that settle a boundary outright: a hyphen, closing punctuation,
a straight quotation mark (or German "“") closing the quotation before (or a full-width "："
or "；"), a link cut before one of its dots, a hyphenated word cut before its hyphen where the
tool cut at characters, a word cut in two
at a full post's last character (words.py: the word list, or the thread's own words; "full"
also at the fixed length a tool cut the thread's posts at, words.cut_length), a file
name cut at its dot that the thread writes whole elsewhere, or, in Chinese and Japanese, a
number or a file name cut at its dot (join-word); an ellipsis pair, a number cut at its separator (exactly three digits after an English thousands ","), a title such
as "Mr." or "Col.", an abbreviation written with spaces cut at one ("z." / "B."), "ca.",
"A.D.", "p." or "Kap." before a number, a ";" after a word, a ":" after a word (unless it
announces an attachment or a list), a Japanese particle, "ー", a small kana or "ん" opening the
next post (join); a post published ten minutes or more after the one before whose text does
not continue it (new paragraph: a later statement); a post ending in a list (new paragraph); no terminal punctuation
(join), except where the post has room left and ends at a thread marker (🧵, 👇), at an attached
image or quote, at a link, or, in Japanese, on a statement ending with the next sentence able to
fit and no word across the cut (MeCab, words.py) (these end the sentence). "Room left" is X's count; for a link and for the Japanese
statement, also a tool's count of characters (_fits_in_characters).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Post
from .blocks import ends_in_list, starts_list
from .draft import PostText, built
from .length import URL_WEIGHT, Counting, counting_for
from .mentions import leading_mentions_end
from .text import ends_with_terminal, is_cjk
from .words import (
    HAN_OR_KANA,
    ThreadWords,
    cut_after_unknown_letters,
    cut_inside_word,
    english_passage_goes_on,
    frequent_word_across,
    host_cut_at_dot,
    is_english_word,
    japanese_word_spans_cut,
    opens_with_name,
)

# A link in the post's last word (searched there only: a post of "http://http://…" would make a
# search of the whole post quadratic).
_URL_IN_WORD = re.compile(r"https?://\S")
# A hashtag or a mention closing a post ends its statement. A "#" before digits alone is no
# hashtag (X links none: a hashtag holds a letter) but a number ("参见 Bug #796118" / "以了解详细
# 信息", bench dev "pkg text-to-tweets", Chinese Debian FAQ), which a sentence goes on after.
_HASHTAG_END = re.compile(r"(?:#(?!\d+$)|@)\w+$")
_HYPHEN_END = re.compile(r"\w-$")
# (What a post continues with, read from its first character: a set, tested at every boundary.)
_CONTINUING = frozenset(",;:)]%’”")
# A hyphen that stands for the rest of a compound written out later keeps its space before
# "and", "or", "to": "vom a.out- zum ELF-Format", "Ein- und Ausgabe", "pre- and post-war" (bench,
# "cut at 280", German Debian FAQ). A hyphen split never leaves one of these words after it.
_ELIDED_COMPOUND_GOES_ON = re.compile(
    r"(?:und|oder|bis|zum|zur|sowie|als|and|or|nor|to|through|и|или|до)(?!\w)"
)
# Punctuation that never opens a word: a post starting with it continues the word before.
# "»" closes a quotation in French ("« mot »") but opens one in German ("»Experimental«",
# "»… Ich erinnere mich"): it counts only where no word (nor ".deb") nor ellipsis follows it,
# nor an option, a bracket, a path or a quotation mark ("»--exclude-vcs«", "»(foo)«", bench dev
# Debian New Maintainers' Guide de).
# A "." followed by another opens a post with an ellipsis ("... Ian Murdock さん"), no stop.
# The full-width "：" and "；" no more open a post than "，" does ("…极类似 APT" / "：维护一个…",
# bench dev "sliced every N characters", Chinese Debian handbook).
_CLOSING = re.compile(
    r"^(?:[,;:!?)\]%”」』）、。，！？：；]|[.’](?![\w.])|»(?![\w…\-(\[/„\"'<]|\.\w|\.\.))"
)
# The characters _CLOSING can match first: a post that opens with none of them (nearly all) is
# ruled out without the pattern (tests/test_speed_shortcuts.py checks every character).
_CLOSING_FIRST = frozenset(",;:!?)]%”」』）、。，！？：；.’»")
# Punctuation that can end a sentence (";" and ":" only end clauses).
# (An ellipsis "..." is found by its last "."; see text.TERMINAL.)
SENTENCE_STOP = re.compile(r"[.!?…。！？]['\"”’»)\]」』]*$")
_CLAUSE_STOP = re.compile(r"[;:,；：，、]['\"”’»)\]]*$")
_CLAUSE_MARKS = frozenset(",;:，；：、")
# A number cut at its decimal point or thousands separator ("grew 3." / "5% last year",
# "1," / "000 people"). Not a year ("in 2023." / "2024 was worse") and not a numbered step
# ("Step 1." / "2. Then").
_NUMBER_CUT = re.compile(r"(?<![\d.,])\d{1,3}[.,]$")
_NUMBER_GOES_ON = re.compile(r"^\d++(?![.)]\s)")
# After a thousands separator come exactly three digits: "1," / "000 people" is 1,000, but
# "1," / "20 people" is a list ("1, 20 people"), joined with a space as any comma is.
_THOUSANDS_GO_ON = re.compile(r"^\d{3}(?!\d)")
# Languages that write the decimal comma ("3,5 Prozent"); the others (English, Chinese,
# Japanese) group thousands with it ("1,000") (words.FUNCTION_WORDS names).
_DECIMAL_COMMA = frozenset({"de", "fr", "es", "it", "pt", "nl", "ru", "uk"})
# Abbreviations that end in a full stop but never end a sentence before a name or a number
# ("said Mr." / "Smith."): civil and military titles, which stand before a name ("Col." /
# "Smith", "Gov." / "Brown"), and "e.g."/"i.e.". "etc." and "U.S." are left out: they often do
# end sentences, and so do "Jr." and "Sr.", which follow a name. A word like "vs." or "cf." can
# end a sentence in a writer's shorthand (and does in tests/test_properties.py's random prose).
# German and Russian have their own, which introduce what follows ("z. B." / "Debian", "vgl." /
# "Abschnitt 4", "т. е." / "программы", "см." / "Раздел 5"): a capitalised German noun after
# them is no new sentence (issue 10, item 3). "usw.", "u. a." and "и т. д." end sentences too.
# So do none of "bzgl.", "insb.", "evtl.", "zzgl.", "exkl." (regarding, especially, perhaps,
# plus, minus: each stands before what it qualifies) nor the titles "проф." and "акад.".
_NEVER_FINAL = re.compile(
    r"(?:^|[\s(“\"„«])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Rev|St|Gov|Pres|Hon|Col|Lt|Capt|Maj|Sgt|"
    r"Cpl|Pvt|Adm|Brig|Cmdr|Insp|Supt|e\.g|i\.e|"
    r"[zZ]\. ?B|[dD]\. ?h|[vV]gl|bzw|sog|inkl|bspw|ggf|bzgl|insb|evtl|zzgl|exkl|"
    r"[тТ]\. ?е|[тТ]\. ?к|[сС]м|напр|проф|акад)\.$"
)
# The longest text _NEVER_FINAL can match (" Prof.", " Brig.", " bspw."), so only the end of a
# post is searched.
_NEVER_FINAL_SPAN = 7


def _never_final(before: str) -> bool:
    """bool(_NEVER_FINAL.search(before)) for a stripped text: searched only at its end (`pos`
    spares the whole post; `^` still means the real start of the text), and only after a "."
    (every match ends in one, and the pattern's `$` is the text's end: two posts in three end
    otherwise; tests/test_speed_shortcuts.py pins it to the plain search)."""
    return before.endswith(".") and bool(
        _NEVER_FINAL.search(before, max(0, len(before) - _NEVER_FINAL_SPAN))
    )


# Abbreviations that stand before a number ("ca." / "300 people", "approx." / "20 km", "in
# A.D." / "79"): before a post that opens with a digit the sentence goes on. "A.D." and "B.C."
# after a number ("in 79 A.D.") can end a sentence like any word, so they count only where no
# number stands before them; "B.C." always follows its number in English and is not listed.
# Also the abbreviations of a page, article, section, chapter, volume or figure that stand before
# their number ("see p." / "42", "Art." / "3 GG", "Abs." / "2", "Kap." / "4", "гл." / "5"), none
# of them an English, German or Russian word that ends a sentence.
_BEFORE_NUMBER = re.compile(
    r"(?:^|[\s(“\"])(?:ca|approx|Nr|A\.D|p|pp|vol|Vol|Fig|fig|S|Abs|Abschn|Kap|Bd|"
    r"ст|гл|рис|разд)\.$"
)
# The longest text _BEFORE_NUMBER can match (" approx.", " Abschn.").
_BEFORE_NUMBER_SPAN = 8
# An abbreviation written with a space after each of its letters ("z. B.", "d. h.", "u. a.",
# "т. е.", the initials "J. R. R. Tolkien") cut at one of those spaces: the post ends in a lone
# letter and a full stop, and the next opens with another. A sentence neither ends in a lone
# letter after a space ("z." / "B. Debian-Pakete", German nouns capitalised) nor opens with one
# and a full stop (bench: the styles read a lone letter before "." as no sentence end).
_LONE_LETTER_STOP = re.compile(r"(?:^|\s)[^\W\d_]\.$")
_OPENS_WITH_LONE_LETTER_STOP = re.compile(r"^[^\W\d_]\.(?=\s|$|[^\W\d_]\.)")
# The sentence goes on across ";" (a clause ends there, never a sentence), whatever the case of
# the next word: ";" after a word. (Not ";)", a wink, and not a statement of code,
# "print(m.get('one'));" in the html-embed-hermes golden, whose ";" follows a bracket.)
_SEMICOLON_END = ("；", ";")


def _clause_ends(before: str) -> bool:
    return before.endswith(_SEMICOLON_END) and before[-2:-1].isalnum()


# A colon after a word announces what follows in the same sentence ("The list holds three
# things:" / "Pakete, Werkzeuge und Handbücher."; German capitalises the noun after it, so case
# says nothing). Not after a number ("at 10:" / "30"), and not before a list the next post lays
# out line by line ("Our rules:" / "1) be kind" + a line break + "2) …"): a list is a block of
# its own.
_COLON_END = (":", "：")


def _announces(before: str, after: str) -> bool:
    # (After a word, or after the bracket or quotation that closes one: "Debian 3.0 Woody (2002
    # 年 7 月 19 日):" / "映画 Toy Story の…", bench "clause per post", Debian history.)
    return (before[-2:-1].isalpha() or before[-2:-1] in _CLOSES_A_WORD) and not (
        "\n" in after and starts_list(after.split("\n", 1)[0])
    )


_CLOSES_A_WORD = frozenset(")]”」』）\"'")


# A path at the end of a text: ASCII letters, digits and "._~+-" with a slash among them,
# ("(/etc/ssh", "/var/s"), searched in the last characters only.
_PATH_END = re.compile(r"/[A-Za-z0-9_.~+/-]*[A-Za-z0-9_~+-]$")
_PATH_SPAN = 200
# A path's first slash, alone or after a directory's name ("in /", "(/", "pool/"), at the end of
# a text; and a link's scheme cut between its slashes ("https:/" / "/www.debian.org/…").
_PATH_START_END = re.compile(r"(?:^|[\s(\[“\"'「（])[A-Za-z0-9_.~+-]*/$")
_SCHEME_CUT = re.compile(r"(?:^|[^A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:/$")
_SCHEME_SPAN = 40
# The rest of a hyphenated word after its hyphen: two letters or more, in one case after the
# first, and no digit or "_" ("-Projekt", "-tools/", "-либо", "-get"; not "-p1", "-qDEB_HOST").
_HYPHEN_NAME_GOES_ON = re.compile(r"^-[^\W\d_][^\W\d_A-ZА-Я]+(?!\w)")
# Brackets that only open, and the German opening quotation mark: a post that ends with one was
# cut right after it, before the words it opens ("…einer Umgebungsvariable (" / "für ein
# Beispiel…", "件名: (" / "Subject:)", bench "cut at 280"). ("“", "«" and "»" open in some
# languages and close in others, and are left to the other rules.)
_OPENS = frozenset("([{„「『（【〔")
# Marks that open what follows where a space stands before them: "«" in Russian and French (German
# closes with it, against the word: "»Experimental«"), and "#" before a number ("…об ошибке #" /
# "516394", bench dev "pkg semantic-text-splitter"; "…в Debian используется система «" /
# "виртуальных» пакетов").
_OPENS_AFTER_A_SPACE = frozenset("«#")


def _ends_opening(before: str) -> bool:
    """`before`, which ends with a mark of _OPENS or _OPENS_AFTER_A_SPACE, holds text before it,
    and a space before a mark of the second kind."""
    return bool(before[:-1].strip()) and (before[-1] in _OPENS or before[-2:-1].isspace())


# An hour and its colon closing a text ("3:", "午前 3:"), and the two digits of minutes after.
_TIME_CUT = re.compile(r"(?<![\d:.,])(?:[01]?\d|2[0-3]):$")
_MINUTES = re.compile(r"^[0-5]\d(?!\d)")
# An English clitic opening a post belongs to the word before it ("the target user" / "'s home
# directory", bench "cut at 280"): no word starts with an apostrophe and these letters alone.
_CLITIC = re.compile(r"^['’](?:s|t|ll|re|ve|d|m)(?![^\W\d_])", re.IGNORECASE)
# A number cut before its decimal point or separator ("Version 5.0" / ".1 tragen", bench "cut at
# 280"): a post never opens with "." or "," and a digit but where a tool cut there.
_OPENS_WITH_SEPARATOR = re.compile(r"^[.,]\d")


# A straight quotation mark that closes: followed by a space, punctuation or nothing (an opening
# one stands before its first word).
_CLOSING_STRAIGHT_QUOTE = re.compile(r"^[\"“](?=[\s,.;:!?…)\]]|$)")
_STRAIGHT_QUOTES = frozenset('"“')


_KANA = re.compile("[\u3040-\u30ff]")
# Particles and conjunctive endings after which a Japanese sentence goes on.
_JAPANESE_CONTINUES = re.compile(
    "(?:が|を|に|は|で|と|の|も|へ|や|て|って|から|けど|けれど|ので|のに|ても|でも|し|、|，)$"
)
# A post that opens with a particle continues the sentence before it: a particle follows the
# word it marks and never opens a sentence ("…ハッシュ関数" / "を使って…"). A single-kana particle
# counts only before a character that cannot go on the same word (kanji, katakana, punctuation):
# "は今日" is the particle, "はじめて" and "でも" (a sentence's "But") are words.
_JAPANESE_OPENS_WITH_PARTICLE = re.compile(
    "^(?:(?:から|まで|より|など|だけ|しか|ほど|くらい|ぐらい|って|とか|けど|ので|のに)"
    "(?![\u3041-\u309f])|[がをにはでとのもへや](?=[\u30a0-\u30ff\u4e00-\u9fff、，。「『（]))"
)
# Characters no Japanese word starts with: the long-vowel mark, the small kana and "ん".
_NO_WORD_STARTS = frozenset("ーぁぃぅぇぉっゃゅょゎんァィゥェォッャュョヮヵヶン")
# The first characters _JAPANESE_OPENS_WITH_PARTICLE can match, tested before the pattern.
_PARTICLE_FIRST = frozenset("からまでよりなどだけしかほどくぐってとかけどのにがをはでもへや")


def _japanese_statement_end(text: str) -> bool:
    """Japanese text (kana in it) ending on a CJK character that is not a particle."""
    return (
        bool(text)
        and is_cjk(text[-1])
        and bool(_KANA.search(text))
        and not _JAPANESE_CONTINUES.search(text)
    )


def _bracket_open(text: str) -> bool:
    """Does the text open a Japanese quotation or bracket that it does not close?"""
    return any(text.count(opening) > text.count(closing) for opening, closing in _BRACKETS)


_BRACKETS = (("「", "」"), ("『", "』"), ("（", "）"))
_ASIDE = re.compile(r"^[(（][^()（）。]{0,200}[)）]。")


def _aside_before_stop(text: str) -> bool:
    """Does the text open with an aside in brackets followed at once by 。?"""
    return text[:1] in "(（" and bool(_ASIDE.match(text))


def _ends_with_emoji(text: str) -> bool:
    char = text.rstrip("\ufe0f\u200d")[-1:] if text else ""
    return bool(char) and unicodedata.category(char) == "So"


# Posts published this long after the one before are a later statement, not a cut (item 4 of
# issue 10): a thread typed in one go and posted by a tool is seconds apart.
LATER_STATEMENT_SECONDS = 10 * 60


def _english() -> str:
    return "en"


def seconds_apart(previous: PostText, following: PostText) -> float | None:
    """How long after `previous` the next post was published (None when a source does not say)."""
    earlier, later = previous.post.created_at, following.post.created_at
    if earlier is None or later is None:
        return None
    return (later - earlier).total_seconds()


def _before_a_number(before: str, after: str) -> bool:
    """The post ends in an abbreviation that stands before a number, and the next opens with one."""
    if not (after[:1].isdigit() and before.endswith(".")):
        return False
    match = _BEFORE_NUMBER.search(before, max(0, len(before) - _BEFORE_NUMBER_SPAN))
    if match is None:
        return False
    # "in 79 A.D." has its number already: a sentence may end there.
    return not (before.endswith("A.D.") and before[: match.start()].rstrip()[-1:].isdigit())


def _number_cut(before: str, after: str, language: Callable[[], str]) -> bool:
    """A number cut at its separator (see _NUMBER_CUT). After "." any digits go on: a decimal
    point, German thousands ("1.200") or a version ("XYZ-3.7", which German writes too). A ","
    groups thousands in English ("1,000": exactly three digits follow) but is the decimal comma
    in the languages of _DECIMAL_COMMA ("3,5 Prozent")."""
    if not (
        before.endswith((".", ","))
        and before[-2:-1].isdigit()
        and _NUMBER_CUT.search(before)
        and _NUMBER_GOES_ON.match(after)
    ):
        return False
    if before[-1] == "." or language() in _DECIMAL_COMMA:
        return True
    return bool(_THOUSANDS_GO_ON.match(after))


def _ends_with_link(text: str) -> bool:
    if "://" not in text or text[-1:] in _CLAUSE_MARKS:
        # (Nor in its last word: most posts are ruled out without splitting that word off.)
        # A link followed by a clause mark is no post's last word: the sentence goes on after
        # the mark, which Chinese and Japanese write against the link ("…については
        # https://www.gnu.org/software/hurd、" / "Debian GNU/Hurd の…", bench dev "clause per
        # post").
        return False
    last = text.rsplit(None, 1)[-1]
    return "://" in last and bool(_URL_IN_WORD.search(last))


def _first_word(text: str) -> str:
    parts = text.split(None, 1)
    return parts[0] if parts else ""


def closes_first(text: str) -> bool:
    """The text closes a quotation before it opens one (a straight quote closes when it follows
    a non-space)."""
    for index, char in enumerate(text):
        if char in "“«„「":
            return False
        if char in "”»」":
            return True
        if char == '"':
            return index > 0 and not text[index - 1].isspace()
    return False


def open_quote(text: str) -> bool:
    """Does the text leave a quotation open (more “ than ”, or an odd number of straight quotes)?
    In German „ opens and “ closes (bench, Debian FAQ de: "…siehe „Warum sind die
    Paketdateinamen so lang?“ näher beschrieben." leaves nothing open)."""
    if text.isascii() or ("“" not in text and "„" not in text):
        # Without a "“" or a "„" only an odd number of straight quotes leaves one open
        # (quotation_left_open), and most posts hold neither: one count instead of four at each
        # boundary (tests/test_speed_shortcuts.py pins it to the four counts).
        return text.count('"') % 2 == 1
    return quotation_left_open(text.count("“"), text.count("”"), text.count("„"), text.count('"'))


def quotation_left_open(left: int, right: int, low: int, straight: int) -> bool:
    """open_quote from the counts of “ (`left`), ” (`right`), „ (`low`) and " (`straight`)."""
    if straight % 2 == 1:
        return True
    # Each „ is closed by a “ (German) or else a ” (Polish); the marks left over are English
    # ("Er sagte „ja“. Then: “We will" leaves the English one open).
    german = min(low, left)
    polish = min(low - german, right)
    return low > german + polish or left - german > right - polish


# Where a sentence ends: the first one found ends the first sentence.
# (A match starts only at the first mark of a run, and no quantifier gives back: a run of
# 40,000 dots is read once, not once per dot; issue 12's hang.)
_SENTENCE_END = re.compile(
    r"(?<![.!?…])[.!?…]++['\"”’»)\]]*+(?=\s|$)|(?<![。！？])[。！？]++[」』）]*+"
)


X_COUNTING = counting_for("x", None, 280)


def _counted_text(post: Post, counting: Counting) -> str:
    text = post.text
    # (html.unescape returns a text without "&" as it is: most posts, asked at every boundary.)
    if post.escaped and "&" in text:
        text = html.unescape(text)
    # (A run of mentions opens with "@" or a space: most replies open with neither.)
    if post.reply_to and counting.platform == "x" and (text[:1] == "@" or text[:1].isspace()):
        text = text[leading_mentions_end(text) :]
    for media in post.media:
        if media.short:
            text = text.replace(media.short, "")
    return text.strip()


def counted_length(post: Post, counting: Counting = X_COUNTING) -> int:
    """The post's length as its platform counted it against the limit: the source text,
    unescaped, without the media link; on X also without the reply mentions, which X does not
    count."""
    return counting.measure(_counted_text(post, counting))


def _full_by_characters(post: Post, counting: Counting) -> bool:
    """Is the post at the limit by a plain count of characters (UTF-16 units, as JavaScript
    counts; never fewer than Python's code points)? A tool that counts characters instead of
    the platform's weights cuts there: a link counts in full ("See https://example.com/…" cut
    at 280 characters is 221 by X's weights)."""
    # (An ASCII text shorter than the limit cannot reach it: the counted text is that text,
    # unescaped and trimmed, never longer.)
    if len(post.text) < counting.limit and post.text.isascii():
        return False
    text = _counted_text(post, counting)
    if len(text) >= counting.limit:
        return True
    return len(text.encode("utf-16-le")) // 2 >= counting.limit


# The characters a sentence end starts with. _SENTENCE_END opens with a look-behind, so the regex
# engine cannot skip ahead to its first character and tries the pattern at every position: the
# first of these marks is found first, and the pattern searched from there (no match can start
# before it; the look-behind still sees the text before). Over the 100k archive export's
# boundaries the search took a sixth of the evidence's time; this way, a fifth of that.
_SENTENCE_MARK = re.compile(r"[.!?…。！？]")


def first_sentence(text: str) -> str:
    mark = _SENTENCE_MARK.search(text)
    if mark is None:
        return text
    match = _SENTENCE_END.search(text, mark.start())
    return text[: match.end()] if match else text


def _first_unit(text: str) -> str:
    """The least a writer filling posts word by word would have added: a word, or one character
    of a script written without spaces."""
    if is_cjk(text[:1]):
        return text[:1]
    return _first_word(text)


def _room(item: PostText, counting: Counting) -> int | None:
    """What the limit left in this post (negative when it runs over); None for a long-form post,
    which always had room. Counted once per boundary: the evidence asks several times."""
    post = item.post
    # (counted_length, called without its default: one call fewer at every boundary.)
    return (
        None if post.long_form else counting.limit - counting.measure(_counted_text(post, counting))
    )


def _fits(item: PostText, piece: str, room: int | None, counting: Counting) -> bool:
    """Would `piece` have fitted at the end of this post?"""
    if room is None:
        return True
    return _fits_after(is_cjk(item.text.rstrip()[-1:]), piece, room, counting)


def _fits_after(cjk_end: bool, piece: str, room: int, counting: Counting) -> bool:
    """_fits for a post whose text ends in a CJK character or not (`cjk_end`), with room counted
    (the evidence at a boundary asks twice of the same post, which it has stripped already)."""
    separator = 0 if cjk_end or is_cjk(piece[:1]) else 1
    return separator + counting.measure(piece) <= room


def _fits_in_characters(
    item: PostText,
    piece: str,
    counting: Counting,
    room: int | None,
    longest: Callable[[], int] | None = None,
    slack: int = 0,
) -> bool:
    """Would `piece` (and `slack` more) have fitted at the end of this post for a tool that
    counts characters instead of X's weights? Such a tool counts a link in full: X's count
    (`room` of the limit left) with each link's characters beyond 23 added. And in Chinese and
    Japanese it may count 140 plain characters, X's limit for them: evidenced by a thread whose
    longest post (`longest`, asked last) holds 130 to 140 characters and none more, where X's
    weights would not stop when posts hold Latin letters and digits. (dsajgiouawj's archive
    thread, typed by hand against X's count, has a post of 162 characters: there a statement end
    without 。 in a post of 115, many of them digits, stays one.) Asked only where a rule has
    found a sentence end without a stop, or a post ending in a link."""
    if room is None or counting.platform != "x":
        return True
    text = _counted_text(item.post, counting)
    separator = 0 if is_cjk(piece[:1]) or is_cjk(text[-1:]) else 1
    if "://" in text and (
        _links_beyond_weight(text) + separator + counting.measure(piece) + slack > room
    ):
        return False
    if longest is None or not HAN_OR_KANA.search(text[-1:] + piece[:1]):
        return True
    characters = counting.limit // 2
    if len(text) + separator + len(piece) <= characters:
        return True
    return not characters - CHARACTER_LIMIT_SLACK <= longest() <= characters


def _links_beyond_weight(text: str) -> int:
    """How many more characters the text's links hold than the 23 X counts for each."""
    return sum(
        len(word) - URL_WEIGHT for word in text.split() if "://" in word and len(word) > URL_WEIGHT
    )


# The room a tool keeps for its longest count beyond the count it wrote (" 12/" against " 3/",
# " 10/12" against " 3/12"; a tool reserving five for " 3/" leaves two).
MARKER_SLACK = 3


# How far under 140 characters a thread's longest post may stop for a tool counting 140 (a
# tool cutting at spaces stops before a Latin word that does not fit).
CHARACTER_LIMIT_SLACK = 10


def longest_post(items: list[PostText], counting: Counting) -> int:
    """The most characters any of these posts holds, as counted against the limit."""
    return max((len(_counted_text(item.post, counting)) for item in items), default=0)


def _link_closes(
    before: str, room: int | None, item: PostText, after: str, counting: Counting
) -> bool:
    """Does the post's last word, a link, close its statement? It does after a stop or a colon
    ("Read this instead! https://…", papertweeter's thread in ../shared/realdata; "Read it here:
    https://…"), and in a post with room left; a tool that filled the post to the limit may have
    cut after it inside a sentence ("…unter http://www.debian.org/doc/" / "Dort steht…"). A post
    that carried a count is full a little earlier: the tool kept room for its longest count
    (MARKER_SLACK)."""
    head = before.rsplit(None, 1)[0] if " " in before or "\n" in before else ""
    if head and ends_with_terminal(head):
        return True
    piece = _first_unit(after)
    slack = MARKER_SLACK if item.removed_markers else 0
    if room is not None and not _fits(item, piece, room - slack, counting):
        return False
    return _fits_in_characters(item, piece, counting, room, slack=slack)


@dataclass(frozen=True)
class Evidence:
    """What one boundary shows before the thread's habits are weighed."""

    signals: tuple[str, ...]
    # The rule that decides regardless of habits, when one does: (class, rule).
    decided: tuple[str, str] | None
    # How long after the post before the next was published (None: the source does not say).
    seconds_apart: float | None = None
    # What the limit left in the post before (negative over it; None: a long-form post, which
    # always had room), as counted for the signals: the paragraph rule weighs it too.
    room: int | None = None


# A sentence end no abbreviation makes, after which a post that opens in lower case opens a new
# sentence (a name, a command, an item of a list: "…ein einzeiliges Paket." / "aptitude offers…",
# "…that run on it." / "full featured: Debian includes…", "…released June 17th, 2017." / "more
# than 51,000 other packages", "(see fakeroot(1))." / "file - Dieses nützliche Programm…", bench
# Debian handbook and FAQ) instead of going on with a sentence a splitter cut at an
# abbreviation's stop ("…fd, exa, etc." / "and a significant number", "…vom 08." / "bis 07.
# August", "…aus den U.S.A." / "in die Niederlande", bench "pkg text-to-tweets", "pkg semchunk").
# Certain: a Chinese or Japanese full stop; "!" or "?" after a word of five letters or more (a
# shorter one may be inside a quotation the speaker's words go on after: "…am I worth it?”" /
# "exclaimed Madame…"); "." after a word of five letters or more (the last part of a
# compound too: "Domain-Controller."), after a lower-case word of two to four letters that is no
# abbreviation ("on it.", "sind.", "fai-cd."), after a word in capitals ("APT.", "LDAP."), after a
# number of three digits or more ("2017.", "51,000."), after a closing bracket ("(!~M)."), a
# closing quotation mark after "?" or "!" ("…Verzeichnis?“."), a path ("/mnt/tmp/.") or a file
# name ("nagios.cfg.", ".deb.").
# Uncertain, so a lower-case post after it goes on with the sentence: the letters of an
# abbreviation with dots inside ("U.S.A.", "z.B.", "т.д.", "[...]"), a number of one or two digits
# (a German ordinal, "08."), a capitalised short word ("Co.", "Nr."), and these abbreviations.
# (Lower-case abbreviations that stand inside sentences, units and references among them, in
# English, German and Russian: "eg.", "approx.", "mind.", "ок.", "гл.".)
_SHORT_ABBREVIATIONS = frozenset(
    "etc vs al ca cf eg ie esp incl excl viz resp ibid pp ff no vol ed eds fig figs ch sec min "
    "max misc dept est govt inc jr sr mr mrs ms dr st ave rd pt ft lbs oz hr hrs yr yrs wk mo ok "
    "approx usw bzw vgl ggf inkl evtl sog zzgl bzgl insb insg exkl od abs nr bd hrsg jh mio mrd "
    "tsd std sek kap anm dt engl lat allg bes eig gegr gest geb lt mind mtl spez usf zw ehem "
    "др пр см гл ст рис разд напр тыс млн млрд руб коп долл гг вв им ул стр кв обл пос ок прим "
    "табл мин макс сек час чел шт экз изд ред сб вып".split()
)
# What may close a sentence after its stop (quotation marks, brackets; paragraphs.py has its own
# list, without the full-width bracket, for the stops it counts).
_AFTER_STOP = "'\"”’»)]」』）"
# (German closes a quotation with "“".)
_QUOTE_CLOSERS = _AFTER_STOP + "“"
_ENDS_SPAN = 40
_THOUSANDS = re.compile(r"\d{3,}|\d{1,3}(?:[,.]\d{3})+")
_LAST_PART = re.compile(r"[^\W\d_]+$")


def sentence_ends_for_certain(text: str) -> bool:
    """Does `text` end with a stop that ends a sentence for certain (see above)?"""
    tail = text[-_ENDS_SPAN:].rstrip()
    if tail[-1:] in _AFTER_STOP:
        # ("(see fakeroot(1))." keeps its bracket: it is stripped only after the stop.)
        tail = tail.rstrip(_AFTER_STOP)
    if not tail:
        return False
    stop = tail[-1]
    if stop in "。！？":
        return True
    if stop not in ".!?":
        return False
    token = tail[:-1].rsplit(None, 1)[-1] if tail[:-1].strip() else ""
    token = token.lstrip('(“"«„‘[')
    if not token:
        return False
    if stop != ".":
        return token.isalpha() and len(token) >= 5
    if token[-1] in ")]":
        return True
    if token[-1] in _QUOTE_CLOSERS and token.rstrip(_QUOTE_CLOSERS)[-1:] in "!?":
        return True  # a quoted question or exclamation closed, then the stop: "…?“."
    if _THOUSANDS.fullmatch(token):
        return True
    if "/" in token:
        return True  # a path or a link: "…mount it on /mnt/tmp/."
    if "." in token:
        # A file name ("nagios.cfg", "login.debian", ".deb") ends the sentence; the letters of
        # an abbreviation ("U.S.A", "z.B", "e.g", "т.д", "Ph.D") or a version ("3.38") may not.
        return any(len(part) >= 3 and part.isalpha() for part in token.split("."))
    last = _LAST_PART.search(token)
    if last is None or last.end() != len(token):
        return False
    word = last.group()
    if word != token and token[-len(word) - 1] != "-":
        return False
    if word in _SHORT_ABBREVIATIONS:
        return False
    if len(word) >= 5:
        return True
    if len(word) < 2:
        return False
    return word.isupper() or word.islower()


# Four or more Latin words written with spaces before a "." end an English sentence quoted in
# Chinese or Japanese text, whatever follows: "…install packages from a certified origin." /
# "dpkg --verify は…", "…contrib, and non-free." / "non-free 组件…" (bench, Debian handbook ja
# and zh); a name cut at its dot stands alone or after a path or a command ("/etc/apt/sources." /
# "list", "sudo systemctl restart ntp." / "service": "ntp" is no English word).
_ENGLISH_CLAUSE_END = re.compile(r"(?:(?<=\s)|^)(?:[A-Za-z]+,? ){3}(?P<last>[A-Za-z][A-Za-z-]*)\.$")
_ENGLISH_CLAUSE_SPAN = 120


def _english_clause_end(before: str) -> bool:
    """Does `before` end with an English clause and its "."? Four words with spaces, the last
    an English word ("origin.", "non-free."): a command's file name is none ("sudo systemctl
    restart ntp." / "service")."""
    clause = _ENGLISH_CLAUSE_END.search(before, max(0, len(before) - _ENGLISH_CLAUSE_SPAN))
    return clause is not None and is_english_word(clause.group("last"))


def _goes_on_as_a_path(text: str) -> bool:
    """Does `text` open with the rest of a path: a first token with "/" or "." inside
    ("apt/sources.list", "rsyslog.conf.")?"""
    token = text[:_PATH_SPAN].split(None, 1)[0].rstrip(".,;:!?)]\"'”’") if text.strip() else ""
    return "/" in token or "." in token


def _sentence_ends_before_name(before: str, after: str, language: Callable[[], str]) -> bool:
    """`before` ends with a sentence's stop that is no abbreviation ("Dr.", "z.", "z. B."), and
    `after` opens with a name in lower case (words.opens_with_name)."""
    last = before.rstrip("'\"”’»)]")[-1:]
    return (
        last in ".!?"
        and not before.endswith("..")
        and not _NEVER_FINAL.search(before, max(0, len(before) - _NEVER_FINAL_SPAN))
        and not _BEFORE_NUMBER.search(before, max(0, len(before) - _BEFORE_NUMBER_SPAN))
        and not _LONE_LETTER_STOP.search(before, max(0, len(before) - 3))
        and opens_with_name(after, language())
    )


def boundary_evidence(
    previous: PostText,
    following: PostText,
    counting: Counting,
    language: Callable[[], str],
    cjk_thread: Callable[[], bool] | None = None,
    thread_words: ThreadWords | None = None,
    longest: Callable[[], int] | None = None,
    cuts_inside_words: bool = False,
) -> Evidence:
    """The evidence at one boundary. `language` names the thread's language, `cjk_thread`
    says whether it is written in Chinese or Japanese, `thread_words` counts the thread's
    words and `longest` says how many characters its longest post holds; each is asked only
    where a rule needs it (they read the thread once). `cuts_inside_words`: another full post
    of the thread was cut inside a word (joins.py asks again where one was)."""
    before, after = previous.text.rstrip(), following.text.lstrip()
    # The characters either side of the cut, which most rules read first (each read once).
    last, first = before[-1:], after[:1]
    room = _room(previous, counting)
    cjk_end, cjk_start = is_cjk(last), is_cjk(first)
    # _fits_after at the two places below, written out: both pieces open `after`, so they take
    # the same space before them (none between Chinese characters or kana).
    separator = 0 if cjk_end or cjk_start else 1
    # The least a writer filling posts word by word would have added (_first_unit) did not fit.
    full = room is not None and (
        separator + counting.measure(first if cjk_start else _first_word(after)) > room
    )
    signals = []
    # The signals the rules below ask about, each set where it is added to `signals`.
    lower_case = continues = ellipsis = hyphen_split = word_cut = word_cut_before_count = False
    fitted = list_end = particle = inside_word = much_later = unknown_head = False
    terminal = (
        ends_with_terminal(before)
        or _ends_with_emoji(before)
        or (_ends_with_link(before) and _link_closes(before, room, previous, after, counting))
        or bool(_HASHTAG_END.search(before))
        # A headline closed by 🧵 ("How we built it 🧵") ends there; a post cut full by the limit
        # with its 🧵 tacked on does not (case "🧵 … /end" in German, bench: "…und 🧵" / "Würde").
        # Nor does a Japanese post whose 👇 follows a particle ("…世界の到来が、一般の 👇" /
        # "人々の最高の願望として…", bench dev "ends posts early"): the sentence goes on.
        or (
            "ends-at-marker" in previous.signals
            and not full
            and not (_JAPANESE_CONTINUES.search(before) and _KANA.search(before))
        )
        # Case alrocar's archive thread: "…con git" + a quoted post, then "Esta es la capa…". An
        # image or a quote closes the post's thought; a cut forced by the limit would be full.
        or ((previous.post.media or previous.post.quote) and not full)
    )
    if not terminal:
        signals.append("no-terminal-punctuation")
    if first.islower():  # (text.starts_lower)
        if _sentence_ends_before_name(before, after, language):
            # Case Debian handbook (bench, dev): "…in the fstab(5) manual page." / "systemd is
            # able to…": a name opens the next sentence; its case says nothing of a cut.
            signals.append("next-opens-with-name")
        else:
            lower_case = True
            signals.append("next-starts-lower-case")
    if first in _CONTINUING:
        continues = True
        signals.append("next-continues-punctuation")
    if "trailing-ellipsis" in previous.signals or "leading-ellipsis" in following.signals:
        ellipsis = True
        signals.append("ellipsis")
    # (The `endswith` tests spare a pattern search over the whole post at most boundaries.)
    if (
        last == "-"
        and _HYPHEN_END.search(before)
        and first.isalpha()
        and not _ELIDED_COMPOUND_GOES_ON.match(after)
    ):
        hyphen_split = True
        signals.append("hyphen-split")
    # A tool cutting at the limit cuts inside a word ("…Turkey and Az" / "erbaijan."): the post is
    # then full to the last character, by the platform's count or by a plain count of
    # characters (a cut at a space leaves room for the space's word unless it ends exactly at the
    # limit, which the words themselves then tell; words.py).
    if (
        room is not None
        and last.isalpha()
        and first.isalpha()
        and not cjk_end
        and not cjk_start
        and (
            room <= 0
            or _full_by_characters(previous.post, counting)
            # A tool cutting at another fixed number of characters ("…and to i [3/9]" /
            # "mprove", cut at 270), which the thread's posts show (words.cut_length), where the
            # letters after the cut are what a word cut in two leaves: no capital after a small
            # letter. (The word test alone keeps two words apart where a cut at spaces ends two
            # posts at one length by chance: the thread's own use of the tail as a word, also
            # asked here until 2026-12-07, missed "…package m" / "anagement", whose "a" stands
            # alone elsewhere, in the probes of tools cutting every 100 or 140 characters.)
            or (
                thread_words is not None
                and not (last.islower() and first.isupper())
                and (
                    thread_words.at_cut_length(before, exactly=True)
                    # One short of N, the post may have ended at a space the platform trimmed:
                    # only the frequency test reads it (words.py; two words no list knows,
                    # "…aaaaaab" / "aaab." of 99 beside a post of 100 by chance, stay apart).
                    or (
                        thread_words.at_cut_length(before)
                        and frequent_word_across(before, after, language)
                    )
                )
            )
            # Chinese and Japanese have no spaces to cut at: their splitters cut at any
            # character, inside a Latin word too, with the room their markers take left over
            # (bench: "…は GN" / "U プロジェクト", "aptitu" / "de install").
            or (cjk_thread is not None and cjk_thread())
        )
        # (Latin words in Chinese or Japanese are English ones, names and commands.)
        and cut_inside_word(
            before,
            after,
            _english if cjk_thread and cjk_thread() else language,
            thread_words,
            # A post exactly at the limit, or at the length a tool slicing every N characters
            # cut the thread's posts at, from a tool known to cut at characters: Chinese and
            # Japanese tools, or the one that cut another post of this thread inside a word
            # (bench dev "sliced every N characters": "…StarOffice のコードを Open" / "Office の
            # 形で…", at 100 characters).
            by_characters=(
                by_characters := (
                    room == 0
                    or (
                        thread_words is not None
                        and thread_words.at_cut_length(before, exactly=True)
                    )
                )
                and (cuts_inside_words or (cjk_thread is not None and cjk_thread()))
            ),
            # Letters no list knows after such a cut are the rest of a word (words.py), where
            # the thread itself showed the tool cutting inside words: not in Chinese and
            # Japanese threads, taken to be cut at characters without that evidence, whose
            # Latin words are names the lists miss ("…from the" / "devscripts package").
            rests=by_characters
            and cuts_inside_words
            and not (cjk_thread is not None and cjk_thread()),
        )
    ):
        word_cut = True
        signals.append("word-cut-at-limit")
    elif (
        # A post with room left, ended in letters no word list holds as a word (words.py).
        last.isalpha()
        and first.isalpha()
        and not is_cjk(last)
        and not is_cjk(first)
        and not (last.islower() and first.isupper())
        and cut_after_unknown_letters(
            before, after, _english if cjk_thread and cjk_thread() else language
        )
    ):
        unknown_head = True
        signals.append("word-cut-after-unknown-letters")
    elif (
        room is not None
        and 0 < room <= MARKER_SLACK
        and full
        and previous.removed_markers
        and thread_words is not None
        and last.isalpha()
        and first.isalpha()
        and not cjk_end
        and not cjk_start
        # (A capital after a small letter opens a word, as for the tests above: "…предложил
        # Bdale" / "Garbee в письме", bench dev "… on every post", two names no list holds.)
        and not (last.islower() and first.isupper())
        and thread_words.fragments_stand_only_here(before, after)
        and cut_inside_word(before, after, language)
    ):
        # A tool that adds a count ("… 3/", "… 3/12") cuts the text at the room it keeps for
        # its longest count, so a post cut inside a word stops a few characters short of the
        # limit ("…Turkey and Az 3/" / "erbaijan."). There a cut at a space is as likely, so the
        # thread must agree as well as the word list: neither fragment stands alone elsewhere in
        # it ("a" / "round" stays two words in any thread that writes "a").
        word_cut_before_count = True
        signals.append("word-cut-before-count")
    if cjk_end or cjk_start:
        signals.append("cjk")
    if full:
        signals.append("filled-to-limit")
    if room is not None and room < 0:
        signals.append("over-limit")
    elif room is None or separator + counting.measure(first_sentence(after)) <= room:
        fitted = True
        signals.append("next-sentence-fitted")
    if open_quote(before):
        signals.append("open-quotation")
    if ends_in_list(before):
        list_end = True
        signals.append("ends-in-list")
    if (
        first in _PARTICLE_FIRST
        # A particle marks the word before it: after 。 the sentence has ended, and a post that
        # opens with "を" or "より" there is a sentence whose start the source lost (a command
        # shown apart: "…を見てください。" / "を実行します。", bench Debian handbook ja) or one
        # that opens with the adverb "より" ("より複雑な構成の場合…").
        and last not in "。！？"
        and _JAPANESE_OPENS_WITH_PARTICLE.match(after)
        # (Kana anywhere in the post: one may end with a link or a command before the particle,
        # "…https://www.debian.org/doc/user-manuals#quick-reference" / "から得られます。", bench
        # dev "pkg chunk-text".)
        and _KANA.search(before)
    ):
        particle = True
        signals.append("next-opens-with-particle")
    elif first in _NO_WORD_STARTS and _KANA.search(before[-40:]):
        inside_word = True
        signals.append("next-opens-inside-a-word")
    apart = seconds_apart(previous, following)
    if apart is not None and apart >= LATER_STATEMENT_SECONDS:
        much_later = True
        signals.append("posted-much-later")
    clause_ends = last in _SEMICOLON_END and _clause_ends(before)
    announces = (
        last in _COLON_END
        and _announces(before, after)
        # Case "html-bluesky-export" golden: "And a short film of the capstones going on:" with
        # the video attached announces the video, not the next post.
        and not (previous.post.media or previous.post.quote)
    )
    decided = None
    if hyphen_split:
        decided = ("join-word", "hyphen at the cut: join inside a word")
    elif word_cut:
        decided = (
            "join-word",
            "the post is full to the last character and the letters either side of the cut "
            "form one frequent word: join without a space",
        )
    elif unknown_head:
        decided = (
            "join-word",
            "the post ends in letters no word list holds as a word, which with the next post's "
            "first letters form a common word: join without a space",
        )
    elif word_cut_before_count:
        decided = (
            "join-word",
            "the post is full but for the room its count keeps, and the letters either side of "
            "the cut form one frequent word that the thread never writes apart: join without a "
            "space",
        )
    elif (
        last == "."
        and first.isascii()
        and (first.islower() or first.isdigit())
        and host_cut_at_dot(before)
    ):
        decided = ("join-word", "a link's host name cut at one of its dots: join without a space")
    elif (
        last == "."
        and first.isascii()
        and (first.islower() or first.isdigit())
        and not before[-2:-1].isspace()
        and thread_words is not None
        and thread_words.writes_name(before, after)
    ):
        # A splitter that cuts after a full stop cuts inside file names too ("The files
        # Contents-ARCH." / "gz (where ARCH…)", bench "pkg text-to-tweets", Debian FAQ): the
        # thread writing the whole name elsewhere tells the cut, where the letters alone cannot
        # ("…packages." / "aptitude offers…" opens a sentence with a command's name).
        decided = (
            "join-word",
            "a name cut at its dot that the thread writes whole elsewhere: join without a space",
        )
    elif (
        last == "."
        and first.isascii()
        and first.islower()
        and (before[-2:-1].isascii() and before[-2:-1].isalnum() or before[-2:-1] in '「『（(“"‘ ')
        and cjk_thread is not None
        and cjk_thread()
        and not _english_clause_end(before)
    ):
        # Chinese and Japanese end a sentence with "。": in their threads a Latin "." between a
        # letter (or an opening bracket) and a lower-case letter is inside a file name, a version
        # or an address, where splitters that cut at any character cut (bench, Debian FAQ:
        # ".diff." / "gz ファイル", "「." / "deb」", "debian-faq." / "git 或"; after a quotation
        # mark or a space it opens a name: "“." / "deb”", "管理 ." / "d 文件夹"). Not after an
        # English clause, which the "." ends (see _ENGLISH_CLAUSE_END).
        decided = (
            "join-word",
            "a name cut at its dot in Chinese or Japanese: join without a space",
        )
    elif first in _CLOSING_FIRST and _CLOSING.match(after) and before:
        # Case "pkg text-to-tweets" (bench): the tool cut between "?" and "”", so the post
        # opens with the closing quotation mark, which belongs to the word before it; in
        # Japanese too ("…とは何ですか?" / "」 参照)"): no post opens with "」", "、" or "。".
        decided = (
            "join-word",
            "next post opens with closing punctuation: attach it without a space",
        )
    elif (
        first == "/"
        and (
            _PATH_END.search(before, max(0, len(before) - _PATH_SPAN))
            or _SCHEME_CUT.search(before, max(0, len(before) - _SCHEME_SPAN))
        )
        and (
            room is not None
            and (room <= 0 or _full_by_characters(previous.post, counting))
            or (cjk_thread is not None and cjk_thread())
        )
    ) or (
        last == "/"
        and first.isascii()
        and first.isalnum()
        and (
            _PATH_END.search(before[:-1], max(0, len(before) - _PATH_SPAN))
            and (
                room is not None
                and (room <= 0 or _full_by_characters(previous.post, counting))
                # (A word after a directory is no part of it: "…lives in /etc/" / "and logs
                # go…".)
                and _goes_on_as_a_path(after)
                or (cjk_thread is not None and cjk_thread())
            )
            # A path's first slash, or a relative path's first directory, at the cut, where the
            # next post goes on as a path ("…ファイルが /" / "usr/share/falcot-data/ の下",
            # "…(in /" / "var/lib/apt/lists/)", "…は pool/" / "main/a/apache/", bench dev
            # "sliced every N characters" and "greedy 280" in Japanese).
            or (
                _PATH_START_END.search(before, max(0, len(before) - _PATH_SPAN))
                and _goes_on_as_a_path(after)
                and (
                    room is not None
                    and (room <= 0 or _full_by_characters(previous.post, counting))
                    or (cjk_thread is not None and cjk_thread())
                )
            )
        )
    ):
        # A path cut at one of its slashes by a tool that cut a full post at its last character
        # ("(/etc/ssh" / "/sshd_config)", "…in /etc/" / "apt/sources.list", bench "cut at
        # 280"), or anywhere, as Chinese and Japanese splitters do ("/etc/alternatives/" /
        # "news-reader 指向…").
        decided = ("join-word", "a path cut at one of its slashes: join without a space")
    elif (
        first == "."
        and after[1:2].isascii()
        and after[1:2].isalnum()
        and "://" in before
        and _ends_with_link(before)
    ):
        # A link cut before one of its dots ("…在 https://wiki" / ".debian.org/ReleaseGoals/",
        # "…/software/pbuilder" / ".html と…", bench dev "sliced every N characters" and "pkg
        # layrageu"): no sentence opens with a "." glued to a word.
        decided = ("join-word", "a link cut before one of its dots: join without a space")
    elif (
        first == "-"
        and last.isalpha()
        and _HYPHEN_NAME_GOES_ON.match(after)
        and (
            room is not None
            and (room <= 0 or _full_by_characters(previous.post, counting))
            or (thread_words is not None and thread_words.at_cut_length(before, exactly=True))
            or (cjk_thread is not None and cjk_thread())
        )
    ):
        # A tool cutting at characters cut a hyphenated word or name before its hyphen ("…das
        # K-Desktop" / "-Projekt", "…от каких" / "-либо", "…apt" / "-get clean", bench dev
        # "sliced every N characters"; "…libnss" / "-ldap", "greedy 280" in Chinese): where the
        # post ends at the tool's cut, a hyphen and a word of letters open no new word. (Not an
        # option, one letter or letters with digits or capitals after the hyphen: "-I/usr/src",
        # "-m486", "-qDEB_HOST_MULTIARCH", "-p1", which follow a space.)
        decided = ("join-word", "a hyphenated word cut before its hyphen: join without a space")
    elif (last in _OPENS or last in _OPENS_AFTER_A_SPACE) and _ends_opening(before):
        decided = (
            "join-word",
            "the post ends with an opening bracket or mark: what it opens follows",
        )
    elif (
        last == ":"
        and first.isdigit()
        and _TIME_CUT.search(before, max(0, len(before) - 4))
        and _MINUTES.match(after)
    ):
        # A time cut at its colon ("…около 3:" / "00 по летнему времени", bench dev "pkg
        # semantic-text-splitter"; "午前 3:" / "00 は", "count n/ cut at the limit"): an hour
        # and two digits of minutes after it, which no list item or heading opens with.
        decided = ("join-word", "a time cut between its hour and minutes: join without a space")
    elif last.isalpha() and first in "'’" and _CLITIC.match(after):
        decided = ("join-word", 'next post opens with a clitic ("\'s"): attach it without a space')
    elif (
        last.isdigit()
        and first in ".,"
        and _OPENS_WITH_SEPARATOR.match(after)
        or (
            last.isdigit()
            and first.isdigit()
            and room is not None
            and (
                room <= 0
                or _full_by_characters(previous.post, counting)
                or (thread_words is not None and thread_words.at_cut_length(before, exactly=True))
            )
        )
    ):
        # A tool that cut a full post at its last character cut inside a number ("am 3. Juli 20"
        # / "15 von Didier", bench "cut at 280"), and so did one slicing every N characters at
        # a post of exactly N ("…in August of 199" / "3. At that time", bench dev "sliced every
        # N characters"); with room left, two numbers may stand apart.
        decided = ("join-word", "a number cut in two: join without a space")
    elif (
        first in _STRAIGHT_QUOTES
        and _CLOSING_STRAIGHT_QUOTE.match(after)
        and (before.count("„") > before.count("“") if first == "“" else open_quote(before))
    ):
        # 'He said "we will not stop.' / '" And then left.': the tool cut before the quotation
        # mark that closes the quotation the post before opened; in German that mark is "“"
        # after "„" (bench, Debian FAQ de: "„Welche … Debian GNU/Linux?" / "“ eine Beschreibung").
        decided = (
            "join-word",
            "next post opens with the quotation mark that closes this post's quotation: "
            "attach it without a space",
        )
    elif last in ".," and _number_cut(before, after, language):
        decided = ("join-word", "a number cut at its separator: join without a space")
    elif (
        (last.isdigit() or (last == "." and before[-2:-1].isdigit()))
        and first.isdigit()
        and cjk_thread is not None
        and cjk_thread()
    ):
        # Chinese and Japanese splitters cut at any character, inside a number too ("「19" /
        # "990513」", "標準 1003." / "1-1990)"); a sentence there ends with "。", never with
        # "." or between two digits.
        decided = ("join-word", "a number cut in two in Chinese or Japanese: join without a space")
    elif ellipsis:
        # (After the cuts inside a number: an ellipsis says the sentence goes on, not whether
        # a space stood at the cut; "…この m68k 移植版は…103…" / "…0 人以上", bench dev.)
        decided = ("join", "ellipsis marks the cut")
    elif _never_final(before):
        decided = ("join", "an abbreviation that never ends a sentence before the cut")
    elif first.isdigit() and _before_a_number(before, after):
        decided = ("join", "an abbreviation that stands before a number, and a number follows")
    elif (
        last == "."
        and _LONE_LETTER_STOP.search(before, max(0, len(before) - 3))
        and _OPENS_WITH_LONE_LETTER_STOP.match(after)
    ):
        decided = ("join", 'an abbreviation written with spaces ("z. B.") cut at its space')
    elif much_later and not (
        lower_case or continues or particle or inside_word or clause_ends or announces
    ):
        # Case dsajgiouawj's archive thread: "…かなり大変だった" and, 50 minutes later, "6文字にする
        # 前に…" are two statements. A cut made while writing is posted with the rest, seconds
        # apart; a post added long after is a new statement unless its text continues the last.
        minutes = round((apart or 0.0) / 60)
        decided = (
            "new-paragraph",
            f"posted {minutes} minutes after the post before, and its text does not continue it",
        )
    elif list_end and not lower_case:
        # Case "hostile-content" golden: list items carry no full stop, and the next post's
        # sentence was appended to the last item.
        decided = ("new-paragraph", "the post ends in a list")
    elif clause_ends:
        # A clause ends at ";", never a sentence: the next post goes on with it, whatever its
        # first letter's case.
        decided = ("join", "a semicolon before the cut: the sentence goes on")
    elif announces:
        decided = ("join", "a colon after a word before the cut: what it announces follows")
    elif particle:
        # "…ハッシュ関数" / "を使って計算する": a particle follows the word it marks and never
        # opens a sentence.
        decided = ("join", "the next post opens with a Japanese particle: the sentence goes on")
    elif inside_word:
        # "…パッケ" / "ージを作る", "…ちょ" / "っと": no Japanese word starts with "ー", a small
        # kana or "ん", so a tool cutting at any character cut inside a word.
        decided = (
            "join",
            "the next post opens with a character no Japanese word starts with: the cut fell "
            "inside a word",
        )
    elif (
        not terminal
        and _japanese_statement_end(before)
        and fitted
        and _fits_in_characters(previous, first_sentence(after), counting, room, longest)
        # A statement ends at a word's end: a word across the cut ("…読んでくだ" / "さい。",
        # bench, dev "count n/ cut at the limit") says a tool cut inside it, and so does a
        # first word that attaches to the one before ("…ディレクトリ" / "にあります。"; words.py).
        and not japanese_word_spans_cut(before, after)
        # Nor inside brackets the post opened ("「なぜ" / "失敗するのですか？」"), nor before an
        # aside in brackets that the full stop closes ("…実行されます" / "(作成されるファイル
        # は…)。", bench "pkg chunk-text": the aside and its 。 belong to the statement before).
        and not _bracket_open(before)
        and not _aside_before_stop(after)
        # Nor where a tool slicing every N characters ended the post, as the thread's posts
        # show (words.cut_length; bench dev "sliced every N characters": "…購読" / "できます。"
        # at 100 characters).
        and not (thread_words is not None and thread_words.at_cut_length(before))
    ):
        # Case dsajgiouawj's archive thread: Japanese posts often end a statement without "。"
        # ("実装してみたい", "低すぎる気がする"); a cut inside a sentence ends on a particle
        # ("今日は天気が"), or where the next sentence could not have fitted (UDHR in the bench,
        # cut inside a compound: "自" / "由"), by X's count or by a tool's count of characters
        # (bench, dev "count n/ cut at the limit": a post holding a link, which X counts as 23,
        # cut at "読んでくだ" / "さい。"; or 140 characters, see _fits_in_characters).
        decided = (
            "new-paragraph",
            "a Japanese statement ends here without 。 and the next sentence would have fitted",
        )
    elif not terminal:
        decided = ("join", "no terminal punctuation before the cut")
    elif continues:
        decided = ("join", "next post starts with continuing punctuation")
    elif lower_case and _CLAUSE_STOP.search(before):
        # Case "pkg text-to-tweets" (bench): a cut after ";" or ":" with a lower-case word next
        # is inside a sentence, whatever the writer's habits with capitals.
        decided = ("join", "clause punctuation before the cut and lower case after it")
    elif (
        cjk_thread is not None
        # (The passage's first test, then the thread's script, asked once per thread, before
        # its words are read at each boundary: an English passage opens with a capital, and
        # most threads that write one are no Chinese or Japanese threads. All three are plain
        # tests, asked in the order that costs least; the 100k archive export's English
        # boundaries read the passage's words at each one, a tenth of the joins pass.)
        and first.isascii()
        and first.isupper()
        and cjk_thread()
        and english_passage_goes_on(before, after)
    ):
        decided = (
            "same-paragraph",
            "an English passage in a Chinese or Japanese thread goes on: one paragraph",
        )
    # Case alrocar's archive thread: "1/40 - Bank transactions in a 3D globe" opens an item of a
    # numbered list (the markers pass keeps the number and signals it): the item starts a
    # paragraph instead of running on from the post before ("…just for fun 👇").
    if "list-heading" in following.signals:
        signals.append("list-heading")
        decided = ("new-paragraph", "the next post opens an item of a numbered list")
    # (Built as draft.py builds its copies, without the frozen dataclass's __init__: one per
    # boundary; tests/test_speed_shortcuts.py pins it to the constructor.)
    return built(
        Evidence,
        {"signals": tuple(signals), "decided": decided, "seconds_apart": apart, "room": room},
    )
