"""Which executor runs a job's steps: chosen by the environment, not by editing code.

In-process is the default (the multiprocess executor costs about 3 s per step on two cores and
documents are extracted in worker processes anyway). ``QW_EXECUTOR`` picks another one for a
cluster: ``multiprocess``, ``celery`` (dagster-celery) or ``k8s`` (dagster-k8s); the cluster
ones come with ``pip install -e '.[cluster]'`` and their run config is in ``deploy/run_config/``.
"""

from __future__ import annotations

import importlib
import os

import dagster as dg

_EXECUTORS = {
    "in_process": ("dagster", "in_process_executor"),
    "multiprocess": ("dagster", "multiprocess_executor"),
    "celery": ("dagster_celery", "celery_executor"),
    "k8s": ("dagster_k8s", "k8s_job_executor"),
}


def executor_from_env(name: str | None = None) -> dg.ExecutorDefinition:
    choice = (name or os.environ.get("QW_EXECUTOR") or "in_process").strip().lower()
    if choice not in _EXECUTORS:
        raise ValueError(f"QW_EXECUTOR={choice!r}: expected one of {', '.join(_EXECUTORS)}")
    module, attribute = _EXECUTORS[choice]
    try:
        return getattr(importlib.import_module(module), attribute)
    except ImportError as exc:
        raise ImportError(
            f"QW_EXECUTOR={choice} needs {module}: pip install -e '.[cluster]'"
        ) from exc
