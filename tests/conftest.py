from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SOURCES = PROJECT_ROOT / "sources"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    return SOURCES
