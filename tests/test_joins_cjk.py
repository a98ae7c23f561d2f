"""Cuts in Chinese and Japanese threads: their splitters cut at any character, inside a Latin
word or a number too, and their writers' spacing between scripts is the thread's own."""

from __future__ import annotations

from builders import make_thread

from thread2article.reassemble import reassemble
from thread2article.reassemble.words import thread_language

# A Japanese post with room left (a tool that keeps room for its markers).
_JA = "これはメタパッケージあるいはプレースホルダーパッケージというもので、"


def _joined(posts: list[str]) -> tuple[list[str], list[str]]:
    article = reassemble(make_thread(posts))
    texts = [block.to_dict()["text"] for block in article.blocks]
    return texts, [boundary.decision for boundary in article.boundaries]


def test_the_language_of_a_chinese_or_japanese_thread() -> None:
    assert thread_language(["これはメタパッケージというもので、Debian パッケージです。"]) == "ja"
    assert thread_language(["人人生而自由,在尊严和权利上一律平等。"]) == "zh"
    # A few Chinese characters in an English thread do not make it Chinese.
    assert thread_language(["The word 自由 means freedom in Chinese and in Japanese."]) == "en"


def test_a_latin_word_cut_in_a_japanese_thread_is_joined_without_a_space() -> None:
    texts, decisions = _joined(
        [_JA + "多くのソフトウェアは GN", "U プロジェクトにより開発されました。"]
    )
    assert decisions == ["join-word"]
    assert "は GNU プロジェクト" in texts[0]


def test_two_latin_words_cut_at_a_space_in_a_japanese_thread_stay_apart() -> None:
    texts, decisions = _joined([_JA + "例えばコマンド apt-get", "source foo を実行します。"])
    assert decisions == ["join"]
    assert "apt-get source foo" in texts[0]


def test_a_post_opening_with_a_japanese_closing_bracket_continues() -> None:
    texts, decisions = _joined(
        [_JA + "詳しくは (「「sid」とは何ですか?", "」 参照) をご覧ください。"]
    )
    assert decisions == ["join-word"]
    assert "とは何ですか?」 参照)" in texts[0]
