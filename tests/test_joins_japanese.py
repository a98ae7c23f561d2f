"""Japanese cuts that a statement end without 。 would misread (issue 10, item 3): the words
either side of the cut (MeCab) say the sentence goes on where the first word after it attaches
to the word before, where the last word before it stands before what follows, and inside
brackets the post opened. A statement that ends before an independent word stays one."""

from __future__ import annotations

import pytest
from builders import make_thread

from thread2article.reassemble import reassemble


def _decisions(posts: list[str]) -> tuple[list[str], list[str]]:
    article = reassemble(make_thread(posts))
    texts = [block.to_dict().get("text", "") for block in article.blocks]
    return texts, [boundary.decision for boundary in article.boundaries]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # A particle, an auxiliary verb, a suffix open the next post.
        ("このスクリプトはリポジトリの tools/ ディレクトリ", "にあります。"),
        ("今年最大の更新の一覧では 7 番目", "です。"),
        ("fix_counts.py で数え", "ました。"),
        ("2023 年の貢献", "者は 1,024 人でした。"),
        ("そのファイルを削除する", "か、設定を変えてください。"),
        # A prefix and an adnominal before the cut stand before what follows.
        ("変更はソースにして約", "3.5 MB です。"),
        ("リーさんは git と小さな", "スクリプトで数えました。"),
        # A noun and the する that makes it a verb.
        ("設定ファイルが /etc/foo/foo.conf を上書き", "しているのです。"),
        ("設定ファイルがない場合にクラッシュ", "する問題です。"),
    ],
)
def test_a_word_that_attaches_to_the_one_before_continues_the_sentence(
    before: str, after: str
) -> None:
    texts, decisions = _decisions([before, after, "以上です。"])
    assert decisions[0] == "join"
    assert texts[0] == before + after


def test_a_post_that_opened_a_bracket_continues() -> None:
    texts, decisions = _decisions(
        ["利用者が「なぜ", "失敗するのですか？」と尋ねました。", "以上です。"]
    )
    assert decisions[0] == "join"
    assert texts[0] == "利用者が「なぜ失敗するのですか？」と尋ねました。"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # Case dsajgiouawj's archive thread: a statement, then a number.
        ("土日でレインボーテーブルを実装してみたい", "62種(大文字小文字数字)5文字のパスワード"),
        # A statement, then a conjunction or a noun that opens the next.
        ("今日はかなり大変だった", "しかし明日は休みです"),
        ("今日はかなり大変だった", "明日は休みです"),
    ],
)
def test_a_statement_before_an_independent_word_stays_a_statement(before: str, after: str) -> None:
    _, decisions = _decisions([before, after])
    assert decisions == ["new-paragraph"]


def test_an_aside_closed_by_the_full_stop_belongs_to_the_statement_before() -> None:
    texts, decisions = _decisions(
        [
            "プロセスは fakeroot を実行しているユーザの権限で実行されます",
            "(作成されるファイルはそのユーザのパーミッションを与えられます)。以上です。",
        ]
    )
    assert decisions == ["join"]
    assert texts == [
        "プロセスは fakeroot を実行しているユーザの権限で実行されます"
        "(作成されるファイルはそのユーザのパーミッションを与えられます)。以上です。"
    ]


def test_an_aside_that_opens_a_sentence_of_its_own_stays_apart() -> None:
    _, decisions = _decisions(["今日はかなり大変だった", "(注) 明日は休みです。"])
    assert decisions == ["new-paragraph"]
