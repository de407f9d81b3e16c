"""Seeded bootstrap confidence intervals over documents for the headline numbers.

Each headline number is a function of a few corpus tallies; a tally is the sum of per-document rows
(p_num, p_den, r_num, r_den). A resample draws documents with replacement (as multiplicities, so one matrix
product gives every resample's sums) and recomputes the number; the interval is the 2.5th and 97.5th percentile
of the resamples where the number is defined. Same seed, same documents: same interval.
"""

from __future__ import annotations

from typing import Any, Callable

Combine = Callable[[list[Any]], Any]  # list of (B, 4) arrays -> (B,) values, NaN where undefined


def f1_rows(a: Any) -> Any:
    """Vectorised F1 of tally rows (..., 4), with the same undefined rules as Tally.f1 (NaN for None)."""
    import numpy as np

    p_num, p_den, r_num, r_den = a[..., 0], a[..., 1], a[..., 2], a[..., 3]
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(p_den > 0, p_num / np.where(p_den > 0, p_den, 1), np.nan)
        r = np.where(r_den > 0, r_num / np.where(r_den > 0, r_den, 1), np.nan)
        f = np.where((p + r) > 0, 2 * p * r / np.where((p + r) > 0, p + r, 1), 0.0)
    f = np.where(np.isnan(p) | np.isnan(r), 0.0, f)
    return np.where((p_den == 0) & (r_den == 0), np.nan, f)


def mean_rows(values: list[Any], all_required: bool = False) -> Any:
    """Mean of several value vectors ignoring NaN (or NaN when any is NaN and ``all_required``)."""
    import numpy as np

    stacked = np.vstack(values)
    if all_required:
        return stacked.mean(axis=0)
    defined = ~np.isnan(stacked)
    counts = defined.sum(axis=0)
    sums = np.where(defined, stacked, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def intervals(rows: list[Any], combines: list[Combine], n_resamples: int, seed: int) -> list[list[float] | None]:
    """95% intervals of several numbers over the same document resamples.

    ``rows[k]`` has shape (documents, tallies, 4) and ``combines[k]`` turns its resampled sums into values.
    """
    import numpy as np

    if not rows:
        return []
    n_docs = rows[0].shape[0]
    if n_docs == 0 or n_resamples <= 0:
        return [None] * len(rows)
    rng = np.random.default_rng(seed)
    widths = [r.shape[1] for r in rows]
    flat = np.concatenate([r.reshape(n_docs, -1) for r in rows], axis=1)
    values: list[list[Any]] = [[] for _ in rows]
    chunk = max(1, min(n_resamples, 2_000_000 // n_docs))
    done = 0
    while done < n_resamples:
        b = min(chunk, n_resamples - done)
        picks = rng.integers(0, n_docs, size=(b, n_docs))
        picks += (np.arange(b) * n_docs)[:, None]
        weights = np.bincount(picks.ravel(), minlength=b * n_docs).reshape(b, n_docs).astype(float)
        sums = weights @ flat
        at = 0
        for k, width in enumerate(widths):
            part = sums[:, at:at + 4 * width].reshape(b, width, 4)
            values[k].append(combines[k]([part[:, t, :] for t in range(width)]))
            at += 4 * width
        done += b
    out: list[list[float] | None] = []
    for vals in values:
        v = np.concatenate(vals)
        v = v[~np.isnan(v)]
        if v.size == 0:
            out.append(None)
        else:
            lo, hi = np.percentile(v, [2.5, 97.5])
            out.append([float(lo), float(hi)])
    return out


def interval(rows: Any, combine: Combine, n_resamples: int, seed: int) -> list[float] | None:
    """95% interval of ``combine`` over document resamples of ``rows`` (shape: documents x tallies x 4)."""
    return intervals([rows], [combine], n_resamples, seed)[0]
