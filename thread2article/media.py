"""The media of a finished article, and the one walk that points them at local copies.

Media get local in two ways, `archive` copying them out of the archive and `--download-media`
fetching them; both end the same way (as pandoc's `extractMedia` does): the article is built
linking every medium by its URL, then `relink_media` walks it once with the mapping
URL -> local path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .model import Article, Image, Video


def media_urls(article: Article) -> list[str]:
    """Each image's and video's source, once, in order."""
    urls = [block.src for block in article.blocks if isinstance(block, (Image, Video))]
    return list(dict.fromkeys(urls))


def relink_media(article: Article, local: Mapping[str, str]) -> Article:
    """The article with every image and video (and video poster) found in `local` pointing at
    its local copy; the others keep their URLs."""
    if not local:
        return article
    blocks = []
    changed = False
    for block in article.blocks:
        if isinstance(block, Image) and block.src in local:
            block = replace(block, src=local[block.src])
            changed = True
        elif isinstance(block, Video) and (block.src in local or block.poster in local):
            block = replace(
                block,
                src=local.get(block.src, block.src),
                poster=local.get(block.poster, block.poster),
            )
            changed = True
        blocks.append(block)
    return replace(article, blocks=tuple(blocks)) if changed else article
