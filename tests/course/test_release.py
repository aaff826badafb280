"""The student release: what students get, nothing an instructor keeps, and it runs on its own."""

import os
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from filmkit.tools import release

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "class"
    release.release(out, echo=lambda *_: None)
    return out


def test_release_holds_no_instructor_material(made):
    names = {p.name for p in made.rglob("*")}
    for forbidden in ("answer_key.py", "rubrics.csv", "lesson_plans.csv", "instructor_guide.md", "solutions",
                      "instructors", "tests"):
        assert forbidden not in names, forbidden
    assert release.leaks(made) == []
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in made.rglob("*")
                           if p.is_file() and ".git" not in p.parts and p.suffix in (".ipynb", ".md", ".csv", ".py"))
    for source in (ROOT / "instructors" / "exercises").glob("*.ipynb"):
        for cell in nbformat.read(source, as_version=4).cells:
            if "BEGIN SOLUTION" in cell.source:
                body = cell.source.split("BEGIN SOLUTION", 1)[1].split("END SOLUTION", 1)[0]
                for line in body.splitlines():
                    if len(line.strip()) > 25:
                        assert line.strip() not in everything, f"solution text in the release: {line[:60]}"


def test_release_is_a_git_repository_with_the_learner_files(made):
    log = subprocess.run(["git", "-C", str(made), "log", "--oneline"], capture_output=True, text=True, check=True)
    assert len(log.stdout.splitlines()) == 1
    status = subprocess.run(["git", "-C", str(made), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""
    for rel in ("README.md", "requirements.txt", "pyproject.toml", "data/datapackage.json", "docs/glossary.md",
                "exercises/summative_assignment.md", "filmkit/tools/selfcheck.py", "apps"):
        assert (made / rel).exists(), rel
    assert sorted(p.name for p in (made / "notebooks").glob("*.ipynb")) == \
        sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in (made / "exercises").glob("*.ipynb")) == \
        sorted(p.name for p in (ROOT / "exercises").glob("*.ipynb"))


def test_release_refuses_a_folder_in_use(made):
    with pytest.raises(release.ReleaseError, match="not empty"):
        release.release(made)


def test_release_notebooks_run_top_to_bottom_on_their_own(made, monkeypatch):
    """Every exercise notebook and the first module run in kernels that import the release's own package."""
    monkeypatch.setenv("PYTHONPATH", str(made))
    monkeypatch.delenv("FILMKIT_DATA", raising=False)
    paths = sorted((made / "exercises").glob("*.ipynb")) + [made / "notebooks" / "00_start_here.ipynb"]
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nb.cells.insert(0, nbformat.v4.new_code_cell(
            "import filmkit.tools.selfcheck as _s\nassert str(_s.key_path()).startswith(%r), _s.key_path()\n"
            "assert _s.answer_key() is None" % str(made)))
        NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        texts = [o.get("text", "") for c in nb.cells for o in c.get("outputs", [])]
        assert not any("passed: correct" in t for t in texts), f"{path.name}: a check passed without the key"
    assert not list((made / "exercises").glob("*.answers.json")), "running a notebook must not create answer files"
    assert os.environ["PYTHONPATH"] == str(made)
