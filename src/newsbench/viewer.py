"""One self-contained HTML page per document: the article with every layer drawn on it, and the
gold-vs-prediction view.

Mentions are coloured by label (hovering one lights up its whole coreference cluster), triggers are underlined
with their type and arguments in a tooltip, quotes are shaded with a link to their speaker, stance evidence is
marked, and tables list each layer. With predictions, every item is marked found, missed or spurious, using the
scorer's strict keys. No network, no external files; every piece of text is HTML-escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable

from .model import Document, Span

LABEL_COLOURS = {
    "PERSON": "#ffd6a5", "NORP": "#fdffb6", "FAC": "#caffbf", "ORG": "#9bf6ff", "GPE": "#a0c4ff",
    "LOC": "#bdb2ff", "PRODUCT": "#ffc6ff", "EVENT": "#ffadad", "WORK_OF_ART": "#e4c1f9", "LAW": "#d0f4de",
    "LANGUAGE": "#fcf6bd", "DATE": "#e9ecef", "TIME": "#dee2e6", "PERCENT": "#f1c0e8", "MONEY": "#cfbaf0",
    "QUANTITY": "#a3c4f3", "ORDINAL": "#90dbf4", "CARDINAL": "#8eecf5",
}
STATUSES = ("found", "missed", "spurious")

_CSS = """
body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.7}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ccc}
.meta{color:#666;font-size:.9rem}.article{white-space:pre-wrap;font-size:1.05rem}
.m{border-radius:3px;padding:0 1px}.m.hl{outline:2px solid #d00}
.t{border-bottom:3px solid #444}.qc{background-image:linear-gradient(#eef5ff,#eef5ff)}
.cue{font-weight:bold}.ev{text-decoration:underline wavy #2a9d8f}
.st-missed{outline:2px dashed #c1121f}.st-spurious{outline:2px dotted #f77f00}.st-found{box-shadow:0 2px 0 #2b9348}
.spk{font-size:.75rem;text-decoration:none;color:#1d3557;margin-left:2px}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
.legend span{display:inline-block;margin:2px;padding:0 4px;border-radius:3px;font-size:.8rem}
.counts td{text-align:right}
"""

_JS = """
document.addEventListener('DOMContentLoaded', function () {
  var all = document.querySelectorAll('[data-c]');
  function mark(cid, on) {
    document.querySelectorAll('[data-c~="' + cid + '"]').forEach(function (el) {
      el.classList.toggle('hl', on);
    });
  }
  all.forEach(function (el) {
    var cid = el.getAttribute('data-c').split(' ')[0];
    if (!cid) { return; }
    el.addEventListener('mouseenter', function () { mark(cid, true); });
    el.addEventListener('mouseleave', function () { mark(cid, false); });
  });
});
"""


@dataclass
class _Mark:
    span: Span
    classes: list[str]
    title: str = ""
    cluster: str = ""
    anchor: str = ""
    order: int = 0


@dataclass
class _Page:
    marks: list[_Mark] = field(default_factory=list)
    inserts: dict[int, list[str]] = field(default_factory=dict)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _mention_key(doc: Document, mid: str) -> tuple[int, int, str] | None:
    m = doc.mention_by_id().get(mid)
    return (m.span.start, m.span.end, m.label) if m else None


def _item_keys(doc: Document) -> dict[str, dict[str, tuple]]:
    """Strict content keys per layer and item id: what the diff view calls the same item."""
    clusters = {c.id: c for c in doc.clusters}
    mentions = doc.mention_by_id()

    def cluster_key(cid: str | None) -> tuple:
        c = clusters.get(cid or "")
        return tuple(sorted((mentions[m].span.start, mentions[m].span.end) for m in c.members if m in mentions)) \
            if c else ()

    def target_key(t) -> tuple:  # type: ignore[no-untyped-def]
        if t.kind == "cluster":
            return ("cluster", cluster_key(t.ref))
        if t.kind == "event":
            ev = next((e for e in doc.events if e.id == t.ref), None)
            return ("event", (ev.trigger.start, ev.trigger.end) if ev else ())
        return ("topic", (t.topic or "").casefold().strip())

    return {
        "mentions": {m.id: (m.span.start, m.span.end, m.label) for m in doc.mentions},
        "events": {e.id: (e.trigger.start, e.trigger.end, e.type) for e in doc.events},
        "quotes": {q.id: tuple((s.start, s.end) for s in q.content) for q in doc.quotes},
        "stances": {s.id: (cluster_key(s.holder), target_key(s.target), s.polarity) for s in doc.stances},
    }


def diff_status(gold: Document, pred: Document) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """Per layer: gold item id -> found|missed, pred item id -> found|spurious (one-to-one on strict keys)."""
    gk, pk = _item_keys(gold), _item_keys(pred)
    gold_status: dict[str, dict[str, str]] = {}
    pred_status: dict[str, dict[str, str]] = {}
    for layer in gk:
        unmatched: dict[tuple, list[str]] = {}
        for gid, key in gk[layer].items():
            unmatched.setdefault(key, []).append(gid)
        gold_status[layer] = {gid: "missed" for gid in gk[layer]}
        pred_status[layer] = {}
        for pid, key in pk[layer].items():
            if unmatched.get(key):
                gold_status[layer][unmatched[key].pop(0)] = "found"
                pred_status[layer][pid] = "found"
            else:
                pred_status[layer][pid] = "spurious"
    return gold_status, pred_status


def _collect(doc: Document, page: _Page, prefix: str, status: dict[str, dict[str, str]] | None,
             include: Iterable[str] = ("mentions", "events", "quotes", "stances")) -> None:
    include = set(include)
    owner = {m: c.id for c in doc.clusters for m in c.members}
    mentions = doc.mention_by_id()
    names = {c.id: c.name for c in doc.clusters}

    def st(layer: str, ident: str) -> list[str]:
        return [f"st-{status[layer][ident]}"] if status and ident in status.get(layer, {}) else []

    if "mentions" in include:
        for m in doc.mentions:
            cid = owner.get(m.id, "")
            page.marks.append(_Mark(m.span, ["m", f"lab-{m.label}"] + st("mentions", m.id),
                                    f"{m.label} ({m.form}){' · ' + names[cid] if cid else ''}",
                                    f"{prefix}{cid}" if cid else "", f"{prefix}mention-{m.id}", 2))
    if "events" in include:
        for e in doc.events:
            args = ", ".join(f"{a.role}={mentions[a.mention].span.text}" for a in e.arguments if a.mention in mentions)
            attrs = f"{e.polarity} {e.tense} {e.genericity} {e.modality}" + (f" mode={e.mode}" if e.mode else "")
            page.marks.append(_Mark(e.trigger, ["t", f"type-{e.type}"] + st("events", e.id),
                                    f"{e.type}: {args} [{attrs}]", order=3))
    if "quotes" in include:
        for q in doc.quotes:
            for s in q.content:
                page.marks.append(_Mark(s, ["qc"] + st("quotes", q.id), f"quote {q.id} ({q.kind})", order=1))
            if q.cue:
                page.marks.append(_Mark(q.cue, ["cue"], f"cue of quote {q.id}", order=3))
            if q.speaker and q.speaker in mentions:
                end = q.content[-1].end
                sp = mentions[q.speaker]
                page.inserts.setdefault(end, []).append(
                    f'<a class="spk" href="#{_e(prefix)}mention-{_e(sp.id)}" title="speaker: {_e(sp.span.text)}">'
                    f'&#8594;{_e(sp.span.text)}</a>')
    if "stances" in include:
        for stance in doc.stances:
            for span in stance.evidence.spans:
                page.marks.append(_Mark(span, ["ev"] + st("stances", stance.id), f"evidence of stance {stance.id}",
                                        order=1))


def _render_text(text: str, page: _Page) -> str:
    bounds = sorted({0, len(text), *page.inserts, *(b for m in page.marks for b in (m.span.start, m.span.end))})
    out: list[str] = []
    starts: dict[int, list[_Mark]] = {}
    for mk in page.marks:
        starts.setdefault(mk.span.start, []).append(mk)
    active: list[_Mark] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [mk for mk in active if mk.span.end > a] + starts.get(a, [])
        for ins in page.inserts.get(a, []) if a else []:
            out.append(ins)
        chunk = _e(text[a:b])
        # innermost first so the narrowest mention gives the colour and the cluster for hovering
        for mk in sorted(active, key=lambda x: (-(x.span.end - x.span.start), x.order)):
            attrs = f' class="{" ".join(mk.classes)}"'
            if mk.title:
                attrs += f' title="{_e(mk.title)}"'
            if mk.cluster:
                attrs += f' data-c="{_e(mk.cluster)}"'
            if mk.anchor and mk.span.start == a:
                attrs += f' id="{_e(mk.anchor)}"'
            chunk = f"<span{attrs}>{chunk}</span>"
        out.append(chunk)
    for ins in page.inserts.get(len(text), []):
        out.append(ins)
    return "".join(out)


def _tables(doc: Document, status: dict[str, dict[str, str]] | None, caption: str) -> str:
    mentions = doc.mention_by_id()
    names = {c.id: c.name for c in doc.clusters}
    events = {e.id: e for e in doc.events}

    def st(layer: str, ident: str) -> str:
        return f'<td class="st-{status[layer][ident]}">{status[layer][ident]}</td>' \
            if status and ident in status.get(layer, {}) else ""

    head_st = "<th>status</th>" if status else ""
    parts = [f"<h2>{_e(caption)}: entities</h2><table class='clusters'><tr><th>cluster</th><th>mentions</th></tr>"]
    for c in doc.clusters:
        texts = "; ".join(mentions[m].span.text for m in c.members if m in mentions)
        wd = f" ({_e(c.wikidata)})" if c.wikidata else ""
        parts.append(f"<tr><td>{_e(c.name)}{wd}</td><td>{_e(texts)}</td></tr>")
    parts.append(f"</table><h2>{_e(caption)}: events</h2><table class='events'><tr><th>type</th><th>trigger</th>"
                 f"<th>arguments</th><th>attributes</th>{head_st}</tr>")
    for e in doc.events:
        args = "; ".join(f"{a.role}: {mentions[a.mention].span.text}" for a in e.arguments if a.mention in mentions)
        attrs = f"{e.polarity}, {e.tense}, {e.genericity}, {e.modality}" + (f", {e.mode}" if e.mode else "")
        parts.append(f"<tr><td>{_e(e.type)}</td><td>{_e(e.trigger.text)}</td><td>{_e(args)}</td>"
                     f"<td>{_e(attrs)}</td>{st('events', e.id)}</tr>")
    parts.append(f"</table><h2>{_e(caption)}: quotes</h2><table class='quotes'><tr><th>kind</th><th>content</th>"
                 f"<th>cue</th><th>speaker</th>{head_st}</tr>")
    for q in doc.quotes:
        speaker = mentions[q.speaker].span.text if q.speaker in mentions else "(unattributed)"
        parts.append(f"<tr><td>{_e(q.kind)}</td><td>{_e(' … '.join(s.text for s in q.content))}</td>"
                     f"<td>{_e(q.cue.text if q.cue else '')}</td><td>{_e(speaker)}</td>{st('quotes', q.id)}</tr>")
    parts.append(f"</table><h2>{_e(caption)}: stances</h2><table class='stances'><tr><th>holder</th><th></th>"
                 f"<th>target</th><th>polarity</th><th>evidence</th>{head_st}</tr>")
    for s in doc.stances:
        if s.target.kind == "topic":
            target = s.target.topic or ""
        elif s.target.kind == "event":
            ev = events.get(s.target.ref or "")
            target = f"{ev.type}: {ev.trigger.text}" if ev else str(s.target.ref)
        else:
            target = names.get(s.target.ref or "", str(s.target.ref))
        evidence = "; ".join([f"quote {q}" for q in s.evidence.quotes] + [x.text for x in s.evidence.spans])
        parts.append(f"<tr><td>{_e(names.get(s.holder, s.holder))}</td><td>&#8594;</td><td>{_e(target)}</td>"
                     f"<td>{_e(s.polarity)}</td><td>{_e(evidence)}</td>{st('stances', s.id)}</tr>")
    parts.append("</table>")
    return "".join(parts)


def _counts(gold_status: dict[str, dict[str, str]], pred_status: dict[str, dict[str, str]]) -> str:
    rows = ["<table class='counts'><tr><th>layer</th><th>found</th><th>missed</th><th>spurious</th></tr>"]
    for layer in gold_status:
        found = sum(v == "found" for v in gold_status[layer].values())
        missed = sum(v == "missed" for v in gold_status[layer].values())
        spurious = sum(v == "spurious" for v in pred_status[layer].values())
        rows.append(f"<tr><td>{layer}</td><td>{found}</td><td>{missed}</td><td>{spurious}</td></tr>")
    return "".join(rows) + "</table>"


def render(gold: Document, pred: Document | None = None) -> str:
    """The HTML page of ``gold`` (and the gold-vs-prediction view when ``pred`` is given)."""
    if pred is not None and pred.text != gold.text:
        from .problems import NewsbenchError

        raise NewsbenchError(f"prediction for {gold.id!r} has a different text than the gold document; "
                             f"predictions must keep the document text unchanged")
    gold_status = pred_status = None
    if pred is not None:
        gold_status, pred_status = diff_status(gold, pred)
    md = gold.metadata
    title = md.title if md and md.title else gold.id
    legend = "".join(f'<span style="background:{c}">{lab}</span>' for lab, c in LABEL_COLOURS.items())
    label_css = "".join(f".lab-{lab}{{background:{c}}}" for lab, c in LABEL_COLOURS.items())
    page = _Page()
    _collect(gold, page, "g-", gold_status)
    body = [f"<h1>{_e(title)}</h1>"]
    if md:
        body.append(f"<p class='meta'>{_e(gold.id)} · {_e(md.date)} · {_e(md.source)} · subset {_e(md.subset)}"
                    f"{' · ' + _e(', '.join(md.phenomena)) if md.phenomena else ''}</p>")
    body.append(f"<div class='legend'>{legend}</div>")
    if pred is not None and gold_status is not None and pred_status is not None:
        body.append("<h2>gold vs prediction</h2>" + _counts(gold_status, pred_status))
        body.append("<p class='meta'>marks: <span class='st-found'>found</span> · <span class='st-missed'>missed"
                    "</span> · <span class='st-spurious'>spurious</span> (strict: same offsets and label)</p>")
    body.append(f"<h2>gold</h2><div class='article' id='gold'>{_render_text(gold.text, page)}</div>")
    if pred is not None:
        ppage = _Page()
        _collect(pred, ppage, "p-", pred_status)
        body.append(f"<h2>prediction</h2><div class='article' id='pred'>{_render_text(pred.text, ppage)}</div>")
    body.append(_tables(gold, gold_status, "gold"))
    if pred is not None:
        body.append(_tables(pred, pred_status, "prediction"))
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{_e(title)}</title><style>{_CSS}{label_css}</style><script>{_JS}</script></head>"
            f"<body>{''.join(body)}</body></html>\n")
