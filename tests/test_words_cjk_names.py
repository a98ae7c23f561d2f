"""A lower-case Latin word opening a post in a Chinese or Japanese thread is read as a name
without asking the CJK word lists (which need tokenizers the project does not install)."""

from __future__ import annotations

from builders import make_thread

from thread2article.reassemble import reassemble
from thread2article.reassemble.words import opens_with_name


def test_a_latin_word_with_letters_beyond_ascii_in_a_cjk_thread_is_a_name() -> None:
    # Found by tests/test_properties.py: "aß" is Latin but not ASCII.
    assert opens_with_name("aß 東京", "zh")
    assert opens_with_name("größe データ", "ja")
    article = reassemble(make_thread(["a 3.", "aß 東京"]))
    text = "".join(block.to_dict().get("text", "") for block in article.blocks)
    assert "".join(text.split()) == "a3.aß東京"
