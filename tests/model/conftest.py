"""Model tests read the tiny fake data package in tests/fixtures/data, never the teaching data.

Its numbers are chosen so that every result can be worked out by hand; the test comments
show the sums. At base values (tests/fixtures/data/scenario_parameters.csv):

- day rate = wage 100,000 x overhead 2 x region 1 / 200 working days = $1,000 x the role's pay factor:
  supervisor 2 -> $2,000, artist 1.5 -> $1,500, AI artist 0.5 -> $500;
- shots 2, review rounds 2, rework 0.5 -> a reworked stage runs 1 + (2 - 1) x 0.5 = 1.5 passes,
  review runs 2; every team has 2 people; 4 render nodes; review waits 2 days a round.
"""

from pathlib import Path

import pytest

from filmkit.model import parameters
from filmkit.model.data import data_folder

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "data"


@pytest.fixture(autouse=True, scope="module")
def fixture_data():
    """Every test in this folder reads the fixture tables."""
    with data_folder(FIXTURE) as folder:
        yield folder


@pytest.fixture(autouse=True)
def fresh_registry():
    """Each test builds the parameter registry from the tables itself, not from an earlier test's cache."""
    parameters._registry.cache_clear()
    yield
