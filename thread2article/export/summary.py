"""What an export did: the files written, the threads skipped, warnings, and time per phase."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ExportSummary:
    out_dir: Path
    written: list[Path] = field(default_factory=list)
    # (root post id, reason) for threads that could not be turned into an article.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    media_copied: int = 0
    index: Path | None = None
    # Seconds per phase (read, find_threads, media, reassemble, render, write, index): the
    # benchmark reads them.
    timings: dict[str, float] = field(default_factory=dict)

    def add_time(self, phase: str, seconds: float) -> None:
        self.timings[phase] = self.timings.get(phase, 0.0) + seconds

    @property
    def articles(self) -> int:
        return len(self.written)
