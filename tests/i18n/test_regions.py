"""Spanish writes a decimal comma unless an instructor chooses a region that writes a decimal point."""


import pytest

import filmkit
from filmkit.i18n import ENV, format_locale, money, number, ratio, use_language
from filmkit.tools import editions


@pytest.mark.parametrize("code, written", [("es", "1.234,5"), ("es_AR", "1.234,5"), ("es_MX", "1,234.5"),
                                           ("fr", "1\u202f234,5"), ("en", "1,234.5")])
def test_numbers_are_written_the_regions_way(code, written):
    with use_language(code):
        assert number(1234.5, 1) == written


def test_spanish_defaults_to_the_decimal_comma_of_the_cases_country():
    with use_language("es"):
        assert format_locale() == "es_AR"
        assert ratio(4.5, 1) == "4,5x" and money(781.04, digits=2).endswith("781,04")


def test_the_language_switch_shows_nothing():
    """An edition's first code cell ends with set_language(...): it must not print the language before."""
    with use_language("en"):
        assert filmkit.set_language("es") is None


def test_a_region_chosen_for_the_session_survives_the_editions_switch(monkeypatch):
    """`filmkit app --lang es_MX` sets $FILMKIT_LANG; the notebooks' own set_language("es") keeps the region."""
    monkeypatch.setenv(ENV, "es_MX")
    with use_language("es"):
        assert format_locale() == "es_MX"
    monkeypatch.setenv(ENV, "fr")
    with use_language("es"):
        assert format_locale() == "es_AR"


def test_an_edition_for_a_region_names_it_in_its_switch(tmp_path):
    lang, region = editions.edition_code("es_MX")
    assert (lang, region) == ("es", "es_MX") and editions.edition_code("fr") == ("fr", None)
    assert editions.edition_code("es_") == ("es", None) and editions.edition_code("es-mx") == ("es", "es_MX")
    cell = editions._switch_cell("es_MX", None)
    assert cell.source == '\nimport filmkit\nfilmkit.set_language("es_MX")'
    with pytest.raises(editions.EditionError):
        editions.edition_code("en")


def test_the_first_cell_of_every_edition_notebook_shows_no_output():
    import nbformat

    root = editions.project_root()
    shown = []
    for folder in ("notebooks", "apps", "exercises"):
        for lang in editions.EDITIONS:
            for path in sorted((root / folder / lang).glob("*.ipynb")):
                nb = nbformat.read(path, as_version=4)
                switch = [c for c in nb.cells if c.get("id") == editions.SWITCH_ID]
                if switch and switch[0].get("outputs"):
                    shown.append(str(path.relative_to(root)))
    assert shown == [], f"the language switch shows an output in {shown[:5]}"


def test_a_release_for_a_region_opens_with_that_regions_numbers(tmp_path):
    """`filmkit release --lang es_MX`: the Spanish notebooks switch to es_MX, so a class in Mexico reads 1,234.5."""
    import nbformat

    from filmkit.classroom import release

    out = release.release(tmp_path / "class", echo=lambda *_a: None, lang="es_MX")
    switches = []
    for folder in ("notebooks", "apps", "exercises"):
        for path in sorted((out / folder / "es").glob("*.ipynb")):
            cell = next(c for c in nbformat.read(path, as_version=4).cells if c.get("id") == editions.SWITCH_ID)
            switches.append(cell.source.split("set_language(")[1])
    assert switches and set(switches) == {'"es_MX")'}


@pytest.mark.parametrize("code, tick", [("en", "0.5"), ("es", "0,5"), ("fr", "0,5"), ("es_MX", "0.5")])
def test_chart_ticks_use_the_readers_decimal_sign(code, tick):
    from filmkit.views.figures import new_figure

    fig = new_figure()
    ax = fig.add_subplot()
    ax.plot([0, 0.5, 1.5], [0, 1, 2])
    ax.set_xticks([0, 0.5, 1])
    with use_language(code):
        fig.canvas.draw()
        assert tick in [t.get_text() for t in ax.get_xticklabels()]


def test_the_explorers_slider_values_are_written_the_readers_way():
    """The browser writes a slider's own readout with a decimal point ("1.00"): in Spanish the kit shows "1,00"."""
    from filmkit.views.explorer import ScenarioExplorer

    label = "Screen time per shot (seconds)"
    with use_language("es"):
        explorer = ScenarioExplorer()
        slider, shown = explorer.controls[label], explorer._rows[label].children[1]
        slider.value = 2.5
        assert not slider.readout and shown.value == "2,50"
    with use_language("en"):
        assert ScenarioExplorer().controls[label].readout


def test_lists_in_a_sentence_are_separated_the_readers_way():
    from filmkit.i18n import join_items

    with use_language("fr"):
        assert join_items(["a", "b"]) == "a\u00a0; b"
    with use_language("es"):
        assert join_items(["a", "b"]) == "a; b"


def test_a_readout_beside_a_slider_leaves_the_other_controls_as_wide_as_they_were():
    """Controls often share one Layout: narrowing one slider for its readout must not narrow the others."""
    import ipywidgets as widgets

    from filmkit.views.readout import with_reader_readout

    shared = widgets.Layout(width="610px")
    a, b = widgets.FloatSlider(layout=shared), widgets.FloatSlider(layout=shared)
    with use_language("es"):
        rows = [with_reader_readout(a, 2), with_reader_readout(b, 2)]
    assert shared.width == "610px" and a.layout.width == b.layout.width == "550px"
    assert all(r.layout.width == "610px" for r in rows)
