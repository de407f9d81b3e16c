"""The rules baseline on hand-made news sentences (one quotation style or attribution pattern per case) and on the
real seed article: predictions are valid documents, and the quote rules find what the guidelines describe."""

from __future__ import annotations

import pytest

from newsbench.baselines import REGISTRY, Extractor, get_extractor, predict
from newsbench.baselines.rules import RulesExtractor
from newsbench.ingest import ingest
from newsbench.model import Document
from newsbench.problems import UsageError
from newsbench.validation import validate_document


def _doc(text: str) -> Document:
    return Document(id="t", text=text)


def _quotes(text: str) -> list[tuple[str, list[str], str | None, str | None]]:
    doc = RulesExtractor().extract(_doc(text))
    assert validate_document(doc) == []
    by_id = doc.mention_by_id()
    return [(q.kind, [s.text for s in q.content], q.cue.text if q.cue else None,
             by_id[q.speaker].span.text if q.speaker else None) for q in doc.quotes]


@pytest.mark.parametrize("text, expected", [
    # straight double, quote before the cue
    ('"We will not back down," Smith said.', ("direct", ["We will not back down,"], "said", "Smith")),
    # curly double, cue first with a colon
    ("The minister Ana Petrova said: “Our patience has limits.”",
     ("direct", ["Our patience has limits."], "said", "Ana Petrova")),
    # curly single quotes, pronoun speaker
    ("Jones arrived late. ‘We are ready,’ he told reporters.", ("direct", ["We are ready,"], "told", "he")),
    # straight single quotes
    ("'The talks were useful,' the Foreign Ministry said in a statement.",
     ("direct", ["The talks were useful,"], "said", "Foreign Ministry")),
    # guillemets with French spacing
    ("« We want peace », said Karl Dunn.", ("direct", ["We want peace"], "said", "Karl Dunn")),
    # mismatched pair: curly opening, straight closing
    ("Dunn said that “sanctions will follow soon,\" officials in Berlin confirmed.",
     None),
    # indirect with that
    ("Kuleba said that Kyiv would not give up any territory.",
     ("indirect", ["Kyiv would not give up any territory"], "said", "Kuleba")),
    # according to, both orders
    ("According to Reuters, the convoy crossed the border at dawn.",
     ("indirect", ["the convoy crossed the border at dawn"], "According to", "Reuters")),
    # a participle shares the subject of its sentence
    ("“Our door is open,” Dunn said, adding that the ministers would meet in June.",
     ("indirect", ["the ministers would meet in June"], "adding", "Dunn")),
    # an addressee between the cue and the reported clause
    ("Interior Minister Aurel Dravic told reporters the drivers had been detained overnight.",
     ("indirect", ["the drivers had been detained overnight"], "told", "Aurel Dravic")),
    # a topic, not a proposition (a noun-phrase object): no quote
    ("Karl Dunn noted the swift response of the alliance.", "none"),
    ("The convoy crossed the border at dawn, according to Reuters.",
     ("indirect", ["The convoy crossed the border at dawn"], "according to", "Reuters")),
])
def test_quote_patterns(text: str, expected: tuple | str | None) -> None:
    found = _quotes(text)
    if expected == "none":
        assert found == []
        return
    if expected is None:
        assert found, "a quote with mismatched marks was missed"
        assert any("sanctions will follow soon," in c for _, cs, _, _ in found for c in cs)
        return
    assert expected in found


@pytest.mark.parametrize("text, speaker", [
    # an apposition between the subject and the cue does not steal the attribution
    ('"The vote was fair," Maria Lopez, a spokeswoman for the Electoral Commission, said.', "Maria Lopez"),
    # a possessor names the office, the possessed person speaks
    ("The border will reopen on Friday, according to the ministry's spokesman Pell Arando.", "Pell Arando"),
    # a nominal with a nationality is the speaker, not the nationality alone
    ("“We will not sign,” the Norlandian negotiator said.", "Norlandian negotiator"),
])
def test_speaker_choice(text: str, speaker: str) -> None:
    found = _quotes(text)
    assert [q[3] for q in found] == [speaker]


def test_split_quote_is_one_quote_with_two_spans() -> None:
    found = _quotes("“This is a dark day,” Petrov said, “but it is not the end.”")
    assert found == [("direct", ["This is a dark day,", "but it is not the end."], "said", "Petrov")]


def test_quote_over_two_paragraphs_is_one_quote() -> None:
    text = ("Oleg Marr said: \"We have moved troops to the border because we must protect our people.\n\n"
            "\"Nobody should doubt our resolve.\"\n\nThe talks resume on Monday.")
    found = _quotes(text)
    assert len(found) == 1
    kind, contents, cue, speaker = found[0]
    assert contents == ["We have moved troops to the border because we must protect our people.",
                        "Nobody should doubt our resolve."]
    assert (cue, speaker) == ("said", "Oleg Marr")


def test_scare_quotes_and_apostrophes_are_not_quotes() -> None:
    assert _quotes("Russia recognised the so-called “independence” of the regions.") == []
    assert _quotes("The countries’ leaders met in Kyiv’s old town on Tuesday.") == []


def test_mixed_quote_runs_from_the_paraphrase() -> None:
    found = _quotes('Wang told Blinken that one nation\'s security "cannot be at the expense of another." '
                    "The talks ended.")
    assert ("mixed", ['one nation\'s security "cannot be at the expense of another.'], "told", "Wang") in found


def test_entities_values_and_pronouns() -> None:
    doc = RulesExtractor().extract(_doc(
        "French President Emmanuel Macron met German officials in Berlin on Tuesday. He pledged $2 billion, "
        "or 5 percent of the budget, for the first time."))
    got = {(m.span.text, m.label, m.form) for m in doc.mentions}
    assert {("Emmanuel Macron", "PERSON", "NAM"), ("French", "NORP", "NAM"), ("German", "NORP", "NAM"),
            ("Berlin", "GPE", "NAM"), ("Tuesday", "DATE", "NAM"), ("He", "PERSON", "PRO"),
            ("$2 billion", "MONEY", "NAM"), ("5 percent", "PERCENT", "NAM"), ("first", "ORDINAL", "NAM")} <= got
    by_id = doc.mention_by_id()
    macron = next(c for c in doc.clusters if c.name == "Emmanuel Macron")
    assert {by_id[m].span.text for m in macron.members} == {"Emmanuel Macron", "He"}


def test_events_attributes_and_stance_through_action() -> None:
    doc = RulesExtractor().extract(_doc(
        "Britain imposed sanctions on Russia on Monday. Russia did not attack Ukraine. "
        "Germany will meet Poland next week."))
    events = {(e.trigger.text, e.type, e.polarity, e.tense, e.modality) for e in doc.events}
    assert ("sanctions", "SANCTION", "POSITIVE", "PAST", "ASSERTED") in events
    assert ("attack", "ASSAULT", "NEGATIVE", "PAST", "ASSERTED") in events
    assert ("meet", "CONSULT", "POSITIVE", "FUTURE", "OTHER") in events
    clusters = {c.id: c.name for c in doc.clusters}
    assert [(clusters[s.holder], clusters[s.target.ref], s.polarity, [x.text for x in s.evidence.spans])
            for s in doc.stances] == [("United Kingdom", "Russia", "AGAINST", ["sanctions"])]


def test_seed_article_prediction_is_valid_and_finds_its_quotes(repo_root) -> None:
    docs, problems = ingest([repo_root / "seeds" / "blinken-wang-yi-2022-02-22.txt"])
    assert not problems
    (pred,) = list(predict(get_extractor("rules"), docs))
    assert validate_document(pred) == []
    assert pred.provenance.origin == "prediction" and pred.provenance.model == "rules"
    assert len(pred.quotes) >= 8
    contents = {s.text for q in pred.quotes for s in q.content}
    assert "de-escalation and diplomacy are the responsible way forward," in contents
    assert not any("independence" == s.text for q in pred.quotes for s in q.content)


def test_registry_and_unknown_name() -> None:
    assert isinstance(get_extractor("rules"), Extractor)
    assert {"rules", "trained", "spacy-pretrained"} <= set(REGISTRY)
    with pytest.raises(UsageError, match="unknown baseline 'nope'"):
        get_extractor("nope")
