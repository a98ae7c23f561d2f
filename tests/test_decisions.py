"""The decisions file: written from an article, edited by the writer, applied over the rules."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from builders import make_thread
from conftest import FIXTURES
from test_cli import assert_one_line_error, run

from thread2article.errors import InputError
from thread2article.model import Paragraph
from thread2article.options import Options
from thread2article.reassemble import reassemble
from thread2article.reassemble.decisions import (
    BoundaryChoice,
    Decisions,
    MarkerChoice,
    decisions_of,
    dump_decisions,
    load_decisions,
)
from thread2article.sources.detect import load
from thread2article.threads import find_threads

NORTH = FIXTURES / "north-2022-03-08" / "input.json"

POSTS = [
    "The first sentence ends here. The writer went on in the",
    "same post until the limit cut it.",
    "A second paragraph, short and complete.",
    "A third one: also complete, and it says so.",
]


def _paragraphs(article) -> list[str]:
    return [block.text for block in article.blocks if isinstance(block, Paragraph)]


def _north():
    return find_threads(load(str(NORTH)))[0]


def test_the_file_round_trips_on_a_real_thread() -> None:
    article = reassemble(_north())
    decisions = decisions_of(article)
    assert len(decisions.boundaries) == len(article.boundaries) == 16
    assert load_decisions(dump_decisions(decisions), "north.yaml") == decisions


def test_an_unedited_file_changes_nothing() -> None:
    thread = _north()
    article = reassemble(thread)
    again = reassemble(thread, Options(), load_decisions(dump_decisions(decisions_of(article))))
    assert again.blocks == article.blocks
    assert again.boundaries == article.boundaries
    assert again.title == article.title
    assert again.warnings == article.warnings


def test_the_file_has_one_line_per_boundary_with_words_either_side() -> None:
    article = reassemble(make_thread(POSTS))
    lines = [line for line in dump_decisions(decisions_of(article)).splitlines()]
    entries = [line for line in lines if line.startswith("- {after:")]
    assert len(entries) == 3
    assert "decision: join," in entries[0]
    assert "went on in the" in entries[0] and "same post until the limit" in entries[0]


def test_special_characters_survive_the_round_trip() -> None:
    decisions = Decisions(
        thread="1000",
        title="A: 'title' with \"quotes\", # and {braces} — 漢字",
        boundaries=(
            BoundaryChoice("1000", "join", "rule: with a colon", "it's", "#hash: {x}"),
            BoundaryChoice("1001", "new-paragraph", "", "", ""),
        ),
        keep_markers=(MarkerChoice("1002", "1/"), MarkerChoice("1003", "🧵")),
    )
    text = dump_decisions(decisions)
    assert load_decisions(text) == decisions
    # One line per entry, whatever the text holds.
    assert sum(line.startswith("- ") for line in text.splitlines()) == 4


def test_a_writers_choice_overrides_the_rule() -> None:
    thread = make_thread(POSTS)
    article = reassemble(thread)
    assert len(_paragraphs(article)) == 3
    decisions = decisions_of(article)
    edited = replace(
        decisions,
        boundaries=(
            decisions.boundaries[0],
            replace(decisions.boundaries[1], decision="same-paragraph"),
            replace(decisions.boundaries[2], decision="join-word"),
        ),
    )
    changed = reassemble(thread, Options(), edited)
    assert _paragraphs(changed) == [
        "The first sentence ends here. The writer went on in the same post until the limit cut "
        "it. A second paragraph, short and complete.A third one: also complete, and it says so."
    ]
    assert [b.decision for b in changed.boundaries] == ["join", "same-paragraph", "join-word"]
    assert changed.boundaries[1].rule == "the writer's choice (decisions file)"
    assert changed.boundaries[0].rule == article.boundaries[0].rule
    assert not changed.warnings


def test_a_new_paragraph_can_split_a_joined_sentence() -> None:
    thread = make_thread(POSTS)
    choice = Decisions(thread="1000", boundaries=(BoundaryChoice("1000", "new-paragraph"),))
    article = reassemble(thread, Options(), choice)
    assert _paragraphs(article)[:2] == [
        "The first sentence ends here. The writer went on in the",
        "same post until the limit cut it.",
    ]


def test_entries_that_no_longer_match_become_warnings() -> None:
    thread = make_thread(POSTS)
    decisions = Decisions(
        thread="999",
        boundaries=(BoundaryChoice("1000", "join"), BoundaryChoice("5555", "new-paragraph")),
        keep_markers=(MarkerChoice("1001", "7/9"), MarkerChoice("4444", "1/")),
    )
    article = reassemble(thread, Options(), decisions)
    warnings = "\n".join(article.warnings)
    assert "for thread 999, not 1000" in warnings
    assert "after post 5555" in warnings and "1000" not in warnings.split("5555")[1]
    assert "'7/9' in post 1001, which no longer holds it" in warnings
    assert "post 4444, which is not in this thread" in warnings
    assert len(article.warnings) == 4


def test_a_gap_cannot_be_joined() -> None:
    thread = make_thread(POSTS, gaps={2: "deleted"})
    article = reassemble(thread)
    assert article.boundaries[1].decision == "gap"
    choice = Decisions(thread="1000", boundaries=(BoundaryChoice("1001", "join"),))
    chosen = reassemble(thread, Options(), choice)
    assert chosen.blocks == article.blocks
    assert any("posts are missing there" in warning for warning in chosen.warnings)


def test_the_title_comes_from_the_option_then_the_file_then_the_text() -> None:
    thread = make_thread(POSTS)
    chosen = Decisions(thread="1000", title="My own title")
    assert reassemble(thread, Options(), chosen).title == "My own title"
    assert reassemble(thread, Options(title="Given"), chosen).title == "Given"
    assert reassemble(thread, Options(), replace(chosen, title=None)).title == (
        "The first sentence ends here"
    )


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("thread: [unclosed", "not valid YAML"),
        ("- just a list", "the file must be a mapping"),
        ("title: no thread", "names no thread"),
        ("thread: '1'\nboundaries:\n- {after: '1', decision: sentence}", "unknown decision"),
        ("thread: '1'\nboundaries:\n- {after: '1', decison: join}", "unknown key 'decison'"),
        ("thread: '1'\nboundaries:\n- {decision: join}", "needs an 'after' post id"),
        ("thread: '1'\nboundaries: {after: '1'}", "boundaries must be a list"),
        ("thread: '1'\nboundaries:\n- {after: [1], decision: join}", "must be a post id"),
        (
            "thread: '1'\nboundaries:\n- {after: '1', decision: join}\n- {after: '1', decision: join}",
            "two boundaries after post 1",
        ),
        ("thread: '1'\nkeep_markers:\n- {post: '1'}", "needs a 'post' id and the marker"),
        ("thread: '1'\nextra: 2", "unknown key 'extra'"),
        ("[" * 5000, "not a decisions file"),
    ],
)
def test_bad_files_are_one_clear_input_error(text: str, phrase: str) -> None:
    with pytest.raises(InputError, match="mine.yaml") as caught:
        load_decisions(text, "mine.yaml")
    assert phrase in str(caught.value)


def test_ids_typed_without_quotes_are_read_as_ids() -> None:
    decisions = load_decisions("thread: 1000\nboundaries:\n- {after: 1001, decision: join}\n")
    assert decisions.thread == "1000" and decisions.boundaries[0].after == "1001"


def test_cli_writes_the_file_and_applies_an_edit(tmp_path) -> None:
    written = tmp_path / "north.decisions.yaml"
    first = run("convert", str(NORTH), "--format", "json", "--decisions-out", str(written))
    assert first.returncode == 0, first.stderr
    document = json.loads(first.stdout)
    decisions = [b["decision"] for b in document["boundaries"]]
    text = written.read_text(encoding="utf-8")
    assert text.count("\n- {after:") == len(document["boundaries"])
    # The writer joins the paragraphs either side of the first new-paragraph boundary.
    number = decisions.index("new-paragraph")
    lines = text.splitlines()
    entries = [i for i, line in enumerate(lines) if line.startswith("- {after:")]
    index = entries[number]
    lines[index] = lines[index].replace("decision: new-paragraph", "decision: same-paragraph")
    written.write_text("\n".join(lines) + "\n", encoding="utf-8")
    second = run("convert", str(NORTH), "--format", "json", "--decisions", str(written))
    assert second.returncode == 0, second.stderr
    edited = json.loads(second.stdout)
    assert edited["boundaries"][number]["decision"] == "same-paragraph"
    assert edited["boundaries"][number]["rule"] == "the writer's choice (decisions file)"
    assert len(edited["blocks"]) == len(document["blocks"]) - 1
    assert "warning" not in second.stderr


def test_cli_refuses_a_bad_file_before_writing_anything(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("thread: '1'\nboundaries:\n- {after: '1', decision: glue}\n", encoding="utf-8")
    out = tmp_path / "out.md"
    result = run("convert", str(NORTH), "--decisions", str(bad), "-o", str(out))
    assert_one_line_error(result, "bad.yaml", "unknown decision 'glue'")
    assert result.returncode == 2
    assert not out.exists()
    missing = run("convert", str(NORTH), "--decisions", str(tmp_path / "none.yaml"))
    assert_one_line_error(missing, "none.yaml", "no such decisions file")


def test_cli_never_overwrites_a_decisions_file_without_force(tmp_path) -> None:
    existing = tmp_path / "kept.yaml"
    existing.write_text("mine\n", encoding="utf-8")
    result = run("convert", str(NORTH), "--decisions-out", str(existing))
    assert_one_line_error(result, "kept.yaml", "already exists")
    assert existing.read_text(encoding="utf-8") == "mine\n"
