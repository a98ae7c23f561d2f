"""The reassembly benchmark: real prose cut into threads in many styles, put back together by
thread2article and by two naive baselines, and scored.

Two parts that share no document, splitter package, writer style or seed (`PARTS`):
  dev         the part the rules are tuned on (`--failures` explains its misses); since
              2026-12-07 it also holds the validation part of before, its cases unchanged;
  validation  the held-out part: never looked at case by case while tuning, only its figures.

    python bench/reassembly/run.py                       # both parts, side by side
    python bench/reassembly/run.py --part dev --failures 20 --style "greedy 280"

The first run downloads the texts and the splitter packages into bench/.data/ (see PROVENANCE.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
for path in (HERE, REPO / "tests"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import corpus  # noqa: E402
import styles  # noqa: E402
from score import CLASSES, SYSTEMS, Score, score_case  # noqa: E402

from thread2article.reassemble.length import weighted_length  # noqa: E402

DOCUMENTS_PER_STYLE_AND_LANGUAGE = 40
SEED = 20240308


def documents(
    language: str, sources: dict[str, list[str]], count: int, seed: int
) -> list[styles.Document]:
    """Runs of 2 to 5 consecutive paragraphs, drawn with a fixed seed, spread over the sources."""
    rng = random.Random(seed)
    names = sorted(sources)
    found = []
    for index in range(count):
        name = names[index % len(names)]
        paragraphs = sources[name]
        size = rng.randint(2, 5)
        start = rng.randrange(0, max(1, len(paragraphs) - size))
        found.append(styles.Document(language, name, paragraphs[start : start + size]))
    return found


DEV_PACKAGES = (
    ("text-to-tweets", "0.1.1", "text_to_tweets", styles.package_text_to_tweets),
    ("tweet-splitter", "0.0.2", "tweetsplitter.split_tweet", styles.package_tweet_splitter),
)
# The validation part's packages until 2026-12-07, now development ones. Imported from their
# files: the packages' own __init__ pulls in clients we do not need.
FORMER_VALIDATION_PACKAGES = (
    ("layrageu", "0.2.1", "layrageu/loader.py", styles.package_layrageu),
    ("thrds", "0.6.0", "thrds/linked.py", styles.package_thrds),
)


def _module_from_file(root: Path, relative: str):
    import importlib.util

    sys.path.insert(0, str(root))
    name = relative.removesuffix(".py").replace("/", ".")
    spec = importlib.util.spec_from_file_location(name, root / relative)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def splitter_styles(packages: tuple = DEV_PACKAGES) -> dict:
    """The splitter packages from PyPI, where they download and import."""
    found = {}
    for name, version, module_name, wrap in packages:
        try:
            root = corpus.unpacked(corpus.pip_download(name, version))
            if module_name.endswith(".py"):
                module = _module_from_file(root, module_name)
            else:
                folder = next(root.iterdir())
                sys.path.insert(0, str(folder))
                module = __import__(module_name, fromlist=["_"])
        except Exception as error:  # an offline machine: run the writer styles only
            print(
                f"note: splitter package {name} unavailable ({error.__class__.__name__}); skipped",
                file=sys.stderr,
            )
            continue
        found[f"pkg {name}"] = wrap(module)
    return found


def reference_length() -> bool:
    try:
        root = corpus.unpacked(corpus.pip_download("twitter-text-parser", "3.0.0"))
        return styles.use_reference_length(str(root))
    except Exception as error:
        print(
            f"note: twitter-text-parser unavailable ({error.__class__.__name__}); using our own length",
            file=sys.stderr,
        )
        return False


@dataclass(frozen=True)
class Group:
    """Styles cut documents of some sources, each style's draws seeded from `seed`."""

    styles: Callable[[], dict]
    sources: tuple[str, ...]
    seed: int
    # Leave out a thread with a post over X's limit by twitter-text's count: the styles measure
    # prose by its characters, and a link in the text counts 23 however long it is, which can
    # push a full post over 280; a writer would have cut it elsewhere. (The development
    # groups keep such threads, about 150 posts of 20,000, so that their cases stay as tuned.)
    within_limit: bool = False


# Each part is one or more groups; a group's seeds and documents are those it had when it was
# made, so that its cases do not change when another group joins the part.
PARTS = {
    "dev": (
        # The development part as it was tuned (styles added later come last, so that the
        # seeds of the earlier ones stay what they were).
        Group(
            lambda: {
                **styles.WRITER_STYLES,
                **splitter_styles(DEV_PACKAGES),
                **styles.ADDED_DEV_STYLES,
            },
            corpus.DEV_SOURCES,
            SEED,
        ),
        # The validation part until 2026-12-07 (maint-guide, "count n/ at the end", "short
        # posts 👇", layrageu, thrds): joined the development part with its cases unchanged.
        Group(
            lambda: {
                **styles.FORMER_VALIDATION_STYLES,
                **splitter_styles(FORMER_VALIDATION_PACKAGES),
            },
            corpus.FORMER_VALIDATION_SOURCES,
            SEED + 500_000,
        ),
    ),
    # Held out: other documents, styles and packages, and seeds no development group draws.
    "validation": (
        Group(
            lambda: dict(styles.VALIDATION_STYLES),
            corpus.VALIDATION_SOURCES,
            SEED + 1_000_000,
            within_limit=True,
        ),
    ),
}


def build_cases(
    per_group: int = DOCUMENTS_PER_STYLE_AND_LANGUAGE,
    only_style: str | None = None,
    only_language: str | None = None,
    part: str = "dev",
) -> list[styles.Case]:
    cases = []
    for group in PARTS[part]:
        all_styles = group.styles()
        if only_style and only_style not in all_styles:
            continue
        texts = corpus.corpora(group.sources)
        for style_index, (style_name, style) in enumerate(all_styles.items()):
            if only_style and style_name != only_style:
                continue
            for language_index, language in enumerate(corpus.LANGUAGES):
                if only_language and language != only_language:
                    continue
                if not texts[language]:
                    continue
                seed = group.seed + 1000 * style_index + language_index
                for number, document in enumerate(
                    documents(
                        language,
                        texts[language],
                        styles.documents_per_language(style_name, per_group),
                        seed,
                    )
                ):
                    case = styles.make_case(style_name, style, document, seed + number)
                    if case is None:
                        continue
                    if group.within_limit and any(
                        styles.weight(post) > styles.LIMIT for post in case.posts
                    ):
                        continue
                    cases.append(case)
    return cases


def evaluate(cases: list[styles.Case]) -> list[dict[str, Score]]:
    results = []
    for case in cases:
        cjk = case.language in styles.CJK_LANGUAGES
        row = {}
        for name, system in SYSTEMS.items():
            predicted, decisions = system(case.posts)
            row[name] = score_case(case.paragraphs, predicted, case.classes, decisions, cjk)
        results.append(row)
    return results


def _pct(value: float | None) -> str:
    return (
        "    –"
        if value is None
        else f"{100 * value:5.1f}"
        if value < 0.9995 or value == 1
        else f"{100 * value:6.2f}"
    )


def table(title: str, groups: dict[str, dict[str, Score]]) -> str:
    lines = [
        f"\n## {title}",
        "",
        "| group | cases | doc exact ours / post / spaces | para recall ours / post / spaces | para precision ours / post / spaces | word acc ours / post / spaces | in-word | in-sentence | same-para | new-para | leftover markers |",
        "|---|---:|---|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for name, scores in groups.items():
        ours, post, spaces = scores["ours"], scores["post"], scores["spaces"]
        word_acc = " / ".join(f"{100 * s.word_accuracy:.3f}" for s in (ours, post, spaces))
        lines.append(
            f"| {name} | {ours.cases} "
            f"| {_pct(ours.exact)} / {_pct(post.exact)} / {_pct(spaces.exact)} "
            f"| {_pct(ours.recall)} / {_pct(post.recall)} / {_pct(spaces.recall)} "
            f"| {_pct(ours.precision)} / {_pct(post.precision)} / {_pct(spaces.precision)} "
            f"| {word_acc} "
            + "".join(f"| {_pct(ours.class_accuracy(c))} ({ours.boundaries[c]}) " for c in CLASSES)
            + f"| {ours.leftover_markers} / {post.leftover_markers} / {spaces.leftover_markers} |"
        )
    return "\n".join(lines)


def boundary_table(title: str, groups: dict[str, dict[str, Score]]) -> str:
    lines = [
        f"\n## {title}",
        "",
        "| group | system | " + " | ".join(CLASSES) + " |",
        "|---|---|" + "---:|" * len(CLASSES),
    ]
    for name, scores in groups.items():
        for system, score in scores.items():
            lines.append(
                f"| {name} | {system} | "
                + " | ".join(_pct(score.class_accuracy(c)) for c in CLASSES)
                + " |"
            )
    return "\n".join(lines)


def aggregate(
    cases: list[styles.Case], results: list[dict[str, Score]], key
) -> dict[str, dict[str, Score]]:
    groups: dict[str, dict[str, Score]] = defaultdict(lambda: {name: Score() for name in SYSTEMS})
    for case, row in zip(cases, results, strict=False):
        for name, score in row.items():
            groups[key(case)][name].add(score)
    return dict(groups)


def length_agreement(cases: list[styles.Case]) -> str:
    """Our weighted length against the twitter-text port, on every post of the benchmark plus
    a few strings that exercise each rule."""
    if styles._reference_length is None:
        return "length check: twitter-text-parser unavailable"
    samples = [post for case in cases for post in case.posts]
    samples += [
        "日本語 😷 https://example.com",
        "👨‍👩‍👧 family",
        "x" * 280,
        "…“quoted”—dash",
        "see example.com now",
        "🇺🇦 flag 1️⃣",
    ]
    differ = [text for text in samples if weighted_length(text) != styles._reference_length(text)]
    line = f"\nweighted length: ours agrees with twitter-text-parser on {len(samples) - len(differ)}/{len(samples)} texts"
    for text in differ[:5]:
        line += f"\n  differs: {text[:60]!r}: ours {weighted_length(text)}, twitter-text {styles._reference_length(text)}"
    return line


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


SUMMARY_ROWS = (
    ("whole document exact", lambda s: _num(s.exact)),
    ("words kept", lambda s: _num(s.word_accuracy, 4)),
    ("cuts inside a sentence joined", lambda s: _num(s.inside_sentence)),
    ("  of which inside a word", lambda s: _num(s.class_accuracy("join-word"))),
    ("same-paragraph boundaries right", lambda s: _num(s.class_accuracy("same-paragraph"))),
    ("new-paragraph boundaries right", lambda s: _num(s.class_accuracy("new-paragraph"))),
    ("paragraph balanced accuracy", lambda s: _num(s.paragraph_balanced)),
    ("markers left per thread", lambda s: _num(s.leftover_markers / s.cases if s.cases else 0, 2)),
    ("threads with a marker left", lambda s: _num(s.leftover_cases / s.cases if s.cases else 0, 3)),
    ("threads", lambda s: str(s.cases)),
)


def summary(parts: dict[str, dict[str, Score]]) -> str:
    """The headline figures of each part side by side, ours next to the naive baselines."""
    columns = [(part, system) for part in parts for system in SYSTEMS]
    lines = [
        "\n## Summary",
        "",
        "| | " + " | ".join(f"{part} {system}" for part, system in columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for label, show in SUMMARY_ROWS:
        cells = [show(parts[part][system]) for part, system in columns]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def compact_table(title: str, groups: dict[str, dict[str, Score]]) -> str:
    lines = [
        f"\n### {title}",
        "",
        "| group | threads | exact ours / post / spaces | words | in sentence | in word | same-para | new-para | balanced ours / post | markers left |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for name, scores in sorted(groups.items()):
        ours, post, spaces = scores["ours"], scores["post"], scores["spaces"]
        lines.append(
            f"| {name} | {ours.cases} "
            f"| {_num(ours.exact)} / {_num(post.exact)} / {_num(spaces.exact)} "
            f"| {_num(ours.word_accuracy, 4)} | {_num(ours.inside_sentence)} "
            f"| {_num(ours.class_accuracy('join-word'))} "
            f"| {_num(ours.class_accuracy('same-paragraph'))} ({ours.boundaries['same-paragraph']}) "
            f"| {_num(ours.class_accuracy('new-paragraph'))} ({ours.boundaries['new-paragraph']}) "
            f"| {_num(ours.paragraph_balanced)} / {_num(post.paragraph_balanced)} "
            f"| {ours.leftover_markers} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--per-group",
        type=int,
        default=DOCUMENTS_PER_STYLE_AND_LANGUAGE,
        help="documents per style and language",
    )
    parser.add_argument(
        "--part",
        choices=("dev", "validation", "both"),
        default="both",
        help="the development part, the held-out validation part, or both side by side",
    )
    parser.add_argument("--style", help="only this style")
    parser.add_argument("--language", help="only this language")
    parser.add_argument(
        "--failures",
        type=int,
        default=0,
        help="print this many development documents we did not rebuild exactly",
    )
    parser.add_argument(
        "--detail", action="store_true", help="also the full tables of the development part"
    )
    parser.add_argument(
        "--no-real", action="store_true", help="leave out the real threads of ../shared/realdata"
    )
    args = parser.parse_args()

    started = time.perf_counter()
    reference = reference_length()
    names = ("dev", "validation") if args.part == "both" else (args.part,)
    built = {part: build_cases(args.per_group, args.style, args.language, part) for part in names}
    evaluated = {part: evaluate(cases) for part, cases in built.items()}
    print("# Reassembly benchmark")
    print(
        "\nBoundary figures are accuracy of the decision by the true class; baselines strip "
        "markers first (post: one paragraph per post; spaces: everything joined). Post lengths "
        f"measured with {'twitter-text-parser' if reference else 'our weighted_length'}."
    )
    overall = {
        part: aggregate(built[part], evaluated[part], lambda case: "all")["all"]
        for part in names
        if built[part]
    }
    print(summary(overall))
    for part in names:
        cases, results = built[part], evaluated[part]
        print(f"\n## {part}")
        print(compact_table(f"{part}: per style", aggregate(cases, results, lambda c: c.style)))
        print(
            compact_table(f"{part}: per language", aggregate(cases, results, lambda c: c.language))
        )
        print(
            compact_table(
                f"{part}: per source",
                aggregate(cases, results, lambda c: f"{c.language} {c.source.split('/')[0]}"),
            )
        )
    if "dev" in built and args.detail:
        cases, results = built["dev"], evaluated["dev"]
        every = aggregate(cases, results, lambda case: "all")
        print(table("dev: overall", every))
        print(table("dev: per style", aggregate(cases, results, lambda case: case.style)))
        print(boundary_table("dev: boundary accuracy by class, all systems", every))
    if not args.no_real:
        # The third part: real threads nobody cut for the benchmark (realdata.py).
        import realdata

        print(realdata.report())
    print(length_agreement([case for cases in built.values() for case in cases]))
    if args.failures and "dev" in built:
        shown = 0
        for case, row in zip(built["dev"], evaluated["dev"], strict=False):
            if row["ours"].exact_documents or shown >= args.failures:
                continue
            shown += 1
            _explain(case)
    print(f"\n({time.perf_counter() - started:.1f} s)")


def _explain(case: styles.Case) -> None:
    from builders import make_thread

    from thread2article.reassemble import reassemble

    article = reassemble(make_thread(case.posts))
    print(f"\n--- {case.style} / {case.language} {case.source}")
    for boundary, truth in zip(article.boundaries, case.classes, strict=False):
        if styles_effect(boundary.decision) != styles_effect(truth):
            print(
                f"  WRONG truth={truth} got={boundary.decision} rule={boundary.rule!r} signals={','.join(boundary.signals)}"
            )
            print(f"     {boundary.excerpt}")


def styles_effect(decision: str) -> str:
    from score import EFFECT

    return EFFECT[decision]


if __name__ == "__main__":
    main()
