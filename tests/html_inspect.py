"""A small element tree built with the standard library's HTMLParser, for the writer tests.

Tests ask it what a browser would see: which elements exist, their attributes, their text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}  # fmt: skip
# Elements that run code or load a document, whatever their attributes.
ACTIVE_ELEMENTS = {
    "script",
    "iframe",
    "object",
    "embed",
    "frame",
    "frameset",
    "applet",
    "base",
    "form",
    "svg",
    "math",
}
URL_ATTRIBUTES = (
    "href",
    "src",
    "poster",
    "cite",
    "action",
    "formaction",
    "srcset",
    "data",
    "background",
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str) -> list[Element]:
        return [element for element in self.iter() if element.tag == tag]

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def element_children(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def normalise_text(text: str) -> str:
    """Text as a reader sees it: whitespace runs collapsed; NUL shown as U+FFFD (CommonMark)."""
    return " ".join(text.replace("\x00", "\ufffd").split())


def is_safe_url(url: str) -> bool:
    """http(s), or a relative path with no scheme that stays on the same host."""
    if re.match(r"^https?://", url, re.IGNORECASE):
        return True
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", url) or url.startswith(("/", "\\")):
        return False
    return not re.search(r"[\x00-\x1f\x7f]", url)


def active_content_problems(root: Element) -> list[str]:
    """Everything in the tree that could run code or send the reader somewhere unsafe."""
    problems = []
    for element in root.iter():
        if element.tag in ACTIVE_ELEMENTS:
            problems.append(f"<{element.tag}> element")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                problems.append(f"{name}= attribute on <{element.tag}>")
            if name in URL_ATTRIBUTES and not is_safe_url(value or ""):
                problems.append(f"{name}={value!r} on <{element.tag}>")
            if name == "style":
                problems.append(f"style= attribute on <{element.tag}>")
    return problems
