"""Normalize layer: typed observations of named indicators, and the indicators not yet named."""

import dagster as dg
import pandas as pd

from pipelines.ingest.catalog import SourceDocument
from pipelines.model import observations as model
from pipelines.resources import IndicatorRegistryFile


@dg.asset(group_name="normalize", kinds={"pandas"})
def observations(
    context: dg.AssetExecutionContext,
    registry: IndicatorRegistryFile,
    source_documents: list[SourceDocument],
    table_cells: pd.DataFrame,
    text_facts: pd.DataFrame,
) -> pd.DataFrame:
    """Every numeric cell and stated figure as a fact: indicator, region, period, kind, units."""
    loaded = registry.load()
    frame = pd.concat(
        [
            model.observations_from_cells(table_cells, source_documents, loaded),
            model.observations_from_facts(text_facts, source_documents, loaded),
        ],
        ignore_index=True,
    )
    mapped = int(frame["indicator_code"].notna().sum())
    context.log.info(f"{len(frame)} observations, {mapped} on registered indicators")
    numeric = table_cells[table_cells["value"].notna()]
    context.add_output_metadata(
        {
            "dagster/row_count": len(frame),
            "registered_share": round(mapped / len(frame), 4) if len(frame) else 0.0,
            "unit_resolved_share": round(float(numeric["unit"].notna().mean()), 4)
            if len(numeric)
            else 0.0,
            "by_measure_kind": dg.MetadataValue.json(
                {k: int(v) for k, v in frame["measure_kind"].value_counts().items()}
            ),
        }
    )
    return frame


@dg.asset(group_name="normalize", kinds={"pandas"})
def unmapped_indicators(
    context: dg.AssetExecutionContext, observations: pd.DataFrame
) -> pd.DataFrame:
    """Derived indicator keys no registry rule covers: the registry's to-do list."""
    frame = model.unmapped_indicators(observations)
    context.log.info(f"{len(frame)} derived indicators not in the registry")
    context.add_output_metadata(
        {
            "dagster/row_count": len(frame),
            "preview": dg.MetadataValue.md(frame.head(25).to_markdown(index=False)),
        }
    )
    return frame
