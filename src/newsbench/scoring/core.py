"""The one matching primitive of every scorer, and the summable counts (Tally) that metrics derive ratios from.

Matching is always optimal and one-to-one: ``match_keys`` for items that match exactly when their keys are equal
(the optimum is then the multiset intersection), ``match_optimal`` for weighted candidate pairs (maximum total
weight, solved per connected component with the Hungarian method). A metric is a key function or a weight rule
over these two; its counts are a ``Tally``; precision, recall and F1 are derived and ``None`` when undefined.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Hashable, Iterable, Mapping, Sequence, TypeVar

K = TypeVar("K", bound=Hashable)

# Kinds of tallies: "counts" (tp/fp/fn, precision and recall share their numerator), "ratio" (coreference
# metrics whose precision and recall have their own numerators) and "accuracy" (correct / total).
COUNTS, RATIO, ACCURACY = "counts", "ratio", "accuracy"


class Tally:
    """Summable counts behind one metric: precision = p_num / p_den, recall = r_num / r_den.

    For counts, p_num == r_num == tp, p_den = tp + fp and r_den = tp + fn. Tallies of documents add up to the
    tally of the corpus (micro-averaging), which is what breakdowns and the bootstrap rely on. A plain slotted
    class (treated as immutable): hundreds of thousands are made per corpus, and a frozen dataclass is slower.
    """

    __slots__ = ("p_num", "p_den", "r_num", "r_den", "kind")

    def __init__(self, p_num: float = 0.0, p_den: float = 0.0, r_num: float = 0.0, r_den: float = 0.0,
                 kind: str = COUNTS):
        self.p_num, self.p_den, self.r_num, self.r_den, self.kind = p_num, p_den, r_num, r_den, kind

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tally) and (self.row(), self.kind) == (other.row(), other.kind)

    def __hash__(self) -> int:
        return hash((self.row(), self.kind))

    def __repr__(self) -> str:
        return f"Tally({self.p_num}, {self.p_den}, {self.r_num}, {self.r_den}, {self.kind!r})"

    @classmethod
    def counts(cls, tp: float, fp: float, fn: float) -> "Tally":
        return cls(tp, tp + fp, tp, tp + fn, COUNTS)

    @classmethod
    def of(cls, tp: float, n_gold: float, n_pred: float) -> "Tally":
        """Counts from the matched total and the sizes of both sides."""
        return cls(tp, n_pred, tp, n_gold, COUNTS)

    @classmethod
    def accuracy(cls, correct: float, total: float) -> "Tally":
        return cls(correct, total, correct, total, ACCURACY)

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.p_num + other.p_num, self.p_den + other.p_den, self.r_num + other.r_num,
                     self.r_den + other.r_den, self.kind)

    @property
    def precision(self) -> float | None:
        return self.p_num / self.p_den if self.p_den else None

    @property
    def recall(self) -> float | None:
        return self.r_num / self.r_den if self.r_den else None

    @property
    def f1(self) -> float | None:
        return f1_of(self.precision, self.recall, self.p_den, self.r_den)

    @property
    def value(self) -> float | None:
        """The tally's headline value: accuracy for accuracies, F1 otherwise."""
        return self.precision if self.kind == ACCURACY else self.f1

    def row(self) -> tuple[float, float, float, float]:
        return (self.p_num, self.p_den, self.r_num, self.r_den)

    def to_dict(self) -> dict[str, Any]:
        if self.kind == ACCURACY:
            return {"correct": _num(self.p_num), "total": _num(self.p_den), "accuracy": self.precision}
        out: dict[str, Any]
        if self.kind == COUNTS:
            out = {"tp": _num(self.p_num), "fp": _num(self.p_den - self.p_num), "fn": _num(self.r_den - self.r_num)}
        else:
            out = {"tp": None, "fp": None, "fn": None,
                   "precision_num": self.p_num, "precision_den": _num(self.p_den),
                   "recall_num": self.r_num, "recall_den": _num(self.r_den)}
        out.update(precision=self.precision, recall=self.recall, f1=self.f1)
        return out


def f1_of(precision: float | None, recall: float | None, p_den: float, r_den: float) -> float | None:
    """Harmonic mean; ``None`` only when both sides are empty.

    When one side is empty and the other is not, nothing can match, so F1 is 0 (the same as 2tp/(2tp+fp+fn)).
    """
    if not p_den and not r_den:
        return None
    if precision is None or recall is None or precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def mean_or_none(values: Iterable[float | None], *, all_required: bool = False) -> float | None:
    """Mean of the defined values (``None`` when none is defined, or when any is and ``all_required``)."""
    vals = list(values)
    defined = [v for v in vals if v is not None]
    if not defined or (all_required and len(defined) != len(vals)):
        return None
    return sum(defined) / len(defined)


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def match_keys(gold: Iterable[K], pred: Iterable[K]) -> int:
    """Size of the optimal one-to-one matching when a gold and a predicted item match iff their keys are equal.

    That is the multiset intersection: a duplicated prediction matches at most as many gold items as carry its
    key (unlike set-based scorers, which hide duplicates, or scorers that count each duplicate as correct).
    """
    g, p = Counter(gold), Counter(pred)
    if len(g) > len(p):
        g, p = p, g
    return sum(min(n, p[k]) for k, n in g.items() if k in p)


def keyed_tally(gold: Sequence[K], pred: Sequence[K]) -> Tally:
    """Counts of the exact-key matching of two item lists."""
    return Tally.of(match_keys(gold, pred), len(gold), len(pred))


def pair_keys(gold: Sequence[K], pred: Sequence[K]) -> list[tuple[int, int]]:
    """The pairs (gold index, predicted index) of an exact-key one-to-one matching.

    Within a key, items are paired in the order given; callers pass items in a canonical order (sorted by
    content) so the pairing does not depend on input order.
    """
    waiting: dict[K, list[int]] = defaultdict(list)
    for j in range(len(pred) - 1, -1, -1):
        waiting[pred[j]].append(j)
    pairs = []
    for i, key in enumerate(gold):
        stack = waiting.get(key)
        if stack:
            pairs.append((i, stack.pop()))
    return pairs


def match_optimal(edges: Mapping[tuple[int, int], float]) -> list[tuple[int, int]]:
    """A maximum-weight one-to-one matching over candidate pairs ``{(gold, pred): weight > 0}``.

    The candidate graph is split into connected components; a component of one edge is matched directly and the
    others with ``scipy.optimize.linear_sum_assignment``, which is exact. Returns the matched pairs, sorted.
    Use tiered weights (e.g. ``BIG * exact + overlap``) to maximise one count first and another second.
    """
    if not edges:
        return []
    gold_degree: dict[int, int] = {}
    pred_degree: dict[int, int] = {}
    for i, j in edges:
        gold_degree[i] = gold_degree.get(i, 0) + 1
        pred_degree[j] = pred_degree.get(j, 0) + 1
    # an edge whose two ends have no other candidate is a component of its own: matched without any search
    pairs = [(i, j) for i, j in edges if gold_degree[i] == 1 and pred_degree[j] == 1]
    if len(pairs) == len(edges):
        pairs.sort()
        return pairs
    rest = [(i, j) for i, j in edges if gold_degree[i] > 1 or pred_degree[j] > 1]
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for i, j in rest:
        a, b = find(("g", i)), find(("p", j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    components: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for i, j in rest:
        components[find(("g", i))].append((i, j))
    for comp in components.values():
        if len(comp) == 1:
            pairs.append(comp[0])
            continue
        pairs.extend(_assign(comp, edges))
    pairs.sort()
    return pairs


def _assign(comp: list[tuple[int, int]], edges: Mapping[tuple[int, int], float]) -> list[tuple[int, int]]:
    rows = sorted({i for i, _ in comp})
    cols = sorted({j for _, j in comp})
    if len(rows) <= 3 and len(cols) <= 3:
        return _enumerate(rows, cols, edges)
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    r_at = {i: n for n, i in enumerate(rows)}
    c_at = {j: n for n, j in enumerate(cols)}
    weights = np.zeros((len(rows), len(cols)))
    for i, j in comp:
        weights[r_at[i], c_at[j]] = edges[(i, j)]
    ri, ci = linear_sum_assignment(weights, maximize=True)
    return [(rows[r], cols[c]) for r, c in zip(ri, ci) if weights[r, c] > 0]


def _enumerate(rows: list[int], cols: list[int], edges: Mapping[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Exact assignment of a small component by trying every injection of the smaller side (at most 3! ways),
    cheaper than building a matrix for the Hungarian method; the first best in a fixed order wins ties."""
    from itertools import permutations

    flip = len(rows) > len(cols)
    small, large = (cols, rows) if flip else (rows, cols)
    best: list[tuple[int, int]] = []
    best_weight = 0.0
    for chosen in permutations(large, len(small)):
        pairs = [(b, a) if flip else (a, b) for a, b in zip(small, chosen)]
        pairs = [pq for pq in pairs if pq in edges]
        weight = sum(edges[pq] for pq in pairs)
        if weight > best_weight:
            best, best_weight = pairs, weight
    return best


def overlapping_pairs(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Index pairs of gold and predicted (start, end) spans that share at least one character (end-exclusive)."""
    if not gold or not pred:
        return []
    from bisect import bisect_left

    order = sorted(range(len(gold)), key=lambda i: gold[i][0])
    starts = [gold[i][0] for i in order]
    longest = max(e - s for s, e in gold)
    out = []
    for j, (s, e) in enumerate(pred):
        # a gold span overlapping [s, e) starts before e and, being at most `longest` long, after s - longest
        for k in range(bisect_left(starts, s - longest + 1), bisect_left(starts, e)):
            i = order[k]
            if gold[i][1] > s:
                out.append((i, j))
    return out


def add_nested(into: dict[str, Any], other: Mapping[str, Any]) -> dict[str, Any]:
    """Add a nested dict of Tallies into another (in place), creating missing keys."""
    for key, value in other.items():
        if isinstance(value, Tally):
            into[key] = into[key] + value if key in into else value
        else:
            add_nested(into.setdefault(key, {}), value)
    return into
