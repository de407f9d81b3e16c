"""Scoring speed: our strict mention scorer against seqeval and nervaluate, and the full four-layer score.

Part 1 generates S sentences (~25 tokens, ~2 gold mentions each) with noisy predicted mentions (missed, wrong type,
a boundary moved by a token, spurious), grouped into documents of 20 sentences, and times on the same data:
  ours        newsbench.scoring.entities.strict_tallies: strict micro counts + per-label counts (from Documents)
  seqeval     f1_score(mode="strict", scheme=IOB2) on the IOB2 tag lists (micro F1 only)
  nervaluate  Evaluator(...).evaluate() on the span dicts (inclusive ends), all schemes and tags
and prints the times, the ratios and the strict F1 of each (they must be identical).
Part 2 times newsbench.scoring.score (every layer, every metric, breakdowns, 1,000 bootstrap resamples) on N
synthetic documents (newsbench.synthetic) against noisy copies of themselves.

Targets (issue 5): ours >= 10x faster than seqeval strict and >= 20x faster than nervaluate at 200,000 sentences,
identical F1; the full score of 10,000 documents in under 30 s (scaled linearly for smaller N). Exit 1 on a miss.

    .venv/bin/python benchmarks/score.py                                   # 20,000 sentences, 1,000 documents
    .venv/bin/python benchmarks/score.py --sentences 200000 --docs 10000   # the full size
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from dataclasses import replace
from typing import Any, Callable

LABELS = ["PERSON", "ORG", "GPE", "NORP", "DATE", "CARDINAL", "EVENT", "LAW"]
WORDS = ["the", "minister", "said", "on", "talks", "a", "new", "deal", "with", "in", "after", "of", "and", "to",
         "government", "border", "meeting", "would", "not", "be", "signed", "by", "Friday", "officials"]


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """One run, with the cyclic garbage collector paused (for every scorer alike: it rescans millions of objects)."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        result = fn()
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def sentences(n: int, seed: int) -> list[tuple[int, list[tuple[int, int, str]], list[tuple[int, int, str]]]]:
    """(token count, gold spans, predicted spans) per sentence; spans are (first token, end token exclusive, label).

    Gold spans are two or more tokens apart and each prediction derives from one gold span or sits alone in a wide
    gap, so predictions never overlap each other (IOB2 can encode them) and the scorers' definitions coincide.
    """
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        gold: list[tuple[int, int, str]] = []
        pred: list[tuple[int, int, str]] = []
        pos = rng.randint(0, 4)
        for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
            length = rng.choice((1, 1, 2, 2, 3))
            gold.append((pos, pos + length, rng.choice(LABELS)))
            pos += length + rng.randint(2, 9)
        n_tokens = max(pos, 25) if rng.random() < 0.5 else pos + rng.randint(0, 6)
        for k, (s, e, label) in enumerate(gold):
            r = rng.random()
            if r < 0.7:
                pred.append((s, e, label))
            elif r < 0.78:
                pred.append((s, e, rng.choice(LABELS)))
            elif r < 0.9:
                if e - s > 1:
                    pred.append((s + 1, e, label) if rng.random() < 0.5 else (s, e - 1, label))
                elif e < n_tokens and (k + 1 == len(gold) or gold[k + 1][0] > e + 1):
                    pred.append((s, e + 1, label))
            gap_end = gold[k + 1][0] if k + 1 < len(gold) else n_tokens
            if gap_end - e >= 5 and rng.random() < 0.15:
                pred.append((e + 2, e + 3, rng.choice(LABELS)))
        out.append((n_tokens, gold, sorted(pred)))
    return out


def as_documents(data: list[Any], per_doc: int = 20) -> tuple[list[Any], list[Any]]:
    from newsbench.model import Document, Mention, Span

    golds, preds = [], []
    for d in range(0, len(data), per_doc):
        chunk = data[d:d + per_doc]
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        offset = 0
        firsts = []
        for n_tokens, _, _ in chunk:
            firsts.append(len(starts))
            for t in range(n_tokens):
                w = WORDS[(t * 7 + len(starts)) % len(WORDS)]
                starts.append(offset)
                ends.append(offset + len(w))
                words.append(w)
                offset += len(w) + 1
        text = " ".join(words) or "."

        def mentions(which: int) -> tuple[Any, ...]:
            out = []
            for first, item in zip(firsts, chunk):
                for s, e, label in item[which]:
                    a, b = starts[first + s], ends[first + e - 1]
                    out.append(Mention(f"m{len(out)}", Span(a, b, text[a:b]), label, "NAM"))
            return tuple(out)

        doc_id = f"doc{d // per_doc:06d}"
        golds.append(Document(doc_id, text, mentions=mentions(1)))
        preds.append(Document(doc_id, text, mentions=mentions(2)))
    return golds, preds


def iob2(n_tokens: int, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n_tokens
    for s, e, label in spans:
        tags[s] = "B-" + label
        for i in range(s + 1, e):
            tags[i] = "I-" + label
    return tags


def noisy(doc: Any, rng: random.Random) -> Any:
    """A prediction: ~15% of each layer's items dropped, some mention labels and boundaries changed."""
    from newsbench.model import Mention, Span

    keep = lambda items: tuple(x for x in items if rng.random() > 0.15)  # noqa: E731
    mentions = []
    for m in doc.mentions:
        r = rng.random()
        if r < 0.08:
            continue
        if r < 0.14:
            m = Mention(m.id, m.span, rng.choice(LABELS), m.form)
        elif r < 0.2 and m.span.end - m.span.start > 2:
            m = Mention(m.id, Span(m.span.start + 1, m.span.end, m.span.text[1:]), m.label, m.form)
        mentions.append(m)
    return replace(doc, mentions=tuple(mentions), clusters=keep(doc.clusters), events=keep(doc.events),
                   quotes=keep(doc.quotes), stances=keep(doc.stances), provenance=None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=20_000, help="sentences for part 1 (full size: 200,000)")
    ap.add_argument("--docs", type=int, default=1_000, help="synthetic documents for part 2 (full size: 10,000)")
    ap.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples in part 2")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-references", action="store_true", help="part 1 without seqeval and nervaluate")
    args = ap.parse_args(argv)
    ok = True

    from newsbench.scoring.entities import strict_tallies

    data = sentences(args.sentences, args.seed)
    golds, preds = as_documents(data)
    n_gold = sum(len(g) for _, g, _ in data)
    n_tokens = sum(n for n, _, _ in data)
    print(f"part 1: {len(data):,} sentences, {n_tokens:,} tokens, {n_gold:,} gold and "
          f"{sum(len(p) for _, _, p in data):,} predicted mentions in {len(golds):,} documents")
    t_ours, (total, per_label) = _timed(lambda: strict_tallies(golds, preds))
    print(f"  ours strict + per label    {t_ours:8.3f} s   F1 {total.f1:.12f}   ({len(per_label)} labels)")
    if not args.skip_references:
        from nervaluate import Evaluator
        from seqeval.metrics import f1_score
        from seqeval.scheme import IOB2

        y_true = [iob2(n, g) for n, g, _ in data]
        y_pred = [iob2(n, p) for n, _, p in data]
        t_seq, f_seq = _timed(lambda: f1_score(y_true, y_pred, mode="strict", scheme=IOB2))
        true = [[{"label": lab, "start": s, "end": e - 1} for s, e, lab in g] for _, g, _ in data]
        pred = [[{"label": lab, "start": s, "end": e - 1} for s, e, lab in p] for _, _, p in data]
        t_ner, res = _timed(lambda: Evaluator(true, pred, tags=LABELS, loader="dict").evaluate())
        f_ner = res["overall"]["strict"].f1
        print(f"  seqeval strict IOB2        {t_seq:8.3f} s   F1 {f_seq:.12f}   ours is {t_seq / t_ours:5.1f}x faster "
              f"(target >= 10x)")
        print(f"  nervaluate                 {t_ner:8.3f} s   F1 {f_ner:.12f}   ours is {t_ner / t_ours:5.1f}x faster "
              f"(target >= 20x)")
        worst = 0.0
        for label, tally in per_label.items():
            theirs = res["entities"][label]["strict"].f1
            worst = max(worst, abs((tally.f1 or 0.0) - theirs))
        same = abs(total.f1 - f_seq) < 1e-12 and abs(total.f1 - f_ner) < 1e-12 and worst < 1e-12
        print(f"  identical F1: {'yes' if same else 'NO'} (largest per-label difference from nervaluate {worst:.2e})")
        if len(data) >= 200_000:
            ok &= t_seq / t_ours >= 10 and t_ner / t_ours >= 20
        ok &= same

    from newsbench import synthetic
    from newsbench.scoring import score

    t_gen, gold_docs = _timed(lambda: synthetic.documents(args.docs, seed=args.seed))
    rng = random.Random(args.seed)
    pred_docs = [noisy(d, rng) for d in gold_docs]
    print(f"\npart 2: {len(gold_docs):,} synthetic documents ({t_gen:.1f} s to generate), every layer, "
          f"{args.bootstrap} bootstrap resamples")
    t_score, report = _timed(lambda: score(gold=gold_docs, pred=pred_docs, bootstrap=args.bootstrap, seed=args.seed))
    budget = 30.0 * len(gold_docs) / 10_000
    print(f"  full score                 {t_score:8.3f} s   ({len(gold_docs) / t_score:,.0f} documents/s; "
          f"budget {budget:.1f} s)")
    for name, h in report["headline"].items():
        ci = h["ci95"]
        print(f"    {name:<36} {h['value']:.4f}  [{ci[0]:.4f}, {ci[1]:.4f}]" if ci else f"    {name:<36} -")
    ok &= t_score < budget
    print("\nall targets met" if ok else "\nTARGET MISSED", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
