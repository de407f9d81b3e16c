"""spaCy export: a ``DocBin`` file of ``Doc`` objects over the full document text (blank English tokenizer).

``doc.ents`` holds the named (NAM) mentions that do not overlap (outermost kept, like the ner config); span
groups hold what may overlap: ``mentions`` (every mention, label = OntoNotes label), ``quotes`` (content spans,
label = quote kind), ``cues``, ``triggers`` (label = event type) and ``evidence``. ``doc.user_data["id"]`` is the
document id. A span not on token boundaries cannot be a spaCy span: it is reported and left out.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..model import Document, Span
from ..problems import Problem, pointer


def to_spacy(doc: Document, nlp: Any, problems: list[Problem]) -> Any:
    """The spaCy ``Doc`` of a document."""
    sdoc = nlp.make_doc(doc.text)
    sdoc.user_data["id"] = doc.id

    def span(s: Span, label: str, at: str) -> Any:
        out = sdoc.char_span(s.start, s.end, label=label, alignment_mode="strict")
        if out is None:
            problems.append(Problem(doc.id, at, "spacy-not-on-token-boundary",
                                    f"{s.text!r} ({s.start}-{s.end}) does not fall on spaCy token boundaries; left "
                                    f"out of the DocBin", severity="warning"))
        return out

    mentions = [(i, m, span(m.span, m.label, pointer("mentions", i))) for i, m in enumerate(doc.mentions)]
    sdoc.spans["mentions"] = [s for _, _, s in mentions if s is not None]
    ents, last_end = [], -1
    for _, m, s in sorted(((i, m, s) for i, m, s in mentions if s is not None and m.form == "NAM"),
                          key=lambda x: (x[2].start, -x[2].end)):
        if s.start >= last_end:
            ents.append(s)
            last_end = s.end
    sdoc.ents = ents
    sdoc.spans["quotes"] = [x for i, q in enumerate(doc.quotes) for j, c in enumerate(q.content)
                            if (x := span(c, q.kind, pointer("quotes", i, "content", j))) is not None]
    sdoc.spans["cues"] = [x for i, q in enumerate(doc.quotes) if q.cue is not None
                          if (x := span(q.cue, "CUE", pointer("quotes", i, "cue"))) is not None]
    sdoc.spans["triggers"] = [x for i, e in enumerate(doc.events)
                              if (x := span(e.trigger, e.type, pointer("events", i, "trigger"))) is not None]
    sdoc.spans["evidence"] = [x for i, s in enumerate(doc.stances) for j, ev in enumerate(s.evidence.spans)
                              if (x := span(ev, s.polarity, pointer("stances", i, "evidence", "spans", j)))
                              is not None]
    return sdoc


def write(docs: Sequence[Document], output: str) -> tuple[dict[str, int], list[Problem]]:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    problems: list[Problem] = []
    store = DocBin(store_user_data=True)
    ents = 0
    for doc in docs:
        sdoc = to_spacy(doc, nlp, problems)
        ents += len(sdoc.ents)
        store.add(sdoc)
    store.to_disk(output)
    return {"documents": len(docs), "ents": ents}, problems
