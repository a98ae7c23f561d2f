"""The reassembly benchmark's real-thread part (bench/reassembly/realdata.py): the truth it reads
from a reference text, what it scores without one, and its skip when ../shared is absent."""

from __future__ import annotations

import sys
from pathlib import Path

from builders import make_thread
from conftest import shared_sample

BENCH = Path(__file__).resolve().parents[1] / "bench" / "reassembly"
sys.path.insert(0, str(BENCH))

import realdata  # noqa: E402

SEED_TEXT = """

# A title

**A Writer**
8 March 2022

*This article was originally posted on Twitter.*

The harbour was quiet before dawn. The boats rocked against the quay.

Nobody noticed the ship until it was inside the harbour mouth.

To contact us, visit: example.org
"""


def test_the_seed_header_is_not_a_paragraph() -> None:
    assert realdata.seed_paragraphs(SEED_TEXT) == [
        "The harbour was quiet before dawn. The boats rocked against the quay.",
        "Nobody noticed the ship until it was inside the harbour mouth.",
        "To contact us, visit: example.org",
    ]


def test_each_boundary_gets_the_class_the_reference_shows() -> None:
    paragraphs = realdata.seed_paragraphs(SEED_TEXT)
    thread = make_thread(
        [
            "The harbour was quiet before 1/4",
            "dawn. 2/4",
            "The boats rocked against the quay. 3/4",
            "Nobody noticed the ship until it was inside the harbour mouth. 4/4",
        ]
    )
    assert realdata.true_classes(thread, paragraphs) == ["join", "same-paragraph", "new-paragraph"]
    glued = make_thread(
        ["The harbour was quiet before da", "wn. The boats rocked against the quay."]
    )
    assert realdata.true_classes(glued, paragraphs) == ["join-word"]
    # A post the reference does not hold: no truth.
    assert realdata.true_classes(make_thread(["Other text.", "More."]), paragraphs) is None


def test_a_reference_scores_ours_and_the_baselines_without_the_footer() -> None:
    paragraphs = realdata.seed_paragraphs(SEED_TEXT)
    thread = make_thread(
        [
            "The harbour was quiet before dawn. The boats rocked against the quay.",
            "Nobody noticed the ship until it was inside the harbour mouth.",
        ]
    )
    scores = realdata.score_reference(thread, paragraphs)
    assert scores is not None
    # The footer is no paragraph of the thread: one post per paragraph is exact.
    assert scores["post"].exact == 1.0
    assert scores["spaces"].exact == 0.0
    assert scores["ours"].boundaries["new-paragraph"] == 1


def test_without_truth_words_markers_and_classes_are_counted() -> None:
    thread = make_thread(
        ["We tried three things 1/3", "and the second one worked 2/3", "The end. 3/3"]
    )
    figures = realdata.measure("synthetic", thread)
    assert figures.words == 1.0
    assert figures.markers_stripped == 3
    assert figures.markers_left == []
    assert sum(figures.classes.values()) == 2


def test_a_marker_left_at_an_edge_is_listed() -> None:
    # Two posts cannot show a numbering: "2/" stays, and the benchmark lists it. (After a
    # sentence's end, "… on. 2/" closing the last post is its count, and goes.)
    figures = realdata.measure("synthetic", make_thread(["It began here.", "It went on 2/"]))
    assert figures.markers_left == ["2/"]


def test_the_real_part_skips_with_a_reason_when_shared_is_absent(monkeypatch) -> None:
    monkeypatch.setattr(realdata, "REALDATA", Path("/nonexistent/shared/realdata"))
    assert "skipped" in realdata.report()


def test_the_real_threads_are_read_from_every_kind_of_sample() -> None:
    shared_sample("PROVENANCE.md")
    threads, _ = realdata.real_threads()
    kinds = {name.split("/")[0] for name, _ in threads}
    assert {"twitter-archive", "bluesky", "mastodon", "html", "twitter-v2"} <= kinds
    report = realdata.report()
    assert "North thread against its seed article" in report
