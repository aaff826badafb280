"""Module 5 logic: provisions, cases, the guidance checklist, and the ethical matrix."""

import pytest

from filmkit.model import ethics

GOOD = {"G01": "yes", "T1": "no", "T2": "no", "T3": "no", "T4": "no",
        "N1": "yes", "N2": "yes", "N3": "yes", "N4": "yes", "A1": "no"}


def test_the_questions_cover_the_guidance():
    ids = set(ethics.checklist_questions()["id"])
    assert ids == set(GOOD)


def test_a_harmless_use_raises_nothing():
    result = ethics.assess(GOOD)
    assert result.complete and not result.approval and not result.escalate
    assert "no approval trigger" in result.summary()


@pytest.mark.parametrize("qid", ["T1", "T2", "T3", "T4", "A1"])
def test_each_trigger_requires_approval(qid):
    result = ethics.assess(dict(GOOD, **{qid: "yes"}))
    assert len(result.approval) == 1 and qid in result.reasons
    unsure = ethics.assess(dict(GOOD, **{qid: "unsure"}))
    assert not unsure.approval and len(unsure.escalate) == 1


@pytest.mark.parametrize("qid", ["G01", "N1", "N2", "N3", "N4"])
def test_each_principle_escalates_on_no_or_unsure(qid):
    for answer in ("no", "unsure"):
        result = ethics.assess(dict(GOOD, **{qid: answer}))
        assert len(result.escalate) == 1 and result.escalate[0].startswith(answer), (qid, answer)


def test_no_answers_lists_every_question():
    result = ethics.assess({})
    assert len(result.missing) == len(GOOD)
    assert result.summary().startswith(f"Not yet answered ({len(GOOD)})")


@pytest.mark.parametrize("answers, words", [
    ({"T1": "maybe"}, "answers['T1']: 'maybe' is not one of yes, no, unsure"),
    ({"T9": "yes"}, "unknown question id(s) T9"),
    (["T1"], "expected a mapping"),
])
def test_bad_answers_are_explained(answers, words):
    with pytest.raises(ValueError) as info:
        ethics.assess(answers)
    assert words in str(info.value)


def test_every_preset_is_complete_and_final_footage_needs_approval():
    for name, answers in ethics.PROPOSED_USES.items():
        result = ethics.assess(answers)
        assert result.complete, name
        assert "Final deliverables" in result.approval, name


def test_cases_sort_most_troubling_first():
    table = ethics.cases("consent")
    order = [ethics.CASE_ORDER["consent"].index(c) for c in table["consent"]]
    assert order == sorted(order)
    docs = ethics.cases("genre", genre="documentary")
    assert set(docs["genre"]) == {"documentary"} and len(docs) >= 2
    with pytest.raises(ValueError, match="sort_by"):
        ethics.cases("mood")
    with pytest.raises(ValueError, match="genre"):
        ethics.cases(genre="opera")


def test_provisions_filter():
    consent = ethics.provisions("consent")
    assert set(consent["topic"]) == {"consent"} and consent["publisher"].notna().all()
    with pytest.raises(ValueError, match="topic"):
        ethics.provisions("vibes")


def test_empty_matrix_exports_with_gaps_marked():
    m = ethics.EthicalMatrix()
    md = m.to_markdown()
    cells = len(ethics.default_stakeholders()) * len(ethics.default_values())
    assert md.count(ethics.GAP) == cells and f"Cells not filled: {cells} of {cells}" in md
    assert m.to_csv().count(ethics.GAP) == cells


def test_matrix_round_trip_and_summary():
    m = ethics.EthicalMatrix()
    m.set("VFX artists", "Fairness and pay", "harms", "fewer hours | less pay")
    m.set("Audiences", "Transparency", "mixed", "told 78 days later")
    back = ethics.EthicalMatrix.from_csv(m.to_csv())
    assert back.cells == m.cells
    summary = m.summary().set_index("stakeholder")
    assert summary.loc["VFX artists", "harms"] == 1 and summary.loc["VFX artists", "not filled"] == 4
    assert "harms: fewer hours / less pay" in m.to_markdown()  # a pipe cannot break the table


@pytest.mark.parametrize("args, words", [
    (("Aliens", "Credit", "harms"), "stakeholder"),
    (("VFX artists", "Beauty", "harms"), "value"),
    (("VFX artists", "Credit", "great"), "rating"),
    (("VFX artists", "Credit", "harms", None), "note"),
])
def test_matrix_refuses_bad_cells(args, words):
    with pytest.raises(ValueError, match=words):
        ethics.EthicalMatrix().set(*args)


def test_matrix_csv_with_wrong_columns_is_explained():
    with pytest.raises(ValueError, match="expected the columns"):
        ethics.EthicalMatrix.from_csv("a,b\n1,2\n")
