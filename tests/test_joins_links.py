"""A link or an address cut at a dot of its host name (issue 10, item 3): a splitter that cuts
after a full stop cuts there too; a host never ends in ".", so the link goes on."""

from __future__ import annotations

import pytest
from builders import make_thread

from thread2article.reassemble import reassemble


def _joined(posts: list[str]) -> tuple[list[str], list[str]]:
    article = reassemble(make_thread(posts))
    texts = [block.to_dict()["text"] for block in article.blocks]
    return texts, [boundary.decision for boundary in article.boundaries]


@pytest.mark.parametrize(
    ("before", "after", "whole"),
    [
        (
            "The FAQ is on the Debian pages at https://www.",
            "debian.org/doc/FAQ/ for all.",
            "https://www.debian.org/doc/FAQ/",
        ),
        (
            "Die Ziele werden unter https://wiki.debian.",
            "org/ReleaseGoals/ beschrieben.",
            "https://wiki.debian.org/ReleaseGoals/",
        ),
        (
            "Send your reports by mail to <doc-debian@packages.",
            "debian.org>, or file a bug.",
            "<doc-debian@packages.debian.org>,",
        ),
    ],
)
def test_a_host_name_cut_at_a_dot_is_joined_without_a_space(
    before: str, after: str, whole: str
) -> None:
    texts, decisions = _joined([before, after])
    assert decisions == ["join-word"]
    assert whole in texts[0]


@pytest.mark.parametrize(
    "before",
    [
        "Questions go by mail to help@example.org.",  # a whole address ends the sentence
        "The details are all on https://example.com/faq.",  # a path: past the host
        "Thanks for the pointer, @jack.",  # a mention, not an address
    ],
)
def test_a_whole_link_address_or_mention_at_a_sentence_end_is_not_glued(before: str) -> None:
    _, decisions = _joined([before, "then we met again the next week to talk it over."])
    assert decisions != ["join-word"]
