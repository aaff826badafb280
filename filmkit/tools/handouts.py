"""``filmkit handouts OUT``: printable PDFs, made offline with Debian's Chromium.

Writes into OUT:

- ``module-NN-....pdf``: a reading version of every module (text, tables and figures, no code;
  each widget is replaced by a line pointing to it, its starting state is printed just before);
- ``quotes.pdf``: every quote the modules discuss, with speaker, date, status and source;
- ``claims-ledger.pdf``: the whole claims ledger;
- ``ethical-matrix-blank.pdf``: the stakeholders x values grid with room to write;
- ``exercises-....pdf``: each exercise sheet, with space to write under every question.

Each PDF is printed from a self-contained HTML page (images inline, no fonts or scripts
fetched), so it works without a network. Chromium is ``/usr/bin/chromium`` unless
``$FILMKIT_CHROMIUM`` names another.
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

from filmkit.model.files import atomic_write_text
from filmkit.tools.project import NotAKitCheckout, project_root

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
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
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
        return ('<p class="widget-note">Interactive control in the notebook: its starting state is printed just above; '
                "use it in JupyterLab or the app view.</p>")
    if "text/html" in data:
        return _printable(data["text/html"])
    if "image/png" in data:
        return f'<img src="data:image/png;base64,{data["image/png"]}" alt="{html.escape(data.get("text/plain", "Figure"))}">'
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
    """A cell where the student writes: marked as an answer, or a short placeholder such as *Write your answer here.*"""
    if cell.metadata.get("filmkit", {}).get("answer"):
        return True
    text = cell.source.strip().lower()
    return len(text) < 80 and re.match(r"^\W*(write|type) your answer", text) is not None


def is_answer_code(cell) -> bool:
    source = cell.source
    return "ask(" in source or re.search(r"(?<![\w.])\.\.\.(?![\w.])", source) is not None


def exercise_sheet(nb) -> str:
    """An exercise notebook on paper: the questions, and a box to write in under each."""
    parts = ['<p class="write-label">Name: ______________________________ &nbsp; Date: ______________</p>']
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if is_answer_markdown(cell):
                parts.append('<div class="answer"><p class="write-label">Your answer:</p><div class="write long"></div></div>')
            else:
                parts.append(markdown(cell.source))
        elif cell.cell_type == "code":
            if is_answer_code(cell):
                parts.append('<div class="answer"><p class="write-label">Your answer (a value, with its unit):</p>'
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
    return ("<h1>The quotes the modules discuss</h1><p>Every quote with its speaker, date, status in the claims ledger "
            "and source. <em>Status</em> says how well it is supported; <em>evidence</em> says what kind of source "
            f"reports it.</p>{_printable(table)}")


def ledger_page() -> str:
    from filmkit.model.claims import claims_ledger, status_counts
    from filmkit.views.claims_views import ledger_table

    ledger = claims_ledger()
    counts = ", ".join(f"{n} {s}" for s, n in status_counts(ledger).itertuples(index=False) if n)
    table = ledger_table(ledger, f"The claims ledger: {len(ledger)} claims")._repr_mimebundle_()["text/html"]
    return (f"<h1>The claims ledger</h1><p>{len(ledger)} claims: {html.escape(counts)}. Unverified and misattributed "
            f"claims are kept on purpose, so they can be recognised.</p>{_printable(table)}")


def matrix_page() -> str:
    from filmkit.model.ethics import RATINGS, EthicalMatrix

    matrix = EthicalMatrix()
    head = "".join(f'<th scope="col">{html.escape(v)}</th>' for v in matrix.values)
    rows = "".join(f'<tr><th scope="row">{html.escape(s)}</th>' + "<td></td>" * len(matrix.values) + "</tr>"
                   for s in matrix.stakeholders)
    return ("<h1>Ethical matrix</h1><p>For each stakeholder (row) and value (column), write a rating "
            f"({', '.join(RATINGS)}) and one reason, with its source where you have one. Leave a cell empty if it "
            "does not apply, and add rows for groups the matrix leaves out.</p>"
            f'<table class="matrix"><caption>Stakeholders x values</caption><thead><tr><th scope="col">Stakeholder</th>'
            f"{head}</tr></thead><tbody>{rows}</tbody></table>"
            '<p class="write-label">Name: ______________________ &nbsp; Proposed use discussed: ______________________</p>')


class ChromiumMissing(RuntimeError):
    """No Chromium to print with."""


def chromium() -> str:
    candidate = os.environ.get("FILMKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(candidate).exists():
        raise ChromiumMissing(f"Chromium not found ({candidate}): install Debian's package 'chromium' "
                              "(apt-get install chromium) or set FILMKIT_CHROMIUM")
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
        raise RuntimeError(f"Chromium could not print {html_file.name}: {done.stderr.strip()[-500:]}")


def exercise_notebooks(root: Path) -> list[Path]:
    """The student exercise sheets: exercises/student/ when it exists, else the notebooks in exercises/."""
    student = sorted((root / "exercises" / "student").glob("*.ipynb"))
    return student or sorted((root / "exercises").glob("*.ipynb"))


def documents(root: Path) -> dict[str, tuple[str, str]]:
    """File name -> (title, HTML body) of every handout."""
    modules = sorted((root / "notebooks").glob("*.ipynb"))
    docs = {}
    for path in modules:
        nb = nbformat.read(path, as_version=4)
        title = nb.cells[0].source.split("\n", 1)[0].lstrip("# ").strip() if nb.cells else path.stem
        docs[f"module-{path.stem}.pdf"] = (title, reading_version(nb) + f'<p class="footer">From notebooks/{path.name}.</p>')
    docs["quotes.pdf"] = ("Quotes", quotes_page(quoted_ids(modules)))
    docs["claims-ledger.pdf"] = ("Claims ledger", ledger_page())
    docs["ethical-matrix-blank.pdf"] = ("Ethical matrix", matrix_page())
    for path in exercise_notebooks(root):
        nb = nbformat.read(path, as_version=4)
        title = nb.cells[0].source.split("\n", 1)[0].lstrip("# ").strip() if nb.cells else path.stem
        docs[f"exercises-{path.stem}.pdf"] = (title, exercise_sheet(nb))
    return docs


def build(out: Path, root: Path, only: list[str] | None = None) -> list[Path]:
    browser = chromium()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="filmkit-handouts-") as work:
        for name, (title, body) in documents(root).items():
            if only and not any(part in name for part in only):
                continue
            source = Path(work) / (Path(name).stem + ".html")
            atomic_write_text(source, page(title, body))
            pdf = out / name
            print_pdf(source, pdf, browser)
            written.append(pdf)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="filmkit handouts",
                                     description="Write printable PDFs (modules without code, quotes, claims ledger, "
                                                 "blank ethical matrix, exercise sheets) with Chromium, offline.")
    parser.add_argument("out", type=Path, help="folder to write the PDFs into (created if missing)")
    parser.add_argument("--only", nargs="*", metavar="PART", help="only the handouts whose file name contains PART")
    args = parser.parse_args(argv)
    try:
        written = build(args.out, project_root(), args.only)
    except (NotAKitCheckout, ChromiumMissing, RuntimeError) as exc:
        print(f"filmkit handouts: {exc}", file=sys.stderr)
        return 2
    for pdf in written:
        print(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
