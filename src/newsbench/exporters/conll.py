"""CoNLL-2003 style NER export: ``-DOCSTART-`` per document, one ``token -X- _ TAG`` line per token, a blank line
after each sentence. Tokens and BIO tags are exactly those of the ``ner`` config (``newsbench.hf.ner_rows``), so
nested and off-boundary mentions are handled (and reported) the same way.
"""

from __future__ import annotations

import re
import sys
from typing import Iterable, Iterator, Sequence

from ..model import Document
from ..problems import Problem

_SPACE = re.compile(r"\s")


def lines(docs: Iterable[Document], problems: list[Problem], counts: dict[str, int]) -> Iterator[str]:
    """The CoNLL lines (with their newlines) of the documents."""
    from ..hf import ner_rows, ner_tags, tokenizer

    names = ner_tags()
    nlp = tokenizer()
    for doc in docs:
        rows, found, stats = ner_rows(doc, nlp)
        problems.extend(found)
        counts["documents"] = counts.get("documents", 0) + 1
        counts["sentences"] = counts.get("sentences", 0) + stats["sentences"]
        counts["mentions"] = counts.get("mentions", 0) + stats["tagged"]
        counts["nested_dropped"] = counts.get("nested_dropped", 0) + stats["nested_dropped"]
        yield "-DOCSTART- -X- -X- O\n\n"
        for row in rows:
            for token, tag in zip(row["tokens"], row["ner_tags"]):
                # a column format cannot hold whitespace inside a token (a no-break space, say)
                yield f"{_SPACE.sub('_', token)} -X- _ {names[tag]}\n"
            yield "\n"


def write(docs: Sequence[Document], output: str) -> tuple[dict[str, int], list[Problem]]:
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    if output == "-":
        for line in lines(docs, problems, counts):
            sys.stdout.write(line)
    else:
        with open(output, "w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(lines(docs, problems, counts))
    return counts, problems
