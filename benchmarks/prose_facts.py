"""Measure the prose-figure extractor on the bundled sources.

Prints recall on the hand-checked reference facts, the precision of the facts that land on a
referenced figure (right sign, unit and kind), facts per document and kind, the run time, and a
random sample of extracted facts to check by hand: the reference holds a few facts per document,
so overall precision can only be estimated from such a sample.

Run: .venv/bin/python benchmarks/prose_facts.py [--sample 40] [--seed 6]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from pipelines.extract.prose_facts import TextFact, facts_from_text_export
from pipelines.ingest.catalog import discover_documents
from pipelines.ingest.decode import read_text
from pipelines.paths import PROJECT_ROOT, SOURCES_DIR

SHARED_REFERENCE = PROJECT_ROOT.parent / "shared" / "reference" / "example_text_facts.jsonl"
LOCAL_REFERENCE = PROJECT_ROOT / "tests" / "data" / "example_text_facts.jsonl"


def _unit(text: str | None) -> str:
    return (text or "").replace("％", "%")


def _same_figure(fact: TextFact, ref: dict) -> bool:
    """The fact reads the referenced number (same line or overlapping quote, same |value|)."""
    overlaps = ref["quote"] in fact.quote or fact.quote in ref["quote"]
    return abs(abs(fact.value) - abs(float(ref["value"]))) < 1e-6 and (
        fact.line == ref["line"] or overlaps
    )


def _matches(fact: TextFact, ref: dict) -> bool:
    return (
        _same_figure(fact, ref)
        and abs(fact.value - float(ref["value"])) < 1e-6
        and _unit(fact.unit) == _unit(ref["unit"])
        and fact.kind == ref["kind"]
    )


def _reference() -> tuple[Path | None, list[dict]]:
    for path in (SHARED_REFERENCE, LOCAL_REFERENCE):
        if path.exists():
            return path, [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    return None, []


def main(sample: int, seed: int) -> None:
    documents = discover_documents(SOURCES_DIR)
    started = time.perf_counter()
    facts: dict[str, list[TextFact]] = {}
    for document in documents:
        rendition = document.renditions.get("text")
        if rendition is None:
            continue
        text = read_text(rendition.path)
        facts[document.document_id] = facts_from_text_export(
            document.document_id, text, document.region, document.data_year, document.kind
        )
    elapsed = time.perf_counter() - started
    total = sum(len(v) for v in facts.values())
    print(f"documents {len(facts)}  facts {total}  extract time {elapsed:.2f} s")
    print(f"{'document':28} {'facts':>6} {'actual':>7} {'change':>7} {'target':>7} {'no unit':>8}")
    for doc_id, found in facts.items():
        kinds = Counter(f.kind for f in found)
        unitless = sum(1 for f in found if f.unit is None)
        print(
            f"{doc_id:28} {len(found):6} {kinds['actual']:7} {kinds['change']:7} "
            f"{kinds['target']:7} {unitless:8}"
        )

    path, refs = _reference()
    if not refs:
        print("\nreference facts not found (../shared/reference or tests/data): recall skipped")
    else:
        hits = [r for r in refs if any(_matches(f, r) for f in facts.get(r["doc"], []))]
        print(f"\nreference: {path}")
        print(f"recall: {len(hits)}/{len(refs)} = {len(hits) / len(refs):.1%}")
        on_ref = [(f, r) for r in refs for f in facts.get(r["doc"], []) if _same_figure(f, r)]
        good = sum(1 for f, r in on_ref if _matches(f, r))
        if on_ref:
            print(
                f"precision on referenced figures (sign, unit, kind): {good}/{len(on_ref)}"
                f" = {good / len(on_ref):.1%}"
            )
        subject_ok = period_ok = 0
        for ref in hits:
            fact = next(f for f in facts[ref["doc"]] if _matches(f, ref))
            subject_ok += fact.subject == ref["subject"]
            period_ok += str(fact.period) == str(ref["period"])
        if hits:
            print(
                f"subject agrees: {subject_ok}/{len(hits)}  period agrees: {period_ok}/{len(hits)}"
            )
        for ref in refs:
            if ref not in hits:
                print(f"  missed {ref['doc']} line {ref['line']}: {ref['quote']}")

    everything = [f for found in facts.values() for f in found]
    chosen = random.Random(seed).sample(everything, min(sample, len(everything)))
    print(f"\nrandom sample of {len(chosen)} facts (seed {seed}) to check by hand:")
    for i, f in enumerate(chosen, 1):
        print(
            f"{i:2}. {f.document_id[:3]} L{f.line} {f.kind:6} {f.value:g} {f.unit or '-'}"
            f" op={f.operator or '-'} {f.subject} {f.period} [{f.indicator}]  «{f.quote}»"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    main(args.sample, args.seed)
