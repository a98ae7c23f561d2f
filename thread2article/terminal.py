"""Text made safe to print on a terminal.

Post text, handles and file names reach the terminal in `threads`' table and in the messages of
every command. A control character there is an instruction to the terminal, not text: ESC starts
sequences that set the window title, clear the screen or write the clipboard (OSC 52), and C1
characters (U+0080-U+009F) do the same on terminals that take 8-bit controls (issue 12). So every
such character is shown as a visible escape (`\\x1b`, `\\u009b`) instead of being sent.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; the bidirectional overrides and isolates
# too, which reorder what follows on the screen ("Trojan Source"), and lone surrogates, which
# cannot be encoded for the terminal at all.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character that would control the terminal written as an escape."""
    return _UNPRINTABLE.sub(_visible, text)


def printable_json(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with the same characters as `\\uXXXX`
    escapes: still the same JSON values, but nothing a terminal would obey."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
