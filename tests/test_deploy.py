"""The cluster configuration in deploy/ loads, and the warehouse publishes to another engine."""

from pathlib import Path

import dagster as dg
import pytest
import sqlalchemy as sa
import yaml
from dagster._core.instance.config import dagster_instance_config

from pipelines.definitions import defs
from pipelines.executors import executor_from_env
from pipelines.load.mirror import mirror
from pipelines.load.warehouse import PUBLIC_VIEWS
from pipelines.paths import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"


def test_postgres_instance_config_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "DAGSTER_PG_HOST": "db",
        "DAGSTER_PG_PORT": "5432",
        "DAGSTER_PG_DB": "dagster",
        "DAGSTER_PG_USER": "dagster",
        "DAGSTER_PG_PASSWORD": "secret",
    }.items():
        monkeypatch.setenv(name, value)
    config, _custom_class = dagster_instance_config(str(DEPLOY), "dagster.yaml")
    assert "postgres" in config["storage"]
    assert config["run_coordinator"]["class"] == "QueuedRunCoordinator"


@pytest.mark.parametrize(
    ("executor", "run_config"), [("celery", "celery.yaml"), ("k8s", "k8s.yaml")]
)
def test_executor_run_config_validates(executor: str, run_config: str) -> None:
    job = dg.define_asset_job("probe", selection=dg.AssetSelection.assets("source_documents"))
    resolved = dg.Definitions(
        assets=[defs.resolve_assets_def("source_documents")],
        jobs=[job],
        executor=executor_from_env(executor),
    ).resolve_job_def("probe")
    config = yaml.safe_load((DEPLOY / "run_config" / run_config).read_text(encoding="utf-8"))
    env = {"CELERY_BROKER_URL": "redis://r:6379/0", "CELERY_RESULT_BACKEND": "redis://r:6379/1"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        assert dg.validate_run_config(resolved, config)


def test_unknown_executor_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="QW_EXECUTOR='gpu'"):
        executor_from_env("gpu")


def test_warehouse_mirrors_to_a_sqlalchemy_url(warehouse: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mirror.sqlite'}"
    result = mirror(warehouse, url)
    engine = sa.create_engine(url)
    try:
        names = set(sa.inspect(engine).get_table_names())
        with engine.connect() as con:
            statuses = con.execute(
                sa.text("SELECT count(*) FROM v_target_scorecard WHERE status = 'met'")
            ).scalar()
            paths = con.execute(sa.text("SELECT row_path FROM table_cells LIMIT 1")).scalar()
    finally:
        engine.dispose()
    assert set(PUBLIC_VIEWS) | {"fact_observation", "dim_indicator"} <= names
    assert statuses and statuses > 0
    assert paths.startswith("[")  # lists travel as JSON text
    assert result.relations["table_cells"] > 1000
