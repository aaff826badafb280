"""Issue 9 item 5: names the model relies on come from data/, so editing a table moves the charts and checks."""

from filmkit.model import analysis, ethics, parameters, scenario
from filmkit.views import scenario_charts
from filmkit.views.palette import SERIES

from .conftest import replace_in


def test_phases_come_from_data_and_phase_costs_add_up_to_the_total():
    res = scenario.run()
    labels = list(parameters.phases().values())
    for r in res.values():
        costs = scenario_charts.phase_costs(r)
        assert list(costs)[:-1] == labels
        assert abs(sum(costs.values()) - float(r.total_cost)) < 1e-6 * float(r.total_cost)


def test_a_stage_moved_to_another_phase_moves_its_cost(data_copy):
    replace_in(data_copy / "pipeline_stages.csv", "ai_assisted,2,setup,Pipeline set-up and R&D,ai_artist,no,0,assets,",
               "ai_assisted,2,setup,Pipeline set-up and R&D,ai_artist,no,0,previs,")
    r = scenario.run()["ai_assisted"]
    costs = scenario_charts.phase_costs(r)
    assert costs["Previs"] == float(r.stage_cost["previs"] + r.stage_cost["setup"])


def test_a_new_phase_label_appears_in_the_chart_and_legend(data_copy):
    replace_in(data_copy / "phases.csv", "review,Review,", "review,Notes and approval,")
    _fig, alt = scenario_charts.legend_figure()
    assert "Notes and approval" in alt and "Notes and approval" in scenario_charts.phase_costs(scenario.run()["hybrid"])


def test_the_review_wait_follows_the_waits_for_feedback_flag(data_copy):
    before = scenario.run({"review_wait_days": 10})["traditional"].duration["review"]
    f = data_copy / "pipeline_stages.csv"
    replace_in(f, "traditional,6,review,Review rounds,supervisor,every_round,1,review,yes,",
               "traditional,6,review,Review rounds,supervisor,every_round,1,review,no,")
    after = scenario.run({"review_wait_days": 10})["traditional"].duration["review"]
    assert float(before) - float(after) > 25  # 3 rounds x 10 days no longer waited


def test_which_groups_the_analysis_varies_comes_from_data(data_copy):
    assert "shots" in analysis.uncertain()
    replace_in(data_copy / "parameter_groups.csv", "sequence,The sequence,yes,", "sequence,The sequence,no,")
    assert "shots" not in analysis.uncertain() and "seconds_per_shot" not in analysis.uncertain()


def test_approval_rules_come_from_the_guidance_table(data_copy):
    answers = {"A1": "yes"}
    assert "possibly misleading content" in ethics.assess(answers).approval
    replace_in(data_copy / "guidance_principles.csv", "possibly misleading content", "misleading the audience")
    assert "misleading the audience" in ethics.assess(answers).approval


def test_legend_words_follow_the_palette_order():
    _fig, alt = scenario_charts.legend_figure()
    names = scenario_charts.phase_names()
    for i, name in enumerate(names):
        assert f"{name}: {SERIES[i].replace('_', ' ')}, " in alt
