"""Post URLs and ids: every form a user may paste, and clear errors for the rest."""

from __future__ import annotations

import pytest

from thread2article.errors import InputError
from thread2article.fetch.urls import parse_post_ref


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://x.com/jack/status/20", ("20", "jack")),
        ("https://twitter.com/jack/status/20", ("20", "jack")),
        ("http://www.twitter.com/jack/status/20", ("20", "jack")),
        ("https://mobile.twitter.com/jack/status/20?lang=en", ("20", "jack")),
        (
            "https://x.com/Some_User/status/1641895049427550208?s=20&t=abc#frag",
            ("1641895049427550208", "Some_User"),
        ),
        (
            "https://x.com/someone/status/1641895049427550208/photo/1",
            ("1641895049427550208", "someone"),
        ),
        ("https://x.com/someone/status/1641895049427550208/", ("1641895049427550208", "someone")),
        (
            "https://fxtwitter.com/someone/status/1641895049427550208",
            ("1641895049427550208", "someone"),
        ),
        (
            "https://vxtwitter.com/someone/status/1641895049427550208",
            ("1641895049427550208", "someone"),
        ),
        (
            "https://fixupx.com/someone/status/1641895049427550208",
            ("1641895049427550208", "someone"),
        ),
        (
            "https://nitter.net/someone/status/1641895049427550208#m",
            ("1641895049427550208", "someone"),
        ),
        (
            "https://xcancel.com/someone/status/1641895049427550208",
            ("1641895049427550208", "someone"),
        ),
        (
            "https://twitter.com/someone/statuses/1641895049427550208",
            ("1641895049427550208", "someone"),
        ),
        ("https://twitter.com/i/web/status/1641895049427550208", ("1641895049427550208", None)),
        ("https://x.com/i/status/1641895049427550208", ("1641895049427550208", None)),
        ("https://twitter.com/#!/jack/status/20", ("20", "jack")),
        ("x.com/someone/status/1641895049427550208", ("1641895049427550208", "someone")),
        ("  1641895049427550208  ", ("1641895049427550208", None)),
        ("<https://x.com/jack/status/20>", ("20", "jack")),
    ],
)
def test_accepts_every_post_url_form(text, expected):
    ref = parse_post_ref(text)
    assert (ref.id, ref.handle) == expected
    post_id, handle = ref  # unpacks as the brief's (id, handle) pair
    assert post_id == expected[0]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://x.com/jack",
        "https://x.com/jack/likes",
        "https://example.com/article/123",
        "https://bsky.app/profile/someone.bsky.social/post/3l4wd2aares2z",
        "ftp://x.com/jack/status/20",
        "not a url at all",
        "0",
        "99999999999999999999",  # beyond a 64-bit id
        "https://x.com/jack/status/abc",
    ],
)
def test_rejects_anything_else_with_a_one_line_message(text):
    with pytest.raises(InputError) as caught:
        parse_post_ref(text)
    message = str(caught.value)
    assert "\n" not in message
    assert "status" in message or "post" in message
