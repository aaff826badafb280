"""Each term of the list in docs/translating.md is translated one way in every catalog and data translation."""

import re
from pathlib import Path

import pytest

from filmkit.i18n import catalog_path
from filmkit.tools import editions

ROOT = Path(__file__).resolve().parents[2]
LANGS = {"es": 1, "fr": 2}  # column of each language in the table
#: what is not the kit's own prose: placeholders, code, quotations, links, and the column names a message lists
SET_ASIDE = re.compile(r"\{[^}]*\}|`[^`]*`|\"[^\"\n]*\"|(?<!\w)'[^'\n]*'(?!\w)|\]\([^)]*\)|https?://\S+"
                       r"|columns(?: \w+,)+ \w+")


def term_list() -> list[tuple[list[str], dict[str, list[str]]]]:
    """(English forms, {language: renderings}) for each row of the term table."""
    text = (ROOT / "docs" / "translating.md").read_text(encoding="utf-8")
    section = text.split("## Terms translated one way", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("English", "---"):
            continue
        english = [t.strip() for t in cells[0].split(" / ")]
        rows.append((english, {lang: [t.strip() for t in cells[col].split(" / ")] for lang, col in LANGS.items()}))
    return rows


def pairs(lang: str):
    """(where, English, translation) of every translated entry and data cell."""
    for path in [catalog_path(lang)] + sorted((ROOT / "translations" / lang).rglob("*.po")):
        for m in editions._read_po(path, lang):
            if not m.id or m.fuzzy:
                continue
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if m.context == "column" or not strings[0]:
                continue  # a column header is a field's name, shown as it is in code; untranslated is checked elsewhere
            yield f"{path.relative_to(ROOT)}:{m.lineno}", ids[0], strings[0]
    for row in editions.read_data_translations(ROOT, lang):
        if row["table"] != "*" and row["text"]:
            yield f"data/translations_{lang}.csv {row['table']}/{row['id']}/{row['field']}", row["english"], row["text"]


def _mentions(english_forms: list[str], text: str) -> bool:
    for form in english_forms:
        flags = 0 if form.isupper() else re.I
        if re.search(r"(?<![\w-])" + re.escape(form) + r"(?:s|es)?(?![\w-])", text, flags):
            return True
    return False


def test_the_term_list_is_read():
    terms = term_list()
    english = {e for forms, _r in terms for e in forms}
    assert {"VFX", "showrunner", "guild", "strike", "earnings call", "final footage", "de-ageing"} <= english


@pytest.mark.parametrize("lang", list(LANGS))
def test_every_term_is_translated_the_same_way(lang):
    wrong = []
    for forms, renderings in term_list():
        for where, english, text in pairs(lang):
            if not _mentions(forms, SET_ASIDE.sub(" ", english)):
                continue
            if not any(r.lower() in text.lower() for r in renderings[lang]):
                wrong.append(f"{where}: {forms[0]!r} is not {' / '.join(renderings[lang])!r} in {text[:90]!r}")
    assert wrong == [], f"{len(wrong)} entries, e.g.\n" + "\n".join(wrong[:12])


def test_the_check_finds_a_second_rendering():
    forms, renderings = next((f, r) for f, r in term_list() if f[0] == "strike")
    assert _mentions(forms, "The WGA strike began") and not any(r in "Comienza el paro" for r in renderings["es"])
