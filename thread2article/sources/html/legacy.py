"""Legacy twitter.com pages, server-rendered before 2020, as web archives keep them.

Each post is a `div.tweet[data-tweet-id][data-screen-name][data-name][data-user-id]` with
`p.tweet-text`, `span._timestamp[data-time-ms]`, links with `data-expanded-url`, photos in
`.AdaptiveMedia-photoContainer[data-image-url]`, a quote in `.QuoteTweet-innerContainer`.
A permalink page carries the conversation: `#ancestors` (the chain above), the focal
`.permalink-tweet`, and under `#descendants` one `li.ThreadedConversation` per reply chain (or
`ThreadedConversation--loneTweet`), each chain answering the focal post. That structure decides
the replies; posts elsewhere (a profile timeline) are linked by `grouping`.
"""

from __future__ import annotations

from dataclasses import replace

from bs4.element import Tag

from ...model import Author, Media, QuotedPost
from ..htmltext import node_text, visible_text
from .page import (
    Found,
    PageIndex,
    ReplyChains,
    attr,
    author_of,
    has_classes,
    inside,
    make_post,
    nested_post_of,
    own_tags,
    status_url,
    time_from_ms,
)

KIND = "legacy twitter.com pages (div.tweet[data-tweet-id])"

_BASE = "https://twitter.com/"


def find(index: PageIndex, warnings: list[str]) -> list[Found]:
    every = index.legacy_tweets
    if not every:
        return []
    chains = ReplyChains({id(tag): _read(tag, warnings) for tag in every})
    chain = chains.chain
    ancestors = []
    conversations: dict[int, list[Tag]] = {}
    for tag in every:
        place = index.legacy_place.get(id(tag))
        if place is None:
            continue
        if place[0] == "ancestors":
            ancestors.append(tag)
        elif place[0] == "conversation":
            conversations.setdefault(id(place[1]), []).append(tag)
    focal_tag = next(
        (tag for tag in every if "permalink-tweet" in attr(tag, "class").split()), None
    )
    focal = chain([focal_tag], chain(ancestors, None)) if focal_tag is not None else None
    if focal is not None:
        # Each conversation under the focal post is a chain answering it (in page order).
        for tags in conversations.values():
            chain([tag for tag in tags if tag is not focal_tag], focal)
    return chains.found(every)


_NESTED = nested_post_of("legacy")


def _read(tag: Tag, warnings: list[str]) -> Found | None:
    post_id = attr(tag, "data-tweet-id").strip()
    if not post_id.isdigit():
        return None
    handle = attr(tag, "data-screen-name")
    author = author_of(handle, attr(tag, "data-name"), attr(tag, "data-user-id").strip())
    own = own_tags(tag)
    quote_box = next((part for part in own if has_classes(part, "QuoteTweet")), None)
    text_box = next(
        (
            part
            for part in own
            if part.name == "p" and has_classes(part, "tweet-text") and not inside(part, quote_box)
        ),
        None,
    )
    read = (
        node_text(text_box, whitespace="pre-line", base_url=_BASE, skip=_NESTED)
        if text_box
        else None
    )
    stamp = next(
        (part for part in own if has_classes(part, "_timestamp") and part.has_attr("data-time-ms")),
        None,
    )
    shown_time = time_from_ms(attr(stamp, "data-time-ms")) if stamp is not None else None
    post = make_post(
        post_id=post_id,
        author=author,
        text=read.text if read else "",
        shown_time=shown_time,
        media=_media(own, quote_box, post_id, warnings),
        quote=_quote(tag, quote_box),
        url=status_url(author.handle, post_id),
    )
    conversation = attr(tag, "data-conversation-id").strip()
    if conversation.isdigit():
        post = replace(post, conversation_id=conversation)
    if attr(tag, "data-retweeter") or attr(tag, "data-retweet-id"):
        post = replace(post, is_repost=True)
    return Found(post=post, unexpanded=read.unexpanded if read else ())


def _media(
    own: list[Tag], quote_box: Tag | None, post_id: str, warnings: list[str]
) -> tuple[Media, ...]:
    media = []
    player = False
    for box in own:
        if box is quote_box or inside(box, quote_box):
            continue
        if has_classes(box, "AdaptiveMedia-photoContainer") and box.has_attr("data-image-url"):
            image = box.find("img")
            media.append(
                Media(kind="photo", url=attr(box, "data-image-url"), alt=attr(image, "alt"))
            )
        player = player or has_classes(box, "PlayableMedia")
    if player:
        warnings.append(f"post {post_id} has a video or GIF; the saved page does not hold its file")
    return tuple(media)


def _quote(tag: Tag, quote_box: Tag | None) -> QuotedPost | None:
    if quote_box is None:
        return None
    parts = own_tags(tag, within=quote_box)
    box = next(
        (
            part
            for part in parts
            if has_classes(part, "QuoteTweet-innerContainer") and part.has_attr("data-item-id")
        ),
        None,
    )
    if box is None:
        return None
    quoted_id = attr(box, "data-item-id").strip()
    handle = attr(box, "data-screen-name")
    name_box = next((part for part in parts if has_classes(part, "QuoteTweet-fullname")), None)
    text_box = next((part for part in parts if has_classes(part, "QuoteTweet-text")), None)
    return QuotedPost(
        id=quoted_id,
        url=status_url(handle, quoted_id),
        author=Author(
            id=attr(box, "data-user-id"),
            handle=handle,
            name=visible_text(name_box) if name_box else "",
        ),
        text=node_text(text_box, whitespace="pre-line", base_url=_BASE, skip=_NESTED).text
        if text_box
        else "",
    )
