"""Guidance checklist, provisions, cases and the ethical matrix on the fixture tables."""

import json

import pytest

from filmkit.model import ethics

ALL_FINE = {"G01": "yes", "T1": "no", "T2": "no", "N1": "yes", "A1": "no"}


def test_checklist_asks_only_rows_with_a_question():
    # G02 has no question of its own in the fixture
    assert ethics.checklist_questions()["id"].tolist() == ["G01", "T1", "T2", "N1", "A1"]


def test_nothing_raised_when_every_answer_is_reassuring():
    a = ethics.assess(ALL_FINE)
    assert a.complete and not a.approval and not a.escalate and a.reasons == {}
    assert a.summary() == ("Share the intended use with the Netflix contact; "
                           "no approval trigger or principle is raised.")


def test_yes_to_a_labelled_question_needs_approval_and_unsure_escalates():
    a = ethics.assess(dict(ALL_FINE, T1="yes", T2="unsure", A1="yes"))
    assert a.approval == ["Final deliverables", "possibly misleading content"]
    assert a.escalate == ["unsure: Does it change a face?"]
    assert a.reasons == {"T1": "answered yes", "T2": "answered unsure", "A1": "answered yes"}
    assert a.summary() == ("Written approval required:\n  - Final deliverables\n  - possibly misleading content\n"
                           "Escalate to the Netflix contact:\n  - unsure: Does it change a face?")


def test_no_or_unsure_to_a_principle_or_the_disclosure_escalates():
    a = ethics.assess(dict(ALL_FINE, G01="no", N1="unsure"))
    assert a.approval == []
    assert a.escalate == ["no: Was the use shared?", "unsure: Do the tools keep the material private?"]
    assert a.reasons == {"G01": "answered no", "N1": "answered unsure"}
    # 'no' to an approval trigger raises nothing
    assert ethics.assess(dict(ALL_FINE, T1="no")).reasons == {}


def test_unanswered_questions_are_listed():
    a = ethics.assess({"G01": "yes", "T1": ""})
    assert not a.complete
    assert a.missing == ["Is it in the final cut?", "Does it change a face?",
                         "Do the tools keep the material private?", "Could it mislead the audience?"]
    assert a.summary().startswith("Not yet answered (4):\n  - Is it in the final cut?\n  - Does it change a face?\n")


@pytest.mark.parametrize("answers, words", [
    ([("G01", "yes")], "answers: expected a mapping of question ids to yes/no/unsure, got list"),
    ({"Z9": "yes"}, r"answers: unknown question id\(s\) Z9 \(known: G01, T1, T2, N1, A1\)"),
    ({"G01": "maybe"}, r"answers\['G01'\]: 'maybe' is not one of yes, no, unsure"),
])
def test_bad_answers_are_refused(answers, words):
    with pytest.raises(ValueError, match=words):
        ethics.assess(answers)


def test_provisions_by_topic():
    assert ethics.provisions()["id"].tolist() == ["P01", "P02", "P03"]
    consent = ethics.provisions("consent")
    assert consent["id"].tolist() == ["P01", "P03"]
    assert consent["publisher"].tolist() == ["Publisher A", "Publisher C"]
    with pytest.raises(ValueError, match="topic: 'pay' is not one of consent, disclosure"):
        ethics.provisions("pay")


def test_cases_sorted_most_troubling_first():
    # genre order: documentary, fiction, animation; ties by date
    assert ethics.cases()["id"].tolist() == ["K02", "K04", "K01", "K03"]
    assert ethics.cases("disclosure")["id"].tolist() == ["K02", "K01", "K03", "K04"]
    assert ethics.cases("consent")["id"].tolist() == ["K02", "K04", "K03", "K01"]
    assert ethics.cases(genre="fiction")["id"].tolist() == ["K04", "K01"]
    assert ethics.cases()["publisher"].tolist()[0] == "Publisher B"
    with pytest.raises(ValueError, match="sort_by: 'year' is not one of"):
        ethics.cases("year")
    with pytest.raises(ValueError, match="genre: 'opera' is not one of"):
        ethics.cases(genre="opera")


def test_matrix_starts_from_the_data():
    m = ethics.EthicalMatrix()
    assert m.stakeholders == ["Artists", "The studio"] and m.values == ["Wellbeing", "Credit", "Pay"]
    assert len(m.cells) == 6 and m.filled() == 0 and len(m.gaps()) == 6
    evidence = ethics.stakeholder_evidence()
    assert evidence == {"Artists": "Fake evidence (Publisher A, \u201cFake primary report\u201d).", "The studio": ethics.NO_EVIDENCE}


def test_matrix_fill_rename_and_summary():
    m = ethics.EthicalMatrix()
    m.set("Artists", "Pay", "harms", "  fewer jobs ")
    m.set("The studio", "Pay", "serves")
    assert m.cells[("Artists", "Pay")] == ("harms", "fewer jobs")
    assert m.filled() == 2 and ("Artists", "Pay") not in m.gaps()
    assert m.add_stakeholder("  The   audience ") == "The audience"
    assert m.add_value("Consent") == "Consent"
    assert len(m.cells) == 12
    assert m.rename_stakeholder("Artists", "VFX artists") == "VFX artists"
    assert m.rename_value("Pay", "Fair pay") == "Fair pay"
    assert m.cells[("VFX artists", "Fair pay")] == ("harms", "fewer jobs")
    assert m.rename_value("Credit", "Credit") == "Credit"  # renaming to itself is allowed
    summary = m.summary().set_index("stakeholder")
    assert summary.loc["VFX artists", "harms"] == 1 and summary.loc["VFX artists", "not filled"] == 3
    assert summary.loc["The studio", "serves"] == 1 and summary.loc["The audience", "not filled"] == 4


@pytest.mark.parametrize("call, words", [
    (lambda m: m.set("Nobody", "Pay", "harms"), "stakeholder: 'Nobody' is not one of"),
    (lambda m: m.set("Artists", "Joy", "harms"), "value: 'Joy' is not one of"),
    (lambda m: m.set("Artists", "Pay", "bad"), "rating: 'bad' is not one of serves, mixed, harms, not relevant"),
    (lambda m: m.set("Artists", "Pay", "harms", 3), "note: expected text, got int"),
    (lambda m: m.add_stakeholder("Artists"), "stakeholder: 'Artists' is already in the matrix"),
    (lambda m: m.add_value(" Pay "), "value: 'Pay' is already in the matrix"),
    (lambda m: m.add_value("   "), "value: give a name"),
    (lambda m: m.add_value(None), "value: give a name"),
    (lambda m: m.add_value("x" * 81), "is 81 characters long; keep it under 80"),
    (lambda m: m.rename_stakeholder("Artists", "The studio"), "'The studio' is already in the matrix"),
    (lambda m: m.rename_value("Pay", "Credit"), "value: 'Credit' is already in the matrix"),
    (lambda m: m.rename_value("Joy", "Fun"), "value: 'Joy' is not one of"),
])
def test_matrix_refusals(call, words):
    with pytest.raises(ValueError, match=words):
        call(ethics.EthicalMatrix())


def test_a_name_of_80_characters_is_accepted():
    assert ethics.EthicalMatrix().add_value("x" * 80) == "x" * 80


def test_doubled_rows_are_refused():
    with pytest.raises(ValueError, match="stakeholder: 'A' appears more than once"):
        ethics.EthicalMatrix(["A", "B", "A"], ["v"])
    with pytest.raises(ValueError, match="value: 'v' appears more than once"):
        ethics.EthicalMatrix(["A"], ["v", "v"])


def test_matrix_markdown():
    m = ethics.EthicalMatrix(["A|B", "C"], ["V"])
    m.set("A|B", "V", "mixed", "both | ways\nreally")
    m.set("C", "V", "serves")
    text = m.to_markdown("My matrix", evidence={"C": "why C"})
    assert text == ("# My matrix\n\n| Stakeholder | V |\n| --- | --- |\n| A/B | mixed: both / ways really |\n"
                    "| C | serves |\n\nCells not filled: 0 of 2.\n\n## Why these stakeholders\n\n"
                    f"- **A|B**: added by the author of this matrix; {ethics.NO_EVIDENCE}\n- **C**: why C\n")
    assert ethics.EthicalMatrix(["A"], ["V"]).to_markdown().splitlines()[4] == f"| A | {ethics.GAP} |"


def test_matrix_csv_and_json_round_trips():
    m = ethics.EthicalMatrix()
    m.set("Artists", "Pay", "harms", "fewer jobs, maybe")
    text = m.to_csv()
    assert text.splitlines()[0] == "stakeholder,value,rating,note"
    assert f"Artists,Wellbeing,{ethics.GAP}," in text
    back = ethics.EthicalMatrix.from_csv(text)
    assert back.cells == m.cells and back.stakeholders == m.stakeholders
    saved = json.loads(m.to_json(student="Ana"))
    assert saved["student"] == "Ana" and saved["kind"] == "ethical_matrix" and saved["format"] == 1
    again = ethics.EthicalMatrix.from_json(m.to_json())
    assert again.cells == m.cells and again.covers(m) and m.covers(again)
    assert not ethics.EthicalMatrix().covers(m) and m.covers(ethics.EthicalMatrix())


@pytest.mark.parametrize("text, words", [
    ("{broken", "matrix file: not valid JSON"),
    ('{"kind": "other"}', "matrix file: not an ethical matrix saved by the kit"),
    ('{"kind": "ethical_matrix", "format": 2}', "matrix file: format 2 is not supported"),
    ('{"kind": "ethical_matrix", "format": 1, "stakeholders": ["A"]}', r"matrix file: damaged \('values'\)"),
    ('{"kind": "ethical_matrix", "format": 1, "stakeholders": ["A"], "values": ["V"], "cells": [["A", "V", "bad", ""]]}',
     "matrix file: damaged"),
])
def test_damaged_matrix_files_are_explained(text, words):
    with pytest.raises(ValueError, match=words):
        ethics.EthicalMatrix.from_json(text)


def test_bad_matrix_csv():
    with pytest.raises(ValueError, match="matrix CSV: expected the columns stakeholder, value, rating, note"):
        ethics.EthicalMatrix.from_csv("a,b\n1,2\n")
    with pytest.raises(ValueError, match="matrix CSV"):
        ethics.EthicalMatrix.from_csv("")


def test_summary_of_an_approval_alone():
    a = ethics.assess(dict(ALL_FINE, T1="yes"))
    assert a.summary() == "Written approval required:\n  - Final deliverables"
    missing = ethics.assess({"G01": "no"})
    assert missing.summary() == ("Not yet answered (4):\n  - Is it in the final cut?\n  - Does it change a face?\n"
                                 "  - Do the tools keep the material private?\n  - Could it mislead the audience?\n"
                                 "Escalate to the Netflix contact:\n  - no: Was the use shared?")
    two = ethics.assess(dict(ALL_FINE, G01="no", N1="no"))
    assert two.summary() == ("Escalate to the Netflix contact:\n  - no: Was the use shared?\n"
                             "  - no: Do the tools keep the material private?")
    # no separator glued after a question mark, in any language
    for lang in ("en", "es", "fr"):
        with __import__("filmkit").use_language(lang):
            assert "?;" not in missing.summary() and "?." not in missing.summary()


def test_evidence_keeps_a_full_stop_inside_and_adds_one_at_the_end():
    assert ethics.stakeholder_evidence()["Artists"].endswith("Fake evidence (Publisher A, \u201cFake primary report\u201d).")


def test_new_cells_are_empty_and_a_set_without_rating_clears():
    m = ethics.EthicalMatrix()
    assert set(m.cells.values()) == {("", "")}
    m.add_stakeholder("Crew")
    m.add_value("Safety")
    assert set(m.cells.values()) == {("", "")}
    m.set("Artists", "Pay", "harms", "x")
    m.set("Artists", "Pay")
    assert m.cells[("Artists", "Pay")] == ("", "")


@pytest.mark.parametrize("call, words", [
    (lambda m: m.add_stakeholder(""), r"^stakeholder: give a name \(some text\), not ''$"),
    (lambda m: m.rename_stakeholder("Artists", " "), r"^stakeholder: give a name"),
    (lambda m: m.rename_stakeholder("Nobody", "X"), r"^stakeholder: 'Nobody' is not one of Artists, The studio$"),
    (lambda m: m.rename_value("Pay", ""), r"^value: give a name"),
    (lambda m: m.add_value("y" * 81), r"^value: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'\.\.\. is 81 characters long"),
])
def test_matrix_messages_name_the_row_or_column(call, words):
    with pytest.raises(ValueError, match=words):
        call(ethics.EthicalMatrix())


def test_doubled_names_are_all_listed():
    with pytest.raises(ValueError, match=r"^stakeholder: 'A', 'B' appears more than once$"):
        ethics.EthicalMatrix(["A", "B", "A", "B"], ["v"])


def test_default_markdown_title_and_pipes_in_column_names():
    m = ethics.EthicalMatrix(["S"], ["a|b", "c"])
    m.set("S", "a|b", "serves", "ok")
    m.set("S", "c", "harms", "no")
    lines = m.to_markdown().splitlines()
    assert lines[0] == "# Ethical matrix"
    assert lines[2] == "| Stakeholder | a/b | c |" and lines[3] == "| --- | --- | --- |"
    assert lines[4] == "| S | serves: ok | harms: no |"


def test_csv_lines_end_with_a_newline_only():
    text = ethics.EthicalMatrix(["S"], ["V"]).to_csv()
    assert text == f"stakeholder,value,rating,note\nS,V,{ethics.GAP},\n"


def test_matrix_from_csv_keeps_rows_and_columns_in_order():
    m = ethics.EthicalMatrix(["S2", "S1"], ["V2", "V1"])
    back = ethics.EthicalMatrix.from_csv(m.to_csv())
    assert back.stakeholders == ["S2", "S1"] and back.values == ["V2", "V1"]


def test_matrix_json_is_readable_text():
    m = ethics.EthicalMatrix(["Él"], ["V"])
    text = m.to_json()
    assert text.endswith("\n") and '"Él"' in text  # not escaped to \\u00c9
    assert text.startswith('{\n "kit": "filmkit",\n "kind": "ethical_matrix",\n "format": 1,\n "student": "",\n')
    back = ethics.EthicalMatrix.from_dict(json.loads(text))
    assert back.stakeholders == ["Él"] and back.values == ["V"]
    with pytest.raises(ValueError, match="^my file: not valid JSON"):
        ethics.EthicalMatrix.from_json("{", label="my file")
    with pytest.raises(ValueError, match="^my file: not an ethical matrix"):
        ethics.EthicalMatrix.from_json("{}", label="my file")
    with pytest.raises(ValueError, match="^matrix file: not an ethical matrix"):
        ethics.EthicalMatrix.from_dict({})


def test_covers_compares_notes_of_rated_cells_only():
    a, b = ethics.EthicalMatrix(["S"], ["V", "W"]), ethics.EthicalMatrix(["S"], ["V", "W"])
    b.cells[("S", "W")] = ("", "a note without a rating")
    assert a.covers(b)


def test_cases_are_numbered_from_zero():
    assert ethics.cases(genre="fiction").index.tolist() == [0, 1]
