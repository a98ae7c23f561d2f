"""Japanese sentences that go on across a post boundary where the post's last characters hide
it (issue 10, item 3): a link before the particle that opens the next post, and a 👇 after a
particle. Each with its counter-case."""

from __future__ import annotations

from builders import make_thread

from thread2article.reassemble import reassemble


def _decisions(posts: list[str]) -> list[str]:
    return [boundary.decision for boundary in reassemble(make_thread(posts)).boundaries]


def test_a_particle_after_a_link_continues_the_sentence() -> None:
    decisions = _decisions(
        [
            "詳しい情報は https://www.debian.org/doc/user-manuals#quick-reference",
            "から得られます。ぜひ読んでください。",
        ]
    )
    assert decisions == ["join"]


def test_a_sentence_after_a_link_and_a_full_stop_is_no_particle() -> None:
    decisions = _decisions(
        ["詳しい情報はここにあります。https://www.debian.org/doc/。", "から揚げの話をします。"]
    )
    assert decisions != ["join"]


def test_a_pointer_after_a_particle_does_not_end_the_statement() -> None:
    # (The first post's 👇 points down the thread: it closes a headline, and the statement
    # before it unless that ends on a particle.)
    decisions = _decisions(
        [
            "恐怖及び欠乏のない世界の到来が、一般の 👇",
            "人々の最高の願望として宣言されたので、人間が最後の手段として反逆に訴える。",
            "以上です。",
        ]
    )
    assert decisions[0] == "join"


def test_a_pointer_after_a_statement_ends_it() -> None:
    decisions = _decisions(
        ["今日はスレッドの書き方を説明します 👇", "まず、投稿を分けましょう。", "以上です。"]
    )
    assert decisions[0] != "join"


def test_a_number_cut_in_two_keeps_no_space_though_an_ellipsis_marks_the_cut() -> None:
    article = reassemble(
        make_thread(
            [
                "この移植版は 103…",
                "…0 人以上の開発者によって保守されていました。",
                "以上です。",
            ]
        )
    )
    assert article.boundaries[0].decision == "join-word"
    assert "1030 人以上" in article.blocks[0].to_dict()["text"]
