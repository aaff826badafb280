"""``filmkit slides OUT``: every module as static reveal.js slides that open without a network.

The slides follow each cell's ``slideshow.slide_type`` (see :mod:`filmkit.tools.notebook_meta`),
hide the code of folded cells, and show each widget's starting state (the table, text or figure
just before it) with a line saying where to use it live. reveal.js is copied next to the slides
from the folder ``npm ci --prefix tools`` fills (``tools/package.json`` pins its version), so
nothing is fetched from a CDN; live slides inside JupyterLab come from jupyterlab-rise.
"""

from __future__ import annotations

import argparse
import copy
import html
import os
import shutil
import sys
from pathlib import Path

import nbformat

from filmkit.model.files import atomic_write_text
from filmkit.tools.project import NotAKitCheckout, project_root

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
REVEAL_FOLDER = "reveal.js"
#: Where the kit looks for reveal.js, after $FILMKIT_REVEAL_JS.
REVEAL_IN_CHECKOUT = Path("tools") / "node_modules" / "reveal.js"

LIVE_NOTE = ('<p class="filmkit-live-note"><em>Interactive control: use it live in JupyterLab '
             '(or <code>filmkit app</code>). Its starting state is shown on the slide before.</em></p>')

TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_css -%}
<style>
.reveal .slides section { height: 100%; overflow-y: auto !important; text-align: left; }
.reveal table { font-size: 0.55em; }
.reveal img { max-height: 70vh; }
</style>
{%- endblock html_head_css -%}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, history: true, hash: true,
  transition: "{{ resources.reveal.transition | default('none', true) }}",
  slideNumber: true, plugins: [RevealNotes], width: 1280, height: 800
});
</script>
{% endblock footer_js %}
"""


class RevealMissing(RuntimeError):
    """reveal.js is not on this computer."""


def find_reveal(root: Path) -> Path:
    """The reveal.js folder to copy next to the slides."""
    candidates = [Path(os.environ["FILMKIT_REVEAL_JS"])] if os.environ.get("FILMKIT_REVEAL_JS") else []
    candidates.append(root / REVEAL_IN_CHECKOUT)
    for folder in candidates:
        if (folder / "dist" / "reveal.js").is_file():
            return folder
    raise RevealMissing(
        "reveal.js was not found (looked in " + ", ".join(str(c) for c in candidates) + "). "
        "Install it once, while online, with: npm ci --prefix tools   (or set FILMKIT_REVEAL_JS to a reveal.js folder)")


def slide_notebook(nb):
    """A copy of a module ready for slides: widget outputs replaced by a note, no widget state."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            if WIDGET_MIME in out.get("data", {}):
                out = nbformat.v4.new_output("display_data", data={"text/html": LIVE_NOTE, "text/plain": "(interactive control)"})
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                continue
            outputs.append(out)
        cell.outputs = outputs
    return nb


def exporter():
    from jinja2 import DictLoader
    from nbconvert import SlidesExporter

    ex = SlidesExporter(extra_loaders=[DictLoader({"filmkit_slides.html.j2": TEMPLATE})],
                        template_file="filmkit_slides.html.j2", reveal_url_prefix=REVEAL_FOLDER,
                        reveal_transition="none", reveal_theme="white", exclude_input_prompt=True, exclude_output_prompt=True)
    from nbconvert.preprocessors import TagRemovePreprocessor

    ex.register_preprocessor(TagRemovePreprocessor(remove_input_tags={"hide-input"}, enabled=True), enabled=True)
    return ex


def build(out: Path, notebooks: list[Path], reveal: Path) -> list[Path]:
    """Write one slide deck per notebook, an index page, and reveal.js into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / REVEAL_FOLDER
    if target.exists():
        shutil.rmtree(target)
    for part in ("dist", "plugin", "LICENSE"):
        source = reveal / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
        elif source.is_file():
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    ex = exporter()
    written = []
    for path in notebooks:
        nb = slide_notebook(nbformat.read(path, as_version=4))
        body, _resources = ex.from_notebook_node(nb, resources={"metadata": {"name": path.stem, "path": str(path.parent)}})
        deck = out / f"{path.stem}.slides.html"
        atomic_write_text(deck, body)
        deck.chmod(0o644)  # readable by a web server too
        written.append(deck)
    links = "".join(f'<li><a href="{html.escape(d.name)}">{html.escape(d.stem.removesuffix(".slides"))}</a></li>'
                    for d in written)
    atomic_write_text(out / "index.html", '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                      "<title>Slides: the Eternaut case</title></head><body><h1>Slides, one deck per module</h1>"
                      f"<ul>{links}</ul><p>Keys: arrows to move, Esc for an overview, S for speaker notes.</p></body></html>")
    (out / "index.html").chmod(0o644)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="filmkit slides",
                                     description="Write every module as static reveal.js slides that work offline.")
    parser.add_argument("out", type=Path, help="folder to write the slides into (created if missing)")
    parser.add_argument("notebooks", nargs="*", type=Path, help="modules to convert (default: every notebook in notebooks/)")
    args = parser.parse_args(argv)
    try:
        root = project_root()
        reveal = find_reveal(root)
    except (NotAKitCheckout, RevealMissing) as exc:
        print(f"filmkit slides: {exc}", file=sys.stderr)
        return 2
    notebooks = args.notebooks or sorted((root / "notebooks").glob("*.ipynb"))
    missing = [str(p) for p in notebooks if not p.is_file()]
    if missing:
        print(f"filmkit slides: not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    for deck in build(args.out, notebooks, reveal):
        print(deck)
    print(f"Open {args.out / 'index.html'} in a browser (no network needed).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
