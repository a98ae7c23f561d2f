"""Cuts in Chinese and Japanese threads: their splitters cut at any character, inside a Latin
word or a number too, and their writers' spacing between scripts is the thread's own."""

from __future__ import annotations

from builders import make_thread

from thread2article.reassemble import reassemble
from thread2article.reassemble.words import thread_language, written_in_cjk

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


def test_a_number_cut_in_a_japanese_thread_is_joined_without_a_space() -> None:
    texts, decisions = _joined([_JA + "バージョン番号には「19", "990513」のような形式もあります。"])
    assert decisions == ["join-word"]
    assert "「19990513」" in texts[0]
    texts, decisions = _joined([_JA + "主要な標準は POSIX.1 (IEEE 標準 1003.", "1-1990) です。"])
    assert decisions == ["join-word"]
    assert "1003.1-1990" in texts[0]


def test_two_numbers_in_an_english_thread_keep_their_space() -> None:
    # Only Chinese and Japanese threads: in English a year may end a sentence.
    texts, _ = _joined(["The vote was held in 2023.", "2024 was worse for everyone."])
    assert "2023. 2024 was worse" in " ".join(texts)


def test_a_half_width_comma_between_chinese_characters_takes_no_space() -> None:
    texts, decisions = _joined(
        ["人人在行使他的权利和自由时,", "只受法律所确定的限制,确定此种限制的唯一目的在于保证。"]
    )
    assert decisions == ["join-word"]
    assert "权利和自由时,只受法律" in texts[0]


def test_a_comma_after_a_latin_word_keeps_its_space_before_chinese() -> None:
    texts, decisions = _joined(["我们使用 Debian,", "这是一个自由的操作系统。"])
    assert decisions == ["join"]
    assert "Debian, 这是" in texts[0]


def test_a_thread_is_written_in_cjk_when_a_third_of_its_characters_are() -> None:
    assert written_in_cjk(["これはメタパッケージというもので、", "Debian パッケージです。"])
    assert not written_in_cjk(["We ate 寿司 in Tokyo and walked along the river all evening."])
    assert not written_in_cjk(["No Chinese or Japanese here at all."])


def test_a_cut_before_a_latin_word_keeps_the_space_a_spacing_writer_puts_there() -> None:
    # A splitter that cuts at spaces (textwrap) cuts where Chinese meets a Latin word; this
    # writer spaces the two scripts apart ("在 Debian 中"), so the join does too.
    texts, decisions = _joined(
        [
            "您可以在 Debian 系统中使用 apt 工具安装软件包，也可以使用",
            "dpkg 命令直接安装本地的软件包。",
        ]
    )
    assert decisions == ["join"]
    assert "也可以使用 dpkg 命令" in texts[0]


def test_a_japanese_cut_before_a_latin_word_keeps_the_writers_space() -> None:
    texts, decisions = _joined(["Debian のパッケージは", "dpkg で管理されています。"])
    assert decisions == ["join"]
    assert texts[0] == "Debian のパッケージは dpkg で管理されています。"


def test_a_writer_who_writes_scripts_together_gets_no_space() -> None:
    # Case dsajgiouawj's archive thread: "cudaへの移植", "5文字のテーブル".
    texts, decisions = _joined(["cudaへの移植に成功したので", "cuda版で5文字のテーブルを作った"])
    assert decisions == ["join"]
    assert texts[0] == "cudaへの移植に成功したのでcuda版で5文字のテーブルを作った"


def test_a_bracket_a_number_or_a_path_after_a_cut_keeps_the_writers_spacing() -> None:
    # The writer spaces brackets, numbers and paths apart from kana and Chinese characters
    # elsewhere in the thread ("安定版 (stable)", "1994 年 11 月", "は /usr/share"), so a cut
    # right before one joins with that space.
    spaced = "これは安定版 (stable) です。1994 年 11 月に、設定は /etc にあります。"
    full = "これは説明の文です。" * 13 + "詳しくは不安定版"  # 138 characters: the limit cut it
    texts, decisions = _joined([spaced, full, "(unstable) と /usr/share/doc を見てください。"])
    assert decisions[1] == "join"
    assert texts[-1].endswith("詳しくは不安定版 (unstable) と /usr/share/doc を見てください。")


def test_a_writer_who_writes_brackets_against_the_text_gets_no_space() -> None:
    tight = "これは安定版(stable)です。設定は/etcにあります。"
    full = "これは説明の文です。" * 13 + "詳しくは不安定版"
    texts, decisions = _joined([tight, full, "(unstable)を見てください。"])
    assert decisions[1] == "join"
    assert texts[-1].endswith("詳しくは不安定版(unstable)を見てください。")
