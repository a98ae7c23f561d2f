"""Bytes -> JSON values, with one rule for every JSON source (files, standard input, fetches;
the archive's `.js` files follow it too, see `archive_container`):

- a UTF-8 byte-order mark at the start is skipped (editors on Windows write one);
- bytes that are not UTF-8 are refused, naming the line and column of the first bad byte
  (never silently replaced: a replaced character would change the text of a post);
- one JSON document, or JSON Lines (one value a line, as twarc2 writes);
- anything orjson refuses is refused: lone surrogates, NaN, nesting deeper than 1024 levels.
  Integers too large for 64 bits are read as floats, which no reader accepts as an id.

Every failure is one InputError naming the source and the position."""

from __future__ import annotations

from typing import Any

import orjson

from ..errors import InputError

BOM = b"\xef\xbb\xbf"


def position_text(data: bytes, offset: int) -> str:
    """`line L, column C (byte B)` of a byte offset, columns counted in bytes from 1."""
    offset = max(0, min(offset, len(data)))
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column} (byte {offset})"


def without_bom(data: bytes) -> bytes:
    return data[len(BOM) :] if data.startswith(BOM) else data


def check_utf8(data: bytes, source: str, start: int = 0, end: int | None = None) -> None:
    """InputError at the first byte of `data[start:end]` that is not UTF-8."""
    try:
        memoryview(data)[start:end].tobytes().decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        if start == 0 and data.startswith((b"\xff\xfe", b"\xfe\xff")):
            # Windows tools save "Unicode" as UTF-16 with this mark; say so, not "byte 0xff".
            raise InputError(
                "is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8",
                source=source,
            ) from None
        raise InputError(
            f"not UTF-8 text: byte 0x{data[offset]:02x} at {position_text(data, offset)}",
            source=source,
        ) from None


def parse_json_values(raw: bytes, source: str) -> list[Any]:
    """One JSON document, or JSON Lines: the values, or one InputError with the position."""
    data = without_bom(raw)
    check_utf8(data, source)
    try:
        return [orjson.loads(data)]
    except orjson.JSONDecodeError as error:
        whole_error = error
    lines = data.split(b"\n")
    values: list[Any] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            values.append(orjson.loads(line))
        except orjson.JSONDecodeError as error:
            if not values:
                # The first line is no JSON value of its own: one document with an error in it.
                raise _error(data, whole_error, "JSON", source) from None
            raise InputError(
                f"invalid JSON Lines at line {number}, column {error.colno}: {_reason(error)}",
                source=source,
            ) from None
    if not values:
        raise _error(data, whole_error, "JSON", source)
    return values


def _reason(error: orjson.JSONDecodeError) -> str:
    return error.msg


def _error(data: bytes, error: orjson.JSONDecodeError, kind: str, source: str) -> InputError:
    return InputError(
        f"invalid {kind} at line {error.lineno}, column {error.colno}: {_reason(error)}",
        source=source,
    )
