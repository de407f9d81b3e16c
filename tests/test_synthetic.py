"""newsbench.synthetic: deterministic, valid documents of the advertised size for the benchmarks."""

from __future__ import annotations

import statistics

from newsbench import synthetic
from newsbench.records import dumps
from newsbench.validation import validate_document


def test_same_seed_same_documents_other_seed_other_documents() -> None:
    a = synthetic.documents(20, seed=3)
    assert [dumps(d) for d in a] == [dumps(d) for d in synthetic.documents(20, seed=3)]
    assert [d.text for d in a] != [d.text for d in synthetic.documents(20, seed=4)]
    assert len({d.id for d in a}) == 20


def test_documents_are_valid_and_have_the_advertised_shape() -> None:
    docs = synthetic.documents(200, seed=1)
    for doc in docs:
        assert validate_document(doc) == []
        assert (len(doc.events), len(doc.quotes), len(doc.stances)) == (5, 3, 2)
        assert doc.event_clusters and doc.clusters
        assert any(len(q.content) == 2 for q in doc.quotes) and any(q.parent for q in doc.quotes)
        assert {m.form for m in doc.mentions} == {"NAM", "NOM", "PRO"}
        assert doc.passages[0].type == "title" and all(p.type == "paragraph" for p in doc.passages[1:])
    assert 2500 <= statistics.mean(len(d.text.encode("utf-8")) for d in docs) <= 3500
    assert 35 <= statistics.mean(len(d.mentions) for d in docs) <= 50


def test_spans_never_start_or_end_on_white_space() -> None:
    for doc in synthetic.documents(50, seed=2):
        spans = [m.span for m in doc.mentions] + [e.trigger for e in doc.events] + [p.span for p in doc.passages]
        spans += [s for q in doc.quotes for s in q.content]
        for span in spans:
            assert span.text == span.text.strip()


def test_the_module_docstring_example_runs() -> None:
    import doctest

    result = doctest.testmod(synthetic)
    assert result.attempted >= 2 and result.failed == 0
