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
