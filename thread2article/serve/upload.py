"""A `multipart/form-data` upload read into memory, never onto disk, and never past a size limit.

Starlette's own form parser spools files over 1 MiB to a temporary file; the review page promises
that nothing is written to disk except what the user downloads, so the body is streamed through
python-multipart's parser here and the parts are kept as bytes. The limit is checked against the
declared Content-Length before anything is read, and again on every chunk (a client may lie).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from ..errors import InputError

# Form fields other than the file are a token and a choice or two: a few KiB is plenty.
MAX_FIELD_BYTES = 64 * 1024
MAX_PARTS = 8


class UploadTooLarge(InputError):
    """The body is over the upload limit."""


@dataclass
class Upload:
    fields: dict[str, str] = field(default_factory=dict)
    # The one file part: the name the browser gave (a base name, never a path of this machine)
    # and its bytes.
    filename: str = ""
    data: bytes = b""


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:.0f} MiB"


@dataclass
class _Part:
    name: str = ""
    filename: str | None = None
    chunks: list[bytes] = field(default_factory=list)
    size: int = 0


def _base_name(filename: str) -> str:
    # Old browsers sent the full client-side path ("C:\\Users\\…\\thread.json"): keep the last part.
    return filename.replace("\\", "/").rsplit("/", 1)[-1].strip()


async def read_upload(request: Request, limit: int) -> Upload:
    """The form's fields and its file, or InputError (UploadTooLarge for a body over `limit`)."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise InputError("the upload must be sent as multipart/form-data")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit + MAX_FIELD_BYTES:
        raise UploadTooLarge(
            f"the file is larger than the upload limit ({_megabytes(limit)}); start the server with "
            "a larger --max-upload-mb, or open an archive without its media (a zip of its data/ "
            "folder)"
        )

    parts: list[_Part] = []
    header_field = bytearray()
    header_value = bytearray()
    headers: dict[bytes, bytes] = {}
    problems: list[str] = []

    def on_part_begin() -> None:
        headers.clear()
        parts.append(_Part())

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_field.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        headers[bytes(header_field).lower()] = bytes(header_value)
        header_field.clear()
        header_value.clear()

    def on_headers_finished() -> None:
        _, options = parse_options_header(headers.get(b"content-disposition", b""))
        part = parts[-1]
        part.name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            part.filename = _base_name(options[b"filename"].decode("utf-8", "replace"))

    def on_part_data(data: bytes, start: int, end: int) -> None:
        part = parts[-1]
        part.size += end - start
        cap = limit if part.filename is not None else MAX_FIELD_BYTES
        if part.size > cap:
            if not problems:
                problems.append(
                    f"the file is larger than the upload limit ({_megabytes(limit)}); start the "
                    "server with a larger --max-upload-mb, or open an archive without its media "
                    "(a zip of its data/ folder)"
                    if part.filename is not None
                    else f"the form field {part.name!r} is too long"
                )
            return
        part.chunks.append(data[start:end])

    parser = MultipartParser(
        params[b"boundary"],
        {
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_headers_finished": on_headers_finished,
            "on_part_data": on_part_data,
        },
    )
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit + MAX_FIELD_BYTES:
                problems.append(
                    f"the file is larger than the upload limit ({_megabytes(limit)}); start the "
                    "server with a larger --max-upload-mb, or open an archive without its media "
                    "(a zip of its data/ folder)"
                )
            if problems:
                break
            parser.write(chunk)
            if len(parts) > MAX_PARTS:
                raise InputError("the upload form has too many parts")
        else:
            parser.finalize()
    except InputError:
        raise
    except Exception as error:  # the parser's own errors: a malformed body
        raise InputError(f"the upload is not a readable form ({type(error).__name__})") from None
    if problems:
        raise UploadTooLarge(problems[0])

    upload = Upload()
    for part in parts:
        data = b"".join(part.chunks)
        if part.filename is not None:
            if upload.filename or upload.data:
                raise InputError("send one file at a time")
            upload.filename = part.filename or "upload"
            upload.data = data
        elif part.name:
            upload.fields[part.name] = data.decode("utf-8", "replace")
    return upload
