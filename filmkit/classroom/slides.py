"""``filmkit slides OUT``: every module as static reveal.js slides that open without a network.

The slides follow each cell's ``slideshow.slide_type`` (see :mod:`filmkit.tools.notebook_meta`),
hide the code of folded cells, and show each widget's starting state (the table, text or figure
just before it) with a line saying where to use it live. reveal.js is copied next to the slides
from the folder ``npm ci --prefix tools`` fills (``tools/package.json`` pins its version), so
nothing is fetched from a CDN; live slides inside JupyterLab come from jupyterlab-rise.

``--lang es`` (default: ``$FILMKIT_LANG``) converts the Spanish edition (``notebooks/es/``), with
the slides' own words (the index page, the note standing for a widget) in Spanish; ``--lang all``
writes one subfolder per language (``OUT/en``, ``OUT/es``, ``OUT/fr``) and an index of them.
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

from filmkit.i18n import LANGUAGES, N_, _, language
from filmkit.model.files import FolderRefused, OutputFolder, atomic_write_text, os_reason
from filmkit.tools.project import NotAKitCheckout, project_root
from filmkit.classroom.release import ALL, edition_folder, languages_of, printed_output_arguments, speaking

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
REVEAL_FOLDER = "reveal.js"
#: Where the kit looks for reveal.js, after $FILMKIT_REVEAL_JS.
REVEAL_IN_CHECKOUT = Path("tools") / "node_modules" / "reveal.js"

LIVE_NOTE_TEXT = N_("Interactive control: use it live in JupyterLab (or {command}). Its starting state is shown on "
                    "the slide before.")


def live_note() -> str:
    """The note that stands for a widget on a slide, in the language in use."""
    text = html.escape(_(LIVE_NOTE_TEXT)).format(command="<code>filmkit app</code>")
    return f'<p class="filmkit-live-note"><em>{text}</em></p>'


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
    raise RevealMissing(_(
        "reveal.js was not found (looked in {places}). Install it once, while online, with: {command}   "
        "(or set FILMKIT_REVEAL_JS to a reveal.js folder)").format(
            places=", ".join(str(c) for c in candidates), command="npm ci --prefix tools"))


def slide_notebook(nb):
    """A copy of a module ready for slides: widget outputs replaced by a note (in the language in use), no widget state."""
    note, plain = live_note(), _("(interactive control)")
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            if WIDGET_MIME in out.get("data", {}):
                out = nbformat.v4.new_output("display_data", data={"text/html": note, "text/plain": plain})
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


def reveal_files(reveal: Path) -> list[tuple[Path, str]]:
    """(file to copy, its path in the slides folder) for the parts of reveal.js the slides load."""
    skip = shutil.ignore_patterns("*.map", "*.esm.js")
    found = []
    for part in ("dist", "plugin", "LICENSE"):
        source = reveal / part
        if source.is_file():
            found.append((source, f"{REVEAL_FOLDER}/{part}"))
        for folder, subfolders, names in os.walk(source):
            subfolders[:] = [d for d in subfolders if d not in skip(folder, subfolders)]
            for name in sorted(set(names) - set(skip(folder, names))):
                file = Path(folder) / name
                found.append((file, f"{REVEAL_FOLDER}/{file.relative_to(reveal).as_posix()}"))
    return found


def build(out: Path, notebooks: list[Path], reveal: Path, force: bool = False) -> list[Path]:
    """Write one slide deck per notebook, an index page, and reveal.js into ``out``, in the language in use.

    Only these files are written; one already in ``out`` that this command did not write is replaced
    only with ``force``, and nothing in ``out`` is deleted (a theme of your own beside reveal.js stays).
    """
    modules = [(path, slide_notebook(read_module(path))) for path in notebooks]  # all readable before writing
    copies = reveal_files(reveal)
    names = [f"{path.stem}.slides.html" for path in notebooks] + ["index.html"] + [rel for _file, rel in copies]
    folder = OutputFolder(out, "filmkit slides", force)
    folder.claim(names)
    for source, rel in copies:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, out / rel)
    ex = exporter()
    written = []
    for path, nb in modules:
        body, _resources = ex.from_notebook_node(nb, resources={"metadata": {"name": path.stem, "path": str(path.parent)}})
        deck = out / f"{path.stem}.slides.html"
        atomic_write_text(deck, body)
        deck.chmod(0o644)  # readable by a web server too
        written.append(deck)
    links = "".join(f'<li><a href="{html.escape(d.name)}">{html.escape(d.stem.removesuffix(".slides"))}</a></li>'
                    for d in written)
    title, heading = _("Slides: the Eternaut case"), _("Slides, one deck per module")
    keys = _("Keys: arrows to move, Esc for an overview, S for speaker notes.")
    atomic_write_text(out / "index.html", f'<!DOCTYPE html><html lang="{language()}"><head><meta charset="utf-8">'
                      f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(heading)}</h1>"
                      f"<ul>{links}</ul><p>{html.escape(keys)}</p></body></html>")
    (out / "index.html").chmod(0o644)
    folder.record(names)
    return written


def editions_index(out: Path, langs: list[str], force: bool = False) -> Path:
    """``out/index.html`` linking each language's slides (``--lang all``)."""
    folder = OutputFolder(out, "filmkit slides", force)
    folder.claim(["index.html"])
    links = "".join(f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">{html.escape(LANGUAGES[code])}</a>'
                    "</li>" for code in langs)
    title = _("Slides: the Eternaut case")
    atomic_write_text(out / "index.html", f'<!DOCTYPE html><html lang="{language()}"><head><meta charset="utf-8">'
                      f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
                      f"<ul>{links}</ul></body></html>")
    (out / "index.html").chmod(0o644)
    folder.record(["index.html"])
    return out / "index.html"


def module_notebooks(root: Path, lang: str) -> list[Path]:
    """The modules of an edition: ``notebooks/*.ipynb``, ``notebooks/es/*.ipynb``."""
    return sorted(edition_folder(root, "notebooks", lang).glob("*.ipynb"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="filmkit slides",
                                     description=_("Write every module as static reveal.js slides that work offline."))
    parser.add_argument("out", type=Path, help=_("folder to write the slides into (created if missing)"))
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help=_("modules to convert (default: every notebook of the edition, e.g. notebooks/ or "
                               "notebooks/es/)"))
    printed_output_arguments(parser)
    args = parser.parse_args(argv)
    with speaking(args.lang):
        return _main(args)


class NothingToConvert(RuntimeError):
    """No module to convert: the edition is not built, or a named notebook is not there."""


def read_module(path: Path):
    """A notebook to convert, or NothingToConvert saying why it cannot be read."""
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - not JSON, not a notebook, not UTF-8, unreadable
        raise NothingToConvert(_("{file} cannot be read as a notebook ({error})").format(
            file=path, error=str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__)) from None


def plan(root: Path, lang: str | None, notebooks: list[Path], out: Path) -> list[tuple[str, Path, list[Path]]]:
    """What to write: (language, folder, modules) per edition; ``lang`` as ``--lang`` takes it."""
    if notebooks and lang == ALL:
        raise NothingToConvert(_("name the modules of one edition, or use --lang all without naming modules."))
    steps = []
    for code in languages_of(lang):
        chosen = list(notebooks) or module_notebooks(root, code)
        if not chosen:
            raise NothingToConvert(_("no notebooks in {folder}: build the edition first (filmkit translate build).")
                                   .format(folder=edition_folder(root, "notebooks", code)))
        missing = [str(p) for p in chosen if not p.is_file()]
        if missing:
            raise NothingToConvert(_("not found: {files}").format(files=", ".join(missing)))
        steps.append((code, Path(out) / code if lang == ALL else Path(out), chosen))
    return steps


def _main(args) -> int:
    try:
        root = project_root()
        steps = plan(root, args.lang, args.notebooks, args.out)
        reveal = find_reveal(root)
    except (NotAKitCheckout, RevealMissing, NothingToConvert) as exc:
        print(_("filmkit slides: {error}").format(error=exc), file=sys.stderr)
        return 2
    try:
        if args.lang == ALL:  # the editions' index is claimed first: nothing is written if it is someone else's
            OutputFolder(args.out, "filmkit slides", args.force).claim(["index.html"])
        for code, out, notebooks in steps:
            with speaking(code if args.lang == ALL else None):
                for deck in build(out, notebooks, reveal, args.force):
                    print(deck)
        if args.lang == ALL:
            editions_index(args.out, [code for code, _out, _nbs in steps], args.force)
    except (FolderRefused, NothingToConvert) as exc:
        print(_("filmkit slides: {error}").format(error=exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(_("filmkit slides: could not write into {folder}: {reason}").format(
            folder=args.out, reason=os_reason(exc)), file=sys.stderr)
        return 2
    print(_("Open {page} in a browser (no network needed).").format(page=args.out / "index.html"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
