"""The reassembly passes run over every post of an archive, so they take shortcuts: a cheap test
before a pattern search, a pattern rewritten so the regex engine can skip ahead to its first
character. Each shortcut must give exactly what the plain definition gives; the plain definitions
are kept here as the reference."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from thread2article.model import Thread
from thread2article.reassemble import boundaries, length, markers, paragraphs, text

# Pieces that make the patterns' edge cases likely: sentence and clause punctuation, ellipses,
# closing quotes, CJK, abbreviations, counts, marker words, URLs, emoji parts, and the letters
# that IGNORECASE folds onto ASCII ("ſ" s, "K" k, "İ" i).
PIECES = [
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\u3000",
    "a",
    "B",
    "word",
    "é",
    "e\u0301",
    "ſ",
    "\u212a",
    "İ",
    "ı",
    ".",
    "...",
    "…",
    "!",
    "?",
    ":",
    ";",
    ",",
    "'",
    '"',
    "”",
    "’",
    "»",
    ")",
    "]",
    "(",
    "“",
    "«",
    "。",
    "！",
    "？",
    "」",
    "』",
    "）",
    "、",
    "東京",
    "データ",
    "한",
    "Mr",
    "Prof",
    "e.g",
    "i.e",
    "St",
    "1",
    "23",
    "456",
    "/",
    "of",
    "n",
    "X",
    "-",
    "end",
    "fin",
    "cont",
    "'d",
    "thread",
    "🧵",
    "👇",
    "/END",
    "/Fin",
    "(cont.)",
    "https://",
    "t.co/x",
    "example.com",
    "file.py",
    ".ſe",
    "www.",
    "@",
    "#tag",
    "😷",
    "🏽",
    "\u200d",
    "\ufe0f",
    "\u20e3",
    "🇺",
    "🇦",
    "©",
]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def test_no_cjk_character_comes_before_the_bound() -> None:
    for point in range(ord(text._FIRST_CJK)):
        char = chr(point)
        assert (
            not unicodedata.name(char, "").startswith(text._CJK_NAMES)
            and char not in text._CJK_PUNCTUATION
        )


def _reference_weight(value: str) -> int:
    """The documented rule with no shortcut: URLs 23, emoji sequences 2, other characters by range."""
    value = unicodedata.normalize("NFC", value)

    def plain(piece: str) -> int:
        total, position = 0, 0
        for match in length._EMOJI_SEQUENCE.finditer(piece):
            total += (
                sum(length.char_weight(char) for char in piece[position : match.start()])
                + length.EMOJI_WEIGHT
            )
            position = match.end()
        return total + sum(length.char_weight(char) for char in piece[position:])

    total, position = 0, 0
    for match in length._URL.finditer(value):
        total += plain(value[position : match.start()]) + length.URL_WEIGHT
        position = match.end()
    return total + plain(value[position:])


@settings(max_examples=500, deadline=None)
@given(texts)
def test_weighted_length_shortcuts_agree_with_the_rule(value: str) -> None:
    assert length.weighted_length(value) == _reference_weight(value)


def test_every_emoji_part_is_heavy() -> None:
    # _plain_weight returns the length of text without a heavy character, emoji unseen.
    for point in range(0x110000):
        char = chr(point)
        if re.fullmatch(f"[{length._EMOJI_CHARS}\U0001f1e6-\U0001f1ff\u20e3\ufe0f]", char):
            assert length.char_weight(char) == 2, hex(point)


# The patterns as they were before `\.{3}` alternatives were dropped (a "..." is found by its
# last ".") and before the first sentence was found by a search instead of a lazy `^.*?`.
OLD_TERMINAL = re.compile(r"(?:[.!?…。！？:;]|\.{3})['\"”’»)\]]*\s*$")
OLD_SENTENCE_STOP = re.compile(r"(?:[.!?…。！？]|\.{3})['\"”’»)\]」』]*$")
OLD_INNER_BREAK = re.compile(r"(?:[.!?…。！？]|\.{3})['\"”’»)\]」』]*[ \t]*\n[ \t]*\n")
OLD_INNER_SENTENCE_END = re.compile(
    r"(?:[.!?…]|\.{3})['\"”’»)\]]*[ \t]+(?=[\"“«„‘(]?[^\W\d_])|[。！？][」』）]*(?=[^\s」』）])"
)
OLD_URL_END = re.compile(r"https?://\S+$")
OLD_FIRST_SENTENCE = re.compile(
    r"^.*?(?:(?:[.!?…]+|\.{3})['\"”’»)\]]*(?=\s|$)|[。！？]+[」』）]*)", re.S
)


@settings(max_examples=500, deadline=None)
@given(texts)
@example("Wait… what? Yes.")
@example("So... “Then” ...\n\nNext")
@example("終わり。」次。")
@example("see:https://x.co/a")
@example("http://http://a b")
# first_sentence searches its pattern from the first mark, whose look-behind sees the text before.
@example("a… b")
@example("x...! y")
@example("word。」次")
# ends_with_terminal: closing quotes with a space between them, a line break, a NEL after a stop.
@example('So." "')
@example("Done.)\n\n")
@example("Done.\u0085")
@example("")
def test_rewritten_patterns_find_what_the_old_ones_found(value: str) -> None:
    assert bool(text.TERMINAL.search(value)) == bool(OLD_TERMINAL.search(value))
    # The evidence reads the same from the end of the text.
    assert text.ends_with_terminal(value) == bool(OLD_TERMINAL.search(value))
    assert bool(boundaries.SENTENCE_STOP.search(value)) == bool(OLD_SENTENCE_STOP.search(value))
    assert len(paragraphs._INNER_BREAK.findall(value)) == len(OLD_INNER_BREAK.findall(value))
    assert len(paragraphs._INNER_SENTENCE_END.findall(value)) == len(
        OLD_INNER_SENTENCE_END.findall(value)
    )
    # The link test reads only the last word (a search of the whole post was quadratic). A link
    # followed by a clause mark is not the post's last word (the sentence goes on after it).
    stripped = value.rstrip()
    assert boundaries._ends_with_link(stripped) == (
        bool(OLD_URL_END.search(stripped)) and stripped[-1:] not in boundaries._CLAUSE_MARKS
    )
    old_first = OLD_FIRST_SENTENCE.match(value)
    assert boundaries.first_sentence(value) == (old_first.group() if old_first else value)


@settings(max_examples=500, deadline=None)
@given(texts)
# The longest abbreviation with the character before it, and every case of each marker's end.
@example("said Prof.")
@example("(Prof.")
@example("Prof.")
def test_cheap_tests_never_skip_a_match(value: str) -> None:
    before = value.rstrip()
    tail_search = boundaries._NEVER_FINAL.search(
        before, max(0, len(before) - boundaries._NEVER_FINAL_SPAN)
    )
    assert bool(tail_search) == bool(boundaries._NEVER_FINAL.search(before))
    if boundaries._NUMBER_CUT.search(before):
        assert before.endswith((".", ",")) and before[-2:-1].isdigit()
    if boundaries._HYPHEN_END.search(before):
        assert before.endswith("-")
    if length._URL.search(unicodedata.normalize("NFC", value)):
        assert length._MAY_HOLD_URL.search(unicodedata.normalize("NFC", value))


# ---- the markers pass -------------------------------------------------------------------------
# Its shortcuts: a first-character test before the leading patterns, a last-character test
# before the trailing ones, trailing patterns searched in a short window at the end, the run of
# closing links and hashtags looked for only in a text that holds "#" or "://", and ellipses
# found by stripping dots instead of by a pattern. The plain definitions follow.
MARKER_PIECES = [
    *PIECES,
    *["(1)", "[1]", "#1", "1️⃣", "🔟", "①", "—", "–", "Part", "part ", "Thread", "#thread"],
    *["/🧵", "x", "X", "END", "THE ", "cont'd", "ctd.", "(続く)", "（续）", "（完）", "（", "）"],
    *["１", "／", "..", "6-7", " - ", "https://a.example/x", "#python", "=", "%", "12"],
    # The markers of fixtures/passes/markers-unseen.yaml and their parts.
    *["🙂", "🙏🏽", "|", " | ", "∕", "⁄", ",", "…", "of 3", "〔", "〕", "«", "»", "Тред", "тред"],
    *["1️⃣/3️⃣", "①/3", "/ 3", "/ n", "➡️", "More ", "cont…", "to be continued", "TBC", "(TBC)"],
    *["Fortsetzung folgt", "следует", "Продолжение", "つづく", "続く", "→", "待续", "（未完）"],
    *["/Ende", "/конец", "— fin", "конец", "THREAD", "Thread 🧵👇", "e", "т", "C", "く", "续"],
    *[" …", "3🙂", "→", "▶️", "⏩", "🧵 Thread ", "\t..."],
]
marker_texts = st.lists(st.sampled_from(MARKER_PIECES), max_size=30).map("".join)
# The trailing ellipsis as a pattern: a run of dots and "…" closing the text, two dots at least.
PLAIN_TRAILING_ELLIPSIS = re.compile(r"(?<![.…])[.…]*(?:\.\.|…)[.…]*\s*$")
PLAIN_LEADING_ELLIPSIS = re.compile(r"\s*[.…]*(?:\.\.|…)[.…]*\s*")


_PLAIN_GLUED_HASHTAGS = re.compile(r"(?:#\d*[^\W\d]\w*)+$")
_PLAIN_GLUED_EMOJI = re.compile(rf"[{markers._char_class(markers._EMOJI_CHARS)}]+$")


def _plain_trailing_ends(value: str) -> list[int]:
    end = len(value.rstrip())
    ends = [end]
    for _ in range(markers._TAIL_TOKENS):
        token = markers._LAST_TOKEN.search(value, 0, end)
        if not token:
            break
        if markers._TAIL_TOKEN.fullmatch(token.group()):
            end = len(value[: token.start()].rstrip())
        else:  # hashtags or emoji glued to what comes before them: "3/#javascript", "#a#b", "1/4🙂"
            glued = _PLAIN_GLUED_HASHTAGS.search(token.group()) or _PLAIN_GLUED_EMOJI.search(
                token.group()
            )
            if not glued:
                break
            start = glued.start()
            end = token.start() + start if start else len(value[: token.start()].rstrip())
        if end == 0:
            break
        ends.append(end)
    return ends


def _plain_trailing_count(value: str) -> tuple[int, int] | None:
    """The first form that matches before an end, searched over the whole text. (No count ends
    in a closing link or hashtag: "https://…/x(1)" keeps its "(1)".)"""
    ends = _plain_trailing_ends(value)
    for end in ends[1:] or ends:
        for form in markers._TRAILING_FORMS:
            match = form.pattern.search(value[:end])
            if not match:
                continue
            start = match.start()
            if value[start].isalnum() and not markers._starts_word(value, start):
                continue
            if markers._number(match) is None:
                continue
            return match.span()
    return None


@settings(max_examples=1000, deadline=None)
@given(marker_texts)
@example("end /FIN")
@example("end /end\t")
@example("the end (END)")
@example("wait CONT.")
@example("🧵👇 ")
@example("Done. THE END")
@example("a 3/end #x")
@example("（１／３）text")
@example("text 1/ https://a.example/x #python")
@example("a….")
@example("a https://a.example/x(1)")
@example(".…a")
@example("③root")
def test_the_markers_shortcuts_find_what_the_plain_definitions_find(value: str) -> None:
    lead = markers._lead(value)
    assert lead == len(value) - len(value.lstrip())
    assert markers._trailing_ends(value) == _plain_trailing_ends(value)
    ends = _plain_trailing_ends(value)

    leading = markers._leading_count(value)
    plain_leading = next(
        (
            match
            for form in markers._LEADING_FORMS
            if (match := form.pattern.match(value, lead))
            and not (
                # A circled number or keycap may have a word right after it ("③root").
                not (form.circled or form.keycap)
                and (match.group()[-1].isalnum() or match.group()[-1] in markers._SLASHES)
                and not markers._ends_word(value, match.end())
            )
            and markers._number(match) is not None
        ),
        None,
    )
    assert (leading and (leading.start, leading.end)) == (plain_leading and plain_leading.span())

    trailing = markers._trailing_count(value, markers._trailing_ends(value))
    assert (trailing and (trailing.start, trailing.end)) == _plain_trailing_count(value)

    for end in ends:
        if markers._TRAILING_WORDS.search(value[:end]):
            assert markers._may_end_in_words(value, end)
        windowed = markers._TRAILING_WORDS.search(value, max(0, end - markers._WINDOW), end)
        plain = markers._TRAILING_WORDS.search(value[:end])
        assert (windowed and windowed.span()) == (plain and plain.span())

    plain_end = PLAIN_TRAILING_ELLIPSIS.search(value)
    assert markers._trailing_ellipsis(value) == (plain_end and plain_end.start())
    plain_start = PLAIN_LEADING_ELLIPSIS.match(value)
    assert markers._leading_ellipsis(value) == (plain_start and plain_start.end())


def test_every_first_character_of_a_leading_marker_word_is_tested() -> None:
    # _may_hold_words tries the leading pattern only after a text opening with one of
    # _WORD_HEADS: every character the pattern's IGNORECASE lets stand first must be there.
    for point in range(0x110000):
        char = chr(point)
        if char in markers._WORD_HEADS:
            continue
        for rest in (" thread:", "hread:", "thread:", "thread)", "cont.)", ""):
            assert not markers._LEADING_WORDS.match(char + rest), hex(point)


def test_every_letter_before_a_marker_words_dot_is_tested() -> None:
    # _may_end_in_words searches a text ending in "." only where one of "dDtTnN" stands before
    # it: the last letters of "cont.", "ctd.", "contd.", "cont'd.", "END.", "/end.", "/fin."
    # in every case the pattern's IGNORECASE accepts.
    for point in range(0x110000):
        char = chr(point)
        if char in "dDtTnN":
            continue
        for head in ("con", "ct", "cont'", "EN", "/en", "/fi", "/threa", "#threa"):
            assert not markers._LETTER_WORD_TAIL.search(head + char + "."), hex(point)


def _plain_strip_ellipses(work: markers._Work) -> bool:
    """markers._strip_ellipses without its first tests: each edge read by its own function."""
    changed = False
    texts = work.texts
    for index in range(len(texts) - 1):
        before, after = texts[index], texts[index + 1]
        if not before or not after:
            continue
        trailing = markers._trailing_ellipsis(before)
        leading = markers._leading_ellipsis(after)
        if trailing == 0 or leading == len(after):
            continue
        if trailing is not None and (
            leading is not None or text.starts_lower(after, past_openers=True)
        ):
            body = before[:trailing].rstrip()
            changed = work.take(index, body, before[len(body) :], "trailing-ellipsis") or changed
        if leading is not None and (trailing is not None or not text.TERMINAL.search(before)):
            changed = (
                work.take(index + 1, after[leading:], after[:leading], "leading-ellipsis")
                or changed
            )
    return changed


def _stripped(posts: list[str]) -> list[tuple[str, frozenset[str], tuple[str, ...]]]:
    from builders import make_thread

    from thread2article.options import Options
    from thread2article.reassemble.draft import Draft

    draft = markers.strip_markers(Draft.start(make_thread(posts), Options()))
    return [(item.text, item.signals, item.removed_markers) for item in draft.items]


@settings(max_examples=500, deadline=None)
@given(st.lists(marker_texts, min_size=1, max_size=4))
@example(["Wait.. ", "..and then."])
@example(["Wait..", "and then."])
@example(["So…", "and so on"])
@example(["Go on cont.", "Thread: more."])
@example(["a thread: 1/ Start.", "2/ End."])
def test_the_markers_pass_strips_what_it_strips_without_its_first_tests(posts: list[str]) -> None:
    # The pass's first tests (a marker word may stand at an edge, an ellipsis may close a post)
    # only spare work: with every word searched for and every ellipsis read, the same comes out.
    from unittest import mock

    quick = _stripped(posts)
    with (
        mock.patch.object(markers, "_may_hold_words", lambda *_: True),
        mock.patch.object(markers, "_strip_ellipses", _plain_strip_ellipses),
    ):
        plain = _stripped(posts)
    assert quick == plain


COUNTED_PIECES = [*PIECES, "@bob ", "@a_b\n", " @c", "&amp;", "&lt;", "\u00a0"]
counted_texts = st.lists(st.sampled_from(COUNTED_PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(counted_texts, st.booleans())
@example("@bob @alice hi", False)
@example(" @bob hi", False)
@example("&#64;bob hi", True)
def test_the_counted_text_drops_the_mentions_the_plain_definition_drops(
    value: str, escaped: bool
) -> None:
    # _counted_text reads the mentions of a reply only where its text opens with "@" or a space.
    import html

    from builders import make_post

    from thread2article.reassemble.mentions import leading_mentions_end

    post = make_post(1, {"text": value, "escaped": escaped}, "1000")
    plain = html.unescape(value) if escaped else value
    plain = plain[leading_mentions_end(plain) :].strip()
    assert boundaries._counted_text(post, boundaries.X_COUNTING) == plain


@settings(max_examples=500, deadline=None)
@given(counted_texts, counted_texts, st.integers(min_value=1, max_value=60), st.booleans())
@example("end", "word", 4, False)
@example("東京", "データ。", 9, False)
@example("a", "b", 1, True)
def test_the_evidence_measures_what_fits_as_fits_does(
    before: str, after: str, limit: int, long_form: bool
) -> None:
    # boundary_evidence measures the room once and asks _fits_after, with the post's last
    # character read once, where _fits would strip the post again at each question.
    from builders import make_post

    from thread2article.reassemble.draft import post_text
    from thread2article.reassemble.length import counting_for

    if not before.strip() or not after.strip():
        return
    counting = counting_for("x", limit, 280)
    previous = post_text(
        make_post(0, {"text": before, "long_form": long_form}, None), before, False
    )
    following = post_text(make_post(1, after, "1000"), after, False)
    signals = boundaries.boundary_evidence(previous, following, counting, lambda: "en").signals
    room = boundaries._room(previous, counting)
    after = after.lstrip()
    full = not boundaries._fits(previous, boundaries._first_unit(after), room, counting)
    assert ("filled-to-limit" in signals) == full
    fitted = (room is None or room >= 0) and boundaries._fits(
        previous, boundaries.first_sentence(after), room, counting
    )
    assert ("next-sentence-fitted" in signals) == fitted


# ---- the small join rules (issue 10, item 3) ----------------------------------------------------
JOIN_PIECES = [
    *PIECES,
    *["ca", "approx", "Nr", "A.D", "Col", "Brig", "が", "を", "から", "まで", "でも", "は", "今日"],
    *["テーブル", "はじめ", "、", "ー", "ぐらい", "や"],
]
join_texts = st.lists(st.sampled_from(JOIN_PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(join_texts)
@example("said approx.")
@example("(approx.")
@example("approx.")
@example("said Brig.")
@example("からだ")
@example("から、")
@example("が今日")
def test_the_small_join_rules_shortcuts_agree_with_their_patterns(value: str) -> None:
    before = value.rstrip()
    windowed = boundaries._BEFORE_NUMBER.search(
        before, max(0, len(before) - boundaries._BEFORE_NUMBER_SPAN)
    )
    assert bool(windowed) == bool(boundaries._BEFORE_NUMBER.search(before))
    tail_search = boundaries._NEVER_FINAL.search(
        before, max(0, len(before) - boundaries._NEVER_FINAL_SPAN)
    )
    assert bool(tail_search) == bool(boundaries._NEVER_FINAL.search(before))
    # The particle pattern is tried only after a first-character test.
    if boundaries._JAPANESE_OPENS_WITH_PARTICLE.match(value):
        assert value[:1] in boundaries._PARTICLE_FIRST


def _plain_full_by_characters(text: str, escaped: bool, limit: int) -> bool:
    from thread2article.model import Author, Post
    from thread2article.reassemble.length import counting_for

    post = Post(id="1", author=Author(id="1", handle="a", name="A"), text=text, escaped=escaped)
    counted = boundaries._counted_text(post, counting_for("x", limit, 280))
    return len(counted.encode("utf-16-le")) // 2 >= limit


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans(), st.integers(min_value=1, max_value=40))
@example("&amp;&amp;&amp;", True, 4)
@example("a" * 10 + "😷", False, 12)
def test_the_full_by_characters_shortcut_agrees_with_its_definition(
    value: str, escaped: bool, limit: int
) -> None:
    from thread2article.model import Author, Post
    from thread2article.reassemble.length import counting_for

    post = Post(id="1", author=Author(id="1", handle="a", name="A"), text=value, escaped=escaped)
    assert boundaries._full_by_characters(
        post, counting_for("x", limit, 280)
    ) == _plain_full_by_characters(value, escaped, limit)


@settings(max_examples=100, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4), texts, st.frozensets(st.sampled_from(["a", "b"])))
def test_draft_copies_equal_what_the_constructors_build(
    posts: list[str], new_text: str, signals: frozenset[str]
) -> None:
    # draft.py builds its copies without the dataclasses' __init__; they must be the same values.
    from dataclasses import fields, replace

    from builders import make_thread

    from thread2article.options import Options
    from thread2article.reassemble.draft import Draft, PostText

    thread = make_thread(posts)
    draft = Draft.start(thread, Options())
    plain_items = tuple(
        PostText(post=post, text=post.text, escaped=post.escaped) for post in thread.posts
    )
    assert draft == Draft(thread=thread, options=Options(), items=plain_items)
    item = draft.items[0]
    copy = item.with_text(new_text, *signals, removed=("1/3",))
    assert copy == PostText(
        post=item.post,
        text=new_text,
        escaped=item.escaped,
        signals=item.signals | signals,
        removed_markers=("1/3",),
    )
    assert item.with_text(new_text + "x") == replace(item, text=new_text + "x")
    assert draft.with_texts([copy]) == replace(draft, items=(copy,))
    done = draft.assembled_into((), (), ("note",))
    assert done == replace(draft, assembled=True, notes=("note",))
    # Every field is set, none shared by mistake with the original.
    for value in (draft, copy, done):
        assert all(hasattr(value, f.name) for f in fields(value))


def test_the_joins_pass_builds_each_boundary_as_its_constructor_does() -> None:
    # joins.py builds its boundaries without the dataclass's __init__ (draft.built).
    from dataclasses import fields

    from builders import make_thread

    from thread2article.model import Boundary
    from thread2article.reassemble import run_passes

    draft = run_passes(make_thread(["First post here.", "and it goes on", "Next one."]))
    assert len(draft.boundaries) == 2
    for boundary in draft.boundaries:
        assert type(boundary) is Boundary
        assert boundary == Boundary(**{f.name: getattr(boundary, f.name) for f in fields(Boundary)})
        assert set(vars(boundary)) == {f.name for f in fields(Boundary)}


# ---- the article's title and the article itself ----------------------------------------------
PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?。！？])['\"”’»)]*(?:\s|$)")


@settings(max_examples=1000, deadline=None)
@given(marker_texts)
@example("a!.")
@example("Done.” Next")
@example("。")
def test_the_title_finds_the_sentence_end_the_look_behind_form_finds(value: str) -> None:
    from thread2article.reassemble import title

    found = title._SENTENCE_END.search(value)
    plain = PLAIN_SENTENCE_END.search(value)
    assert (found and found.start("end")) == (plain and plain.start())


def test_the_article_built_without_its_init_equals_the_constructed_one() -> None:
    """reassemble() builds the Article as draft.py builds its copies; the values must be what
    the constructor makes, every field set (no __post_init__ skipped)."""
    from dataclasses import fields, replace

    from builders import make_thread

    from thread2article.model import Article, RemovedMarker
    from thread2article.reassemble import reassemble

    assert not hasattr(Article, "__post_init__")
    article = reassemble(make_thread(["1/ First post.", "2/ Second post. 🧵"]))
    # Every field set on the instance (a field left out would read its class default).
    assert set(vars(article)) == {field.name for field in fields(Article)}
    assert article == replace(article)
    assert article.removed_markers and article.title == "First post"
    # Its removed markers are built the same way.
    assert not hasattr(RemovedMarker, "__post_init__")
    assert article.removed_markers == (
        RemovedMarker("1000", "1/"),
        RemovedMarker("1001", "2/"),
        RemovedMarker("1001", "🧵"),
    )
    for marker in article.removed_markers:
        assert set(vars(marker)) == {field.name for field in fields(RemovedMarker)}


# ---- the Markdown writer ----------------------------------------------------------------------
# Its shortcuts: a line without "://" holds no URL to link, and the autolink pattern (which opens
# with a look-behind) is searched only where "www." or "ftp:" stands in some case.
MARKDOWN_PIECES = [
    *PIECES,
    *[
        "www.",
        "WWW.",
        "wWw.",
        "ftp:",
        "FTP://",
        "fTp://",
        "http://a.example/x",
        "https://b.c",
        "://",
    ],
    *["&amp;", "&", "<", "*", "_", "`", "[", "]", "|", "~", "\\", "#", "-", "1.", "1)", "x", "İ"],
]
markdown_texts = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=30).map("".join)


def _plain_escape_inline(value: str) -> str:
    from thread2article.writers import markdown

    value = markdown._INLINE_SPECIAL.sub(markdown._backslashed, value)
    value = markdown._EXTENSION_AUTOLINK.sub(markdown._unlinked, value)
    return markdown._ENTITY_START.sub(r"\\&", value)


def _plain_text_line(line: str) -> str:
    from thread2article.writers import markdown
    from thread2article.writers.urls import split_links

    parts = [
        f"<{piece}>" if href == piece else _plain_escape_inline(piece)
        for piece, href in split_links(line, None)
    ]
    return markdown.escape_line_start("".join(parts))


@settings(max_examples=1000, deadline=None)
@given(markdown_texts)
@example("see WWW.example.org")
@example("İwww.x")
@example("fTp://host")
@example("")
def test_the_markdown_shortcuts_write_what_the_plain_definitions_write(value: str) -> None:
    from thread2article.writers import markdown

    assert markdown.escape_inline(value) == _plain_escape_inline(value)
    for line in value.split("\n"):
        assert markdown._text_line(line) == _plain_text_line(line)


# ---- the export's article names -----------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.datetimes(timezones=st.just(UTC)))
@example(datetime(999, 1, 2, tzinfo=UTC))
@example(datetime(1000, 12, 31, tzinfo=UTC))
def test_an_article_stem_dates_it_as_strftime_does(published: datetime) -> None:
    from builders import make_article

    from thread2article.export import article_stem

    article = make_article(title="A title", published=published)
    assert article_stem(article, "1") == f"{published.strftime('%Y-%m-%d')}-a-title"


# ---- the passes before the markers, run post by post ------------------------------------------
# run_passes sends each post once through mentions, entities, media, quotes and links
# (reassemble._cleaned_posts) instead of running each pass over the whole thread; the draft must
# be the one the passes make one after the other. The posts draw on every thing these passes
# read: reply context (known and unknown handles), escaped text, media, quote and expanded links
# (one a compat-mode self-permalink), each short link present, absent or glued to a word.
SHORTS = ["https://t.co/a", "https://t.co/b", "https://t.co/q"]
PRELUDE_PIECES = [
    *PIECES,
    *SHORTS,
    *["@writer ", "@Writer\n", "@carol ", "@bob ", "&amp;", "&lt;", "&gt;", "&#39;", "x", " \t"],
]
prelude_texts = st.lists(st.sampled_from(PRELUDE_PIECES), max_size=14).map("".join)
prelude_posts = st.fixed_dictionaries(
    {
        "text": prelude_texts,
        # What X puts at the end of a post: its media link or the quoted post's permalink.
        "end": st.sampled_from(["", " https://t.co/q", " https://t.co/q \n", " https://t.co/b"]),
        "reply": st.booleans(),
        "escaped": st.booleans(),
        "media": st.booleans(),
        "quote": st.booleans(),
        "links": st.lists(
            st.tuples(
                st.sampled_from(SHORTS),
                st.sampled_from(
                    [
                        "https://example.org/page",
                        "https://x.com/i/web/status/123",
                        "https://twitter.com/writer/status/9",
                    ]
                ),
            ),
            max_size=3,
        ),
    }
)


def _prelude_thread(specs: list[dict], platform: str) -> Thread:
    from thread2article.model import Author, Link, Media, Post, QuotedPost

    author = Author(id="1", handle="writer", name="A Writer")
    posts = []
    for index, spec in enumerate(specs):
        posts.append(
            Post(
                id=str(1000 + index),
                author=author,
                text=spec["text"] + spec["end"],
                reply_to=str(999 + index) if spec["reply"] else None,
                links=tuple(Link(short, expanded) for short, expanded in spec["links"]),
                media=(Media(kind="photo", url="https://img.example/1.jpg", short=SHORTS[1]),)
                if spec["media"]
                else (),
                quote=QuotedPost(id="7", url="https://x.com/bob/status/7")
                if spec["quote"]
                else None,
                quote_short=SHORTS[2] if spec["quote"] else "",
                escaped=spec["escaped"],
            )
        )
    return Thread(posts=tuple(posts), platform=platform)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(prelude_posts, max_size=4),
    st.sampled_from(["x", "bluesky", "mastodon"]),
)
# A reply context the first post loses whole and the second only in part ("@bob" stays); a
# quoted post's permalink after an escaped "&amp;"; a compat-mode self-permalink.
@example(
    [
        {"text": "@writer @carol hi &amp;", "end": " https://t.co/q", "reply": True,
         "escaped": True, "media": False, "quote": True, "links": []},
        {"text": "@writer @bob hi https://t.co/a", "end": " https://t.co/b", "reply": True,
         "escaped": True, "media": True, "quote": False,
         "links": [("https://t.co/a", "https://x.com/i/web/status/123")]},
    ],
    "x",
)  # fmt: skip
# A reply context after a space (a run of mentions opens with "@" or a space; others are not
# read), and a reply that opens with a word.
@example(
    [
        {"text": " @writer hi", "end": "", "reply": True, "escaped": False, "media": False,
         "quote": False, "links": []},
        {"text": "\n@writer hi", "end": "", "reply": True, "escaped": False, "media": False,
         "quote": False, "links": []},
        {"text": "hi @writer", "end": "", "reply": True, "escaped": False, "media": False,
         "quote": False, "links": []},
    ],
    "x",
)  # fmt: skip
def test_the_passes_before_the_markers_run_post_by_post_as_one_after_the_other(
    specs: list[dict], platform: str
) -> None:
    from thread2article.options import Options
    from thread2article.reassemble import PASSES, _cleaned_posts, run_passes
    from thread2article.reassemble.draft import Draft

    thread = _prelude_thread(specs, platform)
    options = Options()
    draft = Draft.start(thread, options)
    for name, run in PASSES:
        if name == "markers":
            break
        draft = run(draft)
    assert _cleaned_posts(thread, options, None) == draft
    # run_passes takes the post-by-post way, except when asked to stop inside those passes.
    assert run_passes(thread, options, upto="markers") == PASSES[5][1](draft)
    assert run_passes(thread, options, upto="links") == draft


def _plain_derive_title(text: str, fallback: str, limit: int) -> str:
    """derive_title as first written: the paragraph's whitespace collapsed, then its first
    sentence found (reassemble/title.py finds the sentence first)."""
    from thread2article.reassemble import title

    text = " ".join(text.split())
    if not text:
        return fallback
    match = title._SENTENCE_END.search(text)
    sentence = text[: match.start("end")].strip() if match else text
    sentence = sentence.rstrip(".。").strip() or sentence
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0] if " " in sentence[:limit] else sentence[:limit]
    return cut.rstrip(",;:—–- ") + "…"


# Every kind of whitespace str.split() knows, the ones a regex might read otherwise among them.
TITLE_PIECES = [
    *MARKER_PIECES,
    *["\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\u00a0", "\u2028", "\u2029", "\u200b"],
    *["。", "！", "？", ". ", ".\n", "!\t", "?)", ".”", "…", "。」"],
]
title_texts = st.lists(st.sampled_from(TITLE_PIECES), max_size=40).map("".join)


@settings(max_examples=1000, deadline=None)
@given(title_texts, st.integers(min_value=1, max_value=30))
@example("  First one.\n\n Second.", 80)
@example("Ends.\x1c Next", 80)
@example("Ends.\u200b Next", 80)
@example(" \n\t ", 80)
@example("No end at all " * 10, 80)
def test_the_title_finds_the_first_sentence_before_collapsing_spaces(
    value: str, limit: int
) -> None:
    from thread2article.model import Paragraph
    from thread2article.reassemble.title import derive_title

    blocks = (Paragraph(text=value),) if value.strip() else ()
    expected = _plain_derive_title(value if blocks else "", "fallback", limit)
    assert derive_title(blocks, "fallback", limit) == expected
    assert derive_title((Paragraph(text=value),), "fallback", limit) == _plain_derive_title(
        value, "fallback", limit
    )


def test_no_whitespace_but_the_space_is_printable() -> None:
    # title._collapsed returns a printable text without double or edge spaces as it is.
    for point in range(0x110000):
        char = chr(point)
        if char.isprintable():
            assert char.split() == [char] or char == " ", hex(point)


@settings(max_examples=1000, deadline=None)
@given(title_texts)
@example(" a")
@example("a ")
@example("a  b")
@example("a\u00a0b")
def test_collapsing_spaces_agrees_with_split_and_join(value: str) -> None:
    from thread2article.reassemble.title import _collapsed

    assert _collapsed(value) == " ".join(value.split())


@settings(max_examples=1000, deadline=None)
@given(marker_texts)
@example("🧵 Thread: a 1/")
@example("done. (cont.) 👇")
@example("the END")
@example("Fin. THE END")
@example("…and so… ")
def test_a_one_post_thread_loses_only_marker_words(value: str) -> None:
    """strip_markers returns a one-post draft as it is when no marker word can stand at the
    post's edges; otherwise the rounds of words and ellipses (the plain pass: counts need two
    posts) decide."""
    from builders import make_thread

    from thread2article.options import Options
    from thread2article.reassemble.draft import Draft

    draft = Draft.start(make_thread([value]), Options())
    work = markers._Work(draft)
    without_words: set[str] = set()
    for _ in range(markers._ROUNDS):
        changed = markers._strip_words(work, without_words)
        changed = markers._strip_ellipses(work) or changed
        if not changed:
            break
    result = markers.strip_markers(draft)
    item = result.items[0]
    assert (item.text, item.signals, item.removed_markers) == (
        work.texts[0],
        frozenset(work.signals[0]),
        tuple(work.removed[0]),
    )
    if not work.removed[0]:
        assert result is draft


LINK_PIECES = [*PIECES, "https://t.co/a", "https://t.co/ab", " \t", "\t", "\u00a0", "\r", "\x0b"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(LINK_PIECES), max_size=30).map("".join))
@example("photo https://t.co/a \t")
@example("photo https://t.co/a\u00a0 \n next")
def test_a_dropped_link_leaves_what_the_line_end_pattern_leaves(value: str) -> None:
    from thread2article.reassemble import links

    plain = links._SPACE_BEFORE_LINE_END.sub(
        "", links._replace_short(value, "https://t.co/a", "")
    ).rstrip()
    assert links._without(value, "https://t.co/a") == plain


# The closing lines' words, their decorations and what may stand before them.
_CLOSING_WORDS = ["Fin", "END", "the end", "End of thread", "thread over", "Ende des Threads"]
_CLOSING_WORDS += [
    "Конец треда",
    "конец",
    "おわり",
    "以上です",
    "完",
    "本帖完",
    "结束",
    "fiN",
    "threadſ",
]


@st.composite
def closing_texts(draw) -> str:
    body = draw(st.lists(st.sampled_from(PIECES), max_size=6).map("".join))
    word = draw(st.sampled_from(_CLOSING_WORDS))
    left, right = draw(
        st.sampled_from([("", ""), ("— ", " —"), ("-", "-"), ("(", ")"), ("（", "）")])
    )
    stop = draw(st.sampled_from(["", ".", "。", "!", "！"]))
    before = draw(st.sampled_from(["", " ", "\n", ". ", "。", "” "]))
    after = draw(st.sampled_from(["", " ", "\n", ".", " ."]))
    return body + before + left + word + stop + right + after


@settings(max_examples=600, deadline=None)
@given(st.one_of(closing_texts(), texts))
@example("Then it rained. Fin.")
@example("x\n— end of thread —")
def test_the_closing_line_first_test_never_hides_one(value: str) -> None:
    # _closing_line_start tries the patterns only where _may_close lets it; without that test
    # (every position tried), the same start comes out.
    from unittest import mock

    with mock.patch.object(markers, "_may_close", lambda text: True):
        plain = markers._closing_line_start(value)
    assert markers._closing_line_start(value) == plain


# ---- the markers pass: quiet texts ------------------------------------------------------------
# strip_markers stops as soon as every text is quiet (markers._quiet_start and _quiet_end: each
# rule's first test fails at both edges) and the last post has no closing line, and in a round
# reads only the posts whose text was not quiet when it began. The plain definition: every rule
# asked of every post, round after round, until a round changes nothing.
QUIET_PIECES = [
    *MARKER_PIECES,
    *["⬇️", "⬇", "👉", "👇🏽", "⤵️", "➡️", " 3/", "2/3", "(1/5)", "[4/n]", "1.", "1)", "Part 2:"],
    *["Fin.", "— end —", "End of thread.", "本帖完。", "（おしまい）", "The end.", "x..", "?"],
    *["A thread:", "a thread 🧵", "Thread 👇", "/thread", "(end)", "1/🧵", "3/fin", "27x", "—1"],
    *["Long thread 🧵", "short thread:", "Mega THREAD 👇", "Most", "So ", "その1：", "その", "🔚"],
    *["Tweet 1/5", "Post 2:", "#1/5", "1.)", "(more)", "/end.", "w/end."],
]
quiet_texts = st.lists(st.sampled_from(QUIET_PIECES), max_size=20).map("".join)
# Counts, pointers and ellipses as a writer or a tool puts them on every post.
NUMBERINGS = [
    "{n}/ {body}",
    "{n}/{total} {body}",
    "({n}/{total}) {body}",
    "[{n}/n] {body}",
    "{n}. {body}",
    "{body} {n}/",
    "{body} ({n}/{total})",
    "{body} ⬇️",
    "{body}…",
    "…{body}",
    "🧵 {body}",
    "{n}/{total} {body} 👇",
    "{body} {n}/{total}\nFin.",
    "{body}",
]


@st.composite
def quiet_threads(draw: st.DrawFn) -> list[str]:
    bodies = draw(st.lists(quiet_texts, min_size=1, max_size=5))
    shapes = draw(st.lists(st.sampled_from(NUMBERINGS), min_size=1, max_size=2))
    return [
        shapes[index % len(shapes)].format(n=index + 1, total=len(bodies), body=body)
        for index, body in enumerate(bodies)
    ]


@settings(max_examples=1000, deadline=None)
@given(quiet_texts)
@example("Wait…")
@example("Wait..")
@example("…and then")
@example("read on ⬇️")
@example("The thread: x")
@example("A thread 🧵 x")
@example("Part 1: x")
@example("x 1/ https://a.example/x")
@example("x (cont.)")
@example("x (edited)")
@example("x (end)")
@example("x 27x")
@example("x 3/fin.")
def test_no_rule_of_the_markers_pass_takes_anything_from_a_quiet_text(value: str) -> None:
    ends = markers._trailing_ends(value)
    if not markers._quiet(value):
        return
    assert markers._leading_count(value) is None
    assert markers._trailing_count(value, ends) is None
    # The marker words as _strip_words looks for them, at the start and before each end.
    assert not markers._LEADING_WORDS.match(value, markers._lead(value))
    for end in ends:
        assert not markers._TRAILING_WORDS.search(value[:end])
    assert markers._trailing_ellipsis(value) is None
    assert markers._leading_ellipsis(value) is None
    assert markers._closing_ellipsis(value) is None
    assert markers._opening_ellipsis(value) is None
    assert markers._trailing_pointer(value) is None


@settings(max_examples=1000, deadline=None)
@given(quiet_threads())
@example(["1/ Start.", "2/ Wait…", "and then."])
@example(["Prices went ⬇️", "Then up. ⬇️", "End."])
@example(["(1/3) a", "(2/3) b", "(3/3) c\n\nFin."])
@example(["a 1/3", "b 2/3", "c 3/3\nFin."])
@example(["🧵 1/ Start.", "2/ More."])
@example(["A thread 🧵", "1. Dune.", "2. Emma."])
def test_the_markers_pass_strips_the_same_when_it_reads_every_post_every_round(
    posts: list[str],
) -> None:
    from unittest import mock

    quick = _stripped(posts)
    with (
        mock.patch.object(markers._Work, "quiet", lambda self, text: False),
        mock.patch.object(markers._Work, "settled", lambda self: False),
    ):
        plain = _stripped(posts)
    assert quick == plain


@st.composite
def count_lists(draw: st.DrawFn) -> tuple[list[markers._Count], int, list[int], bool]:
    """Counts as _sequence receives them (one per post, in post order), in half of the lists each
    at its post's position (a few merged: "6-7/40"), in many with one total, with a thread's
    length, its gaps and whether an opener announced it."""
    length = draw(st.integers(min_value=2, max_value=8))
    posts = sorted(draw(st.sets(st.integers(min_value=0, max_value=length - 1), min_size=1)))
    in_place = draw(st.booleans())
    # One total on every count (or none) in half of the lists, as most threads number.
    one_total = draw(st.sampled_from([None, str(length), "end", ""]))
    counts = []
    for post in posts:
        first = post + 1 if in_place else draw(st.integers(min_value=0, max_value=length + 2))
        last = first + draw(st.sampled_from([0, 0, 0, 1]))
        total = (
            draw(st.sampled_from([None, str(length), str(length + 1), "2", "end"]))
            if one_total == ""
            else one_total
        )
        counts.append(
            markers._Count(post, first, last, draw(st.booleans()), total, 0, 1, 1, "", "")
        )
    gaps = draw(st.lists(st.sampled_from([0, 0, 0, 1]), min_size=length, max_size=length))
    gaps_before = [sum(gaps[: index + 1]) for index in range(length)]
    return counts, length, gaps_before, draw(st.booleans())


@settings(max_examples=1000, deadline=None)
@given(count_lists())
def test_the_sequence_of_counts_in_place_is_what_the_bases_accept(
    case: tuple[list[markers._Count], int, list[int], bool],
) -> None:
    from unittest import mock

    found, length, gaps_before, announced = case
    quick = markers._sequence(found, length, gaps_before, announced)
    with (
        mock.patch.object(markers, "_in_place", lambda found: False),
        mock.patch.object(markers, "_one_total", lambda found: False),
    ):
        plain = markers._sequence(found, length, gaps_before, announced)
    assert quick == plain


CALM_PIECES = [
    *QUIET_PIECES,
    *["send", "and", "then", "cont", "contd", "Ctd", "END", "don't", "ext", " ", " ", "x. "],
    *[" https://e.org/p/42", " https://e.org/(1/5", " https://e.org/#12", " http://e.org/x/end"],
    *[" https://e.org/part3", " https://e.org/B", " #tag", " https://e.org/⬇️3/4", "4."],
]
calm_texts = st.lists(st.sampled_from(CALM_PIECES), max_size=20).map("".join)


@settings(max_examples=1000, deadline=None)
@given(calm_texts)
@example("Hello world.")
@example("go on cont.")
@example("THE END")
@example("x 1/?")
@example("x 1／?")
@example("x 27x")
@example("send")
@example("a 3/fin")
@example("x (edited)")
@example("see https://example.com/page")
@example("see #python")
@example("ok. https://e.org/(1/5 https://e.org/p/4")
@example("ok. https://e.org/#12 https://e.org/p/4")
@example("   https://e.org/p/4")
@example("ok https://e.org/⬇️3/4")
@example("ok https://e.org/p..")
@example("ok. https://e.org/(1/5\nhttps://e.org/p/4")
@example("ok https://e.org/" + "x" * 2100 + "(1/5")
def test_a_calm_end_is_one_no_rule_reads_anything_at(value: str) -> None:
    # markers._calm_end stands for the readings of the text's end that _quiet makes.
    if not markers._calm_end(value):
        return
    ends = markers._trailing_ends(value)
    assert markers._trailing_count_of(value, ends) is None
    assert markers._quiet_end(value, ends)


def test_no_marker_ends_in_a_calm_character() -> None:
    # Each character markers._calm_end takes as a calm last one: a letter other than those
    # _MARKER_LAST_LETTERS lists, or a mark of _CALM_MARKS. No count, marker word, pointer or
    # ellipsis ends with it, in any case the patterns' IGNORECASE folds it to.
    ends_markers = (
        markers._MAY_END_COUNT | markers._WORD_TAILS | markers._POINTER_TAILS | set("dDtTnN.…")
    )
    for point in range(0x110000):
        char = chr(point)
        if not (char.isalpha() and char not in markers._MARKER_LAST_LETTERS) and (
            char not in markers._CALM_MARKS
        ):
            continue
        assert not char.isdigit() and char not in ends_markers, hex(point)
        assert not re.fullmatch("[dntx]", char, re.IGNORECASE), hex(point)


COUNT_PIECES = [
    *MARKER_PIECES,
    *["1/n", "1/nx", "3/end", "3/endx", "2/fin", "1/?", "1 / 5", "1/ 5", "#3", "#3a", "6-7/40"],
    *["Part 2", "Part 2:", "teil 3 -", "thread 1/5", "🧵 2/3", "(1/5)", "（１／５）", "③", "1️⃣"],
]
count_texts = st.lists(st.sampled_from(COUNT_PIECES), max_size=12).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.lists(count_texts, min_size=1, max_size=6))
@example(["1/n text", "1/nx text", "1/n"])
@example(["#3 a", "#3a", "#3"])
def test_a_leading_count_read_again_is_what_a_fresh_reading_gives(values: list[str]) -> None:
    # _leading_count reads what a count's text stands for once (markers._PARSED), whatever
    # stands around it; read afresh each time, every count is the same.
    from unittest import mock

    remembered = [markers._leading_count(value) for value in values]
    fresh = []
    for value in values:
        with mock.patch.object(markers, "_PARSED", {}):
            fresh.append(markers._leading_count(value))
    assert remembered == fresh


def _marker_cases() -> list[dict]:
    import yaml
    from conftest import FIXTURES

    cases = []
    for path in sorted((FIXTURES / "passes").glob("markers*.yaml")):
        cases.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    return cases


def test_every_marker_case_strips_the_same_without_the_quiet_shortcuts() -> None:
    # Each marker form of fixtures/passes/markers*.yaml (a new form comes with its case there):
    # the pass's quiet texts, calm ends and counts read once change nothing.
    from unittest import mock

    cases = _marker_cases()
    assert cases
    for case in cases:
        posts = case["posts"]
        quick = _stripped(posts)
        with (
            mock.patch.object(markers._Work, "quiet", lambda self, text: False),
            mock.patch.object(markers._Work, "settled", lambda self: False),
            mock.patch.object(markers, "_calm_end", lambda text, link=True: False),
            mock.patch.object(markers, "_in_place", lambda found: False),
            mock.patch.object(markers, "_one_total", lambda found: False),
            mock.patch.object(markers, "_PARSED", {}),
        ):
            plain = _stripped(posts)
        assert quick == plain, case["name"]
