"""Coverage of the statistical model on the bundled sources.

Prints: share of numeric cells with a resolved unit (overall, and in tables whose labels state a
unit somewhere), share of the plans' targets joined to at least one actual, and the number of
derived indicators the registry does not cover yet.
Run: .venv/bin/python benchmarks/model_coverage.py
"""

from __future__ import annotations

from pipelines.extract.document import extract_document
from pipelines.ingest.catalog import discover_documents
from pipelines.load.frames import cells_frame
from pipelines.model.indicators import load_registry
from pipelines.model.observations import observations_from_cells, unmapped_indicators
from pipelines.model.units import unit_in_label
from pipelines.paths import SOURCES_DIR


def main() -> None:
    documents = discover_documents(SOURCES_DIR)
    cells = cells_frame([extract_document(d) for d in documents])
    numeric = cells[cells["value"].notna() & cells["raw_text"].str.contains(r"\d")]
    stating = set()
    for key, table in cells.groupby("table_key"):
        labels = [label for path in (*table["row_path"], *table["col_path"]) for label in path]
        if any(unit_in_label(label) for label in labels) or table["unit"].notna().any():
            stating.add(key)
    in_stating = numeric[numeric["table_key"].isin(stating)]
    print(f"numeric cells: {len(numeric)}")
    print(f"unit resolved, all numeric cells: {numeric['unit'].notna().mean():.1%}")
    print(
        f"unit resolved, tables that state a unit anywhere ({len(in_stating)} cells): "
        f"{in_stating['unit'].notna().mean():.1%}"
    )

    observations = observations_from_cells(cells, documents, load_registry())
    plans = {d.document_id for d in documents if d.kind == "plan"}
    targets = observations[
        (observations["measure_kind"] == "target") & observations["document_id"].isin(plans)
    ]
    actual = observations[observations["measure_kind"] != "target"]
    actual_codes = set(actual["indicator_code"].dropna())
    joined = targets[targets["indicator_code"].isin(actual_codes)]
    registered = observations["indicator_code"].notna().sum()
    print(f"observations: {len(observations)} ({registered} registered)")
    print(
        f"plan targets joined to an actual: {len(joined)}/{len(targets)} "
        f"({len(joined) / max(len(targets), 1):.0%}): {sorted(joined['indicator_code'])}"
    )
    unmapped = unmapped_indicators(observations)
    print(f"unmapped derived indicators: {len(unmapped)}")
    print(unmapped.head(15).to_string(index=False))


if __name__ == "__main__":
    main()
