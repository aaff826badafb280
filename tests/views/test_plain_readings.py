"""Numbers and words a reader who has never coded would misread, in every language.

A ratio below 1 under "faster" or "cheaper" means slower or dearer; a share of the VFX budget above
100 % means more than the whole budget; a data key (``partly_sourced``) is not a word; ``24.0`` and
``False`` are a program's way of writing. Each is checked on what the page shows (the table's HTML
and its plain text), not on the DataFrame code reads.
"""

import math
import re

import pandas as pd
import pytest

from filmkit.i18n import LANGUAGES, use_language
from filmkit.model.parameters import WORKFLOWS
from filmkit.model.scenario import feasibility, run
from filmkit.views import scenario_tables as st
from filmkit.views.tables import NOTES, Table, table_html, table_text

# The sequence costs more than a small production's whole VFX budget (122 % at base values).
SMALL = "small_independent"
#: A scenario where the AI-assisted workflow is slower on the calendar, needs more work and costs more.
SLOW_AI = {"ai_assisted.cleanup_compositing.days_per_shot": 5.0, "ai_assisted.setup.fixed_days": 60.0}


def _shown(table: pd.DataFrame, caption: str = "") -> str:
    bundle = Table(table, caption)._repr_mimebundle_()
    return bundle["text/plain"] + "\n" + re.sub(r"<[^>]+>", " ", bundle["text/html"])


def _summary(values=None, tier=SMALL):
    results = run(values or {})
    return st.summary_table(results, feasibility(results, values or {}), tier), results


def test_the_slow_scenario_is_slower_dearer_and_more_work():
    """The scenario the tests below use really gives ratios below 1 (else they would prove nothing)."""
    _table, results = _summary(SLOW_AI)
    from filmkit.model.scenario import ratios
    q = ratios(results, other="ai_assisted")
    assert q["speedup_calendar"] < 0.995 and q["speedup_effort"] < 0.995 and q["cost_ratio"] < 0.995, q


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_ratio_below_one_says_slower_beside_it_and_in_a_sentence(lang):
    with use_language(lang):
        table, _results = _summary(SLOW_AI, tier="eternaut")
        shown = _shown(table)
        words = [st._(w) for w, _sentence in st.BELOW_ONE.values()]
    row = table[table["workflow"] == table["workflow"].iloc[1]].iloc[0]  # AI-assisted
    for column, said in zip(("faster (calendar)", "faster (effort)", "cheaper"), words):
        assert said in row[column], f"{lang}: {row[column]!r} under {column!r} does not say what it means"
    assert len(table.attrs[NOTES]) == 3, table.attrs[NOTES]
    for note in table.attrs[NOTES]:
        assert note in shown, f"{lang}: the sentence is not on the page"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_ratio_of_one_or_more_has_no_words_added(lang):
    with use_language(lang):
        table, _results = _summary({}, tier="eternaut")
    assert table.attrs[NOTES] == []
    assert all(re.fullmatch(r"\d+[.,]\d\dx", v) for v in table["faster (effort)"]), list(table["faster (effort)"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_share_above_the_whole_vfx_budget_says_so(lang):
    with use_language(lang):
        table, results = _summary({}, tier=SMALL)
        feas = st.feasibility_table(feasibility(results))
        meaning = st._("more than the whole VFX budget")
        shown = _shown(feas)
    over = [v for v in table["share of VFX budget"] if float(re.match(r"[\d.,]+", v).group().replace(",", ".")) > 100]
    assert over and all(meaning in v for v in over), list(table["share of VFX budget"])
    assert feas.attrs[NOTES] and all(note in shown for note in feas.attrs[NOTES])
    within = [v for v in feas["share of VFX budget"] if meaning not in v]
    assert within and all(float(re.match(r"[\d.,]+", v).group().replace(",", ".")) <= 100 for v in within)


def test_the_explorers_summary_shows_the_sentences_under_its_table():
    table, _results = _summary(SLOW_AI, tier=SMALL)
    markup = table_html(table, "The three workflows")
    assert markup.count('class="filmkit-table-note"') == len(table.attrs[NOTES]) > 0


def test_unbounded_ratios_and_odd_shares_stay_plain():
    assert st.ratio_read(math.inf, "n/a", "cost_ratio", "Hybrid") == ("n/a", "")
    assert st.ratio_read(0.996, "n/a", "cost_ratio", "Hybrid") == ("1.00x", "")
    assert st.share_read(1.00004, "Hybrid") == ("100.00%", "")
    assert st.share_read(math.nan, "Hybrid")[1] == ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_basis_keys_are_shown_as_words_and_kept_as_keys(lang):
    counts = st.basis_counts()
    assert "partly_sourced" in set(counts["basis"]), "the DataFrame keeps the data's key"
    with use_language(lang):
        shown = table_text(counts) + table_html(st.parameter_table())
    assert "partly_sourced" not in shown
    if lang == "en":
        assert "partly sourced" in shown


def test_the_parameter_tables_caption_is_plain_words():
    import nbformat

    from pathlib import Path

    ROOT = Path(__file__).resolve().parents[2]
    nb = nbformat.read(ROOT / "notebooks" / "02_cost_and_time.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    assert "Scalar" not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_whole_numbers_and_true_false_read_as_a_person_writes_them(lang):
    df = pd.DataFrame({"hours": [24.0, 0.0, -80.0, 66500.0], "share": [0.5, 1.0, 1.25, 2.0],
                       "plausible": [True, False, False, True], "empty": [math.nan] * 4})
    with use_language(lang):
        text, markup = table_text(df), table_html(df)
        yes, no = st._("yes"), st._("no")
    cells = re.findall(r"<td>([^<]*)</td>", markup)
    assert cells[:4] == ["24", "0.5" if lang == "en" else "0,50", yes, ""], cells[:4]
    assert "66500" in cells and "-80" in cells
    assert not re.search(r"\b24[.,]0\b|\b66500[.,]0\b|True|False", text + markup), text
    assert yes in text and no in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_column_named_in_code_is_headed_in_words(lang):
    df = pd.DataFrame({"evidence_level": ["primary"], "half_there_pixels": [0.5]})
    with use_language(lang):
        shown = table_text(df) + re.sub(r"<[^>]+>", " ", table_html(df))  # what the page shows: no markup
    assert "evidence_level" not in shown and "half_there_pixels" not in shown, shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_module_3s_tables_of_ratios_say_what_below_one_means(lang):
    from filmkit.course import what_would_10x_take as kit

    with use_language(lang):
        summary = kit.summarise(kit.monte_carlo(2000, seed=2025), target=10).round(3)
        swings = kit.tornado("speedup_effort")
        sentence = st._(kit.BELOW_ONE)
        shown = table_text(summary) + table_text(swings.head(8)[["label", "at_low", "at_high"]].round(2))
    assert float(summary.iloc[0, 1]) < 1 and float(swings["at_high"].min()) < 1, "the runs show no ratio below 1"
    assert shown.count(sentence) == 2
    assert swings.attrs["base"] > 1, "the tornado keeps what its chart reads"


def test_a_header_shown_in_words_is_still_extracted_by_its_name_in_code():
    """The catalogs hold pgettext("column", "value_for_target"): the extraction must read that name from
    the English notebooks' tables, not the words the header shows ("value for target")."""
    from pathlib import Path

    from filmkit.tools import editions

    markup = table_html(pd.DataFrame({"value_for_target": [1.5]}))
    assert '<th scope="col" data-column="value_for_target">value for target</th>' in markup
    template = editions._package_template(Path(__file__).resolve().parents[2])
    assert template.get("value_for_target", context="column") is not None
    assert template.get("value for target", context="column") is None


def test_the_10x_explorer_says_what_a_ratio_below_one_means():
    from filmkit.views.tenx_explorer import TenXExplorer

    explorer = TenXExplorer(2000, seed=2025)
    explorer.metric.value = "speedup_calendar"  # its 5th percentile is about 0.65x: slower
    explorer.update()
    assert st.RATIOS_BELOW_ONE in explorer.text.value
    explorer.metric.value = "cost_ratio"
    explorer.other.value = "ai_assisted"
    explorer.update()
    low = float(re.search(r"between (\d+\.\d+)x", explorer.text.value).group(1))
    assert (low < 1) == (st.RATIOS_BELOW_ONE in explorer.text.value)
