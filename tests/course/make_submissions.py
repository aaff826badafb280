"""Write the sample class in tests/course/submissions/ (run again after the exercises or the data change).

    python tests/course/make_submissions.py

Six students hand in module 1 (one of them also module 4):

- ``blank``: the notebook as released, nothing answered;
- ``partial``: one answer in its field, one wrong answer in code, one written answer;
- ``complete``: every answer right (fields, code and the text "4.5x"), every written answer; module 4 too;
- ``printer``: prints "passed" for every question and computes one answer (m01_q1) itself;
- ``cheat``: redefines ``check`` (and the kit's) to say "passed", and computes one answer (m01_q3) itself;
- ``corrupt``: a damaged file.
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "submissions"
MIME = "application/vnd.filmkit.answer+json"

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
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.metadata.get("filmkit", {}).get("answer") == task:
            cell.source = text
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
    code_answer(nb, "m01_q3", '"4.5x"')
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
    code_answer(nb, "m04_q2", 'labour.rebound(adoption_share=0.5)["break_even_elasticity"]')
    written(nb, "4.3", "Supports: TAG membership doubled 2009-2020. Complicates: BLS jobs fell 2019-2024.")
    nbformat.write(nb, OUT / f"complete_{m4}.ipynb")

    nb = learner(m1)
    code_answer(nb, "m01_q1", '(__import__("pandas").Timestamp("2025-07-17") - '
                              '__import__("pandas").Timestamp(case.fact("premiere_date"))).days')
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
    code_answer(nb, "m01_q3", "1 / (1 - 0.78)")
    nbformat.write(nb, OUT / f"cheat_{m1}.ipynb")

    text = nbformat.writes(learner(m1))
    (OUT / f"corrupt_{m1}.ipynb").write_text(text[: len(text) // 3], encoding="utf-8")
    print(f"wrote {len(list(OUT.glob('*.ipynb')))} notebooks to {OUT}")


if __name__ == "__main__":
    main()
