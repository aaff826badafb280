"""The Spanish and French editions are the English kit in another language, nothing more and nothing less:
every catalog is complete, every edition is built from the current English, code cells are the English
ones, and every checked output shows the same numbers."""

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import nbformat
import pytest

from filmkit.tools import editions

ROOT = Path(__file__).resolve().parents[2]
LANGS = editions.EDITIONS
ENGLISH = editions.notebook_sources(ROOT)
PAIRS = [(lang, path) for lang in LANGS for path in ENGLISH if path.parent.name in ("notebooks", "apps")]


def _id(pair):
    lang, path = pair
    return f"{lang}-{path.parent.name}-{path.stem}"


def edition_of(lang, english: Path) -> Path:
    return ROOT / english.parent.relative_to(ROOT) / lang / english.name


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalog_is_complete_with_no_fuzzy_entry(lang):
    problems = [p for path in editions.catalogs(ROOT, lang) for p in editions.catalog_problems(path, lang)]
    assert problems == [], f"{len(problems)} problems, first: " + "\n".join(problems[:15])


@pytest.mark.parametrize("lang", LANGS)
def test_every_translated_table_cell_is_current(lang):
    problems = editions.data_problems(ROOT, lang)
    assert problems == [], f"{len(problems)} problems, first: " + "\n".join(problems[:15])


@pytest.mark.parametrize("lang", LANGS)
def test_every_rubric_cell_has_a_current_translation(lang):
    from filmkit.tools import course_docs

    assert course_docs.rubric_translation_problems(lang) == []
    with __import__("filmkit").use_language(lang):
        shown = course_docs.rubrics()
    english = course_docs.rubrics()
    assert all(a["criterion"] != b["criterion"] for a, b in zip(shown, english))


def test_the_catalogs_hold_every_string_the_package_and_notebooks_mark():
    """A string added to the code without `filmkit translate extract` would show in English in every edition."""
    template = editions._package_template(ROOT)
    for lang in LANGS:
        catalog = editions._read_po(editions.catalog_path(lang), lang)
        missing = [m.id for m in template if m.id and catalog.get(m.id, context=m.context) is None]
        assert missing == [], f"{lang}: {len(missing)} strings not in the catalog, e.g. {missing[:5]}"


def test_the_editions_are_built_from_the_current_english_and_catalogs():
    changed, _missing = editions.build(ROOT, write=False)
    assert changed == [], "run `filmkit translate build`: " + ", ".join(changed[:10])


@pytest.mark.parametrize("pair", PAIRS, ids=_id)
def test_an_edition_has_the_english_code_cells_and_one_language_switch(pair):
    lang, english = pair
    original = nbformat.read(english, as_version=4)
    edition = nbformat.read(edition_of(lang, english), as_version=4)
    switch = [c for c in edition.cells if c.get("id") == editions.SWITCH_ID]
    # Its first line is empty: folded, it shows no code (JupyterLab shows a folded cell's first line and •••).
    assert len(switch) == 1 and switch[0].source == f'\nimport filmkit\nfilmkit.set_language("{lang}")'
    code = [c.source for c in edition.cells if c.cell_type == "code" and c.get("id") != editions.SWITCH_ID]
    assert code == [c.source for c in original.cells if c.cell_type == "code"]
    assert sum(c.cell_type == "markdown" for c in edition.cells) == sum(c.cell_type == "markdown" for c in original.cells)


@lru_cache(maxsize=None)
def translations_beside(lang: str) -> tuple[str, ...]:
    """Translations shown beside quotations: in the reader's language, so their figures differ by edition."""
    from filmkit.i18n import use_language
    from filmkit.model import data

    texts = []
    with use_language(lang):
        for table, field in (("claims", "quote"), ("contract_provisions", "provision"), ("guidance_principles", "text")):
            texts += [t for t in data.load(table)[field + "_translation"] if t]
    return tuple(sorted(texts, key=len, reverse=True))


def numbers(text: str, lang: str) -> Counter:
    """The figures of a text, read as the reader's language writes them (1,234.5 / 1.234,5 / 1 234,5 are one
    figure), with the translations beside quotations taken out; word order does not matter."""
    from filmkit.i18n import use_language
    from filmkit.tools.question import to_number

    from .english import quotations

    # quotations are the same words in every edition (written the source's way: "2,000" is two thousand
    # even in a French page), and the translations beside them differ by design: neither is compared
    for translation in translations_beside(lang):
        text = text.replace(translation, " ")
    for quote in quotations():
        text = text.replace(quote, " ")
    found = Counter()
    with use_language(lang):
        for token in re.findall(r"\d+(?:[.,\u00a0\u202f]\d+)*", text):
            value = to_number(token)
            found[round(value, 6) if value is not None else token] += 1
    return found


def checked_outputs(nb) -> list[str]:
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in cell.source:
            parts = []
            for out in cell.get("outputs", []):
                parts.append(out.get("text", "") or out.get("data", {}).get("text/plain", ""))
            texts.append("".join(parts))
    return texts


@pytest.mark.parametrize("pair", PAIRS, ids=_id)
def test_every_checked_output_shows_every_number_of_the_english(pair):
    lang, english = pair
    ours = checked_outputs(nbformat.read(edition_of(lang, english), as_version=4))
    theirs = checked_outputs(nbformat.read(english, as_version=4))
    assert len(ours) == len(theirs)
    for i, (a, b) in enumerate(zip(ours, theirs)):
        assert a.strip(), f"checked cell {i} of the {lang} edition has no stored output (run filmkit translate build --execute)"
        # every figure of the English is shown; a translation printed beside a quotation may add its own
        missing = numbers(b, "en") - numbers(a, lang)
        assert not missing, f"checked cell {i} of the {lang} edition lacks the English figures {dict(missing)}"


@pytest.mark.parametrize("lang", LANGS)
def test_exercise_editions_keep_every_question_and_marker(lang):
    for source in sorted((ROOT / "instructors" / "exercises").glob("*.ipynb")):
        english = nbformat.read(ROOT / "exercises" / source.name, as_version=4)
        edition = nbformat.read(ROOT / "exercises" / lang / source.name, as_version=4)
        ids = lambda nb: re.findall(r'(?:check|ask)\("(m\d\d_q\d+)"\)', "\n".join(c.source for c in nb.cells))
        assert ids(edition) == ids(english)
        tasks = lambda nb: [c.metadata.get("filmkit", {}).get("answer") for c in nb.cells
                            if c.metadata.get("filmkit", {}).get("answer")]
        assert tasks(edition) == tasks(english)
        solution = nbformat.read(ROOT / "instructors" / "solutions" / lang / source.name, as_version=4)
        assert tasks(solution) == tasks(nbformat.read(ROOT / "instructors" / "solutions" / source.name, as_version=4))


@pytest.mark.parametrize("lang", LANGS)
def test_every_document_has_its_edition(lang):
    for source, target in editions.DOCUMENTS.items():
        if (ROOT / source).is_file():
            path = ROOT / target.format(lang=lang)
            assert path.is_file(), path
            english, translated = (ROOT / source).read_text(encoding="utf-8"), path.read_text(encoding="utf-8")
            heading = re.compile(r"^#+ ", re.M)
            assert len(heading.findall(translated)) == len(heading.findall(english)), path
            fences = lambda t: re.findall(r"^```.*?^```", t, re.S | re.M)
            assert fences(translated) == fences(english), f"{path}: commands must stay as in the English"


@pytest.mark.parametrize("lang", LANGS)
def test_links_in_an_edition_lead_to_files_that_exist(lang):
    link = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
    broken = []
    files = list((ROOT / "docs" / lang).glob("*.md")) + list((ROOT / "exercises" / lang).glob("*.md"))
    for folder in ("notebooks", "apps", "exercises"):
        files += list((ROOT / folder / lang).glob("*.ipynb"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "markdown")
        for target in link.findall(text):
            if re.match(r"^[a-z]+:", target):
                continue
            if not (path.parent / target).exists():
                broken.append(f"{path.relative_to(ROOT)} -> {target}")
    assert broken == []
