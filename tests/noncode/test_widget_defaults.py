"""Drop-downs open on a choice the reader can see, never a blank box."""

import ipywidgets as widgets

from filmkit.model import ethics
from filmkit.views import ethics_widgets


def _dropdowns(widget):
    found = []

    def walk(w):
        if isinstance(w, widgets.Dropdown):
            found.append(w)
        for child in getattr(w, "children", ()) or ():
            walk(child)

    walk(widget)
    return found


def test_case_genre_starts_on_all_and_comes_back_to_every_case():
    w = ethics_widgets.cases_widget()
    _sort_by, genre = _dropdowns(w)
    table = w.children[-1]
    assert genre.index == 0 and genre.label == "(all)"
    every = len(ethics.cases())
    assert table.value.count("<tr>") == every + 1
    genre.value = "documentary"
    assert table.value.count("<tr>") == len(ethics.cases(genre="documentary")) + 1 < every + 1
    genre.index = 0
    assert genre.label == "(all)" and table.value.count("<tr>") == every + 1
