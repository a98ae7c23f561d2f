"""Small join errors at a cut (issue 10, item 3): each rule joins where the tool cut and keeps
the break where the writer's text ends there."""

from __future__ import annotations

import pytest
from builders import make_thread

from thread2article.reassemble import reassemble
from thread2article.reassemble.boundaries import sentence_ends_for_certain


def _joined(posts: list[str]) -> tuple[list[str], list[str]]:
    article = reassemble(make_thread(posts))
    texts = [block.to_dict()["text"] for block in article.blocks]
    return texts, [boundary.decision for boundary in article.boundaries]


# ---- ";" is not a sentence end ----------------------------------------------------------------


@pytest.mark.parametrize(
    "after", ["Nobody complained about it.", "nobody complained about it."], ids=["upper", "lower"]
)
def test_a_semicolon_at_the_cut_continues_the_sentence(after: str) -> None:
    texts, decisions = _joined(["We cut the budget by a third this year;", after])
    assert texts == [f"We cut the budget by a third this year; {after}"]
    assert decisions == ["join"]


def test_a_full_width_semicolon_continues_without_a_space() -> None:
    texts, decisions = _joined(["予算を三分の一に減らした；", "誰も文句を言わなかった。"])
    assert texts == ["予算を三分の一に減らした；誰も文句を言わなかった。"]
    assert decisions == ["join"]


@pytest.mark.parametrize("before", ["It worked, sort of ;)", "Then run print(m.get('one'));"])
def test_a_wink_or_a_statement_of_code_is_not_a_clause(before: str) -> None:
    _, decisions = _joined([before, "The next day was quiet and nobody called us at all."])
    assert decisions != ["join"]


# ---- abbreviations at a cut -------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Col.", "Lt.", "Capt.", "Sgt.", "Gov.", "Adm.", "Prof."])
def test_a_title_before_a_name_never_ends_a_sentence(title: str) -> None:
    texts, decisions = _joined([f"The order was signed by {title}", "Smith in the spring of 1944."])
    assert texts == [f"The order was signed by {title} Smith in the spring of 1944."]
    assert decisions == ["join"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Viele Werkzeuge helfen dabei, z. B.", "Debian-Pakete wie dpkg und apt."),
        ("Viele Werkzeuge helfen dabei, z.B.", "Debian-Pakete wie dpkg und apt."),
        ("Das steht im Handbuch (vgl.", "Abschnitt 4 für alle Details)."),
        ("Es gibt zwei Programme bzw.", "Werkzeuge für diese Aufgabe."),
        ("Это делают утилиты, т. е.", "Программы dpkg и apt."),
        ("Подробности (см.", "Раздел 5) в руководстве."),
    ],
)
def test_a_german_or_russian_abbreviation_never_ends_a_sentence(before: str, after: str) -> None:
    # German nouns are capitalised: "z. B." / "Debian-Pakete" looks like a new sentence.
    texts, decisions = _joined([before, after])
    assert texts == [f"{before} {after}"]
    assert decisions == ["join"]


def test_usw_may_end_a_sentence() -> None:
    _, decisions = _joined(["Wir brauchen Pakete, Werkzeuge usw.", "Danach ging es weiter."])
    assert decisions != ["join"]


@pytest.mark.parametrize("word", ["ca.", "approx.", "Nr."])
def test_an_abbreviation_before_a_number_goes_on_when_a_number_follows(word: str) -> None:
    texts, decisions = _joined([f"The village had {word}", "300 people living in it."])
    assert texts == [f"The village had {word} 300 people living in it."]
    assert decisions == ["join"]


def test_ca_before_a_word_is_left_to_the_other_rules() -> None:
    # "ca." with no number after it decides nothing by itself.
    _, decisions = _joined(["We measured ca.", "Then we went home."])
    assert decisions != ["join"]


def test_ad_before_its_number_goes_on_after_it_may_end_the_sentence() -> None:
    # The rule: "A.D." stands before its number ("A.D. 79"); after one ("79 A.D.") it is the
    # last word of the date and may end the sentence like any word.
    texts, decisions = _joined(["The town was founded in A.D.", "79 by the Romans."])
    assert texts == ["The town was founded in A.D. 79 by the Romans."]
    assert decisions == ["join"]
    texts, decisions = _joined(["Vesuvius erupted in 79 A.D.", "300 years later it erupted again."])
    assert decisions != ["join"]
    assert len(texts) == 2


# ---- a number cut at its thousands separator -------------------------------------------------


def test_a_number_cut_at_its_thousands_separator_needs_three_digits() -> None:
    texts, decisions = _joined(["The crowd grew to 1,", "000 people by the evening."])
    assert texts == ["The crowd grew to 1,000 people by the evening."]
    assert decisions == ["join-word"]
    texts, decisions = _joined(["We counted 1,", "20 people and 3 dogs."])
    assert texts == ["We counted 1, 20 people and 3 dogs."]
    assert decisions == ["join"]
    texts, _ = _joined(["The crowd grew to 1,", "0000 people by the evening."])
    assert texts == ["The crowd grew to 1, 0000 people by the evening."]


def test_a_decimal_point_takes_any_digits() -> None:
    texts, decisions = _joined(["Prices grew 3.", "5% last year and that is the news."])
    assert texts == ["Prices grew 3.5% last year and that is the news."]
    assert decisions == ["join-word"]


def test_the_threads_language_tells_the_decimal_comma_from_the_thousands_point() -> None:
    # German writes "3,5 Prozent" and "1.200 Einwohner": the roles of "," and "." swap.
    texts, _ = _joined(["Die Zahl stieg auf 3,", "5 Prozent und das ist nicht gut."])
    assert texts == ["Die Zahl stieg auf 3,5 Prozent und das ist nicht gut."]
    texts, _ = _joined(["Die Stadt hat 1.", "200 Einwohner und das ist nicht viel."])
    assert texts == ["Die Stadt hat 1.200 Einwohner und das ist nicht viel."]
    # A version after "." is a version in German too.
    texts, _ = _joined(["Nach fünf Tagen wandert XYZ-3.", "7 von Unstable nach Testing."])
    assert texts == ["Nach fünf Tagen wandert XYZ-3.7 von Unstable nach Testing."]


# ---- a Japanese post that opens with a particle ----------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("私はハッシュ関数", "を使ってテーブルを作った。"),
        ("今日は新しいテーブル", "が完成した。"),
        ("レインボーテーブルの実装", "から始めた。"),
        ("「もう止めない」", "と彼は言った。"),
    ],
)
def test_a_japanese_post_opening_with_a_particle_continues(before: str, after: str) -> None:
    texts, decisions = _joined([before, after])
    assert texts == [before + after]
    assert decisions == ["join"]


@pytest.mark.parametrize(
    "after", ["でも明日は雨だ。", "はじめて雨が降った。", "もう一度やってみる。"]
)
def test_a_word_that_starts_like_a_particle_opens_a_sentence(after: str) -> None:
    # "でも" (but), "はじめて" (first), "もう" (again) open sentences: a single-kana particle
    # counts only before a kanji, katakana or punctuation.
    _, decisions = _joined(["今日はとても楽しかった", after])
    assert decisions == ["new-paragraph"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # The source lost the command that "を" marked (bench, Debian handbook ja).
        ("一覧は公式サイトを見てください。", "を実行します。aptitude はパッケージを選びます。"),
        # "より" opens a sentence as an adverb ("more complex…").
        ("一部を理解できるのです。", "より複雑な構成の場合は別の方法を使います。"),
    ],
)
def test_a_particle_after_a_full_stop_does_not_continue_the_sentence(
    before: str, after: str
) -> None:
    boundary = reassemble(make_thread([before, after])).boundaries[0]
    assert "next-opens-with-particle" not in boundary.signals
    assert boundary.decision in ("same-paragraph", "new-paragraph")


def test_a_particle_proves_the_continuation_of_a_post_added_later() -> None:
    from dataclasses import replace
    from datetime import timedelta

    thread = make_thread(["私はハッシュ関数", "を使ってテーブルを作った。"])
    late = replace(thread.posts[1], created_at=thread.posts[1].created_at + timedelta(minutes=50))
    article = reassemble(replace(thread, posts=(thread.posts[0], late)))
    assert article.boundaries[0].decision == "join"


# ---- a straight quotation mark that closes the quotation before ------------------------------


def test_a_straight_quote_opening_a_post_closes_the_previous_quotation() -> None:
    texts, decisions = _joined(['He said "we will not stop.', '" And then he left the room.'])
    assert texts == ['He said "we will not stop." And then he left the room.']
    assert decisions == ["join-word"]
    texts, _ = _joined(['She called it "the best day', '", and nobody argued with her.'])
    assert texts == ['She called it "the best day", and nobody argued with her.']


def test_a_straight_quote_that_opens_a_new_quotation_stays() -> None:
    # No quotation open before: the mark opens one (it stands before its first word).
    texts, decisions = _joined(["He stood up.", '"We will not stop," he said to the room.'])
    assert decisions != ["join-word"]
    assert texts[-1].startswith('"We will not stop,"')
    # A quotation open before, but the next post opens another: the mark stands before a word.
    _, decisions = _joined(['He said "we will not stop.', '"Never," she answered him.'])
    assert decisions != ["join-word"]


# ---- a word cut by a tool that counts characters, not X's weights -----------------------------

REPORT = (
    "See https://example.com/a/very/long/path/to/the/report/on/the/pipeline/2024/final.html "
    "for the report. The ministers of Turkey and Azerbaijan met in Baku on Tuesday to discuss "
    "the pipeline that will carry gas to Europe, and they agreed on a timetable for the work "
    "that remains. The ministers of Turkey and Azerbaijan met in Baku again."
)


def test_a_word_cut_at_280_characters_joins_though_x_counts_the_link_as_23() -> None:
    # 280 characters cut inside "The" ("…remains. Th" / "e ministers…"); X's weights count the
    # first post as 221, so only a plain count of characters shows it full.
    first, second = REPORT[:280], REPORT[280:]
    assert first.endswith("remains. Th")
    texts, decisions = _joined([first, second])
    assert texts == [REPORT]
    assert decisions == ["join-word"]
    # The same cut in a post with room left is a writer's, between two words.
    short = first.replace("https://example.com/a/very/long/path/to/the/report/on/the/", "")
    _, decisions = _joined([short, second])
    assert decisions != ["join-word"]


def test_a_german_closing_quote_opening_a_post_closes_the_quotation() -> None:
    before = "Siehe „Welche Hardware unterstützt Debian GNU/Linux?"
    texts, decisions = _joined([before, "“ eine Beschreibung der unterstützten Hardware."])
    assert texts == [before + "“ eine Beschreibung der unterstützten Hardware."]
    assert decisions == ["join-word"]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Es gibt noch die Distributionen »Oldstable« und", "»Experimental«."),
        # An option, a bracket or a path in guillemets (Debian New Maintainers' Guide de).
        ("Erstellen Sie es, indem Sie die Option", "»--exclude-vcs« verwenden."),
        ("Die Datei steht in", "»/etc/apt/sources.list« bereit."),
    ],
)
def test_a_german_guillemet_opens_a_quotation(before: str, after: str) -> None:
    # German writes »Experimental«: a post opening with "»" and a word is not closing a quote.
    texts, _ = _joined([before, after])
    assert texts == [f"{before} {after}"]


# ---- a hyphen that stands for a compound's rest ("Ein- und Ausgabe") ---------------------------


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("Das Upgrade des Systems vom a.out-", "zum ELF-Format gelang.", "a.out- zum ELF-Format"),
        ("Die Ein-", "und Ausgabe laufen über das Netz.", "Ein- und Ausgabe"),
        ("Both pre-", "and post-war housing were surveyed.", "pre- and post-war"),
    ],
)
def test_a_hyphen_before_and_or_to_keeps_its_space(before: str, after: str, joined: str) -> None:
    texts, decisions = _joined([before, after])
    assert decisions == ["join"]
    assert joined in texts[0]


def test_a_hyphen_split_word_still_joins() -> None:
    # (The hyphen stays: "well-" / "known" is a compound's hyphen as often as a split's.)
    texts, decisions = _joined(["Das ist eine gut be-", "kannte Geschichte."])
    assert decisions == ["join-word"]
    assert "gut be-kannte Geschichte" in texts[0]


# ---- a quotation opened before a cut ------------------------------------------------------------


def test_a_quotation_opened_before_a_cut_is_still_open_after_the_join() -> None:
    # Case North's thread (fixtures/north-2022-03-08): the quotation opens in the post before the
    # cut, so the post after the cut holds no quotation mark of its own; the next sentence
    # reopens it, a new paragraph of the quoted speech.
    posts = [
        "The old fisherman replied: “Of course, the harbour",
        "master would never admit it. He hates the new quay.",
        "“But the boats will come back in spring, and then everyone will see it.",
    ]
    article = reassemble(make_thread(posts))
    assert [boundary.decision for boundary in article.boundaries] == ["join", "new-paragraph"]
    assert "open-quotation" in article.boundaries[1].signals
    assert "reopened by the next sentence" in article.boundaries[1].rule
    assert article.blocks[0].to_dict()["text"].endswith("He hates the new quay.")


def test_a_quotation_closed_before_the_cut_leaves_the_rule_silent() -> None:
    # The same layout with the quotation closed in the first post: nothing is open after the join.
    posts = [
        "The old fisherman replied: “Of course.” Then the harbour",
        "master would never admit it. He hates the new quay.",
        "“But the boats will come back in spring, and then everyone will see it.",
    ]
    boundaries = reassemble(make_thread(posts)).boundaries
    assert "open-quotation" not in boundaries[1].signals


# ---- a lower-case name opens a sentence -----------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "The table is documented in the fstab(5) manual page.",
            "systemd is able to mount it too.",
        ),
        ("Each package records its files.", "dpkg calls the prerm script first."),
        ("It supports many processors.", "s390x: the port for IBM mainframes."),
        (
            "Пакеты ставятся командой apt (а иногда он просто необходим).",
            "aptitude — это менеджер пакетов.",
        ),
    ],
)
def test_a_name_in_lower_case_after_a_full_stop_starts_a_sentence(before: str, after: str) -> None:
    boundary = reassemble(make_thread([before, after])).boundaries[0]
    assert boundary.decision in ("new-paragraph", "same-paragraph")
    assert "next-opens-with-name" in boundary.signals


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("You can use a tool, e.g.", "dpkg or apt, to install it."),
        ("It ships programs such as ripgrep, fd, exa, etc.", "and many more written in Rust."),
        ("Der Rechner zog kurz zuvor aus den U.S.A.", "in die Niederlande um."),
        ("Die Konferenz fand in Managua statt, vom 08.", "bis zum 14. Juli 2012."),
    ],
)
def test_an_abbreviation_keeps_the_lower_case_join(before: str, after: str) -> None:
    boundary = reassemble(make_thread([before, after])).boundaries[0]
    assert boundary.decision == "join"
    assert "next-opens-with-name" not in boundary.signals


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Then we saw it.", "the next day it rained on the whole coast."),
        (
            "Debian 9.0 (Stretch) was released June 17th, 2017.",
            "more than 51,000 other ready-to-use software packages.",
        ),
        ("It supports numerous packages that run on it.", "full featured: Debian includes more."),
        ("Use a certificate from a Domain-Controller.", "macOS machines provide one too."),
        ("Die Option ist standardmäßig deaktiviert (siehe fakeroot(1)).", "file - ein Programm."),
    ],
)
def test_a_word_that_ends_a_sentence_leaves_a_lower_case_opening_to_the_paragraph_rule(
    before: str, after: str
) -> None:
    # A stop no abbreviation makes ends the sentence: the lower-case opening is a new sentence
    # (a list's item, a name), whose paragraph the paragraph rule decides.
    boundary = reassemble(make_thread([before, after])).boundaries[0]
    assert boundary.rule != "next post starts lower-case"
    assert boundary.decision in ("same-paragraph", "new-paragraph")


@pytest.mark.parametrize(
    ("text", "certain"),
    [
        ("ein einzeiliges Paket.", True),
        ("that run on it.", True),
        ("Die Pakete sind.", True),
        ("released June 17th, 2017.", True),
        ("more than 51,000.", True),
        ("(see fakeroot(1)).", True),
        ("with a Domain-Controller.", True),
        ("with fai-cd.", True),
        ("handled by APT.", True),
        ("in /bin/login.debian.", True),
        ("the suffix .deb.", True),
        ("„Was befindet sich dort?“.", True),
        ("的软件包。", True),
        ("Why does it fail?", False),
        ("am I worth it?”", False),
        ("fd, exa, etc.", False),
        ("Arbeitsspeicher usw.", False),
        ("it takes about 5 min.", False),
        ("описано в гл.", False),
        ("aus den U.S.A.", False),
        ("и т.д.", False),
        ("vom 08.", False),
        ("now in its version 3.38.", False),
        ("Smith & Co.", False),
        ("past [...]", False),
        ("no stop at all", False),
        ("", False),
    ],
)
def test_which_stops_end_a_sentence_for_certain(text: str, certain: bool) -> None:
    assert sentence_ends_for_certain(text) is certain


# ---- a post opening with an ellipsis or a German opening guillemet --------------------------------


@pytest.mark.parametrize(
    "after",
    [
        "»… Ich erinnere mich an die ursprüngliche Gruppe.",
        "... Ian Murdock さん、私、Ian Jackson さん",
    ],
)
def test_an_opening_ellipsis_or_guillemet_is_no_closing_punctuation(after: str) -> None:
    boundary = reassemble(make_thread(["Es lief auf einem BSD-Kernel.", after])).boundaries[0]
    assert "closing punctuation" not in boundary.rule
    assert boundary.decision in ("new-paragraph", "same-paragraph")


def test_a_closing_guillemet_before_a_space_still_attaches() -> None:
    boundary = reassemble(make_thread(["Sie nannte es «Versuch", "», und ging."])).boundaries[0]
    assert boundary.decision == "join-word"
