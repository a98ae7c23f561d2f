"""Which quotations a post leaves open: English, German and Polish marks, and the joins pass's
running count of them, pinned to the plain definition."""

from __future__ import annotations

import importlib

import pytest
from builders import make_thread
from hypothesis import given
from hypothesis import strategies as st

from thread2article.reassemble import reassemble
from thread2article.reassemble.boundaries import open_quote

joins = importlib.import_module("thread2article.reassemble.joins")


@pytest.mark.parametrize(
    ("text", "left_open"),
    [
        ("He said: “We will not stop.", True),
        ("He said: “We will not stop.” And left.", False),
        ('He said "we will not stop.', True),
        ('He said "we will not stop." And left.', False),
        ("Siehe „Warum sind die Paketdateinamen so lang?“ näher beschrieben.", False),
        ("Er sagte: „Wir hören nicht auf.", True),
        ("Powiedział: „Nie przestaniemy”.", False),
        ("Powiedział: „Nie przestaniemy.", True),
        ("No quotation here.", False),
        # A German quotation closed, then an English one opened.
        ("Er sagte „ja“. Then: “We will", True),
        ("“Yes,” she said, „ja“.", False),
    ],
)
def test_which_quotations_are_left_open(text: str, left_open: bool) -> None:
    assert open_quote(text) is left_open


def test_a_german_quotation_closed_in_the_post_says_nothing_of_the_next() -> None:
    # Debian FAQ de (bench): the closed „…“ no longer reads as a quotation the next post closes.
    posts = [
        "Dies wird in „Warum sind die Paketdateinamen so lang?“ näher beschrieben.",
        "Das Feld gibt die Architektur an, für die das Paket gebaut wurde, wie „i386“.",
    ]
    boundary = reassemble(make_thread(posts)).boundaries[0]
    assert "open-quotation" not in boundary.signals


_QUOTE_TEXT = st.text(alphabet=st.sampled_from(list('ab .“”„"«»')), max_size=12)


@given(st.lists(_QUOTE_TEXT, min_size=1, max_size=6), st.integers(0, 6))
def test_the_running_quote_count_is_open_quote_of_the_joined_parts(
    parts: list[str], asked_after: int
) -> None:
    # The count reads only the parts added since it was last asked (no quadratic rejoin); it
    # must answer as open_quote of all the parts joined.
    growing: list[str] = []
    count = joins._QuoteCount(growing)
    for index, part in enumerate(parts):
        growing.append(part)
        if index == asked_after:
            assert count.open() == open_quote(" ".join(growing))
    assert count.open() == open_quote(" ".join(growing))
