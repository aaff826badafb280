"""The Spanish and French editions, built from the English text and kept in step with it.

    filmkit translate extract          # refresh every template and catalog from the English
    filmkit translate build [--execute] [--lang es]
    filmkit translate check            # exit 1: missing, fuzzy or stale translation; edition out of date
    filmkit translate status           # how much of each catalog is translated

English is the source. Four kinds of catalog hold the translations (see docs/translating.md):

- the package's strings: ``filmkit/locale/<lang>/LC_MESSAGES/filmkit.po`` (Babel extracts every
  ``_()``/``ngettext``/``pgettext``/``N_`` of the package and ``kit.tr(...)`` of the notebooks);
- the notebooks' prose: ``translations/<lang>/<folder>/<name>.po``, one entry per markdown cell;
- the documents: ``translations/<lang>/docs/<name>.po``, one entry per paragraph, list, table or heading;
- the data tables' own words: ``data/translations_<lang>.csv`` (see :mod:`filmkit.model.data`).

An edition's notebook is the English notebook with its markdown cells translated, links pointed
at the edition's files, and one code cell added after the title: the language switch. Code cells
are never translated, so every edition computes exactly what the English one does.
"""

from __future__ import annotations

import copy
import csv
import html
import io
import json
import os
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from filmkit.i18n import LANGUAGES, catalog_path, use_language
from filmkit.model.files import atomic_write_text
from filmkit.tools.project import project_root, shown

EDITIONS = [lang for lang in LANGUAGES if lang != "en"]
SWITCH_ID = "language-switch"
FIXED_DATE = __import__("datetime").datetime(2026, 1, 1, tzinfo=__import__("datetime").timezone.utc)
KEYWORDS = {"_": None, "N_": None, "tr": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}

#: notebooks translated cell by cell: (English folder, pattern)
NOTEBOOK_SETS = [("notebooks", "*.ipynb"), ("apps", "*.ipynb"), ("instructors/exercises", "*.ipynb")]
#: documents translated block by block: English file -> edition file (``{lang}`` filled in)
DOCUMENTS = {
    "docs/glossary.md": "docs/{lang}/glossary.md",
    "docs/instructor_guide.md": "docs/{lang}/instructor_guide.md",
    "docs/running_a_class.md": "docs/{lang}/running_a_class.md",
    "docs/students_readme.md": "docs/{lang}/students_readme.md",
    "exercises/README.md": "exercises/{lang}/README.md",
    "exercises/summative_assignment.md": "exercises/{lang}/summative_assignment.md",
}
MARKED = re.compile(r"\b(?:tr|_|N_|ngettext|pgettext)\(")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:[:!][^{}]*)?\}")
LINK = re.compile(r"(\]\(|src=\"|href=\")([^)\"#\s]+)(#[^)\"\s]*)?")
FENCE = re.compile(r"^(```|~~~)")


class EditionError(RuntimeError):
    """An edition cannot be built or checked (a catalog is unreadable, a file is missing)."""


# ---- catalogs --------------------------------------------------------------------------------

def _read_po(path: Path, lang: str | None = None):
    from babel.messages.pofile import read_po

    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=lang, abort_invalid=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable catalog is reported the same way
        raise EditionError(f"{shown(path)} cannot be read as a PO catalog: {exc}") from None


def _write_po(path: Path, catalog) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False, sort_output=False, include_previous=False)
    atomic_write_text(path, buffer.getvalue().decode("utf-8"))


def _new_catalog(lang: str | None, project: str):
    from babel.messages.catalog import Catalog

    # fixed dates: extracting twice from the same English changes no file
    return Catalog(locale=lang, domain=None, project=project, version=None, copyright_holder="filmkit contributors",
                   msgid_bugs_address="", charset="utf-8", fuzzy=False, creation_date=FIXED_DATE,
                   revision_date=FIXED_DATE, last_translator="filmkit contributors",
                   language_team=LANGUAGES.get(lang or "", "") if lang else None)


def _merge(template, path: Path, lang: str) -> None:
    """Bring the catalog at ``path`` in step with ``template``; changed English becomes fuzzy."""
    if path.is_file():
        catalog = _read_po(path, lang)
        catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
        catalog.obsolete.clear()
    else:
        catalog = _new_catalog(lang, template.project)
        for message in template:
            if message.id:
                catalog.add(message.id, string="" if not message.pluralizable else ("",) * catalog.num_plurals,
                            locations=message.locations, flags=message.flags - {"fuzzy"}, context=message.context,
                            auto_comments=message.auto_comments)
    catalog.fuzzy = False
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_po(path, catalog)


def translations_of(path: Path, lang: str) -> dict[str, str]:
    """{English: translation} of a cell or block catalog; fuzzy and empty entries are left out."""
    if not path.is_file():
        return {}
    catalog = _read_po(path, lang)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


# ---- what is translated ----------------------------------------------------------------------

def notebook_sources(root: Path) -> list[Path]:
    found = []
    for folder, pattern in NOTEBOOK_SETS:
        found += sorted(p for p in (root / folder).glob(pattern) if ".ipynb_checkpoints" not in p.parts)
    return found


def notebook_catalog(root: Path, source: Path, lang: str) -> Path:
    folder = source.parent.relative_to(root).parts[-1]  # notebooks, apps or exercises
    return root / "translations" / lang / folder / (source.stem + ".po")


def document_catalog(root: Path, source: str, lang: str) -> Path:
    name = Path(source).stem if source.startswith("docs/") else "exercises_" + Path(source).stem
    return root / "translations" / lang / "docs" / (name + ".po")


def translatable_cells(nb) -> list[tuple[int, str]]:
    return [(i, cell.source) for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown" and cell.source.strip()]


def blocks(text: str) -> list[tuple[str, bool]]:
    """The document cut into blocks: (text, translatable). Blank lines separate blocks; a fenced
    code block or an HTML comment on its own is kept as it is."""
    out: list[tuple[str, bool]] = []
    current: list[str] = []
    fence = None

    def flush():
        if current:
            body = "\n".join(current)
            only_code = FENCE.match(body) is not None and body.rstrip().endswith(("```", "~~~"))
            only_comment = body.startswith("<!--") and body.rstrip().endswith("-->") and body.count("<!--") == 1
            out.append((body, not (only_code or only_comment)))
            current.clear()

    for line in text.split("\n"):
        if fence:
            current.append(line)
            if line.startswith(fence):
                fence = None
            continue
        found = FENCE.match(line)
        if found:
            if current and not FENCE.match(current[0]):
                flush()
            current.append(line)
            fence = found.group(1)
            continue
        if line.strip() == "":
            flush()
            out.append(("", False))
        else:
            if current and FENCE.match(current[0]):
                flush()
            current.append(line)
    flush()
    return out


# ---- links ------------------------------------------------------------------------------------

def edition_path(english: str, lang: str) -> str | None:
    """Where the edition of the English file ``english`` (relative to the kit) is, if it has one.

    Every such file is written by the same build, so a link to it is right before it exists."""
    if english in DOCUMENTS:
        return DOCUMENTS[english].format(lang=lang)
    parts = english.split("/")
    if parts[0] in ("notebooks", "apps") and len(parts) == 2:
        return f"{parts[0]}/{lang}/{parts[1]}"
    if parts[0] == "exercises" and len(parts) == 2 and (parts[1].endswith(".ipynb") or parts[1] == "rubrics.md"):
        return f"exercises/{lang}/{parts[1]}"
    if english.startswith("instructors/solutions/") and len(parts) == 3:
        return f"instructors/solutions/{lang}/{parts[2]}"
    return None


def relink(text: str, english_file: str, edition_file: str, lang: str) -> str:
    """Point the relative links of a text written for ``english_file`` at the right files from ``edition_file``."""
    here, there = posixpath.dirname(english_file), posixpath.dirname(edition_file)

    def fix(match: re.Match) -> str:
        opener, target, anchor = match.group(1), match.group(2), match.group(3) or ""
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(here, target))
        if resolved.startswith(".."):
            return match.group(0)
        goal = edition_path(resolved, lang) or resolved
        return opener + posixpath.relpath(goal, there or ".") + anchor

    return LINK.sub(fix, text)


# ---- extract ----------------------------------------------------------------------------------

def _package_template(root: Path):
    from babel.messages.extract import extract, extract_from_dir

    template = _new_catalog(None, "filmkit")
    package = root / "filmkit"
    for filename, lineno, message, comments, context in extract_from_dir(
            str(package), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",),
            strip_comment_tags=True):
        template.add(message, None, [(f"filmkit/{filename}", lineno)], auto_comments=comments, context=context)
    extra = [root / "instructors" / "answer_key.py"]
    for path in extra:
        if path.is_file():
            with path.open("rb") as handle:
                for lineno, message, comments, context in extract("python", handle, keywords=KEYWORDS,
                                                                  comment_tags=("Translators:",)):
                    template.add(message, None, [(str(path.relative_to(root)), lineno)], auto_comments=comments,
                                 context=context)
    # Column headers: a table shows pgettext("column", name) for each column, so every name a reader can
    # meet as a header is in the catalog: each field of the data package, and each header the English
    # notebooks show (columns made in a notebook, e.g. by a rename).
    fields = sorted({f["name"] for res in json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
                     ["resources"] if not res["name"].startswith("translations_") for f in res["schema"]["fields"]})
    for name in fields:
        template.add(name, None, [("data/datapackage.json", 0)], context="column")
    for nb_path in notebook_sources(root):
        nb = nbformat.read(nb_path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            for out in cell.get("outputs", []):
                for named, header in re.findall(r'<th scope="col"(?: data-column="([^"]*)")?>(.*?)</th>',
                                                out.get("data", {}).get("text/html", "")):
                    name = html.unescape(named or header)  # the column's name in code, where the header shows words
                    if name and not template.get(name, context="column"):
                        template.add(name, None, [(str(nb_path.relative_to(root)), 0)], context="column")
            if not MARKED.search(cell.source):
                continue
            code = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            for lineno, message, comments, context in extract("python", io.BytesIO(code.encode()),
                                                              keywords=KEYWORDS):
                template.add(message, None, [(f"{nb_path.relative_to(root)}:cell{i}", lineno)], context=context)
    return template


def _cell_template(root: Path, source: Path):
    template = _new_catalog(None, f"filmkit {source.relative_to(root)}")
    nb = nbformat.read(source, as_version=4)
    for i, text in translatable_cells(nb):
        cell = nb.cells[i]
        template.add(text, None, [(str(source.relative_to(root)), i)], auto_comments=[f"cell id: {cell.get('id', i)}"])
    return template


def _document_template(root: Path, source: str):
    template = _new_catalog(None, f"filmkit {source}")
    text = (root / source).read_text(encoding="utf-8")
    for n, (block, translatable) in enumerate(blocks(text)):
        if translatable:
            template.add(block, None, [(source, n)])
    return template


def data_rows(lang: str) -> list[dict]:
    """Every cell and category value of the tables that the ``lang`` edition needs translated."""
    from filmkit.model import data

    with use_language("en"):
        desc = data.descriptor()
        rows = []
        vocab: dict[tuple[str, str], None] = {}
        for res in desc["resources"]:
            if res["name"].startswith("translations_"):
                continue
            table = data.load(res["name"])
            keys = [data.row_key(r, data.key_fields(res)) for r in table.to_dict("records")]
            for field in res["schema"]["fields"]:
                column = field["name"]
                mode = field.get("filmkit:translate")
                if mode:
                    quotes = data.quote_rows(res, field, table) if mode == "beside" else None
                    written = data.text_language(field, table)
                    for i, (key, english) in enumerate(zip(keys, table[column])):
                        if not english:
                            continue
                        if mode == "beside" and quotes.iat[i] and written.iat[i] == lang:
                            continue  # a quotation already in the reader's language needs no translation
                        rows.append({"table": res["name"], "id": key, "field": column, "english": english})
                if field.get("filmkit:vocabulary"):
                    values = field.get("constraints", {}).get("enum") or sorted({v for v in table[column] if v})
                    for value in values:
                        vocab.setdefault((column, value), None)
        for preset, field, english in data.scenario_texts():
            rows.append({"table": data.SCENARIOS, "id": preset, "field": field, "english": english})
        for column, value in sorted(vocab):
            rows.append({"table": data.VOCABULARY, "id": value, "field": column, "english": value})
    return rows


DATA_COLUMNS = ["table", "id", "field", "english", "text"]


def _data_file(root: Path, lang: str) -> Path:
    return root / "data" / f"translations_{lang}.csv"


def read_data_translations(root: Path, lang: str) -> list[dict]:
    path = _data_file(root, lang)
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write_data_translations(root: Path, lang: str, rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, DATA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: r.get(k, "") for k in DATA_COLUMNS} for r in rows)
    atomic_write_text(_data_file(root, lang), buffer.getvalue())


PARTS = ("package", "notebooks", "docs", "data")


def extract(root: Path | None = None, echo=print, parts=PARTS) -> None:
    """Write the package template and bring every catalog in step with the English."""
    root = root or project_root()
    if "package" in parts:
        template = _package_template(root)
        pot = root / "filmkit" / "locale" / "filmkit.pot"
        pot.parent.mkdir(parents=True, exist_ok=True)
        _write_po(pot, template)
        echo(f"{shown(pot, root)}: {len(template)} strings")
    for lang in EDITIONS:
        if "package" in parts:
            _merge(template, catalog_path(lang), lang)
        for source in notebook_sources(root) if "notebooks" in parts else []:
            _merge(_cell_template(root, source), notebook_catalog(root, source, lang), lang)
        for source in DOCUMENTS if "docs" in parts else []:
            if (root / source).is_file():
                _merge(_document_template(root, source), document_catalog(root, source, lang), lang)
        if "data" not in parts:
            continue
        # data: keep every translation whose cell still exists; add the new cells, untranslated
        old = {(r["table"], r["id"], r["field"]): r for r in read_data_translations(root, lang)}
        rows = []
        for row in data_rows(lang):
            kept = old.get((row["table"], row["id"], row["field"]))
            rows.append(dict(row, text=kept["text"], english=kept["english"]) if kept else dict(row, text=""))
        _write_data_translations(root, lang, rows)
        echo(f"{lang}: data/translations_{lang}.csv brought in step")


# ---- build ------------------------------------------------------------------------------------

@dataclass
class Built:
    path: Path
    text: str


def switch_source(code: str) -> str:
    """The code of an edition's language switch. Its first line is empty, as in every folded code cell:
    JupyterLab shows a folded cell as its first line and •••, and that line must show no code."""
    return f'\nimport filmkit\nfilmkit.set_language("{code}")'


def _switch_cell(lang: str, like) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(switch_source(lang))
    cell["id"] = SWITCH_ID
    meta = copy.deepcopy(like.metadata) if like is not None else {}
    meta.pop("execution", None)
    tags = [t for t in meta.get("tags", []) if t != "instructor"]
    meta["tags"] = tags + ["language-switch"]
    cell.metadata = meta
    return cell


def translate_notebook(root: Path, source: Path, lang: str, target_rel: str, missing: list,
                       region: str | None = None) -> nbformat.NotebookNode:
    """The ``lang`` edition of one English notebook (outputs of the English code cells dropped).

    ``region`` (``es_MX``) is the code the language switch names, for an edition that writes numbers
    another region's way; the edition's folder and catalogs stay the language's own."""
    nb = nbformat.read(source, as_version=4)
    table = translations_of(notebook_catalog(root, source, lang), lang)
    english_rel = str(source.relative_to(root)).replace(os.sep, "/")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and cell.source.strip():
            text = table.get(cell.source)
            if text is None:
                missing.append(f"{english_rel}: cell {cell.get('id', i)}")
                text = cell.source
            cell.source = relink(repoint(text, lang), english_rel, target_rel, lang)
        elif cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    first_code = next((c for c in nb.cells if c.cell_type == "code"), None)
    at = 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0
    nb.cells.insert(at, _switch_cell(region or lang, first_code))
    nb.metadata.setdefault("filmkit", {})["language"] = lang
    nb.metadata.pop("widgets", None)
    return nb


def _keep_outputs(new: nbformat.NotebookNode, old_path: Path) -> nbformat.NotebookNode:
    """Carry over the outputs of an existing edition for code cells whose code did not change."""
    if not old_path.is_file():
        return new
    old = nbformat.read(old_path, as_version=4)
    by_id = {c.get("id"): c for c in old.cells if c.cell_type == "code"}
    for cell in new.cells:
        prior = by_id.get(cell.get("id"))
        if cell.cell_type == "code" and prior is not None and prior.source == cell.source:
            cell.outputs = prior.outputs
            cell.execution_count = prior.execution_count
    if "widgets" in old.metadata:
        new.metadata["widgets"] = old.metadata["widgets"]
    return new


def comparable(nb) -> list[tuple]:
    """What the build decides (cell types, sources, tags and ids), without outputs."""
    return [(c.cell_type, c.get("id"), c.source, tuple(c.metadata.get("tags", []))) for c in nb.cells]


def build(root: Path | None = None, langs: list[str] | None = None, write: bool = True) -> tuple[list, list]:
    """Build the editions; returns (files written or out of date, cells and blocks still in English).

    A code with a region (``es_MX``) builds that language's edition with numbers written the region's way."""
    from filmkit.tools import exercises

    root = root or project_root()
    changed, missing = [], []
    for code in langs or EDITIONS:
        lang, region = edition_code(code)
        with use_language(code):
            outputs: list[tuple[Path, nbformat.NotebookNode]] = []
            for source in notebook_sources(root):
                folder = source.parent.relative_to(root).as_posix()
                if folder == "instructors/exercises":
                    target_rel = f"exercises/{lang}/{source.name}"
                    translated = translate_notebook(root, source, lang, target_rel, missing, region)
                    student, solution = exercises.versions(translated, language=lang)  # the switch cell is kept in both
                    outputs.append((root / "exercises" / lang / source.name, student))
                    sol_rel = f"instructors/solutions/{lang}/{source.name}"
                    solution = _relinked(solution, target_rel, sol_rel, lang)
                    outputs.append((root / sol_rel, solution))
                else:
                    target_rel = f"{folder}/{lang}/{source.name}"
                    outputs.append((root / target_rel, translate_notebook(root, source, lang, target_rel, missing,
                                                                          region)))
            for path, nb in outputs:
                current = nbformat.read(path, as_version=4) if path.is_file() else None
                if current is not None and comparable(current) == comparable(nb):
                    continue
                changed.append(shown(path, root))
                if write:
                    keep = path.parent.name == lang and path.parent.parent.name in ("notebooks", "apps")
                    nb = _keep_outputs(nb, path) if keep else nb
                    path.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write_text(path, nbformat.writes(nb) + "\n")
            for source, target in DOCUMENTS.items():
                if not (root / source).is_file():
                    continue
                text = translate_document(root, source, lang, missing)
                path = root / target.format(lang=lang)
                if path.is_file() and path.read_text(encoding="utf-8") == text:
                    continue
                changed.append(shown(path, root))
                if write:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write_text(path, text)
    return changed, missing


def edition_code(code: str) -> tuple[str, str | None]:
    """(edition language, the region asked for or None) of a ``--lang`` value: ``es_MX`` -> ("es", "es_MX")."""
    from filmkit.i18n import LanguageError, _normalise

    try:
        lang, _locale = _normalise(code)
    except LanguageError as exc:
        raise EditionError(str(exc)) from None
    if lang not in EDITIONS:
        raise EditionError(f"{code!r} is the source language, not an edition: choose one of {', '.join(EDITIONS)}")
    region = code.strip().split(".")[0].replace("-", "_").partition("_")[2]
    return lang, (_locale if region else None)  # "es-mx" names es_MX; "es" and "es_" name the language alone


def name_region(folder: Path, code: str) -> int:
    """Make every edition notebook in ``folder`` switch to ``code`` (``es_MX``): its numbers are then written
    that region's way wherever it is opened. Returns how many notebooks were changed."""
    changed = 0
    for path in sorted(Path(folder).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        switch = [c for c in nb.cells if c.get("id") == SWITCH_ID]
        wanted = switch_source(code)
        if switch and switch[0].source != wanted:
            switch[0].source = wanted
            atomic_write_text(path, nbformat.writes(nb) + "\n")
            changed += 1
    return changed


#: folders named in the prose whose files each edition has in its own subfolder
EDITION_FOLDER_NAMES = ("exercises",)


def repoint(text: str, lang: str) -> str:
    """In a notebook's prose, a folder named in code (`` `exercises/` ``) is the edition's own (`` `exercises/es/` ``)."""
    for folder in EDITION_FOLDER_NAMES:
        text = re.sub(rf"`{folder}/`", f"`{folder}/{lang}/`", text)
    return text


def _relinked(nb, english_rel: str, target_rel: str, lang: str):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = relink(cell.source, english_rel, target_rel, lang)
    return nb


def translate_document(root: Path, source: str, lang: str, missing: list) -> str:
    table = translations_of(document_catalog(root, source, lang), lang)
    target = DOCUMENTS[source].format(lang=lang)
    out = []
    for n, (block, translatable) in enumerate(blocks((root / source).read_text(encoding="utf-8"))):
        if translatable:
            text = table.get(block)
            if text is None:
                missing.append(f"{source}: block {n} ({block[:40]!r})")
                text = block
            block = text
        out.append(relink(block, source, target, lang))
    return "\n".join(out)


def execute(root: Path, langs: list[str]) -> int:
    """Run the editions' notebooks in place (as ``filmkit run`` does for the English ones)."""
    from filmkit.tools import notebooks

    paths = [p for lang in langs for folder in ("notebooks", "apps") for p in sorted((root / folder / lang).glob("*.ipynb"))]
    return notebooks.main([str(p) for p in paths])


# ---- check ------------------------------------------------------------------------------------

def catalog_problems(path: Path, lang: str) -> list[str]:
    """Untranslated, fuzzy, or placeholder-breaking entries of one catalog."""
    if not path.is_file():
        return [f"{shown(path)}: missing (run filmkit translate extract)"]
    problems = []
    for message in _read_po(path, lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        label = f"{shown(path)}:{message.lineno}"
        if message.fuzzy:
            problems.append(f"{label}: fuzzy (check it, then remove the fuzzy mark): {ids[0][:60]!r}")
        elif not all(strings):
            problems.append(f"{label}: untranslated: {ids[0][:60]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            if text and set(PLACEHOLDER.findall(text)) - wanted:
                problems.append(f"{label}: placeholder not in the English: {sorted(set(PLACEHOLDER.findall(text)) - wanted)}")
            if text and len(ids) == 1 and set(PLACEHOLDER.findall(ids[0])) - set(PLACEHOLDER.findall(text)):
                problems.append(f"{label}: placeholder dropped: {sorted(set(PLACEHOLDER.findall(ids[0])) - set(PLACEHOLDER.findall(text)))}")
        for marker in ("<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->", "```"):
            if ids[0].count(marker) != strings[0].count(marker):
                problems.append(f"{label}: {marker!r} appears {ids[0].count(marker)} times in the English, "
                                f"{strings[0].count(marker)} in the translation")
    return problems


def data_problems(root: Path, lang: str) -> list[str]:
    from filmkit.model.data import translation_problems

    return translation_problems(data_rows(lang), read_data_translations(root, lang), f"data/translations_{lang}.csv")


def catalogs(root: Path, lang: str) -> list[Path]:
    paths = [catalog_path(lang)]
    paths += [notebook_catalog(root, s, lang) for s in notebook_sources(root)]
    paths += [document_catalog(root, s, lang) for s in DOCUMENTS if (root / s).is_file()]
    return paths


def check(root: Path | None = None, langs: list[str] | None = None) -> list[str]:
    root = root or project_root()
    problems = []
    for lang in langs or EDITIONS:
        for path in catalogs(root, lang):
            problems += catalog_problems(path, lang)
        problems += data_problems(root, lang)
        from filmkit.tools import course_docs

        problems += course_docs.rubric_translation_problems(lang)
    changed, missing = build(root, langs, write=False)
    problems += [f"out of date: {name} (run filmkit translate build)" for name in changed]
    return problems


def status(root: Path | None = None) -> list[dict]:
    """Per catalog: entries, translated, fuzzy (for the status table and the closing counts)."""
    root = root or project_root()
    rows = []
    for lang in EDITIONS:
        for path in catalogs(root, lang):
            if not path.is_file():
                continue
            entries = [m for m in _read_po(path, lang) if m.id]
            done = [m for m in entries if not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))]
            words = sum(len((m.id[0] if isinstance(m.id, tuple) else m.id).split()) for m in entries)
            rows.append({"language": lang, "catalog": shown(path, root), "entries": len(entries),
                         "translated": len(done), "fuzzy": sum(m.fuzzy for m in entries), "english_words": words})
        data_rows_ = read_data_translations(root, lang)
        rows.append({"language": lang, "catalog": f"data/translations_{lang}.csv", "entries": len(data_rows_),
                     "translated": sum(1 for r in data_rows_ if r["text"]), "fuzzy": 0,
                     "english_words": sum(len(r["english"].split()) for r in data_rows_)})
    return rows


def main(argv: list[str] | None = None) -> int:
    import argparse

    from filmkit.i18n import _

    cli = argparse.ArgumentParser(prog="filmkit translate",
                                  description=_("Keep the Spanish and French editions in step with the English."))
    sub = cli.add_subparsers(dest="action", required=True)
    e = sub.add_parser("extract", help=_("refresh the templates and every catalog from the English text"))
    e.add_argument("--only", choices=PARTS, action="append", help=_("only this kind of catalog (repeatable)"))
    b = sub.add_parser("build", help=_("write the editions from the English text and the catalogs"))
    b.add_argument("--lang", action="append", metavar="|".join(EDITIONS),
                   help=_("only this language (repeatable); a region writes numbers its way, e.g. es_MX"))
    b.add_argument("--execute", action="store_true", help=_("then run the editions' notebooks and save their outputs"))
    c = sub.add_parser("check", help=_("exit 1 on any missing, fuzzy or stale translation or out-of-date edition"))
    c.add_argument("--lang", choices=EDITIONS, action="append", help=_("only this language (repeatable)"))
    sub.add_parser("status", help=_("how much of each catalog is translated"))
    args = cli.parse_args(argv)
    root = project_root()
    try:
        if args.action == "extract":
            extract(root, parts=args.only or PARTS)
        elif args.action == "build":
            changed, missing = build(root, args.lang)
            print(_("{count} edition files written").format(count=len(changed)))
            if missing:
                print(_("{count} cells or blocks have no translation yet and were left in English "
                        "(filmkit translate check lists them)").format(count=len(missing)))
            if args.execute:
                return execute(root, sorted({edition_code(c)[0] for c in args.lang}) if args.lang else EDITIONS)
        elif args.action == "check":
            problems = check(root, args.lang)
            for line in problems:
                print(line)
            print(_("{count} problems").format(count=len(problems)))
            return 1 if problems else 0
        else:
            for row in status(root):
                print(f"{row['language']}  {row['translated']:>5}/{row['entries']:<5} fuzzy {row['fuzzy']:<4} "
                      f"{row['english_words']:>6} words  {row['catalog']}")
    except EditionError as exc:
        print(f"filmkit translate: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
