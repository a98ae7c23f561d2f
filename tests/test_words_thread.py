"""A word cut in two that the word list rates below its fragments ("Deb" / "ian"): the thread's
own words tell, where it writes the word whole elsewhere and never the fragments alone."""

from __future__ import annotations

from builders import make_thread

from thread2article.reassemble import reassemble
from thread2article.reassemble.words import ThreadWords, is_cut_word


def _full(words: str, filler: str, limit: int = 280) -> str:
    return (filler * (limit // len(filler) + 1))[: limit - len(words)] + words


def _decisions(posts: list[str]) -> tuple[str, list[str]]:
    article = reassemble(make_thread(posts))
    text = "\n".join(block.to_dict().get("text", "") for block in article.blocks)
    return text, [boundary.decision for boundary in article.boundaries]


def test_the_word_list_alone_keeps_deb_and_ian_apart() -> None:
    # Both fragments are words to wordfreq, and "debian" is rarer than "deb": the list says no.
    assert not is_cut_word("Deb", "ian", "en")


def test_a_name_the_thread_writes_whole_is_joined_in_a_japanese_thread() -> None:
    text, decisions = _decisions(
        [
            "Debian のパッケージは dpkg で管理されています。",
            "これはメタパッケージというもので、Deb",
            "ian パッケージのビルドに必要なツールに依存しています。",
        ]
    )
    assert decisions[1] == "join-word"
    assert "もので、Debian パッケージのビルド" in text


def test_a_name_the_thread_writes_whole_is_joined_in_an_english_thread() -> None:
    first = _full("packages for Deb", "A meta package depends on the usual build tools for ")
    assert len(first) == 280
    text, decisions = _decisions(
        ["Debian is the system this thread is about.", first, "ian developers to use.", "End."]
    )
    assert decisions[1] == "join-word"
    assert "packages for Debian developers" in text


def test_fragments_the_thread_also_writes_alone_stay_two_words() -> None:
    # Case "cut at 280" (bench, German Debian FAQ): "an" / "deren". The thread writes "anderen"
    # elsewhere, but also "an" on its own: two words it uses are never glued.
    first = _full("Problem auch an", "Auf diese Weise kann die Lösung für Ihr ")
    text, decisions = _decisions(
        ["Die anderen Benutzer schreiben an die Liste.", first, "deren Benutzern helfen.", "Ende."]
    )
    assert decisions[1] == "join"
    assert "auch an deren Benutzern" in text


def test_thread_words_count_each_word_once_per_occurrence() -> None:
    asked = []

    def texts() -> list[str]:
        asked.append(1)
        return ["Debian und Debian-Pakete", "これは Debian のパッケージ"]

    words = ThreadWords(texts)
    assert words.count("debian") == 3
    assert words.count("Pakete") == 1
    assert words.one_word("Deb", "ian")
    assert not words.one_word("Debian", "Pakete")  # never written as one word
    assert asked == [1]  # the thread is read once


# ---- a tool that keeps room for its count ------------------------------------------------------

_EN = "The committee met again on Tuesday to discuss the report "
_DE = "Die Dokumentation ist nicht mehr ganz aktuell, aber eine gute Fundgrube. "


def _counted(words: str, filler: str, number: int) -> str:
    """A post cut two characters short of the limit (the room a tool kept for a longer count),
    then its count."""
    return _full(words, filler, 280 - len(f" {number}/") - 2) + f" {number}/"


def test_a_word_cut_before_a_count_is_joined_in_english() -> None:
    first = _counted("peace between Turkey and Az", _EN, 1)
    text, decisions = _decisions([first, "erbaijan was signed at last. 2/", "The end. 3/"])
    assert decisions[0] == "join-word"
    assert "Turkey and Azerbaijan was signed" in text


def test_a_word_cut_before_a_count_is_joined_in_german() -> None:
    first = _counted("Eine ähnliche Infor", _DE, 1)
    text, decisions = _decisions(
        [first, "mationsquelle ist uns nicht bekannt. 2/", "Das ist alles. 3/"]
    )
    assert decisions[0] == "join-word"
    assert "ähnliche Informationsquelle ist" in text


def test_words_the_thread_writes_alone_stay_apart_before_a_count() -> None:
    # "around" is more frequent than "round", but the thread writes "a" on its own: a tool that
    # kept room for its count may as well have cut at the space.
    first = _counted("in the end it was a", _EN, 1)
    text, decisions = _decisions(
        [first, "round table after all. 2/", "It was a long day for all of us. 3/"]
    )
    assert decisions[0] == "join"
    assert "it was a round table" in text


def test_a_post_without_a_count_short_of_the_limit_is_never_glued() -> None:
    first = _full("peace between Turkey and Az", _EN, 277)
    _, decisions = _decisions([first, "erbaijan was signed at last.", "The end."])
    assert decisions[0] == "join"


# ---- a package name cut in a full post, written whole elsewhere ---------------------------------


def test_a_package_name_the_thread_writes_whole_is_joined_in_english() -> None:
    # Case "cut at 280" (bench, Debian FAQ): "firmware-misc-non" / "free"; "non" and "free" are
    # both words, and the thread writes "free" alone, but it writes the package's name whole.
    first = _full("(see for instance firmware-misc-non", "Some firmware blobs can be shipped ")
    text, decisions = _decisions(
        [
            "Install firmware-misc-nonfree for the free drivers.",
            first,
            "free) to get them.",
            "End.",
        ]
    )
    assert decisions[1] == "join-word"
    assert "firmware-misc-nonfree) to get" in text


def test_a_package_name_the_thread_writes_whole_is_joined_in_german() -> None:
    first = _full("Das Paket debian-archive-key", "Die Schlüssel der Archive liegen bereit. ")
    text, decisions = _decisions(
        [
            "Installieren Sie debian-archive-keyring zuerst, den Ring der Schlüssel.",
            first,
            "ring enthält sie.",
            "Ende.",
        ]
    )
    assert decisions[1] == "join-word"
    assert "Paket debian-archive-keyring enthält" in text


def test_a_name_the_thread_never_writes_whole_keeps_its_space() -> None:
    first = _full("the one in firmware-misc", "Some firmware blobs can be shipped ")
    text, decisions = _decisions(
        ["Install firmware-misc first.", first, "free software does not need it.", "End."]
    )
    assert decisions[1] == "join"
    assert "firmware-misc free software" in text
