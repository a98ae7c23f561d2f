"""Cuts inside a sentence that a tool cutting every N characters leaves (issue 10: cuts inside a
sentence joined), and two cuts read as a statement's end: a "#" before a number, and a link
with a clause mark after it."""

from __future__ import annotations

from builders import make_thread

from thread2article.reassemble import reassemble

GERMAN = "Die Dokumentation ist nicht mehr ganz aktuell, aber eine gute Fundgrube für alle. "
ENGLISH = "The committee met again on Tuesday to discuss the report on water and roads. "


def _post(filler: str, words: str, size: int = 200) -> str:
    """A post of exactly `size` characters that ends with `words`."""
    return (filler * 4)[: size - len(words)] + words


def _decisions(posts: list[str]) -> tuple[list[str], str]:
    article = reassemble(make_thread(posts))
    text = "\n".join(block.to_dict()["text"] for block in article.blocks)
    return [boundary.decision for boundary in article.boundaries], text


def _three(
    first: str, opening: str, second: str, third: str, filler: str = GERMAN, size: int = 200
) -> list[str]:
    """Three posts: one of `size` characters ending with `first`, one of `size` opening with
    `opening` and ending with `second`, and a last one opening with `third`."""
    return [
        _post(filler, first, size),
        opening + _post(filler, second, size - len(opening)),
        third + " " + filler,
    ]


def _sliced(second: str, third: str, filler: str = GERMAN) -> list[str]:
    """A thread a tool cut every 200 characters: its first post cut inside a word the frequency
    test knows ("Regie" / "rung"), so the tool is known to cut inside words, then `second`
    (200 characters) and `third`."""
    return _three("die Regie", "rung trat zurück. ", second, third, filler)


# ---- the rest of a word, at a post the tool cut exactly at N ------------------------------------


def test_letters_no_list_knows_after_the_cut_are_the_rest_of_a_word() -> None:
    # Bench dev "sliced every N characters", German Debian FAQ: "…Berechtigungen für Per" /
    # "ipheriegeräte nach…": "Peripheriegeräte" is too rare for the word lists, "Per" is a word,
    # and "ipheriegeräte" none, which only a cut inside a word leaves.
    posts = _sliced("Berechtigungen für Per", "ipheriegeräte nach einem Systemstart.")
    decisions, text = _decisions(posts)
    assert decisions[:2] == ["join-word", "join-word"]
    assert "für Peripheriegeräte nach" in text


def test_a_name_the_thread_writes_elsewhere_is_no_rest_of_a_word() -> None:
    # "frobnicatord" is no word of any list, but the thread writes it alone elsewhere: a name
    # after a cut at a space.
    posts = _sliced("gestellt werden von", "frobnicatord und so weiter.")
    posts.append("Dann startet frobnicatord neu und alles ist gut.")
    decisions, text = _decisions(posts)
    assert decisions[1] == "join"
    assert "von frobnicatord und" in text


def test_a_capital_after_a_small_letter_is_no_rest_of_a_word() -> None:
    # A post full to X's limit, in a thread whose tool cut another full post inside a word: a
    # capital after a small letter opens a word ("…welche die" / "Qwertzuiophausen…").
    posts = _three(
        "die Regie", "rung trat zurück. ", "ergänzt, welche die", "Qwertzuiophausen", size=280
    )
    decisions, _ = _decisions(posts)
    assert decisions[0] == "join-word"
    assert decisions[1] == "join"


def test_the_rest_of_a_word_needs_a_tool_known_to_cut_inside_words() -> None:
    # No other post was cut inside a word: the same letters after a post of 200 stay apart.
    posts = _three("die Regierung", "trat zurück. ", "Berechtigungen für Per", "ipheriegeräte")
    decisions, _ = _decisions(posts)
    assert decisions[1] == "join"


def test_a_name_after_a_full_post_in_a_chinese_thread_is_no_rest_of_a_word() -> None:
    # Bench dev "paragraph per post", Chinese Debian handbook: "…dch command (Debian CHangelog)
    # from the" / "devscripts package.": Chinese threads are taken to be cut at characters
    # without the thread showing it, and their Latin words are names the lists miss.
    chinese = "软件包的维护者会记录每一次修改，并且说明修改的原因。" * 3
    english = "Each change is written down with the dch command, which comes. " * 2
    english = " " + english[: 280 - 2 * len(chinese) - len(" from the") - 1] + " from the"
    first = chinese + english
    assert 2 * len(chinese) + len(english) == 280
    after = "devscripts package. " + chinese + "这个命令会打开文本编辑器。"
    decisions, text = _decisions([first, after])
    assert decisions[0] != "join-word"
    assert "from the devscripts package" in text


# ---- the word lists of the script's other languages, where the tool cuts at characters ----------


def test_a_german_word_cut_in_a_thread_read_as_english() -> None:
    # Bench dev "sliced every N characters", Debian handbook de, which opens with an English
    # paragraph: "…/etc/default/keyboard fest" / "gelegt.": "festgelegt" is a German word, and
    # English knows no "gelegt".
    posts = _three(
        "the reference imple",
        "mentation works. ",
        "in der Datei /etc/default/keyboard fest",
        "gelegt. Mit dieser Datei werden sowohl die Konsole als auch",
        ENGLISH,
    )
    decisions, text = _decisions(posts)
    assert decisions[:2] == ["join-word", "join-word"]
    assert "keyboard festgelegt. Mit" in text


# ---- a number cut at a post the tool cut exactly at N -------------------------------------------


def test_a_number_cut_at_the_cut_length_is_joined() -> None:
    # Bench dev "sliced every N characters", Debian history: "…in August of 199" / "3. At that
    # time…".
    posts = _three(
        "the Debian Project in August of 199",
        "3. At that time the idea was new. ",
        "on water and",
        "roads again.",
        ENGLISH,
    )
    decisions, text = _decisions(posts)
    assert decisions[0] == "join-word"
    assert "August of 1993. At that time" in text


def test_two_numbers_after_a_post_short_of_the_cut_length_keep_their_space() -> None:
    first = _post(ENGLISH, "the vote was 199", 190)
    second = _post(ENGLISH, "met on", 200)
    decisions, text = _decisions([first, "3 members were present. " + second[24:], second, "X."])
    assert decisions[0] != "join-word"
    assert "was 199 3 members" in text


# ---- "#" before a number is no hashtag ----------------------------------------------------------


def test_a_number_after_a_hash_sign_does_not_end_the_statement() -> None:
    # Bench dev "pkg text-to-tweets", Chinese Debian FAQ: "…参见 Bug #516394 和 Bug #796118" /
    # "以了解详细信息…": X links no hashtag of digits alone; the sentence goes on.
    decisions, text = _decisions(
        ["这个软件包由 unstable 提供，参见 Bug #516394 和 Bug #796118", "以了解详细信息。"]
    )
    assert decisions == ["join"]
    assert "Bug #796118 以了解详细信息。" in text or "Bug #796118以了解详细信息。" in text


def test_a_hashtag_still_closes_its_post() -> None:
    decisions, _ = _decisions(["The results are in #news", "Turnout was the highest in years."])
    assert decisions[0] not in ("join", "join-word")


# ---- a link followed by a clause mark -----------------------------------------------------------


def test_a_link_followed_by_a_clause_mark_does_not_end_the_statement() -> None:
    # Bench dev "clause per post", Japanese Debian FAQ: "…については
    # https://www.gnu.org/software/hurd、" / "Debian GNU/Hurd のさらなる情報については…".
    decisions, _ = _decisions(
        [
            "GNU Hurd についての情報については https://www.gnu.org/software/hurd、",
            "Debian GNU/Hurd のさらなる情報については別のページを見てください。",
        ]
    )
    assert decisions == ["join"]


# ---- a link cut before one of its dots ----------------------------------------------------------


def test_a_link_cut_before_one_of_its_dots_is_joined() -> None:
    # Bench dev "sliced every N characters", Chinese Debian FAQ: "…在 https://wiki" /
    # ".debian.org/ReleaseGoals/ 中有详细的描述。".
    decisions, text = _decisions(
        ["这些主题叫做发布目标，在 https://wiki", ".debian.org/ReleaseGoals/ 中有详细的描述。"]
    )
    assert decisions == ["join-word"]
    assert "https://wiki.debian.org/ReleaseGoals/" in text


def test_a_sentence_after_a_link_keeps_its_break() -> None:
    decisions, _ = _decisions(["Read the notes at https://example.org", "Then try it out."])
    assert decisions[0] != "join-word"


# ---- a hyphenated word cut before its hyphen ----------------------------------------------------


def test_a_hyphenated_word_cut_before_its_hyphen_at_the_cut_length_is_joined() -> None:
    # Bench dev "sliced every N characters", German Debian history: "…das K-Desktop" /
    # "-Projekt eine Allianz…", at 200 characters.
    posts = _sliced("die Corel Corporation und das K-Desktop", "-Projekt eine Allianz mit Debian.")
    decisions, text = _decisions(posts)
    assert decisions[1] == "join-word"
    assert "das K-Desktop-Projekt eine" in text


def test_an_option_after_a_post_keeps_its_space() -> None:
    # "-I/usr/src/…", "-m486", "-p1": options after a space, even at the cut length.
    posts = _sliced("sollten Sie beim Kompilieren", "-I/usr/src/linux/include angeben.")
    decisions, text = _decisions(posts)
    assert decisions[1] == "join"
    assert "Kompilieren -I/usr/src" in text


def test_a_hyphen_after_a_post_with_room_left_keeps_its_space() -> None:
    first = "Wir nennen es das Projekt"
    decisions, _ = _decisions([first, "-ähnliche Vorhaben gibt es viele.", "Ende."])
    assert decisions[0] != "join-word"


# ---- full-width "：" and "；" open no post -------------------------------------------------------


def test_a_post_opening_with_a_full_width_colon_continues_the_word_before() -> None:
    # Bench dev "sliced every N characters", Chinese Debian handbook: "…极类似 APT" /
    # "：维护一个已安装的软件包…".
    decisions, text = _decisions(
        ["debfoster 还有其他用法，极类似 APT", "：维护一个已安装的软件包清单。"]
    )
    assert decisions == ["join-word"]
    assert "极类似 APT：维护" in text


# ---- a path cut at its first slash --------------------------------------------------------------


def test_a_path_cut_after_its_first_slash_in_japanese_is_joined() -> None:
    # Bench dev "sliced every N characters", Japanese Debian handbook: "…ファイルが /" /
    # "usr/share/falcot-data/ の下に配備されます。"; "greedy 280": "…は pool/" / "main/a/apache/".
    decisions, text = _decisions(
        [
            "パッケージをインストールするとファイルが /",
            "usr/share/falcot-data/ の下に配備されます。",
        ]
    )
    assert decisions == ["join-word"]
    assert "ファイルが /usr/share/falcot-data/ の下" in text
    decisions, _ = _decisions(
        ["例えば apache パッケージは pool/", "main/a/apache/ に置かれています。"]
    )
    assert decisions == ["join-word"]


def test_a_link_cut_between_the_slashes_of_its_scheme_is_joined() -> None:
    decisions, text = _decisions(
        ["debian-reference パッケージまたは https:/", "/www.debian.org/doc/ を参照してください。"]
    )
    assert decisions == ["join-word"]
    assert "https://www.debian.org/doc/" in text


def test_a_slash_before_a_word_keeps_its_space() -> None:
    # The next post goes on with a word, no path: "pool/" / "main の話" is no path cut.
    decisions, _ = _decisions(["パッケージは pool/", "main の話は別のページにあります。"])
    assert decisions != ["join-word"]


# ---- a mark that opens after a space; a time cut at its colon; names after a count's room ------


def test_a_guillemet_or_a_number_sign_after_a_space_opens_what_follows() -> None:
    # Bench dev "pkg semantic-text-splitter", Russian Debian FAQ: "…используется система «" /
    # "виртуальных» пакетов.", "…в сообщениях об ошибке #" / "516394 и…".
    decisions, text = _decisions(
        ["В Debian используется система «", "виртуальных» пакетов, и это удобно."]
    )
    assert decisions == ["join-word"]
    assert "система «виртуальных» пакетов" in text
    decisions, text = _decisions(["Подробности см. в сообщениях об ошибке #", "516394 и далее."])
    assert decisions == ["join-word"]
    assert "ошибке #516394 и" in text


def test_a_guillemet_against_a_word_is_left_to_the_other_rules() -> None:
    # German closes a quotation with "«" against its last word ("»Experimental«").
    decisions, _ = _decisions(["Das Paket heißt »Experimental«", "Es ist neu."])
    assert decisions != ["join-word"]


def test_a_time_cut_at_its_colon_is_joined() -> None:
    # Bench dev "pkg semantic-text-splitter", Russian Debian handbook: "…(то есть около 3:" /
    # "00 по летнему времени)".
    decisions, text = _decisions(
        ["Задача запустится после изменения времени (около 3:", "00 утра)."]
    )
    assert decisions == ["join-word"]
    assert "около 3:00 утра" in text


def test_a_heading_colon_before_a_number_keeps_its_space() -> None:
    # Not an hour before the colon ("Step 30:"), nor two digits of minutes after it.
    decisions, _ = _decisions(["Step 30:", "15 packages were installed."])
    assert decisions[0] != "join-word"
    decisions, _ = _decisions(["We met at 3:", "150 people came."])
    assert decisions[0] != "join-word"


def test_two_names_after_the_room_a_count_keeps_stay_apart() -> None:
    # Bench dev "… on every post", Russian Debian history: "…предложил Bdale" / "Garbee в
    # письме…": a post full but for the room its count keeps, two names no list holds; a capital
    # after a small letter opens a word.
    words = " proposed by Xyzzqle"
    first = (ENGLISH * 4)[: 278 - len(words) - len(" 1/3")] + words + " 1/3"
    posts = [first, "Plughworthy on the list. 2/3", "That was all. 3/3"]
    decisions, text = _decisions(posts)
    assert decisions[0] == "join"
    assert "Xyzzqle Plughworthy" in text
