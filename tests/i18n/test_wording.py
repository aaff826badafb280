"""What a second review of the editions found, kept from coming back: numbers written the reader's way in
the kit's own words, agreement and wording, pointers to the edition's own files, no English left where the
kit has the words, and quotations shown with their translation."""

import re
from pathlib import Path

import nbformat
import pytest

from filmkit.i18n import _, catalog_path, use_language
from filmkit.tools import editions

from .english import shown_text

ROOT = Path(__file__).resolve().parents[2]
LANGS = editions.EDITIONS

#: what keeps its own way of writing: code, links, placeholders, HTML, quotations in quotes
KEPT = re.compile(r"`[^`\n]*`|https?://[^\s)>\]]+|\]\([^)]*\)|\"[^\"\n]*\"|<[^>\n]*>|\{[^}\n]*\}"
                  r"|(?<![\w])'[^'\n]*'(?![\w])")
#: a number written the English way: a decimal point (not an exercise or version number) or comma-grouped thousands
ENGLISH_NUMBER = re.compile(r"(?<![\w.,/:-])(?:\d+\.\d+(?![\w.]|,\d)|[1-9]\d{0,2}(?:,\d{3})+(?![\w,]|\.\d))")
IDENTIFIER_BEFORE = re.compile(r"(?:\d\.\d\s+(?:y|et)|\d[.,]\d,\s*|\b(?:ejercicios?|exercices?|el|le|la|Ubuntu|o|ou|Veo|Anexo|Exhibit|BY|"
                               r"JupyterHub|Python|Debian|sección|section|versión|version|v))\s*$", re.I)
#: Spanish groups thousands with a dot: 36.771 is written the Spanish way
DOT_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
MILLIARDS = re.compile(r"^ (?:milliards?|millions?)")


def own_words(lang: str):
    """(where, translation) of every translated entry and data cell."""
    for path in [catalog_path(lang)] + sorted((ROOT / "translations" / lang).rglob("*.po")):
        for m in editions._read_po(path, lang):
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.id and strings[0]:
                yield f"{path.relative_to(ROOT)}:{m.lineno}", strings[0]
    for row in editions.read_data_translations(ROOT, lang):
        if row["text"]:
            yield f"data/translations_{lang}.csv {row['table']}/{row['id']}/{row['field']}", row["text"]


def english_numbers(text: str, lang: str) -> list[str]:
    found = []
    for piece in KEPT.split(text):
        for m in ENGLISH_NUMBER.finditer(piece):
            before, after = piece[:m.start()], piece[m.end():]
            if "." in m.group(0) and (IDENTIFIER_BEFORE.search(before) or re.match(r"^-\d|^\s+\((?:escrito|écrit)", after)
                                      or re.search(r"\d-$", before) or re.match(r"^\s+[a-zéá]{4,}", after)
                                      and not re.match(r"^\s+(?:por|pour|millones|milliards?|millions?|estudiantes)",
                                                       after)):
                continue
            if lang == "es" and DOT_GROUPED.fullmatch(m.group(0)):
                continue
            if lang == "fr" and MILLIARDS.match(after):
                continue  # "11,079 milliards" is already French
            found.append(m.group(0))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_numbers_in_the_kits_own_words_are_written_the_editions_way(lang):
    """'99,800 x 1.0 = 781.04' reads as 99.8 and 78 104 to an Argentine or French student."""
    wrong = [f"{where}: {nums}" for where, text in own_words(lang) if (nums := english_numbers(text, lang))]
    assert wrong == [], f"{len(wrong)} entries, e.g.\n" + "\n".join(wrong[:10])


def test_the_number_check_can_fail():
    assert english_numbers("Con los valores base: 99,800 x 1.0 = **781.04 USD**", "es") == ["99,800", "1.0", "781.04"]
    assert english_numbers('ejercicios 1.4 y 3.4; "10x faster" (4.5x); `0.25`', "es") == []


WRONG = {
    "es": ["del WGA", " el WGA", "Escalar al", "disparador", "Imagen del talento", "imagen del talento", "a. m.", "The Eternaut, temporada",
           "<your name>", "un artista de VFX que trabajó", "(«10 veces", "con una traducción."],
    "fr": ["Équipe, ", "matériel généré", "qui a du sens", "<your name>", "un artiste VFX qui a travaillé",
           "avec un point décimal", "Rajeunir un acteur"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_wording_a_review_corrected_does_not_come_back(lang):
    found = [f"{where}: {w!r}" for where, text in own_words(lang) for w in WRONG[lang] if w in text]
    assert found == [], "\n".join(found[:10])


@pytest.mark.parametrize("lang", LANGS)
def test_an_english_phrase_quoted_in_prose_has_its_translation_beside_it(lang):
    """"not feasible for that budget" and "10x faster" are quotations: the English stays, the translation follows."""
    missing = []
    for where, text in own_words(lang):
        for phrase in ('"10x faster"', '"not feasible for that budget"'):
            for m in re.finditer(re.escape(phrase), text):
                if not re.match(r"\**[ \xa0]\[«", text[m.end():]):
                    missing.append(f"{where}: {text[max(0, m.start() - 30):m.end() + 20]!r}")
    assert missing == [], "\n".join(missing[:10])
    with use_language(lang):
        feasible = [t for _w, t in own_words(lang) if "pas faisable avec ce budget" in t or "no viable con ese" in t]
    assert all('"not feasible for that budget"' in t or "feasible" in t for t in feasible)


@pytest.mark.parametrize("lang", LANGS)
def test_the_exercise_names_the_use_as_the_drop_down_does(lang):
    with use_language(lang):
        label = _("De-ageing a lead actor")
    catalog = editions.translations_of(ROOT / "translations" / lang / "exercises" / "05_ethics_and_governance.po", lang)
    text = "\n".join(t for e, t in catalog.items() if "De-ageing a lead actor" in e)
    assert text and label in text, f"the exercise does not name {label!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_edition_notebooks_send_students_to_their_own_exercises(lang):
    wrong = []
    for folder in ("notebooks", "apps"):
        for path in sorted((ROOT / folder / lang).glob("*.ipynb")):
            for cell in nbformat.read(path, as_version=4).cells:
                if cell.cell_type == "markdown" and "`exercises/`" in cell.source:
                    wrong.append(path.name)
    assert wrong == []
    assert editions.repoint("Try the exercises in `exercises/`.", lang) == f"Try the exercises in `exercises/{lang}/`."


def _edition(lang: str, name: str):
    return nbformat.read(ROOT / "notebooks" / lang / name, as_version=4)


@pytest.mark.parametrize("lang", LANGS)
def test_module_5_shows_each_quoted_provision_and_guidance_item_with_its_translation(lang):
    from filmkit.model.ethics import checklist_questions, provisions

    nb = _edition(lang, "05_ethics_and_governance.ipynb")
    text = shown_text(nb)
    with use_language(lang):
        quoted = [t for table, field in ((provisions(), "provision"), (checklist_questions(), "text"))
                  for t in table[field + "_translation"] if t]
    assert quoted, "no quoted provision or guidance item has a translation"
    missing = [t for t in quoted if " ".join(t.split()) not in text]
    assert missing == [], f"{len(missing)} translations not shown, e.g. {missing[:3]}"


@pytest.mark.parametrize("lang", LANGS)
def test_category_values_are_shown_in_the_readers_language(lang):
    """Module 1's status table and the evidence column: 'single_source' or 'corroborated' is English left."""
    rows = [r for r in editions.read_data_translations(ROOT, lang)
            if r["table"] == "*" and r["field"] in ("status", "evidence_level") and r["text"] != r["english"]]
    for name in ("01_the_eternaut_case.ipynb", "05_ethics_and_governance.ipynb"):
        text = shown_text(_edition(lang, name))
        left = sorted({r["english"] for r in rows if re.search(rf"(?<![\w-]){re.escape(r['english'])}(?![\w-])", text)})
        assert left == [], f"{name}: {left}"
        assert any(r["text"] in text for r in rows), f"{name} shows no status or evidence level (not executed?)"
