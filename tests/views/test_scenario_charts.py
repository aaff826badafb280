"""The cost chart and its alt text report every stage's cost, on the fixture data (tests/model/conftest.py).

Fixture totals at base values: traditional $16,036, AI-assisted $7,632 (of which the set-up
stage $2,000 and licences $102), hybrid $7,477.
"""

import pytest

from filmkit.model import scenario
from filmkit.views import scenario_charts
from tests.model.conftest import fixture_data  # noqa: F401  (every test here reads the fixture tables)


@pytest.fixture(scope="module")
def base():
    return scenario.run()


def test_phase_costs_by_hand(base):
    ai = scenario_charts.phase_costs(base["ai_assisted"])
    # set-up $2,000 is an 'assets' stage; generation $1,500 labour + $30 machine; review $4,000
    assert ai == pytest.approx({"Previs": 0, "Assets and set-up": 2000, "Creating the effect": 1530,
                                "Rendering and compositing": 0, "Review": 4000,
                                scenario_charts.LICENCES: 102})


@pytest.mark.parametrize("workflow, total", [("traditional", 16036), ("ai_assisted", 7632), ("hybrid", 7477)])
def test_phase_costs_add_up_to_the_total(base, workflow, total):
    assert sum(scenario_charts.phase_costs(base[workflow]).values()) == pytest.approx(total)


def test_cost_chart_bars_and_alt_text_show_the_whole_cost(base):
    chart = scenario_charts.CostChart(legend=False)
    alt = chart.update(base)
    assert "Traditional $16,036" in alt and "AI-assisted $7,632" in alt and "Hybrid $7,477" in alt
    # the bars of each workflow end at its total
    ends = [max(r.get_x() + r.get_width() for bars in chart.bars.values() for r in [bars[i]])
            for i in range(3)]
    assert ends == pytest.approx([16036, 7632, 7477])
