"""The one file-name rule (thread2article/filenames.py), for archive media and downloads alike."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thread2article.filenames import NAME_LENGTH, safe_file_name

SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{kind}{n}" for kind in ("com", "lpt") for n in range(10)
}


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("tweets_media/123-abc.jpg", "123-abc.jpg"),
        ("../../etc/pass wd", "pass_wd"),
        ("C:\\Users\\me\\photo one.png", "photo_one.png"),
        ("..", "media"),
        ("", "media"),
        ("/", "media"),
        (".hidden", "hidden"),
        ("name.", "name"),
        ("-rf", "rf"),
        ("a..b...jpg", "a.b.jpg"),
        ("con:name.jpg", "con_name.jpg"),
        ("Straße.jpg", "Stra_e.jpg"),
        ("東京.jpg", "jpg"),
        ("CON.jpg", "CON_.jpg"),
        ("nul", "nul_"),
        ("lpt9.tar.gz", "lpt9_.tar.gz"),
        ("com10.jpg", "com10.jpg"),
        ("console.jpg", "console.jpg"),
    ],
)
def test_the_rule(name, safe):
    assert safe_file_name(name) == safe


def test_a_long_name_is_cut_in_its_stem_and_keeps_its_extension():
    name = safe_file_name("x" * 300 + ".jpeg")
    assert len(name) == NAME_LENGTH and name.endswith("x.jpeg")
    assert safe_file_name("y" * 300 + ".jpeg", limit=40) == "y" * 35 + ".jpeg"
    # A cut that would end in a dash or dot leaves neither behind.
    assert safe_file_name("abcdefghijklmn-.-opqrstuvwxyz.jpg", limit=20) == "abcdefghijklmn.jpg"
    # An "extension" longer than any real one is part of the stem when cutting.
    assert safe_file_name("a." + "b" * 40, limit=20) == "a." + "b" * 18


def test_a_cut_that_ends_in_a_reserved_name_is_made_safe_again():
    assert safe_file_name("com1-stuff.abcdefghij", limit=16) == "com1_.abcdefghij"


def test_the_fallback_and_limit_are_the_callers():
    assert safe_file_name("..", default="file") == "file"
    with pytest.raises(ValueError, match="below 16"):
        safe_file_name("a.jpg", limit=8)


@given(st.text(), st.integers(min_value=16, max_value=200))
def test_any_name_becomes_one_safe_component(name, limit):
    safe = safe_file_name(name, limit=limit)
    assert SAFE.fullmatch(safe) and len(safe) <= limit
    assert ".." not in safe and not safe.endswith((".", "-"))
    assert safe.split(".", 1)[0].lower() not in RESERVED
    assert safe_file_name(safe, limit=limit) == safe  # a safe name is its own safe name
