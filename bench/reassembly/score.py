"""Score a reassembled thread against the document it was cut from, and the two naive baselines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from builders import make_thread

from thread2article.model import Article, Boundary, ListBlock, Paragraph
from thread2article.options import Options
from thread2article.reassemble import reassemble, run_passes
from thread2article.reassemble.text import is_cjk

CLASSES = ("join-word", "join", "same-paragraph", "new-paragraph")
# What a decision does to the text: join without a space, join, or break the paragraph. A
# sentence cut and a same-paragraph sentence end both join, so either decision is right for both.
EFFECT = {
    "join-word": "glue",
    "join": "join",
    "same-paragraph": "join",
    "new-paragraph": "break",
    "gap": "break",
}
MARKERS = (
    re.compile(r"(?<!\S)[(\[]?\d{1,3}/(?:\d{1,3}|n)?[)\]]?(?!\S)"),
    re.compile(r"🧵"),
    re.compile(r"👇"),
    re.compile(r"/end\b"),
    re.compile(r"\.\.\.|…"),
    re.compile(r"(?<!\S)\d{1,3}\)\s"),
    # The forms of the development styles added for issue 10 (styles.py), which the patterns
    # above do not see: a marker they leave would otherwise count as no marker left.
    re.compile(r"(?<!\S)(?:\(\d{1,3}\)|\[\d{1,3}\]|#\d{1,3})(?!\S)"),
    re.compile(r"\d\ufe0f?\u20e3|🔟"),
    re.compile(r"—\d{1,3}(?!\S)"),
    re.compile(r"(?i)\b(?:part|thread)\s+\d{1,3}(?:/\d{1,3})?:|#thread\b"),
    re.compile(r"(?<!\S)\d{1,3}/(?:fin\b|🧵)"),
    re.compile(r"/End\b"),
    re.compile(r"（\d{1,3}/\d{1,3}）|(?<=\S)\(\d{1,3}/\d{1,3}\)"),
    re.compile(r"[\u2460-\u2473]"),
    re.compile(
        r"\bcont'd\b|\(cont\.\)|\bctd\.|[(（](?:続く|续|完|終|终)[)）]|/thread\b|(?<!\S)END(?!\S)"
    ),
    re.compile(r"(?<![.…])\.\.(?![.…])"),
    re.compile(r"(?<!\S)\d{1,3}-\d{1,3}/\d{1,3}(?!\S)"),
    # The forms of the validation part's writer styles (styles.VALIDATION_STYLES): a post's
    # "3. " list number, the ⬇️ arrow (👇 is above), the closing lines under a last post, and
    # the dash a "1/5 - " count leaves where only the count is taken off.
    re.compile(r"(?<![\w.,/])\d{1,3}\.(?=\s|$)"),
    re.compile(r"⬇\ufe0f?"),
    re.compile(
        r"(?<!\w)(?:Fin\.|/fin\b|End of thread\.|— end of thread —|Ende\.|Ende des Threads\."
        r"|Конец\.|Конец треда\.|おわり|以上です。|（おしまい）|（全文完）|— 完 —|本帖完。)"
    ),
    re.compile(r"(?m)^[-–—] |(?<=[.!?…。！？\"”»)] )[-–—] "),
)


@dataclass
class Score:
    cases: int = 0
    exact_documents: int = 0
    true_paragraphs: int = 0
    predicted_paragraphs: int = 0
    matched_paragraphs: int = 0
    word_matches: int = 0
    word_total: int = 0
    leftover_markers: int = 0
    # Threads with at least one marker left in the text.
    leftover_cases: int = 0
    boundaries: Counter = field(default_factory=Counter)  # class -> count
    correct: Counter = field(default_factory=Counter)  # class -> right decisions

    def add(self, other: Score) -> None:
        for name in (
            "cases",
            "exact_documents",
            "true_paragraphs",
            "predicted_paragraphs",
            "matched_paragraphs",
            "word_matches",
            "word_total",
            "leftover_markers",
            "leftover_cases",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.boundaries.update(other.boundaries)
        self.correct.update(other.correct)

    @property
    def recall(self) -> float:
        return self.matched_paragraphs / self.true_paragraphs if self.true_paragraphs else 1.0

    @property
    def precision(self) -> float:
        return (
            self.matched_paragraphs / self.predicted_paragraphs
            if self.predicted_paragraphs
            else 1.0
        )

    @property
    def exact(self) -> float:
        return self.exact_documents / self.cases if self.cases else 1.0

    @property
    def word_accuracy(self) -> float:
        return self.word_matches / self.word_total if self.word_total else 1.0

    def class_accuracy(self, name: str) -> float | None:
        return self.correct[name] / self.boundaries[name] if self.boundaries[name] else None

    @property
    def inside_sentence(self) -> float | None:
        """Cuts inside a sentence (within a word or between words) joined as they should be."""
        total = self.boundaries["join"] + self.boundaries["join-word"]
        return (self.correct["join"] + self.correct["join-word"]) / total if total else None

    @property
    def paragraph_balanced(self) -> float | None:
        """Same- and new-paragraph accuracy weighted equally at sentence ends: a rule that always
        answers "new" scores 0.5 however few same-paragraph boundaries there are."""
        same, new = self.class_accuracy("same-paragraph"), self.class_accuracy("new-paragraph")
        if same is None or new is None:
            return None
        return (same + new) / 2


def _tokens(text: str, cjk: bool) -> list[str]:
    if not cjk:
        return text.split()
    # Chinese and Japanese: one token per character, and a stray space between two CJK
    # characters is a token of its own, so a wrong space costs.
    tokens = []
    for match in re.finditer(r"\s+|\S", text):
        piece = match.group()
        if piece.isspace():
            # A newline separates paragraphs, which word accuracy does not judge.
            if (
                "\n" not in piece
                and tokens
                and is_cjk(tokens[-1])
                and match.end() < len(text)
                and is_cjk(text[match.end()])
            ):
                tokens.append(" ")
        else:
            tokens.append(piece)
    return tokens


def article_paragraphs(article: Article) -> list[str]:
    texts = []
    for block in article.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, ListBlock):
            texts.append(" ".join(block.items))
    return [" ".join(text.split()) if "\n" in text else text for text in texts]


def score_case(
    true_paragraphs: list[str],
    predicted: list[str],
    true_classes: list[str],
    decisions: list[str],
    cjk: bool,
) -> Score:
    truth = [" ".join(p.split()) for p in true_paragraphs]
    score = Score(cases=1, true_paragraphs=len(truth), predicted_paragraphs=len(predicted))
    score.exact_documents = int(predicted == truth)
    score.matched_paragraphs = sum((Counter(truth) & Counter(predicted)).values())
    true_tokens = _tokens("\n".join(truth), cjk)
    predicted_tokens = _tokens("\n".join(predicted), cjk)
    matcher = SequenceMatcher(None, true_tokens, predicted_tokens, autojunk=False)
    score.word_matches = sum(block.size for block in matcher.get_matching_blocks())
    score.word_total = max(len(true_tokens), len(predicted_tokens))
    true_text, predicted_text = "\n".join(truth), "\n".join(predicted)
    score.leftover_markers = sum(
        max(0, len(m.findall(predicted_text)) - len(m.findall(true_text))) for m in MARKERS
    )
    score.leftover_cases = int(score.leftover_markers > 0)
    for truth_class, decision in zip(true_classes, decisions, strict=False):
        score.boundaries[truth_class] += 1
        score.correct[truth_class] += EFFECT[decision] == EFFECT[truth_class]
    return score


def _effective(boundary: Boundary) -> str:
    """The decision by the text it makes: after a CJK character a join adds no space, so
    "join-word" there is the same join (styles.boundary_class labels such cuts "join")."""
    if boundary.decision == "join-word" and is_cjk(boundary.before_text[-1:]):
        return "join"
    return boundary.decision


def run_ours(posts: list[str]) -> tuple[list[str], list[str]]:
    article = reassemble(make_thread(posts))
    return article_paragraphs(article), [_effective(b) for b in article.boundaries]


def run_post_baseline(posts: list[str]) -> tuple[list[str], list[str]]:
    """Naive baseline 1: markers stripped, then one paragraph per post (`--paragraphs post`)."""
    article = reassemble(make_thread(posts), Options(paragraphs="post"))
    return article_paragraphs(article), ["new-paragraph"] * (len(posts) - 1)


def run_spaces_baseline(posts: list[str]) -> tuple[list[str], list[str]]:
    """Naive baseline 2: markers stripped, then every post joined with a space into one paragraph."""
    draft = run_passes(make_thread(posts), upto="markers")
    text = " ".join(" ".join(item.text.split()) for item in draft.items if item.text.strip())
    return [text] if text else [], ["join"] * (len(posts) - 1)


SYSTEMS = {"ours": run_ours, "post": run_post_baseline, "spaces": run_spaces_baseline}
