"""Signals contexts over the signals corpora (bench/signals_corpus.py), built once per test process.

The corpora are the record factory's records, checked by their models and held in memory (the
YAML round trip and `peixun validate` are the corpus's own tests), settled by the settlement's
arithmetic, as a signals run sees them.
"""

from __future__ import annotations

import copy
import functools

from bench.signals_corpus import SHAPES, Corpus, ordinary
from bench.signals_fp import context, measures, ranks
from bench.signals_plant import planted
from generator.records.record_set import Record
from generator.signals import REGISTRY, SignalContext, compute
from generator.signals.registry import Measure
from generator.signals.settings import defaults

__all__ = ["edited", "flagged", "measures", "ordinary_context", "planted_context", "ranks"]


@functools.cache
def planted_context(name: str = "tiny") -> tuple[Corpus, SignalContext]:
    corpus = planted(SHAPES[name])
    return corpus, context(corpus)


@functools.cache
def ordinary_context(name: str = "tiny") -> tuple[Corpus, SignalContext]:
    corpus = ordinary(SHAPES[name])
    return corpus, context(corpus)


def edited(ctx: SignalContext, class_id: str, **update: object) -> SignalContext:
    """The same records with one class changed (fields by name, e.g. trainees=[...]); the
    settlement is kept, so use it only for indicators that read the classes themselves."""
    rs = copy.copy(ctx.records)
    rs.classes = dict(rs.classes)
    rec = rs.classes[class_id]
    rs.classes[class_id] = Record(rec.kind, rec.path, rec.model.model_copy(update=update))
    rs.index()
    return SignalContext.of(rs, ctx.settlement, ctx.as_of)


def flagged(ctx: SignalContext, code: str) -> dict[str, Measure]:
    """The subjects that the report flags for one indicator (the others disabled), with its defaults."""
    only = {c: s if c == code else s.model_copy(update={"enabled": False}) for c, s in defaults().items()}
    report = compute(ctx, only)
    return {s.subject: Measure(s.subject, r.value, r.reason) for s in report.groups[REGISTRY[code].group]
            for c, r in s.results.items() if c == code}
