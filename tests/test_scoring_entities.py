"""Mention scoring: the SemEval-2013 schemes as a definition table, one-to-one matching, forms, and cross-checks
against seqeval (strict IOB2) and nervaluate on generated data."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "scoring"))
from builder import D  # noqa: E402

from newsbench.model import Document, Mention, Span  # noqa: E402
from newsbench.scoring.entities import SCHEMES, score_document, semeval_counts, strict_tallies  # noqa: E402

TEXT = "Joe Biden visited the Paris summit with Olaf Scholz."
# gold: "Joe Biden" PERSON 0-9, "Paris" GPE 22-27, "Olaf Scholz" PERSON 40-51
GOLD = [(0, 9, "PERSON"), (22, 27, "GPE"), (40, 51, "PERSON")]

COR = {"correct": 1, "incorrect": 0, "partial": 0, "missed": 0, "spurious": 0}
INC = {"correct": 0, "incorrect": 1, "partial": 0, "missed": 0, "spurious": 0}
PAR = {"correct": 0, "incorrect": 0, "partial": 1, "missed": 0, "spurious": 0}
MIS = {"correct": 0, "incorrect": 0, "partial": 0, "missed": 1, "spurious": 0}
SPU = {"correct": 0, "incorrect": 0, "partial": 0, "missed": 0, "spurious": 1}


# The six SemEval-2013 scenarios against gold "Joe Biden" PERSON (0-9) alone; expected class per scheme
# in the order strict, exact, partial, type.
@pytest.mark.parametrize("pred, expected", [
    ([(0, 9, "PERSON")], (COR, COR, COR, COR)),   # I: same span, same type
    ([(22, 27, "GPE")], None),                    # II: nothing in gold there: spurious (and gold missed)
    ([], (MIS, MIS, MIS, MIS)),                   # III: nothing predicted: missed
    ([(0, 9, "ORG")], (INC, COR, COR, INC)),      # IV: same span, wrong type
    ([(4, 9, "PERSON")], (INC, INC, PAR, COR)),   # V: "Biden" only, same type
    ([(4, 9, "ORG")], (INC, INC, PAR, INC)),      # VI: overlap and wrong type
])
def test_semeval_scenarios(pred: list[tuple[int, int, str]], expected: tuple[dict[str, int], ...] | None) -> None:
    counts = semeval_counts([(0, 9, "PERSON")], pred)
    if expected is None:
        expected = tuple({**MIS, "spurious": 1} for _ in SCHEMES)
    assert tuple(counts[s] for s in SCHEMES) == expected


@pytest.mark.parametrize("pred, strict_tp, partial_tp, strict_fp", [
    (GOLD, 3, 3, 0),                                          # perfect
    (GOLD + [(0, 9, "PERSON")], 3, 3, 1),                     # duplicate of a correct prediction: one FP, not a TP
    ([(0, 3, "PERSON"), (4, 9, "PERSON")], 0, 0.5, 2),        # two halves of one gold: one partial, one spurious
    ([(0, 51, "PERSON")], 0, 0.5, 1),                         # one span over everything: one partial, two missed
])
def test_one_to_one(pred: list[tuple[int, int, str]], strict_tp: int, partial_tp: float, strict_fp: int) -> None:
    out = score_document(_doc(GOLD), _doc(pred))
    assert out["strict"].to_dict()["tp"] == strict_tp
    assert out["strict"].to_dict()["fp"] == strict_fp
    assert out["partial"].p_num == partial_tp


def test_order_does_not_matter_where_greedy_fails() -> None:
    # prediction 0 overlaps both golds; prediction 1 only the first. A first-match greedy scorer pairs prediction 0
    # with gold 0 and calls prediction 1 spurious; the optimal matching gives both golds a partner.
    gold = [(0, 9, "PERSON"), (10, 20, "PERSON")]
    for pred in ([(5, 15, "PERSON"), (0, 4, "PERSON")], [(0, 4, "PERSON"), (5, 15, "PERSON")]):
        assert semeval_counts(gold, pred)["partial"] == {"correct": 0, "incorrect": 0, "partial": 2,
                                                         "missed": 0, "spurious": 0}


def test_named_only_by_default_and_per_form() -> None:
    g = D("The minister met Olaf Scholz. He smiled.")
    g.m("The minister", form="NOM"), g.m("Olaf Scholz"), g.m("He", form="PRO")
    p = D(g.text)
    p.m("Olaf Scholz"), p.m("He", form="PRO")       # the nominal is missed
    out = score_document(g.build(), p.build())
    assert out["strict"].to_dict() == {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert out["per_form"]["strict"]["NOM"].to_dict()["fn"] == 1
    assert out["per_form"]["strict"]["PRO"].f1 == 1.0
    every = score_document(g.build(), p.build(), forms=None)
    assert every["strict"].to_dict()["fn"] == 1


def test_per_label_restricts_both_sides() -> None:
    # wrong type: for PERSON it is a miss, for ORG a false positive (as nervaluate's per-tag results)
    out = score_document(_doc([(0, 9, "PERSON")]), _doc([(0, 9, "ORG")]))
    assert out["per_label"]["exact"]["PERSON"].to_dict()["fn"] == 1
    assert out["per_label"]["exact"]["ORG"].to_dict()["fp"] == 1
    assert out["exact"].f1 == 1.0


def _doc(items: list[tuple[int, int, str]], text: str = TEXT, doc_id: str = "d1") -> Document:
    return Document(doc_id, text, mentions=tuple(Mention(f"m{i}", Span.of(text, s, e), label, "NAM")
                                                 for i, (s, e, label) in enumerate(items)))


# ---- generated data: token-aligned spans -------------------------------------------------------------------

LABELS = ["PER", "ORG", "LOC", "MISC"]


def _sentences(seed: int, n: int) -> list[tuple[list[str], list[tuple[int, int, str]], list[tuple[int, int, str]]]]:
    """Sentences with gold and noisy predicted token spans (start token, end token exclusive, label).

    Gold spans are separated by at least two tokens; each prediction derives from one gold span (exact, wrong
    type, one boundary moved by one token) or is spurious in the middle of a wide gap, so every prediction
    overlaps at most one gold span and vice versa, and predictions never overlap each other.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        tokens: list[str] = []
        gold: list[tuple[int, int, str]] = []
        pred: list[tuple[int, int, str]] = []
        pos = rng.randint(0, 3)
        for _ in range(rng.randint(0, 5)):
            length, label = rng.randint(1, 3), rng.choice(LABELS)
            gold.append((pos, pos + length, label))
            gap = rng.randint(2, 6)
            pos += length + gap
        n_tokens = pos + rng.randint(0, 2)
        tokens = [rng.choice(["w", "ab", "xyz", "Q"]) + str(i) for i in range(n_tokens)]
        for k, (s, e, label) in enumerate(gold):
            r = rng.random()
            if r < 0.5:
                pred.append((s, e, label))
            elif r < 0.6:
                pred.append((s, e, rng.choice([x for x in LABELS if x != label])))
            elif r < 0.8:
                choice = rng.choice(["start-", "start+", "end-", "end+"])
                ns, ne = s, e
                if choice == "start-" and s > 0 and (k == 0 or gold[k - 1][1] < s - 1):
                    ns = s - 1
                elif choice == "start+" and e - s > 1:
                    ns = s + 1
                elif choice == "end-" and e - s > 1:
                    ne = e - 1
                elif choice == "end+" and e < n_tokens:
                    ne = e + 1
                pred.append((ns, ne, label if rng.random() < 0.7 else rng.choice(LABELS)))
            # else: missed
            gap_start = e
            gap_end = gold[k + 1][0] if k + 1 < len(gold) else n_tokens
            if gap_end - gap_start >= 5 and rng.random() < 0.3:
                pred.append((gap_start + 2, gap_start + 3, rng.choice(LABELS)))
        out.append((tokens, gold, sorted(pred)))
    return out


def _char_spans(tokens: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for t in tokens:
        spans.append((at, at + len(t)))
        at += len(t) + 1
    return spans


def _as_docs(data: list) -> tuple[list[Document], list[Document]]:  # type: ignore[type-arg]
    golds, preds = [], []
    for n, (tokens, gold, pred) in enumerate(data):
        text = " ".join(tokens) or "."
        cs = _char_spans(tokens)
        golds.append(_doc([(cs[s][0], cs[e - 1][1], label) for s, e, label in gold], text, f"s{n}"))
        preds.append(_doc([(cs[s][0], cs[e - 1][1], label) for s, e, label in pred], text, f"s{n}"))
    return golds, preds


def _iob2(n_tokens: int, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n_tokens
    for s, e, label in spans:
        tags[s] = f"B-{label}"
        for i in range(s + 1, e):
            tags[i] = f"I-{label}"
    return tags


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_strict_equals_seqeval_strict_iob2(seed: int) -> None:
    from seqeval.metrics import classification_report, f1_score
    from seqeval.scheme import IOB2

    data = _sentences(seed, 400)
    y_true = [_iob2(len(t), g) for t, g, _ in data]
    y_pred = [_iob2(len(t), p) for t, _, p in data]
    golds, preds = _as_docs(data)
    total, per_label = strict_tallies(golds, preds)
    assert total.f1 == pytest.approx(f1_score(y_true, y_pred, mode="strict", scheme=IOB2))
    report = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    for label in LABELS:
        if label in report:
            assert (per_label[label].f1 or 0.0) == pytest.approx(report[label]["f1-score"]), label
            assert per_label[label].r_den == report[label]["support"]
    # the per-document scorer gives the same strict counts as the corpus-wide fast path
    summed = [score_document(g, p)["strict"] for g, p in zip(golds, preds)]
    acc = summed[0]
    for t in summed[1:]:
        acc = acc + t
    assert acc.row() == total.row()


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_schemes_equal_nervaluate_counts(seed: int) -> None:
    from nervaluate import Evaluator

    data = _sentences(seed, 400)
    golds, preds = _as_docs(data)
    # nervaluate treats ends as inclusive: convert our end-exclusive offsets
    true = [[{"label": m.label, "start": m.span.start, "end": m.span.end - 1} for m in d.mentions] for d in golds]
    pred = [[{"label": m.label, "start": m.span.start, "end": m.span.end - 1} for m in d.mentions] for d in preds]
    result = Evaluator(true, pred, tags=LABELS, loader="dict").evaluate()
    names = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
    fields = ("correct", "incorrect", "partial", "missed", "spurious")

    def ours(label: str | None) -> dict[str, dict[str, int]]:
        total = {s: dict.fromkeys(fields, 0) for s in SCHEMES}
        for g, p in zip(golds, preds):
            gi = sorted((m.span.start, m.span.end, m.label) for m in g.mentions if label in (None, m.label))
            pi = sorted((m.span.start, m.span.end, m.label) for m in p.mentions if label in (None, m.label))
            for s, c in semeval_counts(gi, pi).items():
                for f in fields:
                    total[s][f] += c[f]
        return total

    overall = ours(None)
    for scheme, theirs in names.items():
        assert {f: getattr(result["overall"][theirs], f) for f in fields} == overall[scheme], scheme
    for label in LABELS:
        mine = ours(label)
        for scheme, theirs in names.items():
            assert {f: getattr(result["entities"][label][theirs], f) for f in fields} == mine[scheme], (label, scheme)


def test_label_confusion_counts_label_errors_misses_and_spurious() -> None:
    from newsbench.model import Document, Mention, Span
    from newsbench.scoring.entities import MISSED, SPURIOUS, label_confusion

    text = "Ana met Bo in Rome and Oslo"

    def m(i: str, a: int, b: int, label: str) -> Mention:
        return Mention(i, Span(a, b, text[a:b]), label, "NAM")

    gold = Document("d", text, mentions=(m("1", 0, 3, "PERSON"), m("2", 8, 10, "PERSON"), m("3", 14, 18, "GPE"),
                                         m("4", 23, 27, "GPE")))
    pred = Document("d", text, mentions=(m("a", 0, 3, "PERSON"),  # correct
                                         m("b", 8, 10, "ORG"),  # right boundaries, wrong label
                                         m("c", 14, 17, "GPE"),  # wrong boundaries: a miss and a spurious
                                         m("d", 23, 27, "GPE"), m("e", 23, 27, "LOC")))  # one correct, one extra
    assert label_confusion([gold], [pred]) == {
        ("PERSON", "PERSON"): 1, ("PERSON", "ORG"): 1, ("GPE", "GPE"): 1, ("GPE", MISSED): 1,
        (SPURIOUS, "GPE"): 1, (SPURIOUS, "LOC"): 1}
    # a missing prediction misses every gold mention
    assert label_confusion([gold], []) == {("PERSON", MISSED): 2, ("GPE", MISSED): 2}
