"""Mastodon's reply context: the mentions a client puts at the start of a reply ("@ines@scicomm.example
", "@kofi ") are dropped, as X's reply mentions are, while a mention the writer typed stays. Known
from the markup (an h-card mention link) and from the accounts the reply answers: the author,
the account replied to, and the accounts the replied-to post mentions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import FIXTURES

import thread2article as t2a
from thread2article.sources.detect import read_values
from thread2article.sources.mastodon.content import account_key

HOST = "scicomm.example"
INES = {
    "id": "1",
    "username": "ines",
    "acct": "ines",
    "url": f"https://{HOST}/@ines",
    "display_name": "Inès",
}
KOFI = {
    "id": "2",
    "username": "kofi",
    "acct": "kofi@mapping.example",
    "url": "https://mapping.example/@kofi",
}
ANA = {
    "id": "3",
    "username": "ana",
    "acct": "ana@bakers.example",
    "url": "https://bakers.example/@ana",
}


def h_card(who: dict[str, str], shown: str = "") -> str:
    shown = shown or who["username"]
    return (
        f'<span class="h-card" translate="no"><a href="{who["url"]}" class="u-url mention">'
        f"@<span>{shown}</span></a></span>"
    )


def status(
    number: int,
    content: str,
    *,
    reply_to: int | None = None,
    reply_to_account: dict[str, str] | None = None,
    mentions: tuple[dict[str, str], ...] = (),
) -> dict[str, Any]:
    return {
        "id": str(110000000000000000 + number),
        "created_at": f"2024-07-18T19:{number:02d}:00.000Z",
        "in_reply_to_id": None if reply_to is None else str(110000000000000000 + reply_to),
        "in_reply_to_account_id": (reply_to_account or INES)["id"]
        if reply_to is not None
        else None,
        "visibility": "public",
        "url": f"https://{HOST}/@ines/{110000000000000000 + number}",
        "content": f"<p>{content}</p>",
        "account": INES,
        "mentions": [
            {key: who[key] for key in ("id", "username", "acct", "url")} for who in mentions
        ],
        "media_attachments": [],
        "spoiler_text": "",
    }


def texts(*statuses: dict[str, Any]) -> list[str]:
    source = read_values([list(statuses)], "statuses.json")
    return [post.text for post in sorted(source.posts, key=lambda post: post.id)]


def test_the_author_mention_a_client_put_before_a_self_reply_goes() -> None:
    assert texts(
        status(1, "Why do cities stay hot after sunset?"),
        status(
            2,
            f"{h_card(INES, 'ines@scicomm.example')} Stored heat, mostly.",
            reply_to=1,
            mentions=(INES,),
        ),
        status(3, f"{h_card(INES)}  And narrow streets.", reply_to=2, mentions=(INES,)),
    ) == ["Why do cities stay hot after sunset?", "Stored heat, mostly.", "And narrow streets."]


def test_a_mention_the_writer_typed_stays() -> None:
    # kofi is in no post this one answers: "@kofi drew the map" is the writer's sentence.
    assert texts(
        status(1, "Why do cities stay hot after sunset?"),
        status(2, f"{h_card(KOFI)} drew the map, thanks!", reply_to=1, mentions=(KOFI,)),
        status(
            3, f"Ask {h_card(INES)} or {h_card(KOFI)} about it.", reply_to=2, mentions=(INES, KOFI)
        ),
    )[1:] == ["@kofi drew the map, thanks!", "Ask @ines or @kofi about it."]


def test_the_run_stops_at_a_mention_of_anyone_else() -> None:
    assert (
        texts(
            status(1, "Start."),
            status(
                2, f"{h_card(INES)} {h_card(KOFI)} knows why.", reply_to=1, mentions=(INES, KOFI)
            ),
        )[1]
        == "@kofi knows why."
    )


def test_the_accounts_the_replied_to_post_mentions_are_context_too() -> None:
    # A client fills in every account the parent mentions; the author's chain keeps them.
    assert texts(
        status(1, f"{h_card(ANA)} Rye needs less water than you think.", mentions=(ANA,)),
        status(2, f"{h_card(ANA)} And more salt.", reply_to=1, mentions=(ANA,)),
    ) == ["@ana Rye needs less water than you think.", "And more salt."]


def test_a_reply_to_another_account_loses_the_whole_mention_not_part_of_it() -> None:
    """Before: "@ana@bakers.example thanks" became ".example thanks" (the X rule took `@ana`
    and `@bakers` as two X handles)."""
    reply = status(
        1,
        f"{h_card(ANA, 'ana@bakers.example')} thanks for the recipe",
        reply_to=0,
        reply_to_account=ANA,
        mentions=(ANA,),
    )
    reply["in_reply_to_id"] = "109999999999999999"  # the other account's post, not saved
    threads = t2a.find_threads(read_values([reply], "s.json"), include_replies=True)
    article = t2a.reassemble(t2a.select_thread(threads))
    assert [block.text for block in article.blocks] == ["thanks for the recipe"]


def test_the_real_remote_reply_loses_its_reply_context() -> None:
    """The real answer (Mastodon.py, MIT): a reply from icosahedron.website to @halcy on
    mastodon.social, whose text starts "@halcy@mastodon.social". Before: ".social audio post,
    but remote"."""
    path = (
        FIXTURES
        / "mastodon/realdata/Mastodon.py_test_entity_mediaattachment.0.v1_statuses_110447012773105565.body.json"
    )
    assert "@<span>halcy@mastodon.social</span>" in json.loads(path.read_text())["content"]
    article = t2a.convert(path)
    assert [block.text for block in article.blocks if block.type == "paragraph"] == [
        "audio post, but remote"
    ]


def test_a_post_that_replies_to_nothing_keeps_its_opening_mention() -> None:
    path = (
        FIXTURES
        / "mastodon/realdata/Mastodon.py_test_entity_status.0.v1_statuses_110446223051565765.body.json"
    )
    assert t2a.load(path).posts[0].text.startswith("@halcy you're a doo-doo head")


def test_the_archive_self_reply_to_another_account_keeps_its_text() -> None:
    # The archive's thread that answers @ana: every post began with the client's "@ana".
    article = t2a.convert(
        FIXTURES / "mastodon-archive" / "input.archive", thread="112365718732800000"
    )
    text = " ".join(block.text for block in article.blocks if block.type == "paragraph")
    assert text.startswith("Rye needs less water than you think.") and "@ana" not in text


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://scicomm.example/@ines", "ines@scicomm.example"),
        ("https://Mastodon.Social/@Halcy", "halcy@mastodon.social"),
        ("https://fedi.example/users/tomas", "tomas@fedi.example"),
        ("https://mastodon.social/@halcy@icosahedron.website", "halcy@icosahedron.website"),
        ("https://fedi.example/users/tomas/statuses/1", ""),
        ("https://fedi.example/tags/bread", ""),
        ("not a url", ""),
        (None, ""),
    ],
)
def test_account_key(url, key) -> None:
    assert account_key(url) == key
