"""Cuts a tool made inside a sentence that read as a break or as a space between words (issue
10, items 2-3), each with a counter-case where the text says otherwise."""

from __future__ import annotations

import pytest
from builders import make_thread

from thread2article.reassemble import reassemble


def _joined(posts: list[str]) -> tuple[list[str], list[str]]:
    article = reassemble(make_thread(posts))
    texts = [block.to_dict().get("text", "") for block in article.blocks]
    return texts, [boundary.decision for boundary in article.boundaries]


def _full(words: str, limit: int = 280) -> str:
    filler = "Die Dokumentation ist nicht mehr ganz aktuell, aber eine gute Fundgrube. "
    return (filler * 5)[: limit - len(words)] + words


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Das steuern andere Umgebungsvariablen (", "für ein Beispiel DEBIAN_FRONTEND)."),
        ("Senden Sie eine Mail mit dem Betreff „", "subscribe“ an die Liste."),
        ("件名: (", "Subject:) ヘッダに「subscribe」と書いてください。"),
    ],
)
def test_a_post_ending_with_an_opening_bracket_is_joined_to_what_it_opens(
    before: str, after: str
) -> None:
    texts, decisions = _joined([before, after])
    assert decisions == ["join-word"]
    assert texts == [before + after]


def test_a_post_opening_with_a_clitic_is_joined_to_the_word_before() -> None:
    texts, decisions = _joined(
        ["You will have to copy the magic cookie into the target user", "'s home directory."]
    )
    assert decisions == ["join-word"]
    assert texts == [
        "You will have to copy the magic cookie into the target user's home directory."
    ]


def test_a_post_opening_with_a_quotation_keeps_its_space() -> None:
    texts, decisions = _joined(["He called it", "'simple' and moved on to the next point."])
    assert decisions != ["join-word"]
    assert texts == ["He called it 'simple' and moved on to the next point."]


def test_a_number_cut_before_its_decimal_point_is_joined() -> None:
    texts, decisions = _joined(
        ["Die Zwischenveröffentlichung trägt die Version 5.0", ".1 im Archiv."]
    )
    assert decisions == ["join-word"]
    assert texts == ["Die Zwischenveröffentlichung trägt die Version 5.0.1 im Archiv."]


def test_a_full_post_cut_between_two_digits_is_joined() -> None:
    first = _full("Lesen Sie die E-Mail vom 3. Juli 20")
    texts, decisions = _joined([first, "15 von Didier Raboud.", "Ende."])
    assert decisions[0] == "join-word"
    assert "vom 3. Juli 2015 von Didier" in texts[0]


def test_two_numbers_in_a_post_with_room_keep_their_space() -> None:
    texts, decisions = _joined(["Die Pakete kamen in Version 2", "3 neue Werkzeuge dazu."])
    assert decisions != ["join-word"]
    assert texts[0].startswith("Die Pakete kamen in Version 2 ")


def test_a_colon_after_a_closing_bracket_announces_what_follows() -> None:
    texts, decisions = _joined(
        [
            "Debian 3.0 Woody (2002 年 7 月 19 日):",
            "映画 Toy Story の主人公であるカウボーイから名付けられました。",
            "Debian 3.1 Sarge (2005 年 6 月 6 日):",
            "映画 Toy Story の登場人物から名付けられました。",
        ]
    )
    assert decisions[0] == "join"
    assert decisions[2] == "join"


def test_a_name_cut_after_its_dot_behind_a_quotation_mark_in_chinese_is_joined() -> None:
    texts, decisions = _joined(
        ["该脚本在 foo 从它的 Debian 档案文件（“.", "deb”）中被解压之后执行。", "以上。"]
    )
    assert decisions[0] == "join-word"
    assert texts[0] == "该脚本在 foo 从它的 Debian 档案文件（“.deb”）中被解压之后执行。"


def test_a_half_width_semicolon_keeps_the_space_the_writer_puts_after_it() -> None:
    # The writer spaces "; " between Japanese words elsewhere in the thread.
    texts, decisions = _joined(
        [
            "初めての Debian リリースでした;",
            "約 2250 個のパッケージが収録されていました; 多くの人が喜びました。",
        ]
    )
    assert decisions[0] == "join"
    assert texts[0].startswith("初めての Debian リリースでした; 約 2250")


def test_a_half_width_comma_in_chinese_takes_no_space_by_default() -> None:
    texts, _ = _joined(["人人有资格享受本宣言所载的一切权利和自由时,", "只受法律所确定的限制。"])
    assert texts[0] == "人人有资格享受本宣言所载的一切权利和自由时,只受法律所确定的限制。"


_CONFIGURATION = "Set X11Forwarding to yes in the server configuration before you start it. "


def _full_post(words: str) -> str:
    """`words` after filler, the post exactly 280 characters long."""
    return (_CONFIGURATION * 5)[: 280 - len(words)] + words


def test_a_full_post_cut_inside_a_path_at_a_slash_is_joined() -> None:
    first = _full_post("in the server configuration file (/etc/ssh")
    texts, decisions = _joined([first, "/sshd_config). Then restart the server.", "Done."])
    assert decisions[0] == "join-word"
    assert "file (/etc/ssh/sshd_config). Then" in texts[0]


def test_a_full_post_cut_after_a_paths_slash_is_joined() -> None:
    first = _full_post("Add every distribution you use to /etc/")
    texts, decisions = _joined([first, "apt/sources.list before the upgrade.", "Done."])
    assert decisions[0] == "join-word"
    assert "use to /etc/apt/sources.list before" in texts[0]


@pytest.mark.parametrize(
    ("words", "next_post"),
    [
        ("Config lives in /etc/", "and logs go to /var/log."),
        ("My notes are at https://example.com/", "and the slides will follow soon."),
    ],
)
def test_a_word_after_a_full_posts_directory_keeps_its_space(words: str, next_post: str) -> None:
    texts, decisions = _joined([_full_post(words), next_post, "Done."])
    assert decisions[0] != "join-word"
    assert f"{words} {next_post}" in texts[0]


def test_a_post_with_room_ending_in_a_paths_slash_keeps_its_space() -> None:
    texts, decisions = _joined(["The files live under /etc/", "apt keeps its own there."])
    assert decisions != ["join-word"]


def test_two_paths_in_a_post_with_room_keep_their_space() -> None:
    texts, decisions = _joined(["Copy the file with cp /etc/a", "/etc/b and restart it."])
    assert decisions != ["join-word"]
    assert texts[0] == "Copy the file with cp /etc/a /etc/b and restart it."


def test_a_path_cut_after_a_slash_in_chinese_is_joined() -> None:
    texts, decisions = _joined(
        [
            "调用哪一个程序是通过软链接 /etc/alternatives/",
            "news-reader 指向所选择的文件来决定的。",
            "以上。",
        ]
    )
    assert decisions[0] == "join-word"
    assert (
        texts[0]
        == "调用哪一个程序是通过软链接 /etc/alternatives/news-reader 指向所选择的文件来决定的。"
    )


def test_a_sentence_end_before_a_path_in_japanese_stays() -> None:
    _, decisions = _joined(
        [
            "これはデータを格納するディレクトリです。",
            "/tmp/。これは一時ファイルを格納するディレクトリです。",
        ]
    )
    assert decisions[0] != "join-word"


def test_an_english_word_cut_in_two_in_a_russian_thread_is_joined() -> None:
    filler = "Каталоги дистрибутива должны содержать только нужные файлы и ссылки. "
    words = "должны содержать только файлы Package"
    first = (filler * 5)[: 280 - len(words)] + words
    texts, decisions = _joined([first, "s, состоящие из ссылок на пул.", "Конец."])
    assert decisions[0] == "join-word"
    assert "только файлы Packages, состоящие" in texts[0]
