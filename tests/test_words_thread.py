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
