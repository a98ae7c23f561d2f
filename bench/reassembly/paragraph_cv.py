"""The paragraph rule at a sentence end, measured so that the figure predicts threads it was never
tuned on (issue 10, item 5): leave-one-style-out and leave-one-source-out on the development
part only (the validation part stays unseen while tuning).

    python bench/reassembly/paragraph_cv.py                  # the rule, per style and source
    python bench/reassembly/paragraph_cv.py --fit            # and a fitted weighted sum of the evidence
    python bench/reassembly/paragraph_cv.py --fit --signs    # and each weight's range over the folds

The rule itself (paragraphs.py) is fixed, so its figure on a style is already a left-out figure
only if the rule was not tuned on that style; it was tuned on all of them, so its development
figures are an upper bound. `--fit` weighs the same evidence by logistic regression (log-odds
added up and compared with a threshold), fitted on every style but one and scored on the one
left out, pooled over the folds: the figure a scoring rule would reach on a style it has never
seen. A scoring rule replaces the hand-ordered rule only where this figure beats the rule's own.
With `--signs`, each weight's smallest and largest value over the left-out fits: a term whose
sign changes between folds says different things on different styles or sources, and was
dropped (2026-12-07: the post full to the last word, a packer who stopped early, the writer
filling posts word by word, blank lines at all).

Balanced accuracy is over sentence ends whose truth is same or new paragraph (as run.py). "Exact"
is whole documents: with the fit, a document counts when every boundary's effect is right and
nothing else (words, markers) was wrong in today's output.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
for path in (HERE, REPO / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import run  # noqa: E402
from builders import make_thread  # noqa: E402
from score import EFFECT, article_paragraphs, score_case  # noqa: E402
from styles import CJK_LANGUAGES  # noqa: E402

from thread2article.reassemble import joins, paragraphs, reassemble  # noqa: E402
from thread2article.reassemble.text import is_cjk  # noqa: E402

SAME, NEW = "same-paragraph", "new-paragraph"


@dataclass
class Row:
    """One boundary of one development thread."""

    document: int
    style: str
    language: str
    source: str
    truth: str
    effect: str  # what today's decision does: glue, join or break
    rule: str
    # The evidence, where the boundary reached the paragraph rule at a sentence end (past the
    # layout rules: lower-case opening, quotations, over the limit, an image or a quoted post).
    evidence: dict[str, float] | None = None
    exact_today: bool = False


# The terms of the weighted sum, as paragraphs.py names them.
TERMS = tuple(paragraphs.WEIGHTS)


def collect(per_group: int) -> list[Row]:
    """Reassemble the development part, recording each boundary's decision and evidence."""
    run.reference_length()
    cases = run.build_cases(per_group, part="dev")
    classify = joins.classify
    recorded: list[tuple[str, str, dict[str, float] | None]] = []

    def classify_recording(evidence, following, habits, per_post, previous=None):
        decision, rule, signals = classify(evidence, following, habits, per_post, previous)
        # The boundaries the weighed evidence decided (past the layout rules).
        found = (
            paragraphs.paragraph_terms(
                evidence,
                signals,
                following,
                habits,
                previous,
                paragraphs.read_cohesion(habits, previous),
            )
            if "weighed-evidence" in signals
            else None
        )
        recorded.append((decision, rule, found))
        return decision, rule, signals

    joins.classify = classify_recording
    rows: list[Row] = []
    try:
        for number, case in enumerate(cases):
            recorded.clear()
            article = reassemble(make_thread(case.posts))
            decisions = [
                "join" if b.decision == "join-word" and is_cjk(b.before_text[-1:]) else b.decision
                for b in article.boundaries
            ]
            scored = score_case(
                case.paragraphs,
                article_paragraphs(article),
                case.classes,
                decisions,
                case.language in CJK_LANGUAGES,
            )
            for (_, rule, found), truth, decision in zip(
                recorded, case.classes, decisions, strict=True
            ):
                rows.append(
                    Row(
                        number,
                        case.style,
                        case.language,
                        case.source.split("/")[0],
                        truth,
                        EFFECT[decision],
                        rule,
                        found,
                        bool(scored.exact_documents),
                    )
                )
    finally:
        joins.classify = classify
    return rows


def figures(rows: list[Row], effect: Callable[[Row], str]) -> tuple[float, float, float, float]:
    """Balanced accuracy, whole documents exact, same- and new-paragraph accuracy."""
    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    all_right: dict[int, bool] = {}
    today_right: dict[int, bool] = {}
    exact_today: dict[int, bool] = {}
    for row in rows:
        ok = effect(row) == EFFECT[row.truth]
        if row.truth in (SAME, NEW):
            total[row.truth] += 1
            right[row.truth] += ok
        all_right[row.document] = all_right.get(row.document, True) and ok
        today_right[row.document] = today_right.get(row.document, True) and (
            row.effect == EFFECT[row.truth]
        )
        exact_today[row.document] = row.exact_today
    same = right[SAME] / total[SAME] if total[SAME] else float("nan")
    new = right[NEW] / total[NEW] if total[NEW] else float("nan")
    # A document whose boundaries were all right today but which was not exact went wrong
    # elsewhere (a word, a marker): the decisions alone do not make it exact.
    exact = sum(all_right[d] and (exact_today[d] or not today_right[d]) for d in all_right) / len(
        all_right
    )
    return (same + new) / 2, exact, same, new


def fit(rows: list[Row], l2: float = 1.0, iterations: int = 30) -> list[float]:
    """Logistic regression (Newton's method, an L2 penalty), same and new weighted equally."""
    data = [row for row in rows if row.evidence is not None and row.truth in (SAME, NEW)]
    xs = [[1.0] + [row.evidence[term] for term in TERMS] for row in data]  # type: ignore[arg-type]
    ys = [1.0 if row.truth == SAME else 0.0 for row in data]
    same = sum(ys) or 1.0
    weights = [len(ys) / (2 * same) if y else len(ys) / (2 * (len(ys) - same)) for y in ys]
    size = len(xs[0])
    beta = [0.0] * size
    for _ in range(iterations):
        gradient = [0.0] * size
        hessian = [[0.0] * size for _ in range(size)]
        for x, y, w in zip(xs, ys, weights, strict=True):
            z = max(-30.0, min(30.0, sum(b * v for b, v in zip(beta, x, strict=True))))
            p = 1 / (1 + math.exp(-z))
            g, h = (y - p) * w, p * (1 - p) * w
            active = [index for index, value in enumerate(x) if value]
            for a in active:
                gradient[a] += g * x[a]
                row = hessian[a]
                for b in active:
                    row[b] += h * x[a] * x[b]
        for a in range(1, size):
            gradient[a] -= l2 * beta[a]
            hessian[a][a] += l2
        hessian[0][0] += 1e-9
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return beta


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the system is small)."""
    size = len(vector)
    m = [row[:] + [vector[index]] for index, row in enumerate(matrix)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(m[r][column]))
        m[column], m[pivot] = m[pivot], m[column]
        lead = m[column][column] or 1e-12
        for r in range(size):
            if r != column and m[r][column]:
                factor = m[r][column] / lead
                m[r] = [a - factor * b for a, b in zip(m[r], m[column], strict=True)]
    return [m[index][size] / (m[index][index] or 1e-12) for index in range(size)]


def scorer(beta: list[float], threshold: float) -> Callable[[Row], str]:
    def effect(row: Row) -> str:
        if row.evidence is None:
            return row.effect
        x = [1.0] + [row.evidence[term] for term in TERMS]
        total = sum(b * v for b, v in zip(beta, x, strict=True))
        return "join" if total > threshold else "break"

    return effect


def left_out(rows: list[Row], key: str, thresholds: list[float], l2: float) -> dict:
    """Fit on every group but one, score the one left out; for each threshold the figures pooled
    over the folds, and each group's own."""
    groups = sorted({getattr(row, key) for row in rows})
    betas = {
        group: fit([row for row in rows if getattr(row, key) != group], l2) for group in groups
    }
    found = {}
    for threshold in thresholds:
        predicted: dict[int, str] = {}
        per_group = {}
        for group in groups:
            inside = [row for row in rows if getattr(row, key) == group]
            effect = scorer(betas[group], threshold)
            for row in inside:
                predicted[id(row)] = effect(row)
            per_group[group] = figures(inside, effect)
        found[threshold] = (figures(rows, lambda row, p=predicted: p[id(row)]), per_group)
    return found


def _line(label: str, values: tuple) -> str:
    balanced, exact, same, new = values
    return f"| {label} | {balanced:.3f} | {exact:.3f} | {same:.3f} | {new:.3f} |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-group", type=int, default=run.DOCUMENTS_PER_STYLE_AND_LANGUAGE)
    parser.add_argument("--fit", action="store_true", help="also a fitted weighted sum, left out")
    parser.add_argument(
        "--threshold",
        type=float,
        action="append",
        help="the weighted sum's threshold in log-odds (repeatable; default 0, 0.25, 0.5, 0.75)",
    )
    parser.add_argument(
        "--show-threshold",
        type=float,
        default=0.5,
        help="the threshold whose left-out figures are shown per group",
    )
    parser.add_argument("--l2", type=float, default=1.0, help="the fit's L2 penalty")
    parser.add_argument(
        "--signs", action="store_true", help="with --fit: each weight's range over the folds"
    )
    args = parser.parse_args()
    rows = collect(args.per_group)
    header = "| group | balanced | exact | same | new |\n|---|---:|---:|---:|---:|"
    today = lambda row: row.effect  # noqa: E731
    print("# The paragraph rule, development part\n")
    print(header)
    print(_line("all", figures(rows, today)))
    for key in ("style", "source", "language"):
        for group in sorted({getattr(row, key) for row in rows}):
            print(
                _line(
                    f"{key} {group}", figures([r for r in rows if getattr(r, key) == group], today)
                )
            )
    if not args.fit:
        return
    thresholds = args.threshold or [0.0, 0.25, 0.5, 0.75]
    beta = fit(rows, args.l2)
    print("\n# Weighted sum, fitted on the whole development part\n")
    print("The constants for paragraphs.py (log-odds of the same paragraph):\n")
    names = {name: _constant_name(name) for name in TERMS}
    print(f"BIAS = {beta[0]:.2f}")
    for name, weight in zip(TERMS, beta[1:], strict=True):
        print(f"{names[name]} = {weight:.2f}")
    print("\n" + header)
    for threshold in thresholds:
        print(_line(f"in sample, threshold {threshold}", figures(rows, scorer(beta, threshold))))
    for key in ("style", "source"):
        found = left_out(rows, key, thresholds, args.l2)
        print(f"\n# Leave one {key} out\n")
        print(header)
        for threshold, (pooled, _) in found.items():
            print(_line(f"pooled, threshold {threshold}", pooled))
        shown = args.show_threshold if args.show_threshold in found else thresholds[0]
        for group, values in found[shown][1].items():
            print(_line(f"{key} {group} (left out, threshold {shown})", values))
        if args.signs:
            print(f"\n## Each weight over the folds, one {key} left out\n")
            print("| term | smallest | largest | folds above 0 | folds below 0 |")
            print("|---|---:|---:|---:|---:|")
            groups = sorted({getattr(row, key) for row in rows})
            betas = [
                fit([row for row in rows if getattr(row, key) != group], args.l2)
                for group in groups
            ]
            for index, name in enumerate(TERMS, start=1):
                values = [beta[index] for beta in betas]
                print(
                    f"| {name} | {min(values):+.2f} | {max(values):+.2f} | "
                    f"{sum(value > 0 for value in values)} | {sum(value < 0 for value in values)} |"
                )


def _constant_name(term: str) -> str:
    """The name paragraphs.py gives the weight of `term` (its WEIGHTS entry: "term": (NAME, …))."""
    source = Path(paragraphs.__file__).read_text(encoding="utf-8")
    found = re.search(rf'"{re.escape(term)}": \(\s*(\w+),', source)
    return found.group(1) if found else term.upper()


if __name__ == "__main__":
    main()
