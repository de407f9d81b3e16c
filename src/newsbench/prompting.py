"""The LLM prompt for a document and the text-only JSON answer form it asks for.

``build_prompt(doc)`` returns one self-contained prompt: the task, the label inventories read from the schema (so
the prompt follows the schema when it changes), the core annotation conventions, the answer form and the text.
The answer form is the prediction record of schema/annotation.schema.json with one change: a span is given by its
``text`` (copied from the document) and optionally a ``hint`` (a longer stretch around it, to say which occurrence
is meant) instead of offsets. ``newsbench score`` / ``newsbench align`` place such spans in the text
(newsbench.align). ``read_answer(raw, doc_id)`` turns a model's raw reply into such a record.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .model import Document
from .problems import NewsbenchError

ANSWER_EXAMPLE: dict[str, Any] = {
    "id": "DOC_ID",
    "mentions": [
        {"id": "m1", "text": "Ana Petrova", "label": "PERSON", "form": "NAM"},
        {"id": "m2", "text": "she", "hint": "she told reporters", "label": "PERSON", "form": "PRO"},
        {"id": "m3", "text": "Norland", "label": "GPE", "form": "NAM"},
        {"id": "m4", "text": "Monday", "label": "DATE", "form": "NAM"},
    ],
    "clusters": [{"id": "c1", "name": "Ana Petrova", "members": ["m1", "m2"], "wikidata": None}],
    "events": [
        {"id": "e1", "type": "ACCUSE", "trigger": {"text": "condemned"},
         "arguments": [{"role": "Actor", "mention": "m1"}, {"role": "Recipient", "mention": "m3"},
                       {"role": "Time", "mention": "m4"}],
         "polarity": "POSITIVE", "tense": "PAST", "genericity": "SPECIFIC", "modality": "ASSERTED", "mode": None},
    ],
    "event_clusters": [],
    "quotes": [
        {"id": "q1", "kind": "direct", "content": [{"text": "We will not accept this,"}],
         "cue": {"text": "told", "hint": "she told reporters"}, "speaker": "m2", "parent": None},
    ],
    "stances": [
        {"id": "s1", "holder": "c1", "target": {"kind": "topic", "ref": None, "topic": "the border deal"},
         "polarity": "AGAINST", "evidence": {"quotes": ["q1"], "spans": [{"text": "condemned"}]}},
    ],
}

CONVENTIONS = """\
Entities: annotate every named mention (NAM) of the 18 OntoNotes labels, dates and numbers included; nominal (NOM)
and pronoun (PRO) mentions only when they refer to a specific PERSON, ORG, GPE, NORP, FAC or LOC. No leading
determiner or possessive in a span ("the Secretary" -> "Secretary", "Kyiv's" -> "Kyiv"); titles are not part of a
person's name. A capital standing for its government is a GPE in the country's cluster. Nationality adjectives
("Chinese") are NORP. A cluster for every entity mentioned twice or more; its name is the fullest name in the text.
Events: the trigger is the single word (or minimal multiword) that names the event; plain "said" is not an event.
Arguments are mentions in the same sentence, with a role the event type allows. polarity NEGATIVE only when
negated; "will meet" is FUTURE with modality OTHER; conditional or hypothetical events have modality OTHER.
Quotes: direct = words inside quotation marks, content strictly between the marks; indirect = reported speech
without marks, content = the reported clause after "that" (final full stop excluded); mixed = a paraphrase with
a quoted fragment, content = one span from the start of the paraphrase to the end of the last fragment. A quote
interrupted by its cue is one quote with several content spans. cue = the speech verb or phrase without
auxiliaries ("said", "according to"); speaker = the id of the mention of the source (a pronoun mention if only a
pronoun is there; null if unattributed). Scare quotes are not quotes.
Stances: holder = a cluster id; target = a cluster id, an event id, or a short free-text topic; polarity FAVOR,
AGAINST or NEUTRAL; evidence = quote ids and/or spans (for a stance shown by an action, the action's trigger).
Only stances the text states or clearly implies."""


def answer_form() -> str:
    """The documented answer form: the rules and a complete example."""
    return ("Answer with ONE JSON object and nothing else, in this form (an example for another text):\n"
            + json.dumps(ANSWER_EXAMPLE, ensure_ascii=False, indent=1)
            + "\nEvery span is an object with \"text\" copied exactly from the document; add \"hint\" (a longer "
              "exact stretch of the document containing it) when the text occurs more than once. Ids are yours "
              "(m1, c1, e1, q1, s1 ...) and link items: cluster members, argument mentions, quote speakers and "
              "stance holders/targets refer to them. Use null, not an empty string, for absent values.")


def inventories() -> str:
    from .schema import descriptions, inventory

    inv = inventory()
    # one label per line: the schema's descriptions are sentences with their own full stops
    labels = "".join(f"\n- {k}: {v}" for k, v in descriptions("label").items())
    events = "\n".join(f"- {t}: {d} Roles: {', '.join(inv.roles_by_type[t])}."
                       + (f" Modes: {', '.join(inv.modes_by_type[t])}." if inv.modes_by_type[t] else "")
                       for t, d in descriptions("event_type").items())
    return (f"Entity labels:{labels}\nMention forms: {', '.join(inv.forms)}\n"
            f"Event types (with the argument roles each allows, and PLOVER modes):\n{events}\n"
            f"Event attributes: polarity {'/'.join(inv.polarity)}; tense {'/'.join(inv.tense)}; genericity "
            f"{'/'.join(inv.genericity)}; modality {'/'.join(inv.modality)}.\n"
            f"Quote kinds: {', '.join(inv.quote_kinds)}. Stance polarities: {', '.join(inv.stance_polarities)}. "
            f"Stance target kinds: {', '.join(inv.target_kinds)}.")


def build_prompt(doc: Document) -> str:
    """The full prompt for one document."""
    date = doc.metadata.date if doc.metadata is not None else "unknown"
    return (
        "You annotate a news article for an information-extraction benchmark, in four layers: entity mentions "
        "with coreference clusters, political events, quotations, and stances.\n\n"
        f"## Inventories\n{inventories()}\n\n## Conventions\n{CONVENTIONS}\n\n## Answer form\n{answer_form()}\n"
        f"Use \"id\": {json.dumps(doc.id)} for this document.\n\n"
        f"## Document {doc.id} (published {date}; tense is relative to this date)\n<<<\n{doc.text}\n>>>\n")


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


def read_answer(raw: str, doc_id: str) -> dict[str, Any]:
    """A model's raw reply -> a text-only prediction record (code fences and text around the JSON ignored).

    Missing layers become empty lists and ``id`` is set to ``doc_id``; nothing else is repaired: the aligner and
    the validator report what is wrong.
    """
    fenced = _FENCE.search(raw)
    body = fenced.group(1) if fenced else raw
    start, end = body.find("{"), body.rfind("}")
    if start < 0 or end <= start:
        raise NewsbenchError(f"document {doc_id}: the model's answer holds no JSON object "
                             f"(it starts {raw[:60]!r}); ask again for the answer form only")
    try:
        record = json.loads(body[start:end + 1])
    except json.JSONDecodeError as exc:
        raise NewsbenchError(f"document {doc_id}: the model's answer is not valid JSON ({exc.msg} at line "
                             f"{exc.lineno} column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise NewsbenchError(f"document {doc_id}: expected a JSON object, got {type(record).__name__}")
    record["id"] = doc_id
    for layer in ("mentions", "clusters", "events", "event_clusters", "quotes", "stances"):
        record.setdefault(layer, [])
    record["provenance"] = {"origin": "prediction", "annotator": None, "file": None, "task": None,
                            "annotation": None, "model": record.get("provenance", {}).get("model")
                            if isinstance(record.get("provenance"), dict) else None}
    return record
