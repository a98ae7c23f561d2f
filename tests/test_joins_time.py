"""Time as evidence (issue 10, item 4): every boundary's time apart is recorded in the JSON
document and shown by --explain, and a post much later is a new statement."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from conftest import FIXTURES
from conftest import run_command as _run

NORTH = FIXTURES / "north-2022-03-08" / "input.json"


def _times(source: Path) -> dict[str, datetime]:
    data = json.loads(source.read_text(encoding="utf-8"))
    return {
        post["id"]: datetime.fromisoformat(post["created_at"].replace("Z", "+00:00"))
        for post in data["data"]
    }


def test_the_json_document_records_the_time_between_the_posts_of_every_boundary() -> None:
    result = _run("convert", str(NORTH), "--format", "json")
    assert result.returncode == 0, result.stderr
    boundaries = json.loads(result.stdout)["boundaries"]
    times = _times(NORTH)
    assert len(boundaries) == 16
    for boundary in boundaries:
        # "after_post": the post the boundary falls after; "before_post": the one it precedes.
        earlier, later = times[boundary["after_post"]], times[boundary["before_post"]]
        expected = (later - earlier).total_seconds()
        assert boundary["seconds_apart"] == expected


def test_explain_shows_the_time_between_posts_at_every_boundary() -> None:
    result = _run("convert", str(NORTH), "--explain", "--format", "json")
    lines = [line for line in result.stderr.splitlines() if line.startswith("explain:")]
    document = json.loads(result.stdout)["boundaries"]
    assert len(lines) == len(document) == 16
    for line, boundary in zip(lines, document, strict=True):
        # The North posts are 53 s apart (the fixture's invented times).
        assert f"[posted {boundary['seconds_apart']:.0f} s later]" in line


def test_explain_says_when_a_source_gives_no_time(tmp_path: Path) -> None:
    data = json.loads(NORTH.read_text(encoding="utf-8"))
    for post in data["data"]:
        del post["created_at"]
    source = tmp_path / "no-times.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = _run("convert", str(source), "--explain", "--format", "json")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("explain:")]
    assert len(lines) == 16
    assert all("[posted: time unknown]" in line for line in lines)
    assert all(b["seconds_apart"] is None for b in json.loads(result.stdout)["boundaries"])


def test_a_post_fifty_minutes_later_is_shown_as_a_new_statement(tmp_path: Path) -> None:
    # The North thread's second post ("But many people believe…", which continues the first
    # post's paragraph when posted 53 s later) moved 50 minutes later: a new statement by the
    # time rule (its text opens with a capital and no continuing punctuation), and --explain
    # shows the minutes.
    data = json.loads(NORTH.read_text(encoding="utf-8"))
    posts = sorted(data["data"], key=lambda post: int(post["id"]))
    moved = posts[1]
    for post in posts[1:]:
        stamp = datetime.fromisoformat(post["created_at"].replace("Z", "+00:00"))
        later = stamp + timedelta(minutes=50)
        post["created_at"] = later.isoformat().replace("+00:00", ".000Z")
    source = tmp_path / "later.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    before = json.loads(_run("convert", str(NORTH), "--format", "json").stdout)["boundaries"][0]
    assert before["decision"] == "same-paragraph"
    result = _run("convert", str(source), "--explain", "--format", "json")
    assert result.returncode == 0, result.stderr
    boundary = json.loads(result.stdout)["boundaries"][0]
    assert boundary["before_post"] == moved["id"]
    assert boundary["seconds_apart"] == 53 + 50 * 60
    assert boundary["decision"] == "new-paragraph"
    assert "posted 51 minutes after" in boundary["rule"]
    line = [line for line in result.stderr.splitlines() if line.startswith("explain: 1.")][0]
    assert "[posted 51 min later]" in line
