"""Words cut in two at the limit: joined without a space only when the words say so."""

from __future__ import annotations

import pytest
from builders import make_thread

from thread2article.options import Options
from thread2article.reassemble import reassemble
from thread2article.reassemble.words import is_cut_word, thread_language


def _full(
    words: str,
    limit: int = 280,
    filler: str = "The committee met again on Tuesday to discuss the report ",
) -> str:
    """Filler before `words` so that the post is exactly `limit` characters long."""
    text = (filler * 10)[: limit - len(words)]
    return text + words


_SENTENCES = "The committee met again on Tuesday to discuss the report. "


@pytest.mark.parametrize(
    ("head", "tail", "language"),
    [
        ("Az", "erbaijan", "en"),
        ("i", "mprove", "en"),
        ("or", "der", "en"),
        ("L", "ehre", "de"),
        ("Verant", "wortung", "de"),
        ("челове", "чества", "ru"),
        ("к", "оторое", "ru"),
        # Compounds and inflected forms, under zipf 3 (bench "cut at 280", issue 10 item 2).
        ("Infor", "mationsquelle", "de"),
        ("Übersichtssei", "te", "de"),
        ("дист", "рибутив", "ru"),
        ("па", "кету", "ru"),
    ],
)
def test_fragments_of_a_frequent_word_are_a_cut_word(head: str, tail: str, language: str) -> None:
    assert is_cut_word(head, tail, language)


@pytest.mark.parametrize(
    ("head", "tail", "language"),
    [
        ("in", "side", "en"),  # two real words; "inside" is not clearly more frequent
        ("some", "times", "en"),
        ("can", "not", "en"),
        ("целям", "и", "ru"),  # "целями" is a word, but no more frequent than "целям"
        ("zorp", "quux", "en"),  # nothing frequent
    ],
)
def test_two_real_words_or_no_word_stay_apart(head: str, tail: str, language: str) -> None:
    assert not is_cut_word(head, tail, language)


def test_the_language_is_read_from_the_threads_words() -> None:
    assert thread_language(["Die Würde des Menschen ist unantastbar und zu schützen."]) == "de"
    assert thread_language(["The committee met again to discuss the report."]) == "en"
    assert thread_language(["Все люди рождаются свободными и равными в своём достоинстве."]) == "ru"


def test_a_full_post_cut_inside_a_word_is_joined_without_a_space() -> None:
    first = _full("peace between Turkey and Az")
    assert len(first) == 280
    article = reassemble(make_thread([first, "erbaijan was signed at last.", "A new post."]))
    assert article.boundaries[0].decision == "join-word"
    assert "Turkey and Azerbaijan was signed" in article.blocks[0].text


def test_a_post_with_room_left_is_never_glued() -> None:
    # Same words, but the post is not full: the writer cut between two words.
    article = reassemble(make_thread(["Peace between Turkey and Az", "erbaijan was signed."]))
    assert article.boundaries[0].decision != "join-word"
    assert "Az erbaijan" in article.blocks[0].text


def test_a_full_post_ending_between_two_real_words_keeps_the_space() -> None:
    first = _full("the answer was in")
    article = reassemble(make_thread([first, "side the box all along.", "Next."]), Options())
    assert article.boundaries[0].decision == "join"
    assert "was in side the box" in article.blocks[0].text


def test_a_full_german_post_cut_inside_a_compound_is_joined() -> None:
    filler = "Die Dokumentation ist nicht mehr ganz aktuell, aber dennoch eine gute Fundgrube. "
    words = "Eine ähnliche Infor"
    first = (filler * 10)[: 280 - len(words)] + words
    article = reassemble(
        make_thread([first, "mationsquelle für Desktop-Rechner ist uns nicht bekannt.", "Ende."])
    )
    assert article.boundaries[0].decision == "join-word"
    assert "ähnliche Informationsquelle für" in article.blocks[0].text


def test_a_word_of_the_scripts_other_language_cut_at_the_limit_is_joined() -> None:
    # The thread's language is read from its first words, English here; the German word cut at
    # the limit is found in German's list, which writes Latin letters too (bench "cut at 280",
    # Debian handbook de quoting English).
    first = _full("Die Option ist standardmäßig deakti", filler=_SENTENCES)
    article = reassemble(make_thread([first, "viert, weil sie selten gebraucht wird.", "Ende."]))
    assert article.boundaries[0].decision == "join-word"
    assert "standardmäßig deaktiviert, weil" in article.blocks[0].text


def test_two_words_of_the_scripts_other_language_stay_apart() -> None:
    # "Ob" and "wohl" are frequent German words; "obwohl" is no more frequent than the rarer.
    first = _full("Er sagte: Ob", filler=_SENTENCES)
    article = reassemble(make_thread([first, "wohl es regnet, gehen wir.", "Ende."]))
    assert article.boundaries[0].decision != "join-word"


def test_a_non_word_before_the_cut_that_completes_a_rare_inflection_is_joined() -> None:
    # "ознакомятся" is rarer than the word lists' "frequent" (bench dev "cut at 280"); the
    # letters before the cut are no word at all, so a writer did not leave them there.
    filler = "Все люди рождаются свободными и равными в своем достоинстве и правах. "
    first = _full("После того, как они ознакомятс", filler=filler)
    article = reassemble(make_thread([first, "я с операционной системой, всё пойдёт.", "Конец."]))
    assert article.boundaries[0].decision == "join-word"
    assert "они ознакомятся с операционной" in article.blocks[0].text


@pytest.mark.parametrize(
    ("last", "next_post"),
    [("He spoke to all the", "men and women who came."), ("after the war", "ten years later.")],
)
def test_two_english_words_are_not_glued_by_the_german_list(last: str, next_post: str) -> None:
    # "themen" and "warten" are German words; "the" / "men" and "war" / "ten" are English ones.
    first = _full(last, filler=_SENTENCES)
    article = reassemble(make_thread([first, next_post, "End."]))
    assert article.boundaries[0].decision != "join-word"
    assert f"{last} {next_post}" in article.blocks[0].text
