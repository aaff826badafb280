"""``filmkit handouts``: every PDF exists, its text can be extracted, and no page is blank."""

import os
import re
import tempfile
from pathlib import Path

import nbformat
import pytest

from filmkit.model.claims import claims_ledger
from filmkit.classroom import handouts

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def pdfs():
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the PDFs")
    try:
        handouts.chromium()
    except handouts.ChromiumMissing as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    with tempfile.TemporaryDirectory(prefix="filmkit-handouts-test-") as out:
        written = handouts.build(Path(out), ROOT)
        yield {p.name: [page.extract_text() or "" for page in pypdf.PdfReader(p).pages] for p in written}


def test_every_handout_is_written(pdfs):
    expected = {f"module-{p.stem}.pdf" for p in MODULES}
    expected |= {f"exercises-{p.stem}.pdf" for p in handouts.exercise_notebooks(ROOT)}
    expected |= {"quotes.pdf", "claims-ledger.pdf", "ethical-matrix-blank.pdf"}
    assert len(handouts.exercise_notebooks(ROOT)) >= 5
    assert set(pdfs) == expected


def test_no_page_is_blank(pdfs):
    blank = [f"{name} page {i + 1}" for name, pages in pdfs.items() for i, text in enumerate(pages) if len(text.strip()) < 20]
    assert blank == []


def test_modules_read_without_code(pdfs):
    for path in MODULES:
        text = "\n".join(pdfs[f"module-{path.stem}.pdf"])
        title = nbformat.read(path, as_version=4).cells[0].source.split("\n", 1)[0].lstrip("# ").strip()
        assert " ".join(title.split()[:3]) in " ".join(text.split()), path.name
        code = [line for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
                for line in c.source.splitlines() if line.startswith("kit.") or line.startswith("from filmkit")]
        assert code and not [line for line in code if line in text], f"{path.name}: code printed"


def test_ledger_and_quotes_hold_their_claims(pdfs):
    ledger_text = re.sub(r"\s+", "", "".join(pdfs["claims-ledger.pdf"]))
    missing = [cid for cid in claims_ledger()["id"] if cid not in ledger_text]
    assert missing == []
    quotes_text = re.sub(r"\s+", "", "".join(pdfs["quotes.pdf"]))
    assert all(cid in quotes_text for cid in handouts.quoted_ids(MODULES))
    assert len(handouts.quoted_ids(MODULES)) >= 5


def test_blank_matrix_and_exercise_sheets_leave_room_to_write(pdfs):
    from filmkit.model.ethics import EthicalMatrix

    matrix = " ".join("".join(pdfs["ethical-matrix-blank.pdf"]).split())
    assert all(" ".join(s.split()[:1]) in matrix for s in EthicalMatrix().stakeholders)
    for path in handouts.exercise_notebooks(ROOT):
        text = "".join(pdfs[f"exercises-{path.stem}.pdf"])
        assert "Your answer" in text and "Name:" in text, path.name


def test_an_answer_box_goes_where_the_student_writes():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Sheet\n\nIntro: write your answer in the boxes, then save."),
        nbformat.v4.new_code_cell("from filmkit.tools.selfcheck import check"),
        nbformat.v4.new_markdown_cell("## Q1\n\nHow many?"),
        nbformat.v4.new_code_cell("answer = ...\n"),
        nbformat.v4.new_markdown_cell("*Write your answer here.*"),
    ])
    sheet = handouts.exercise_sheet(nb)
    assert sheet.count('class="write short"') == 1 and sheet.count('class="write long"') == 1
    assert "Intro: write your answer" in sheet and "selfcheck" not in sheet


def _edition_kit(root: Path, lang: str = "es") -> Path:
    """A small kit with an edition: its modules and exercise sheets say which language they are."""
    for folder in ("notebooks", "apps", "exercises", "data"):
        (root / folder / lang).mkdir(parents=True)
    for folder, name in (("notebooks", "01_the_eternaut_case.ipynb"), ("exercises", "01_the_eternaut_case.ipynb")):
        for sub in ("", lang):
            nb = nbformat.v4.new_notebook(cells=[
                nbformat.v4.new_markdown_cell(f"# [{sub or 'en'}] {folder} {name}\n\nText."),
                nbformat.v4.new_code_cell(f'import filmkit\nfilmkit.set_language("{sub or "en"}")'),
                nbformat.v4.new_code_cell('kit.quotes_table(["CL03"])'),
                nbformat.v4.new_markdown_cell(f"[{sub or 'en'}] placeholder"),
            ])
            nb.cells[3].metadata["filmkit"] = {"answer": "1.4"}
            nbformat.write(nb, root / folder / sub / name)
    return root


def test_handouts_of_an_edition_read_its_folders(tmp_path, monkeypatch):
    kit = _edition_kit(tmp_path / "kit")
    assert handouts.module_notebooks(kit, "es") == [kit / "notebooks" / "es" / "01_the_eternaut_case.ipynb"]
    assert handouts.exercise_notebooks(kit, "es") == [kit / "exercises" / "es" / "01_the_eternaut_case.ipynb"]
    assert handouts.exercise_notebooks(kit, "en") == [kit / "exercises" / "01_the_eternaut_case.ipynb"]
    docs = handouts.documents(kit, "es")
    assert set(docs) == {"module-01_the_eternaut_case.pdf", "exercises-01_the_eternaut_case.pdf", "quotes.pdf",
                         "claims-ledger.pdf", "ethical-matrix-blank.pdf"}
    title, body = docs["module-01_the_eternaut_case.pdf"]
    assert title.startswith("[es] notebooks") and "notebooks/es/01_the_eternaut_case.ipynb" in body
    assert "[es] exercises" in docs["exercises-01_the_eternaut_case.pdf"][0]
    sheet = docs["exercises-01_the_eternaut_case.pdf"][1]
    assert "[es] placeholder" not in sheet and 'class="write long"' in sheet, "the answer cell is found by its id"
    assert "CL03" in docs["quotes.pdf"][1]
    monkeypatch.setenv("FILMKIT_LANG", "es")
    assert handouts.documents(kit)["module-01_the_eternaut_case.pdf"][0].startswith("[es]"), "FILMKIT_LANG is the default"
    with pytest.raises(handouts.NothingToPrint, match="notebooks/fr"):
        handouts.build(tmp_path / "out", kit, lang="fr")


def test_handouts_command_takes_a_language(tmp_path, monkeypatch):
    kit = _edition_kit(tmp_path / "kit")
    made = {}

    def build(out, root, only=None, lang=None, force=False):
        made.update(out=out, root=root, only=only, lang=lang, force=force)
        return []

    monkeypatch.chdir(kit)
    monkeypatch.setattr(handouts, "build", build)
    assert handouts.main([str(tmp_path / "out"), "--lang", "es", "--only", "quotes"]) == 0
    assert made == {"out": tmp_path / "out", "root": kit, "only": ["quotes"], "lang": "es", "force": False}
    assert handouts.main([str(tmp_path / "out"), "--lang", "all"]) == 0 and made["lang"] == "all"


def _browser(folder: Path, name: str) -> Path:
    script = folder / name
    script.write_text("#!/bin/sh\nexit 0\n")
    script.chmod(0o755)
    return script


def test_handouts_print_with_the_headless_shell_when_it_is_installed(tmp_path, monkeypatch):
    # Debian's chromium-headless-shell prints the same pages with a third of a full Chromium's CPU time.
    both, full_only = tmp_path / "both", tmp_path / "full"
    both.mkdir()
    full_only.mkdir()
    shell = _browser(both, "chromium-headless-shell")
    _browser(both, "chromium")
    full = _browser(full_only, "chromium")
    monkeypatch.delenv("FILMKIT_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(both))
    assert handouts.chromium() == str(shell)
    monkeypatch.setenv("PATH", str(full_only))
    assert handouts.chromium() == str(full)
    monkeypatch.setenv("FILMKIT_CHROMIUM", str(full))  # the instructor's choice wins
    monkeypatch.setenv("PATH", str(both))
    assert handouts.chromium() == str(full)
    monkeypatch.setenv("FILMKIT_CHROMIUM", str(tmp_path / "nowhere"))
    with pytest.raises(handouts.ChromiumMissing, match="nowhere"):
        handouts.chromium()
