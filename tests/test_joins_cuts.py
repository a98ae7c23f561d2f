"""Cuts inside a sentence that look like a sentence end (issue 10, items 1-3): each rule joins
where a tool cut, and a counter-case keeps the break, or the space, where the text says so."""

from __future__ import annotations

import pytest
from builders import make_thread

from thread2article.reassemble import reassemble
from thread2article.reassemble.length import char_weight


def _joined(posts: list) -> tuple[list[str], list[str], list[str]]:
    article = reassemble(make_thread(posts))
    texts = [block.to_dict().get("text", "") for block in article.blocks]
    return (
        texts,
        [boundary.decision for boundary in article.boundaries],
        [boundary.rule for boundary in article.boundaries],
    )


def _filled(words: str, filler: str, limit: int = 280) -> str:
    """`words` after filler, the whole exactly `limit` characters long."""
    return (filler * (limit // len(filler) + 1))[: limit - len(words)] + words


# ---- an abbreviation written with spaces, cut at one of them -------------------------------------


def test_a_german_spaced_abbreviation_cut_at_its_space_continues() -> None:
    # German nouns are capitalised: "B. Debian-Pakete" looks like a new sentence.
    texts, decisions, rules = _joined(
        ["Viele Werkzeuge helfen bei der Arbeit, z.", "B. Debian-Pakete wie dpkg und apt."]
    )
    assert texts == ["Viele Werkzeuge helfen bei der Arbeit, z. B. Debian-Pakete wie dpkg und apt."]
    assert decisions == ["join"]
    assert "written with spaces" in rules[0]


def test_english_initials_cut_at_their_space_continue() -> None:
    texts, decisions, _ = _joined(["The book was written by J.", "R. R. Tolkien in the 1930s."])
    assert texts == ["The book was written by J. R. R. Tolkien in the 1930s."]
    assert decisions == ["join"]


def test_a_lone_letter_ending_a_sentence_before_a_new_one_stays_apart() -> None:
    # "Vitamin C." ends the sentence: the next post opens with a word, not a lone letter.
    _, decisions, rules = _joined(
        ["We all need more vitamin C.", "Oranges are the easy way to get it every day."]
    )
    assert decisions != ["join"]
    assert not any("written with spaces" in rule for rule in rules)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Das gilt für alle Pakete, insb.", "Debian-Pakete aus dem Archiv."),
        ("Wir haben Fragen bzgl.", "Lizenzen der Pakete."),
        ("Der Preis gilt zzgl.", "Versandkosten und Steuern."),
        ("Доклад прочитал проф.", "Иванов из Москвы."),
    ],
)
def test_a_german_or_russian_abbreviation_that_qualifies_what_follows_continues(
    before: str, after: str
) -> None:
    texts, decisions, _ = _joined([before, after])
    assert texts == [f"{before} {after}"]
    assert decisions == ["join"]


def test_an_english_post_ending_in_a_word_before_a_name_may_end_a_sentence() -> None:
    # The German abbreviations are not English words; "prof" alone is no title in English.
    _, decisions, _ = _joined(["He stopped being a prof.", "Students missed him a lot."])
    assert decisions != ["join"]


# ---- abbreviations that stand before a number ----------------------------------------------------


def test_a_page_abbreviation_before_a_number_continues() -> None:
    texts, decisions, _ = _joined(["The figures are on p.", "42 of the annual report."])
    assert texts == ["The figures are on p. 42 of the annual report."]
    assert decisions == ["join"]


def test_a_german_and_a_russian_chapter_abbreviation_before_a_number_continue() -> None:
    texts, decisions, _ = _joined(["Die Einzelheiten stehen in Kap.", "4 des Handbuchs."])
    assert texts == ["Die Einzelheiten stehen in Kap. 4 des Handbuchs."]
    assert decisions == ["join"]
    texts, decisions, _ = _joined(["Подробности приведены в гл.", "5 этого руководства."])
    assert texts == ["Подробности приведены в гл. 5 этого руководства."]
    assert decisions == ["join"]


def test_a_word_that_ends_a_sentence_before_a_number_is_no_such_abbreviation() -> None:
    # "art." is a word: the sentence may end there and the next open with a number.
    _, decisions, rules = _joined(["Most of all we love modern art.", "3 of us went to Paris."])
    assert not any("before a number" in rule for rule in rules)
    assert decisions != ["join"]


# ---- a colon at the cut --------------------------------------------------------------------------


def test_a_colon_at_the_cut_announces_what_follows() -> None:
    texts, decisions, rules = _joined(
        ["The package holds three things:", "Programs, libraries and manuals for them."]
    )
    assert texts == ["The package holds three things: Programs, libraries and manuals for them."]
    assert decisions == ["join"]
    assert "colon" in rules[0]


def test_a_german_colon_before_a_capitalised_noun_continues() -> None:
    texts, decisions, _ = _joined(
        ["Die Liste enthält folgende Dinge:", "Pakete, Werkzeuge und Handbücher."]
    )
    assert texts == ["Die Liste enthält folgende Dinge: Pakete, Werkzeuge und Handbücher."]
    assert decisions == ["join"]


def test_a_colon_before_an_attached_image_or_a_list_does_not_join() -> None:
    # The colon announces the picture attached to its post, or the list the next post lays out.
    _, decisions, rules = _joined(
        [
            {"text": "And here is the wall going up:", "media": {"https://x.test/a.jpg": ""}},
            "Next year we build a gate in it.",
        ]
    )
    assert not any("colon" in rule for rule in rules)
    _, decisions, rules = _joined(["Our three rules:", "1) be kind\n2) be brief\n3) be gone"])
    assert not any("colon" in rule for rule in rules)


def test_a_colon_after_a_number_is_not_an_announcement() -> None:
    _, _, rules = _joined(["We met at the station at 10:", "30 the next morning, as agreed."])
    assert not any("colon" in rule for rule in rules)


# ---- a link at the end of a full post ------------------------------------------------------------

_LINK = "https://www.debian.org/doc/manuals/debian-reference/ch02.en.html"


def test_a_post_filled_to_the_limit_after_a_link_goes_on() -> None:
    # 280 characters with the link in full (a tool counting characters; X counts it as 23).
    first = _filled(f" the reference at {_LINK}", "The packages are described in detail in")
    assert len(first) == 280
    texts, decisions, _ = _joined([first, "Debian lists every package there.", "The end."])
    assert decisions[0] in ("join", "same-paragraph")
    assert f"{_LINK} Debian lists" in texts[0]


def test_a_german_post_filled_to_the_limit_after_a_link_goes_on() -> None:
    first = _filled(f" finden Sie unter {_LINK}", "Die Liste aller Pakete und Werkzeuge ")
    texts, decisions, _ = _joined([first, "Dort steht alles über Pakete.", "Ende."])
    assert decisions[0] in ("join", "same-paragraph")
    assert f"{_LINK} Dort steht" in texts[0]


def test_a_link_after_a_sentence_closes_the_post_even_when_full() -> None:
    # Case papertweeter's thread (../shared/realdata): "Read this instead! https://…".
    first = _filled(f" Read this instead! {_LINK}", "The paper is long and dense, so ")
    _, decisions, rules = _joined([first, "Our paper focused on a loss we call soft.", "End."])
    assert rules[0] != "no terminal punctuation before the cut"


def test_a_link_closing_a_post_with_room_left_ends_it() -> None:
    _, _, rules = _joined([f"The reference is at {_LINK}", "Dort steht alles über Pakete."])
    assert rules[0] != "no terminal punctuation before the cut"


# ---- Japanese: a statement end without 。, or a cut where a tool counting characters stopped --

_JA_FILLER = "パッケージの作成にはいくつかの道具が必要で、dpkg や debhelper を使います。"


def test_a_japanese_cut_in_a_thread_cut_at_140_characters_continues() -> None:
    # A tool that counts 140 characters (X's limit for Japanese) cut this post: by X's weights,
    # which count Latin letters once, the next sentence would have fitted.
    first = _filled("ソースパッケージを作成してから作", _JA_FILLER, 140)
    assert len(first) == 140
    texts, decisions, _ = _joined([first, "業を続けます。", "次の段落です。"])
    assert decisions[0] == "join"
    assert "作業を続けます。" in texts[0]


def test_a_japanese_statement_end_in_a_hand_typed_thread_stays() -> None:
    # Case dsajgiouawj's archive thread: a post of 162 characters says the writer counted as X
    # does, so the 140 characters say nothing, and the statement ends without 。.
    long_post = "チェーン数4718592チェーン長3000 " * 7
    assert len(long_post) > 140
    first = _filled("とりあえず成功したので次は6文字", "解読時間平均10秒弱 690/700≒98.6% ", 135)
    _, decisions, rules = _joined([long_post, first, "cudaへの移植に成功 かなり大変だった"])
    assert decisions[1] == "new-paragraph"
    assert "Japanese statement" in rules[1]


# ---- a name cut at its dot in Chinese or Japanese ----------------------------------------------


def test_a_file_name_cut_at_its_dot_in_a_japanese_thread_is_joined() -> None:
    texts, decisions, rules = _joined(
        ["元のソースに対する Debian 固有の変更を収録する .diff.", "gz ファイルで構成されます。"]
    )
    assert decisions == ["join-word"]
    assert ".diff.gz ファイル" in texts[0]
    assert "dot in Chinese or Japanese" in rules[0]


def test_an_address_cut_at_its_dot_in_a_chinese_thread_is_joined() -> None:
    texts, decisions, _ = _joined(
        ["可以从 git@salsa.debian.org:ddp-team/debian-faq.", "git 获取本文档的源码。"]
    )
    assert decisions == ["join-word"]
    assert "debian-faq.git 获取" in texts[0]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "これは安全です。Only install packages from a certified origin.",
            "dpkg --verify は便利です。",
        ),
        ("其中包括 the components main, contrib, and non-free.", "non-free 组件则有所不同。"),
    ],
)
def test_an_english_sentence_quoted_in_a_cjk_thread_ends_at_its_dot(
    before: str, after: str
) -> None:
    # Four Latin words with spaces before the "." end an English sentence, not a file name.
    texts, decisions, rules = _joined([before, after])
    assert decisions != ["join-word"]
    assert not any("dot in Chinese or Japanese" in rule for rule in rules)


def test_a_file_name_after_a_command_is_joined_at_its_dot_in_a_japanese_thread() -> None:
    # Four Latin words, but the last no English word: a command's file name, cut at its dot.
    texts, decisions, _ = _joined(
        ["設定を確認するには sudo systemctl restart ntp.", "service を実行します。", "以上。"]
    )
    assert decisions[0] == "join-word"
    assert "restart ntp.service を実行" in texts[0]


def test_an_english_sentence_end_before_a_lower_case_name_keeps_its_space() -> None:
    # Only in Chinese and Japanese does a sentence never end with ".": in English a post may end
    # a sentence and the next open with a command's name.
    texts, decisions, _ = _joined(["Install the package with apt.", "dpkg is the tool below it."])
    assert decisions != ["join-word"]
    assert "apt. dpkg" in " ".join(texts)


# ---- a file name cut at its dot, written whole elsewhere in the thread ------------------------


def test_a_file_name_the_thread_writes_whole_is_joined_at_its_dot() -> None:
    texts, decisions, rules = _joined(
        [
            "Build it, and dpkg -i foo_1.0-1.deb installs it.",
            "Then dpkg-deb --extract foo_1.0-1.",
            "deb tmp unpacks the same package.",
        ]
    )
    assert decisions[1] == "join-word"
    assert "--extract foo_1.0-1.deb tmp" in " ".join(texts)
    assert "writes whole elsewhere" in rules[1]


def test_a_russian_file_name_the_thread_writes_whole_is_joined_at_its_dot() -> None:
    texts, decisions, _ = _joined(
        [
            "Пакет foo_VVV-RRR.deb содержит программу.",
            "Команда dpkg-deb --extract foo_VVV-RRR.",
            "deb tmp извлечёт все файлы.",
        ]
    )
    assert decisions[1] == "join-word"
    assert "foo_VVV-RRR.deb tmp" in " ".join(texts)


def test_a_sentence_end_before_a_command_keeps_its_space() -> None:
    # The thread never writes "apt.dpkg": a sentence ended, and the next opens with a command.
    texts, decisions, _ = _joined(
        ["Most people install packages with apt.", "dpkg does the work below it, see dpkg.1"]
    )
    assert decisions != ["join-word"]
    assert "apt. dpkg" in " ".join(texts)


# ---- a link at the end of a post that carried a count -------------------------------------------


def _weighted_to(words: str, filler: str, weight: int) -> str:
    """Filler (one weight per character, or two for Chinese) before `words`, to `weight` with
    the link counted in full, as a tool counting characters counts it."""
    unit = 2 if "\u4e00" <= filler[0] <= "\u9fff" else 1
    count = (weight - sum(map(char_weight, words))) // unit
    return (filler * (count // len(filler) + 1))[:count] + words


def test_a_link_before_a_count_in_a_post_the_tool_filled_goes_on_in_chinese() -> None:
    # A tool that keeps five characters for its count wrote " 1/" (three): by its count, the
    # link in full, the post is full, though one Chinese character would still have fitted.
    first = _weighted_to(f"参阅 {_LINK} 1/", "软件包的详细说明请", 278)
    texts, decisions, rules = _joined([first, "中的文档。 2/", "完。 3/"])
    assert (decisions[0], rules[0]) == ("join", "no terminal punctuation before the cut")
    assert f"{_LINK} 中的文档" in texts[0]


def test_a_link_before_a_count_in_a_post_the_tool_filled_goes_on_in_english() -> None:
    first = _weighted_to(f" the reference at {_LINK} 1/", "The packages are described in ", 273)
    texts, decisions, rules = _joined([first, "Debian lists all of them there. 2/", "The end. 3/"])
    assert (decisions[0], rules[0]) == ("join", "no terminal punctuation before the cut")
    assert f"{_LINK} Debian lists" in texts[0]


def test_a_link_before_a_count_in_a_post_with_room_closes_it() -> None:
    _, _, rules = _joined([f"The reference is at {_LINK} 1/", "Debian lists all. 2/", "End. 3/"])
    assert rules[0] != "no terminal punctuation before the cut"


# ---- Japanese: a post that opens inside a word ---------------------------------------------------


def test_a_japanese_post_opening_with_a_long_vowel_mark_continues_the_word() -> None:
    # The next sentence would have fitted, and "パッケ" ends on a katakana: without the opening
    # "ー" this reads as a statement that ended without 。.
    texts, decisions, rules = _joined(["新しいパッケ", "ージを作ります。", "以上です。"])
    assert decisions[0] == "join"
    assert texts[0] == "新しいパッケージを作ります。"
    assert "no Japanese word starts with" in rules[0]


def test_a_japanese_post_opening_with_a_small_kana_continues_the_word() -> None:
    texts, decisions, _ = _joined(["今日はち", "ょっと寒いですね。", "以上です。"])
    assert decisions[0] == "join"
    assert texts[0] == "今日はちょっと寒いですね。"


def test_a_japanese_statement_before_a_post_opening_with_a_word_stays_apart() -> None:
    # Case dsajgiouawj's archive thread: "…実装してみたい" is a statement; the next opens with a
    # word.
    _, decisions, _ = _joined(["土日でレインボーテーブルを実装してみたい", "パスワードは5文字"])
    assert decisions == ["new-paragraph"]


# ---- Japanese: a word across the cut -------------------------------------------------------------

# A post with room left: a tool that keeps room for its count (" (1/3)") cut here.
_JA_ROOM = "もっと詳細な説明については、新メンテナガイドや Debian メンテナ向けガイドを"


def test_a_japanese_word_cut_in_two_in_a_post_with_room_continues() -> None:
    # "ください" spans the cut: no statement ends inside a word, though "さい。" would have fitted.
    texts, decisions, _ = _joined(
        [_JA_ROOM + "読んでくだ (1/3)", "さい。 (2/3)", "以上です。 (3/3)"]
    )
    assert decisions[0] == "join"
    assert texts[0] == _JA_ROOM + "読んでください。"


def test_a_japanese_kanji_compound_cut_in_two_continues() -> None:
    texts, decisions, _ = _joined(
        [
            "pool ディレクトリには実 (1/3)",
            "際のパッケージが収録されます。 (2/3)",
            "以上です。 (3/3)",
        ]
    )
    assert decisions[0] == "join"
    assert texts[0] == "pool ディレクトリには実際のパッケージが収録されます。"


def test_a_japanese_statement_at_a_word_end_stays_a_statement() -> None:
    # Case dsajgiouawj's archive thread: "…実装してみたい" / "62種…": the words end at the cut.
    _, decisions, _ = _joined(
        ["土日でレインボーテーブルを実装してみたい", "62種(大文字小文字数字)5文字のパスワード"]
    )
    assert decisions == ["new-paragraph"]
