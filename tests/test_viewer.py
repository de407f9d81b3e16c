"""The document page: content, escaping, the diff marks, and a real headless browser loading it cleanly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsbench.ingest import ingest
from newsbench.model import Cluster, Event, Argument, Mention, Quote, Stance, Target, Evidence
from newsbench.viewer import diff_status, render
from newsbench.validation import validate_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "blinken-wang-yi-2022-02-22.txt"


def _seed_gold():
    (doc,), problems = ingest([SEED])
    assert problems == []
    t = doc.text

    def sp(phrase, nth=1):
        i = -1
        for _ in range(nth):
            i = t.index(phrase, i + 1)
        return doc.span(i, i + len(phrase))

    mentions = (Mention("m1", sp("Antony Blinken"), "PERSON", "NAM"), Mention("m2", sp("Wang Yi"), "PERSON", "NAM"),
                Mention("m3", sp("Blinken", 2), "PERSON", "NAM"),
                Mention("m4", sp("US State Department"), "ORG", "NAM"), Mention("m5", sp("US", 1), "GPE", "NAM"))
    quote_text = "The Secretary underscored the need to preserve Ukraine\u2019s sovereignty and territorial integrity,"
    doc = doc.replace(
        mentions=mentions,
        clusters=(Cluster("c1", "Antony Blinken", ("m1", "m3")), Cluster("c2", "US State Department", ("m4",))),
        events=(Event("e1", "CONSULT", sp("called"), (Argument("Actor", "m1"), Argument("Recipient", "m2")),
                      tense="PAST", mode="phone"),),
        quotes=(Quote("q1", "direct", (sp(quote_text),), sp("informed"), "m4"),),
        stances=(Stance("s1", "c2", Target("topic", topic="Ukraine's sovereignty"), "FAVOR", Evidence(("q1",))),),
    )
    assert validate_document(doc) == []
    return doc


def test_page_shows_every_layer():
    gold = _seed_gold()
    page = render(gold)
    assert page.count('class="m lab-PERSON"') == 3
    assert 'data-c="g-c1"' in page and 'id="g-mention-m1"' in page
    assert 'title="CONSULT: Actor=Antony Blinken, Recipient=Wang Yi [POSITIVE PAST SPECIFIC ASSERTED mode=phone]"' in page
    assert 'href="#g-mention-m4"' in page  # the quote links to its speaker
    assert "Ukraine&#x27;s sovereignty" in page  # stance target in the table, escaped
    # the page reproduces the article text exactly once the markup is stripped
    article = re.search(r"<div class='article' id='gold'>(.*?)</div>", page, re.S).group(1)
    stripped = re.sub(r"<a class=\"spk\".*?</a>", "", article)
    import html as h
    assert h.unescape(re.sub(r"<[^>]+>", "", stripped)) == gold.text


def test_markup_in_text_is_escaped():
    gold = _seed_gold()
    evil = gold.replace(text=gold.text, metadata=gold.metadata.__class__(**{**gold.metadata.__dict__,
                                                                              "title": "<script>alert(1)</script>"}))
    page = render(evil)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_diff_marks_found_missed_spurious():
    gold = _seed_gold()
    wrong_label = Mention("x9", gold.mentions[1].span, "ORG", "NAM")  # Wang Yi as ORG: spurious + missed
    pred = gold.replace(mentions=(gold.mentions[0], wrong_label), clusters=(), quotes=(), stances=(), events=())
    g, p = diff_status(gold, pred)
    assert g["mentions"] == {"m1": "found", "m2": "missed", "m3": "missed", "m4": "missed", "m5": "missed"}
    assert p["mentions"] == {"m1": "found", "x9": "spurious"}
    assert g["events"] == {"e1": "missed"} and g["quotes"] == {"q1": "missed"}
    page = render(gold, pred)
    assert "<tr><td>mentions</td><td>1</td><td>4</td><td>1</td></tr>" in page


def test_diff_is_one_to_one():
    gold = _seed_gold()
    dup = Mention("d1", gold.mentions[0].span, "PERSON", "NAM")
    pred = gold.replace(mentions=(gold.mentions[0], dup))
    _, p = diff_status(gold, pred)
    assert sorted(p["mentions"].values()) == ["found", "spurious"]


def test_prediction_with_other_text_is_refused():
    from newsbench.problems import NewsbenchError

    gold = _seed_gold()
    with pytest.raises(NewsbenchError, match="different text"):
        render(gold, gold.replace(text=gold.text + " "))


@pytest.mark.browser
def test_page_loads_in_headless_chromium(browser, tmp_path):
    gold = _seed_gold()
    pred = gold.replace(mentions=gold.mentions[:2], clusters=())
    path = tmp_path / "page.html"
    path.write_text(render(gold, pred), encoding="utf-8")
    loaded = browser.open(path)
    assert loaded.console_errors == []
    assert loaded.network_requests == []
    page = loaded.page
    assert page.locator("#gold .lab-PERSON").count() >= 3
    assert page.locator("table.events tr").count() == 4  # gold table and prediction table: a header and one event each
    # hovering a mention lights up every member of its cluster
    page.locator("#g-mention-m1").hover()
    assert page.locator("#gold .hl").count() == 2
    shot = loaded.screenshot("viewer-seed")
    assert shot.stat().st_size > 10_000
