"""The spaCy pipeline: `spacy.blank("zh")` with our tokenizer and citation component, by name.

    nlp = make_pipeline(known_names)
    doc = nlp("依照《食品安全法》第一百二十二条第一款")
    doc._.citations      # list[Reference], offsets into doc.text
    doc.spans["citations"]

The tokenizer cuts the text at the edges of citation atoms only, so every citation is a
token-aligned span and long texts stay cheap (no per-character tokens). Context for relative forms
(本条, 前款) comes from doc.user_data["context_article"] / ["context_paragraph"].
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from lawgraph.domain.citations import atoms_of, extract, scanner_for

TOKENIZER = "lawgraph.citation_tokenizer.v1"
COMPONENT = "lawgraph_citations"

if not Doc.has_extension("citations"):
    Doc.set_extension("citations", default=None)


class CitationTokenizer:
    """Cuts text at the edges of citation atoms (the text between two atoms is one token)."""

    def __init__(self, vocab: Vocab, known: frozenset[str] = frozenset()) -> None:
        self.vocab = vocab
        self.known = known

    def __call__(self, text: str) -> Doc:
        cuts = {0, len(text)}
        matches = list(scanner_for(text, self.known).finditer(text))
        for match in matches:
            cuts.add(match.start())
            cuts.add(match.end())
        points = sorted(cuts)
        words = [text[a:b] for a, b in itertools.pairwise(points) if b > a]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data["lawgraph_atoms"] = (self.known, atoms_of(matches))  # reused by the component
        return doc


@registry.tokenizers(TOKENIZER)
def create_tokenizer() -> Callable[[Language], CitationTokenizer]:
    """Registered tokenizer factory."""

    def make(nlp: Language) -> CitationTokenizer:
        return CitationTokenizer(nlp.vocab)

    return make


class CitationComponent:
    """Finds citations; sets doc._.citations and doc.spans["citations"]."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self.known = frozenset(known)

    def __call__(self, doc: Doc) -> Doc:
        cached = doc.user_data.pop("lawgraph_atoms", None)
        atoms = cached[1] if cached is not None and cached[0] == self.known else None
        refs = extract(doc.text, known=self.known, context_article=doc.user_data.get("context_article"),
                       context_paragraph=doc.user_data.get("context_paragraph"), atoms=atoms)
        doc._.citations = refs
        spans = []
        for ref in refs:
            span = doc.char_span(ref.start, ref.end, label="CITATION", alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans["citations"] = spans
        return doc


@Language.factory(COMPONENT, default_config={"known": []})
def create_component(nlp: Language, name: str, known: list[str]) -> CitationComponent:
    """Registered component factory (known: bare law names accepted without 《》)."""
    return CitationComponent(known)


def make_pipeline(known: Iterable[str] = ()) -> Language:
    """Return the blank-zh pipeline with our tokenizer and citation component."""
    names = sorted(set(known))
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, CitationTokenizer):
        tokenizer.known = frozenset(names)
    nlp.add_pipe(COMPONENT, config={"known": names})
    return nlp
