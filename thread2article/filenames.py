"""The one rule for a file name taken from outside (an archive's media path, a media URL).

`safe_file_name(name)` gives a name that stays inside the folder it is written to, works on
every common file system (ext4, APFS, NTFS, FAT) and in a URL without escaping:

- only the last path component counts (`/` and `\\` both separate: an archive made on Windows);
- only ASCII letters, digits, `.`, `_` and `-` are kept; every run of other characters becomes
  one `_` (a name is a label here, not text to read: the slug rule keeps scripts, this one does
  not need to);
- a run of dots becomes one dot, so no `..` is left anywhere, and leading or trailing `.`, `_`
  or `-` go: no hidden file, no name Windows would silently cut (a trailing dot), none that
  reads as a command-line option (a leading dash);
- Windows' reserved device names (CON, PRN, AUX, NUL, COM0-9, LPT0-9, with any extension and in
  any case: `con.jpg` opens the console there) get a `_` after the stem: `con_.jpg`;
- at most `limit` characters (120 by default, well under the 255 bytes every file system allows,
  leaving room for the `-<n>` or `-<hash>` a caller adds and for a temporary file's suffix); a
  longer name is cut in its stem, keeping its extension;
- a name with nothing left is `default` ("media").
"""

from __future__ import annotations

import re

NAME_LENGTH = 120
# An extension longer than this is part of the stem as far as cutting goes (`a.verylongpart`).
_EXTENSION_LENGTH = 10
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DOTS = re.compile(r"\.{2,}")
_EDGES = "._-"
_RESERVED = re.compile(r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])", re.IGNORECASE)


def safe_file_name(name: str, *, limit: int = NAME_LENGTH, default: str = "media") -> str:
    """`name`'s last path component made safe by the rule above; never empty, never longer than
    `limit` (at least 16)."""
    if limit < 16:
        raise ValueError(f"a file name limit below 16 leaves no room for a name ({limit})")
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _DOTS.sub(".", _UNSAFE.sub("_", base)).strip(_EDGES)
    if not cleaned:
        return default
    stem, dot, extension = cleaned.rpartition(".")
    if not dot or not stem or len(extension) > _EXTENSION_LENGTH:
        stem, extension = cleaned, ""
    suffix = f".{extension}" if extension else ""
    # Cut first: a cut can end the stem in a reserved name (`com1-long...` -> `com1`). The stem
    # keeps at least limit - 11 >= 5 characters, so the `_` below stays out of the cut's reach.
    stem = stem[: limit - len(suffix)].rstrip(_EDGES)
    first, dot, rest = stem.partition(".")
    if _RESERVED.fullmatch(first):
        # Windows looks at what comes before the first dot: `con.tar.gz` is reserved too.
        stem = f"{first}_{dot}{rest}"[: limit - len(suffix)].rstrip(".-")
    return stem + suffix
