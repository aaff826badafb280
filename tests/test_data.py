"""The data package: valid under Frictionless, every reference resolves, bad files give clear errors."""

import json
import shutil
from pathlib import Path

import pytest
from frictionless import validate

from filmkit.model import data
from filmkit.model.data import DataError, load, load_all, partial_date, source_ids_used

DATA = Path(__file__).resolve().parent.parent / "data"


def test_datapackage_validates_with_frictionless():
    report = validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_table_loads_and_is_not_empty():
    tables = load_all()
    assert set(tables) == set(data.resource_names())
    for name, table in tables.items():
        assert len(table) > 0, name


def test_every_source_id_used_anywhere_exists():
    tables = load_all()
    known = set(tables["sources"]["id"])
    used = source_ids_used(tables) | set(tables["claim_corroboration"]["source_id"])
    assert used, "no table refers to a source"
    assert used <= known, sorted(used - known)


def test_every_source_is_used():
    """A source nobody cites is either dead weight or a fact that never made it into a table."""
    tables = load_all()
    used = source_ids_used(tables) | set(tables["claim_corroboration"]["source_id"])
    for preset in (DATA / "scenarios").glob("*.json"):
        used |= set(json.loads(preset.read_text(encoding="utf-8")).get("sources", []))
    notes = " ".join(" ".join(t[c].astype(str)) for t in tables.values() for c in ("note", "notes", "rationale") if c in t)
    # The reasoning behind the perspective presets cites its sources in docs/.
    notes += " ".join(doc.read_text(encoding="utf-8") for doc in (DATA.parent / "docs").glob("*.md"))
    unused = [s for s in tables["sources"]["id"] if s not in used and s not in notes]
    assert not unused, unused


def test_status_matches_number_of_reports():
    from filmkit.model.claims import claims_ledger

    ledger = claims_ledger()
    corroborated = ledger[ledger["status"] == "corroborated"]
    assert (corroborated["reports"] >= 2).all(), corroborated[["id", "reports"]]
    single = ledger[ledger["status"] == "single_source"]
    assert (single["reports"] == 1).all(), single[["id", "reports"]]


def test_corroborating_source_differs_from_the_main_source():
    tables = load_all()
    merged = tables["claim_corroboration"].merge(tables["claims"], left_on="claim_id", right_on="id")
    assert (merged["source_id_x"] != merged["source_id_y"]).all()


def test_unverified_sources_only_back_claims_marked_as_doubtful():
    tables = load_all()
    weak = set(tables["sources"].query("evidence_level == 'unverified'")["id"])
    claims = tables["claims"]
    backed = claims[claims["source_id"].isin(weak)]
    assert set(backed["status"]) <= {"unverified", "misattributed", "contradicted"}, backed[["id", "status"]]


def test_partial_dates():
    assert partial_date("1957") == (partial_date("1957-01-01")[0], "year")
    assert partial_date("2025-07")[1] == "month"
    for bad in ["2025-13", "2025-02-30", "25-07-17", "July 2025"]:
        with pytest.raises(ValueError):
            partial_date(bad)


def _load_from(folder, name):
    with data.data_folder(folder):
        return load(name)


@pytest.fixture
def copy_of_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_source_id_names_file_row_and_column(copy_of_data):
    _edit(copy_of_data / "claims.csv", ",marsmag-eternaut-scene,corroborated,", ",no-such-source,corroborated,")
    with pytest.raises(DataError) as info:
        _load_from(copy_of_data, "claims")
    message = str(info.value)
    assert "data/claims.csv" in message and "row 3" in message and "'source_id'" in message
    assert "no-such-source" in message


@pytest.mark.parametrize("file, old, new, table, message", [
    ("sources.csv", ",primary,", ",first-hand,", "sources",
     r"data/sources.csv, row 2 \(netflix-q3-2025-letter\), column 'evidence_level'.*allowed: primary, secondary, unverified"),
    ("timeline.csv", "2023-05-02", "2023-02-30", "timeline",
     r"data/timeline.csv, row 3 \(T03\), column 'date'.*not a real calendar date"),
    ("claims.csv", "id,date,speaker,", "id,when,speaker,", "claims", r"data/claims.csv: column\(s\) 'date' missing"),
    ("claims.csv", ",Ted Sarandos,Netflix (co-CEO),industry,", ",,Netflix (co-CEO),industry,", "claims",
     r"row 1 \(CL01\), column 'speaker': value is empty but required"),
    ("timeline.csv", "T04,", "T03,", "timeline", r"'T03' appears more than once"),
    ("case_facts.csv", "episodes,Episodes in season 1,6,", "episodes,Episodes in season 1, 6,", "case_facts",
     r"column 'value'.*leading or trailing spaces"),
])
def test_a_bad_cell_is_named_by_file_row_and_column(copy_of_data, file, old, new, table, message):
    _edit(copy_of_data / file, old, new)
    with pytest.raises(DataError, match=message):
        _load_from(copy_of_data, table)


def test_missing_file_is_named(copy_of_data):
    (copy_of_data / "timeline.csv").unlink()
    with pytest.raises(DataError, match=r"data/timeline.csv is missing"):
        _load_from(copy_of_data, "timeline")


def test_unreadable_csv_is_reported(copy_of_data):
    (copy_of_data / "timeline.csv").write_bytes(b'id,date\n"T01,1957\n' + b"\xff\xfe broken")
    with pytest.raises(DataError, match=r"data/timeline.csv"):
        _load_from(copy_of_data, "timeline")


def test_missing_data_folder_is_explained(tmp_path):
    with pytest.raises(DataError, match="datapackage.json not found"):
        _load_from(tmp_path, "claims")


def test_unknown_table_lists_known_ones():
    with pytest.raises(DataError, match="known tables: sources, claims"):
        load("budgets")


def test_paraphrased_and_misattributed_words_are_credited_through_the_outlet():
    """Words the record does not give the speaker are shown as the outlet's, never as the speaker's own."""
    claims = load_all()["claims"]
    doubtful = claims[claims["status"].isin(["paraphrased", "misattributed"])]
    assert not doubtful.empty
    for row in doubtful.itertuples():
        assert "(as quoted by" in row.speaker and row.perspective == "press", row.id


def test_conflicting_facts_name_the_other_source():
    tables = load_all()
    known = set(tables["sources"]["id"])
    facts = tables["case_facts"]
    for row in facts[facts["status"] == "conflicting"].itertuples():
        named = {word.strip("().,;'") for word in row.note.split()} & known
        assert named - {row.source_id}, row.key
