"""One exception family. Every message names the input (and the post when there is one) so the
CLI can print it as a single actionable line."""

from __future__ import annotations


class ThreadToArticleError(Exception):
    """Base of every error the library raises on purpose. `exit_code` is what the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, *, source: str = "", post_id: str = "") -> None:
        self.detail = message
        self.source = source
        self.post_id = post_id
        super().__init__(self.one_line())

    def one_line(self) -> str:
        parts = []
        if self.source:
            parts.append(str(self.source))
        if self.post_id:
            parts.append(f"post {self.post_id}")
        parts.append(self.detail)
        return ": ".join(parts).replace("\n", " ")


class InputError(ThreadToArticleError):
    """The input cannot be read: missing file, invalid JSON, corrupt archive."""

    exit_code = 2


class UnknownFormatError(InputError):
    """The input is readable but is no shape we know."""


class ThreadSelectionError(ThreadToArticleError):
    """No thread, or no single thread, matches what was asked for."""

    exit_code = 3


class OutputError(ThreadToArticleError):
    """The output cannot be written (exists without --force, unwritable directory)."""

    exit_code = 4


class FetchError(ThreadToArticleError):
    """A network fetch failed; the message says what to do next."""

    exit_code = 5
