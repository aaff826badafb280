"""Figures carry alt text; tables carry captions and headers; both read as plain text."""

import pandas as pd
import pytest

from filmkit.views import figures, palette, tables


def test_figure_bundle_has_alt_text_png_and_plain_text():
    fig = figures.new_figure()
    fig.add_subplot().bar(["a", "b"], [1, 2])
    bundle = figures.show_figure(fig, 'Two bars: "a" is 1, b is 2', "Caption here")._repr_mimebundle_()
    assert 'alt="Two bars: &quot;a&quot; is 1, b is 2"' in bundle["text/html"]
    assert "<figcaption>Caption here</figcaption>" in bundle["text/html"]
    assert bundle["image/png"].startswith("iVBOR")  # base64 of the PNG signature
    assert bundle["text/plain"].startswith("[Figure: Two bars")


def test_figure_without_alt_text_is_refused():
    with pytest.raises(ValueError, match="alt"):
        figures.show_figure(figures.new_figure(), "  ")


def test_figure_view_pushes_an_image_with_alt_text():
    fig = figures.new_figure()
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    view = figures.FigureView(fig)
    view.push("rising line")
    first = view.widget.value
    line.set_ydata([1, 0])
    view.push("falling line")
    assert 'alt="falling line"' in view.widget.value and first != view.widget.value


def test_table_html_is_accessible_and_text_is_untruncated():
    df = pd.DataFrame({"name": ["<b>x</b>", "y"], "url": ["https://a.example/", ""], "long": ["z" * 300, "w"]})
    t = tables.show_table(df, "Cap", links={"name": "url"})
    bundle = t._repr_mimebundle_()
    assert "<caption>Cap</caption>" in bundle["text/html"]
    assert '<th scope="col">name</th>' in bundle["text/html"]
    assert "&lt;b&gt;x&lt;/b&gt;" in bundle["text/html"]  # escaped, not injected
    assert '<a href="https://a.example/"' in bundle["text/html"]
    assert "url" not in bundle["text/plain"].splitlines()[1]
    assert "z" * 300 in bundle["text/plain"]


def test_empty_table_says_so():
    assert "(no rows)" in tables.table_text(pd.DataFrame({"a": []}))


def test_palette_is_okabe_ito_and_distinct():
    colours = [palette.colour(i) for i in range(8)]
    assert len(set(colours)) == 8 and set(colours) == set(palette.OKABE_ITO.values())
    assert len({palette.marker(i) for i in range(8)}) == 8


class _Pseudo:
    """A stand-in catalog: every message comes back marked, so a test sees what went through gettext."""

    def gettext(self, message):
        return f"<{message}>"

    def ngettext(self, singular, plural, n):
        return f"<{singular if n == 1 else plural}>"

    def pgettext(self, context, message):
        return f"{context}:{message}"


def test_a_table_is_translated_when_shown_not_when_built(monkeypatch):
    import filmkit.i18n

    df = pd.DataFrame({"basis": ["sourced", "assumption"], "quote": ["¡Hola!", "Bonjour"],
                       "quote_translation": ["", None], "count": [1, 2]})
    t = tables.show_table(df, "Cap", collapsed=True)
    english = t._repr_mimebundle_()
    assert "quote_translation" not in english["text/plain"] and "quote_translation" not in english["text/html"]
    assert english["text/plain"].splitlines()[1].split() == ["basis", "quote", "count"]
    monkeypatch.setattr(filmkit.i18n, "translations", lambda: _Pseudo())
    monkeypatch.setattr(tables, "vocabulary", lambda: {("basis", "sourced"): "con fuente"})
    shown = t._repr_mimebundle_()
    assert '<th scope="col">column:basis</th>' in shown["text/html"] and "<td>con fuente</td>" in shown["text/html"]
    assert "<td>assumption</td>" in shown["text/html"]  # a value the vocabulary lacks stays as it is
    assert "<summary>&lt;Cap (click to open)&gt;</summary>" in shown["text/html"]
    assert shown["text/plain"].splitlines()[1].split() == ["column:basis", "column:quote", "column:count"]
    assert "con fuente" in shown["text/plain"]
    assert list(df.columns) == ["basis", "quote", "quote_translation", "count"] and df["basis"][0] == "sourced"
    assert tables.table_text(df.iloc[:0]) == "<(no rows)>"


def test_a_translation_column_with_text_is_shown():
    df = pd.DataFrame({"quote": ["¡Hola!"], "quote_translation": ["Hello!"]})
    assert "Hello!" in tables.table_text(df) and "translation (English)" in tables.table_html(df)
