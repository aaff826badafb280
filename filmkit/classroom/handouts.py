"""``filmkit handouts OUT``: printable PDFs, made offline with Debian's Chromium.

Writes into OUT:

- ``module-NN-....pdf``: a reading version of every module (text, tables and figures, no code;
  each widget is replaced by a line pointing to it, its starting state is printed just before);
- ``quotes.pdf``: every quote the modules discuss, with speaker, date, status and source;
- ``claims-ledger.pdf``: the whole claims ledger;
- ``ethical-matrix-blank.pdf``: the stakeholders x values grid with room to write;
- ``exercises-....pdf``: each exercise sheet, with space to write under every question.

Each PDF is printed from a self-contained HTML page (images inline, no fonts or scripts
fetched), so it works without a network. The browser is ``$FILMKIT_CHROMIUM`` if set, else Debian's
``chromium-headless-shell`` (made for pages without a screen: a third of the CPU time of a full Chromium
per PDF), else ``chromium``.

``--lang es`` (default: ``$FILMKIT_LANG``) prints the Spanish edition: the modules of
``notebooks/es/``, the sheets of ``exercises/es/``, and the quotes, ledger and matrix with the
kit's words in Spanish; ``--lang all`` writes one subfolder per language (``OUT/en``, ``OUT/es``, ...).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from filmkit.i18n import N_, _, language, ngettext, number, pgettext
from filmkit.model.files import FolderRefused, OutputFolder, atomic_write_bytes, atomic_write_text, os_reason
from filmkit.tools.project import NotAKitCheckout, project_root
from filmkit.classroom.release import ALL, edition_folder, languages_of, printed_output_arguments, speaking

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
QUOTES_CALL = re.compile(r"quotes_table\(\s*\[([^\]]*)\]")

CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; break-after: avoid; } h3 { font-size: 12pt; break-after: avoid; }
table { border-collapse: collapse; font-size: 8pt; margin: 0.5em 0; width: 100%; }
th, td { border: 1px solid #999; padding: 2px 4px; vertical-align: top; text-align: left; }
tr { break-inside: avoid; }
caption { font-weight: bold; text-align: left; margin-bottom: 2px; }
img { max-width: 100%; height: auto; break-inside: avoid; }
figure { margin: 0.5em 0; break-inside: avoid; }
pre { white-space: pre-wrap; font-size: 9pt; background: #f4f4f4; padding: 4px; }
a { color: #0b4f8a; }
.widget-note { font-style: italic; color: #333; border-left: 3px solid #999; padding-left: 6px; }
.write { border: 1px solid #555; margin: 6px 0 14px; break-inside: avoid;
         background: repeating-linear-gradient(to bottom, #fff 0, #fff 9mm, #bbb 9mm, #bbb calc(9mm + 1px)); }
.write.short { height: 20mm; } .write.long { height: 80mm; }
.write-label { font-size: 8.5pt; color: #444; margin: 0; }
.answer { break-inside: avoid; }
a.anchor-link { display: none; }
.matrix td { height: 30mm; width: 16%; }
.matrix th[scope=row] { width: 16%; }
.footer { margin-top: 1.5em; font-size: 8pt; color: #444; }
"""


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="{language()}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body>{body}</body></html>")


def markdown(text: str) -> str:
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def _printable(fragment: str) -> str:
    """Folded parts (``<details>``) open on paper."""
    return re.sub(r"<details(?![^>]*\bopen\b)", "<details open", fragment)


def output_html(out) -> str:
    """One cell output as HTML for paper; empty for outputs that do not print."""
    kind = out.get("output_type")
    if kind == "stream":
        return "" if out.get("name") == "stderr" else f"<pre>{html.escape(out.get('text', ''))}</pre>"
    if kind == "error":
        return ""
    data = out.get("data", {})
    if WIDGET_MIME in data:
        note = _("Interactive control in the notebook: its starting state is printed just above; use it in "
                 "JupyterLab or the app view.")
        return f'<p class="widget-note">{html.escape(note)}</p>'
    if "text/html" in data:
        return _printable(data["text/html"])
    if "image/png" in data:
        alt = data.get("text/plain") or _("Figure")
        return f'<img src="data:image/png;base64,{data["image/png"]}" alt="{html.escape(alt)}">'
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def reading_version(nb) -> str:
    """A module without code: its text and its outputs, in order."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(markdown(cell.source))
        elif cell.cell_type == "code":
            parts.extend(output_html(o) for o in cell.get("outputs", []))
    return "\n".join(p for p in parts if p)


def is_answer_markdown(cell) -> bool:
    """A cell where the student writes: marked as an answer (any edition), or a short English placeholder
    such as *Write your answer here.* in a sheet without the metadata."""
    if cell.metadata.get("filmkit", {}).get("answer"):
        return True
    text = cell.source.strip().lower()
    return len(text) < 80 and re.match(r"^\W*(write|type) your answer", text) is not None


def is_answer_code(cell) -> bool:
    source = cell.source
    return "ask(" in source or re.search(r"(?<![\w.])\.\.\.(?![\w.])", source) is not None


def exercise_sheet(nb) -> str:
    """An exercise notebook on paper: the questions, and a box to write in under each."""
    e = html.escape
    name_line = e(_("Name: {blank} Date: {short_blank}")).format(
        blank="______________________________ &nbsp;", short_blank="______________")
    written = e(_("Your answer:"))
    value = e(_("Your answer (a value, with its unit):"))
    parts = [f'<p class="write-label">{name_line}</p>']
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if is_answer_markdown(cell):
                parts.append(f'<div class="answer"><p class="write-label">{written}</p><div class="write long"></div></div>')
            else:
                parts.append(markdown(cell.source))
        elif cell.cell_type == "code":
            if cell.metadata.get("filmkit", {}).get("answer"):   # a written task's text box: room to write
                parts.append(f'<div class="answer"><p class="write-label">{written}</p>'
                             '<div class="write long"></div></div>')
            elif is_answer_code(cell):
                parts.append(f'<div class="answer"><p class="write-label">{value}</p>'
                             '<div class="write short"></div></div>')
            else:
                parts.extend(output_html(o) for o in cell.get("outputs", []) if WIDGET_MIME not in o.get("data", {}))
    return "\n".join(p for p in parts if p)


def quoted_ids(notebooks) -> list[str]:
    """Claim ids the modules quote (``quotes_table([...])`` calls), in first-seen order."""
    seen = []
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for group in QUOTES_CALL.findall(cell.source):
                    for cid in re.findall(r"['\"]([^'\"]+)['\"]", group):
                        if cid not in seen:
                            seen.append(cid)
    return seen


def quotes_page(ids) -> str:
    from filmkit.views.claims_views import quotes_table

    table = quotes_table(ids)._repr_mimebundle_()["text/html"]
    heading = html.escape(_("The quotes the modules discuss"))
    intro = html.escape(_("Every quote with its speaker, date, status in the claims ledger and source. {status} says "
                          "how well it is supported; {evidence} says what kind of source reports it.")).format(
        status=f"<em>{html.escape(_('Status'))}</em>", evidence=f"<em>{html.escape(pgettext('ledger column', 'evidence'))}</em>")
    return f"<h1>{heading}</h1><p>{intro}</p>{_printable(table)}"


def ledger_page() -> str:
    from filmkit.model.claims import claims_ledger, status_counts
    from filmkit.views.claims_views import ledger_table

    from filmkit.model.data import vocabulary

    ledger = claims_ledger()
    shown = vocabulary()
    counts = ", ".join(_("{count} {status}").format(count=number(n), status=shown.get(("status", s), s))
                          for s, n in status_counts(ledger).itertuples(index=False) if n)
    total = len(ledger)
    caption = ngettext("The claims ledger: {count} claim", "The claims ledger: {count} claims", total).format(
        count=number(total))
    table = ledger_table(ledger, caption)._repr_mimebundle_()["text/html"]
    intro = ngettext("{count} claim: {counts}. Unverified and misattributed claims are kept on purpose, so they can "
                     "be recognised.",
                     "{count} claims: {counts}. Unverified and misattributed claims are kept on purpose, so they can "
                     "be recognised.", total).format(count=number(total), counts=counts)
    heading = _("The claims ledger")
    return f"<h1>{html.escape(heading)}</h1><p>{html.escape(intro)}</p>{_printable(table)}"


def matrix_page() -> str:
    from filmkit.model.ethics import RATINGS, EthicalMatrix

    e = html.escape
    matrix = EthicalMatrix()
    head = "".join(f'<th scope="col">{e(v)}</th>' for v in matrix.values)
    rows = "".join(f'<tr><th scope="row">{e(s)}</th>' + "<td></td>" * len(matrix.values) + "</tr>"
                   for s in matrix.stakeholders)
    ratings = ", ".join(_(RATING_WORDS.get(r, r)) for r in RATINGS)
    intro = _("For each stakeholder (row) and value (column), write a rating ({ratings}) and one reason, with its "
              "source where you have one. Leave a cell empty if it does not apply, and add rows for groups the matrix "
              "leaves out.").format(ratings=ratings)
    caption, corner, heading = _("Stakeholders x values"), _("Stakeholder"), _("Ethical matrix")
    footer = e(_("Name: {name_blank} Proposed use discussed: {use_blank}")).format(
        name_blank="______________________ &nbsp;", use_blank="______________________")
    return (f"<h1>{e(heading)}</h1><p>{e(intro)}</p>"
            f'<table class="matrix"><caption>{e(caption)}</caption><thead><tr><th scope="col">{e(corner)}</th>'
            f"{head}</tr></thead><tbody>{rows}</tbody></table>"
            f'<p class="write-label">{footer}</p>')


#: the ethical matrix's ratings as a reader sees them (the model's values stay English)
RATING_WORDS = {"serves": N_("serves"), "mixed": N_("mixed"), "harms": N_("harms"), "not relevant": N_("not relevant")}


class ChromiumMissing(RuntimeError):
    """No Chromium to print with."""


def chromium() -> str:
    candidate = (os.environ.get("FILMKIT_CHROMIUM") or shutil.which("chromium-headless-shell")
                 or shutil.which("chromium") or "/usr/bin/chromium")
    if not Path(candidate).exists():
        raise ChromiumMissing(_("Chromium not found ({path}): install Debian's package 'chromium' ({command}) or set "
                                "FILMKIT_CHROMIUM").format(path=candidate, command="apt-get install chromium"))
    return candidate


def print_pdf(html_file: Path, pdf: Path, browser: str) -> None:
    """Print one local HTML file to PDF with headless Chromium, with no network."""
    with tempfile.TemporaryDirectory(prefix="filmkit-print-") as profile:
        args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-pdf-header-footer", f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                html_file.resolve().as_uri()]
        done = subprocess.run(args, capture_output=True, text=True, timeout=180)
    if done.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise RuntimeError(_("Chromium could not print {file}: {error}").format(
            file=html_file.name, error=done.stderr.strip()[-500:]))


def exercise_notebooks(root: Path, lang: str = "en") -> list[Path]:
    """The student exercise sheets of an edition: exercises/[<lang>/]student/ when it exists, else the
    notebooks in exercises/ (exercises/<lang>/)."""
    folder = edition_folder(root, "exercises", lang)
    student = sorted((folder / "student").glob("*.ipynb"))
    return student or sorted(folder.glob("*.ipynb"))


def module_notebooks(root: Path, lang: str = "en") -> list[Path]:
    """The modules of an edition: ``notebooks/*.ipynb``, ``notebooks/es/*.ipynb``."""
    return sorted(edition_folder(root, "notebooks", lang).glob("*.ipynb"))


def documents(root: Path, lang: str | None = None) -> dict[str, tuple[str, str]]:
    """File name -> (title, HTML body) of every handout of the edition ``lang`` (default: the language in use).

    Everything is made in that language: the kit's words, and the data's (read while it is in use).
    """
    with speaking(lang) as code:
        return _documents(Path(root), code)


def _title(nb, path: Path) -> str:
    """A notebook's title: its first heading, past the cells an edition adds first (the language switch)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.strip():
            return cell.source.split("\n", 1)[0].lstrip("# ").strip()
    return path.stem


def _documents(root: Path, lang: str) -> dict[str, tuple[str, str]]:
    modules = module_notebooks(root, lang)
    docs = {}
    for path in modules:
        nb = nbformat.read(path, as_version=4)
        where = html.escape(_("From {path}.").format(path=path.relative_to(root).as_posix()))
        docs[f"module-{path.stem}.pdf"] = (_title(nb, path), reading_version(nb) + f'<p class="footer">{where}</p>')
    docs["quotes.pdf"] = (_("Quotes"), quotes_page(quoted_ids(modules)))
    docs["claims-ledger.pdf"] = (_("Claims ledger"), ledger_page())
    docs["ethical-matrix-blank.pdf"] = (_("Ethical matrix"), matrix_page())
    for path in exercise_notebooks(root, lang):
        nb = nbformat.read(path, as_version=4)
        docs[f"exercises-{path.stem}.pdf"] = (_title(nb, path), exercise_sheet(nb))
    return docs


class NothingToPrint(RuntimeError):
    """The edition asked for is not built."""


def build(out: Path, root: Path, only: list[str] | None = None, lang: str | None = None,
          force: bool = False) -> list[Path]:
    """Print every handout of the edition ``lang`` (default: the language in use) into ``out``.

    ``lang="all"``: every edition, each in its subfolder ``out/<lang>``. Only the handouts' own files are
    written: a file already in ``out`` that this command did not write is replaced only with ``force``,
    and nothing is deleted.
    """
    for code in languages_of(lang):
        if not module_notebooks(root, code):
            raise NothingToPrint(_("no notebooks in {folder}: build the edition first (filmkit translate build).")
                                 .format(folder=edition_folder(root, "notebooks", code)))
    for code in languages_of(lang):  # a file given as the folder is said before minutes of work
        OutputFolder(Path(out) / code if lang == ALL else Path(out), "filmkit handouts", force).check_place()
    browser = chromium()
    planned = []
    for code in languages_of(lang):
        with speaking(code if lang == ALL else lang):
            pages = {name: doc for name, doc in documents(root).items()
                     if not only or any(part in name for part in only)}
        if not pages:
            raise NothingToPrint(_("no handout's file name contains {parts}; the handouts are: {names}").format(
                parts=", ".join(map(repr, only or [])), names=", ".join(documents(root))))
        target = Path(out) / code if lang == ALL else Path(out)
        folder = OutputFolder(target, "filmkit handouts", force)
        folder.claim(list(pages))  # before anything is printed: nothing is written if one name is taken
        planned.append((folder, pages))
    written = []
    for folder, pages in planned:
        with tempfile.TemporaryDirectory(prefix="filmkit-handouts-") as work:
            for name, (title, body) in pages.items():
                source = Path(work) / (Path(name).stem + ".html")
                atomic_write_text(source, page(title, body))
                printed = Path(work) / name  # printed aside, then moved in whole: never a half-written PDF
                print_pdf(source, printed, browser)
                written.append(atomic_write_bytes(folder.folder / name, printed.read_bytes()))
            folder.record(list(pages))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="filmkit handouts",
                                     description=_("Write printable PDFs (modules without code, quotes, claims ledger, "
                                                   "blank ethical matrix, exercise sheets) with Chromium, offline."))
    parser.add_argument("out", type=Path, help=_("folder to write the PDFs into (created if missing)"))
    parser.add_argument("--only", nargs="*", metavar="PART", help=_("only the handouts whose file name contains PART"))
    printed_output_arguments(parser)
    args = parser.parse_args(argv)
    with speaking(args.lang):
        try:
            written = build(args.out, project_root(), args.only, args.lang, force=args.force)
        except (NotAKitCheckout, ChromiumMissing, NothingToPrint, FolderRefused, RuntimeError) as exc:
            print(_("filmkit handouts: {error}").format(error=exc), file=sys.stderr)
            return 2
        except OSError as exc:
            print(_("filmkit handouts: could not write into {folder}: {reason}").format(
                folder=args.out, reason=os_reason(exc)), file=sys.stderr)
            return 2
    for pdf in written:
        print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
