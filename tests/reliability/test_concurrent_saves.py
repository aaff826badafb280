"""Issue 21, items 1 and 5: two kernels saving to one file keep every answer, and a saved file keeps its mode."""

import json
import multiprocessing
import os
import stat

import pytest

from filmkit.model.files import atomic_write_text
from filmkit.model.scenario_io import save_scenario
from filmkit.views.answers import AnswerFile
from filmkit.views.ethics_widgets import AUTOSAVE, MatrixEditor

SAVES = 150


def _kernel(folder: str, name: str, start) -> None:
    start.wait()
    sheet = AnswerFile("ex1", folder)
    for i in range(SAVES):
        sheet.save(f"{name}-{i}", i)


def _two_kernels_at_once(target, folder, names):
    """Run ``target(folder, name, start)`` in two processes released together; each must exit cleanly."""
    context = multiprocessing.get_context("fork")
    start = context.Event()
    kernels = [context.Process(target=target, args=(str(folder), name, start)) for name in names]
    for k in kernels:
        k.start()
    start.set()
    for k in kernels:
        k.join(120)
        assert k.exitcode == 0


def test_item1_two_kernels_saving_to_one_sheet_keep_every_answer(tmp_path):
    _two_kernels_at_once(_kernel, tmp_path, ("a", "b"))
    answers = AnswerFile("ex1", tmp_path).load()
    assert len(answers) == 2 * SAVES
    assert answers["a-149"] == answers["b-149"] == 149
    assert not list(tmp_path.glob("*.unreadable*"))


def test_a_lock_held_elsewhere_is_waited_for_then_reported(tmp_path):
    from filmkit.model.files import locked

    target = tmp_path / "ex1.answers.json"
    context = multiprocessing.get_context("fork")
    held, release = context.Event(), context.Event()

    def holder():
        with locked(target):
            held.set()
            release.wait(30)

    other = context.Process(target=holder)
    other.start()
    try:
        assert held.wait(30)
        with pytest.raises(OSError, match="being saved by another program"):
            with locked(target, wait=0.2):
                pass
    finally:
        release.set()
        other.join(30)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600])
def test_item5_atomic_writes_keep_the_files_mode(tmp_path, mode):
    answers = tmp_path / "ex1.answers.json"
    answers.write_text('{"sheet": "ex1", "answers": {}}')
    answers.chmod(mode)
    AnswerFile("ex1", tmp_path).save("q1", 3)
    assert _mode(answers) == mode

    scenario = tmp_path / "mine.json"
    scenario.write_text("{}")
    scenario.chmod(mode)
    save_scenario(scenario, {"shots": 5}, overwrite=True)
    assert _mode(scenario) == mode

    notebook = tmp_path / "run.ipynb"  # what `filmkit run` writes back
    notebook.write_text("{}")
    notebook.chmod(mode)
    atomic_write_text(notebook, "{}\n")
    assert _mode(notebook) == mode

    editor = MatrixEditor(folder=str(tmp_path))
    editor.stakeholder.value, editor.value.value = editor.matrix.stakeholders[0], editor.matrix.values[0]
    editor.rating.value = "mixed"
    editor.save_cell()
    (tmp_path / AUTOSAVE).chmod(mode)
    editor.save_cell()
    assert _mode(tmp_path / AUTOSAVE) == mode


def test_a_new_file_gets_the_usual_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        AnswerFile("ex1", tmp_path).save("q1", 1)
    finally:
        os.umask(old)
    assert _mode(tmp_path / "ex1.answers.json") == 0o644
    assert json.loads((tmp_path / "ex1.answers.json").read_text())["answers"]["q1"]["value"] == 1


def _matrix_kernel(folder: str, half: int, start) -> None:
    editor = MatrixEditor(folder=folder)
    cells = list(editor.matrix.cells)[half::2]
    start.wait()
    for s, v in cells:
        editor.stakeholder.value, editor.value.value = s, v
        editor.rating.value, editor.note.value = "mixed", f"kernel {half}"
        editor.save_cell()


def test_item3_two_kernels_clicking_in_one_matrix_folder_keep_every_cell(tmp_path):
    from filmkit.model.ethics import EthicalMatrix

    _two_kernels_at_once(_matrix_kernel, tmp_path, (0, 1))
    saved = EthicalMatrix.from_json((tmp_path / AUTOSAVE).read_text())
    assert saved.filled() == len(saved.cells) == 40
    assert sorted(p.name for p in tmp_path.glob("ethical_matrix*")) == [AUTOSAVE]
