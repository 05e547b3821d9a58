"""A console logger that prints the pipeline's own progress lines, not Dagster's event stream.

``make run`` should read like a progress report: one line per document and step. Dagster's
framework events (step start, handled output, …) stay in the run's event log for the UI.
"""

from __future__ import annotations

import logging
import sys

import dagster as dg


class _ProgressFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, "dagster_meta", {}) or {}
        message = meta.get("orig_message") or record.getMessage()
        step = meta.get("step_key") or ""
        level = "" if record.levelno == logging.INFO else f"{record.levelname}: "
        return f"  {step:<22} {level}{message}" if step else f"  {level}{message}"


class _UserMessagesOnly(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        meta = getattr(record, "dagster_meta", {}) or {}
        return meta.get("dagster_event") is None or record.levelno >= logging.ERROR


@dg.logger(
    config_schema={"log_level": dg.Field(str, is_required=False, default_value="INFO")},
    description="Compact progress lines on stdout (user messages only).",
)
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    level = init_context.logger_config["log_level"]
    # a private logger per run: a global one would collect a handler per run in `dagster dev`
    log = logging.Logger("quality_warehouse", level=level)  # noqa: LOG001
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_ProgressFormatter())
    handler.addFilter(_UserMessagesOnly())
    log.addHandler(handler)
    return log
