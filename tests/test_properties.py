"""Property tests of the reassembler: no word lost or duplicated, cut paragraphs come back whole,
and every pass is idempotent."""

from __future__ import annotations

from builders import make_thread
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from thread2article.model import ListBlock, Paragraph
from thread2article.options import Options
from thread2article.reassemble import PASSES, reassemble
from thread2article.reassemble.draft import Draft
from thread2article.reassemble.markers import (
    _LABEL_HEAD,
    _LETTER_WORD_TAIL,
    _TRAILING_WORDS,
    _closing_span,
    _trailing_pointer,
)
from thread2article.reassemble.words import cut_length

lower_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéß", min_size=1, max_size=7)
punctuation = st.sampled_from(["", "", "", ",", ".", "!", "?", ";", ":"])


@st.composite
def sentence(draw) -> str:
    # At most 3 sentences of 10 words of 7 letters: a post stays under X's 280-character limit,
    # as a real one must (a longer one would be a note tweet).
    words = draw(st.lists(lower_word, min_size=3, max_size=10))
    words[0] = words[0].capitalize()
    return " ".join(words) + draw(st.sampled_from([".", "!", "?"]))


@st.composite
def paragraph(draw) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))


def _body_text(article) -> list[str]:
    texts = []
    for block in article.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, ListBlock):
            texts.extend(block.items)
    return texts


# Words a marker pass could mistake for markers, and tokens the joins treat specially: they are
# content and must all survive (a post never starts with one, so none can number the posts).
tricky_word = st.sampled_from(
    [
        "continued.",
        "cont",
        "end",
        "thread",
        "fin",
        "⬇️",
        "🔽",
        "3.",
        "5%",
        "1,",
        "000",
        "24/7",
        "well-",
        "known",
        "Mr.",
        "e.g.",
        "U.S.",
        "2023.",
        "(see",
        "below)",
        "“quoted”",
        "it’s",
        "東京",
        "データ。",
        "#tag",
        "@name",
    ]
)


@st.composite
def free_posts(draw) -> list[str]:
    """Posts of words, numbers, emoji and punctuation, in any case, cut anywhere between words."""
    posts = []
    for _ in range(draw(st.integers(1, 6))):
        first = draw(lower_word)
        words = draw(
            st.lists(
                st.one_of(
                    st.tuples(lower_word, st.booleans(), punctuation).map(
                        lambda parts: (parts[0].capitalize() if parts[1] else parts[0]) + parts[2]
                    ),
                    tricky_word,
                ),
                max_size=20,
            )
        )
        posts.append(" ".join([first, *words]))
    return posts


@settings(max_examples=200, deadline=None)
@given(free_posts())
def test_no_word_is_lost_or_duplicated(posts: list[str]) -> None:
    # An arrow closing a post before the last (or standing just before the count that closes
    # it) is a pointer to the next post where it follows a sentence's end or closes every such
    # post (markers.py, fixtures/passes/markers-forms.yaml); anywhere else it is a word.
    assume(not any(_trailing_pointer(post) for post in posts[:-1]))
    # The same for the last post's closing line ("… continued. fin"), also before the links and
    # hashtags that close the post (found by this test: "a continued. end #tag").
    assume(len(posts) < 2 or _closing_span(posts[-1]) is None)
    # And a random word that is a marker word closing a post ("… cont.", "… ctd.").
    assume(not any(_TRAILING_WORDS.search(post) for post in posts))
    article = reassemble(make_thread(posts))
    # Joins may drop a space (a hyphen or CJK join) but never a character.
    assert "".join("".join(_body_text(article)).split()) == "".join("".join(posts).split())


@st.composite
def cut_thread(draw) -> tuple[list[str], list[str], bool]:
    """Paragraphs cut into posts at random points inside sentences, and at paragraph ends."""
    paragraphs = draw(st.lists(paragraph(), min_size=1, max_size=5))
    posts = []
    for text in paragraphs:
        words = text.split(" ")
        # Cut only after a word that does not end a sentence: a mid-sentence cut.
        candidates = [i for i in range(1, len(words)) if words[i - 1][-1] not in ".!?"]
        cuts = sorted(draw(st.sets(st.sampled_from(candidates), max_size=3))) if candidates else []
        start = 0
        for cut in [*cuts, len(words)]:
            posts.append(" ".join(words[start:cut]))
            start = cut
    numbered = draw(st.booleans())
    style = draw(
        st.sampled_from(
            ["{text} {n}/{total}", "{n}/ {text}", "({n}/{total}) {text}", "{text} [{n}/n]"]
        )
    )
    if numbered and len(posts) > 1:
        posts = [style.format(text=text, n=i + 1, total=len(posts)) for i, text in enumerate(posts)]
    return paragraphs, posts, numbered


@settings(max_examples=300, deadline=None)
@given(cut_thread())
def test_paragraphs_cut_mid_sentence_reassemble_to_the_original(case) -> None:
    paragraphs, posts, _ = case
    # A post closing on a continuation word ("… a ctd.", "… cont.") closes on a marker, which
    # the markers pass takes off as it should (found by this test: "A a ctd.").
    assume(not any(_LETTER_WORD_TAIL.search(post) for post in posts))
    # Nor a random word that labels a count ("… tweet 3/9", as "Tweet 3/9" does; found by this
    # test with more examples).
    assume(not any(_LABEL_HEAD.fullmatch(word.strip(".!?,;:")) for word in " ".join(posts).split()))
    # Nor posts whose lengths show a tool slicing every N characters (words.cut_length: two posts
    # of 99 and 100 characters before a short last one), where letters no word list knows either
    # side of a post of exactly N are read as one word cut in two, as such a tool leaves them: the
    # random words here are such letters ("…aaa bdß" / "bbaa.", found with 3,000 examples).
    assume(not cut_length(posts))
    body = _body_text(article := reassemble(make_thread(posts)))
    # Every cut inside a sentence is mended: the text comes back word for word, in order.
    assert " ".join(body) == " ".join(paragraphs)
    # And no paragraph break is invented inside one of the writer's paragraphs: each paragraph of
    # the article is one or more whole paragraphs of the original. (Whether a post that ends one
    # of the writer's paragraphs starts a new one is the paragraph rule's judgement on the
    # thread's evidence: a next post that opens with "Then" and repeats this post's words reads
    # as the same paragraph, so recovering every break is not a property; see boundaries.py.)
    originals = iter(paragraphs)
    for text in body:
        joined = next(originals)
        while joined != text and len(joined) < len(text):
            joined += " " + next(originals)
        assert joined == text, article.boundaries


thread_texts = st.lists(
    st.text(alphabet=st.sampled_from(list("ab .…/1234()[]🧵👇@&;lt\n-#*")), max_size=40),
    min_size=1,
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(thread_texts, st.booleans())
def test_every_pass_is_idempotent(texts: list[str], escaped: bool) -> None:
    draft = Draft.start(make_thread(texts, escaped=escaped), Options())
    for name, run in PASSES:
        once = run(draft)
        assert run(once) == once, f"pass {name} is not idempotent"
        draft = once
