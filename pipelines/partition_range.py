"""The run tags that make one Dagster run cover several document partitions.

A partitioned asset with a single-run backfill policy materializes a whole range of partitions in
one run when the run carries the range's first and last key as tags (dagster 1.13 has no
``RunRequest`` argument for it: ``RunRequest.partition_key_range`` is read back from these tags).
``make run``, the sources sensor and the tests all build their tags here, so a run over every
document and a run over the changed ones are spelled the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


def partition_range_tags(
    keys: Sequence[str], covering: Collection[str] | None = None
) -> dict[str, str]:
    """Tags for one run over the keys ``covering`` (default: all of ``keys``).

    ``keys`` is the partitions' order (a dynamic partitions definition orders its keys by when
    they were added). A range is contiguous in that order, so the run covers the span from the
    first to the last wanted key, including any unwanted keys between them; callers accept that
    because extraction is keyed by content and an unchanged document in the span is reused from
    the store, not extracted again.
    """
    wanted = set(keys) if covering is None else set(covering)
    unknown = wanted - set(keys)
    if unknown:
        raise ValueError(f"not among the partitions: {sorted(unknown)}")
    span = [k for k in keys if k in wanted]
    if not span:
        raise ValueError("a partition range needs at least one partition")
    return {RANGE_START_TAG: span[0], RANGE_END_TAG: span[-1]}
