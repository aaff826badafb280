"""Issue 21: the functions a notebook calls, given bad values or a damaged data folder, return an answer or raise
one ValueError that says what is wrong: never another exception (a traceback to a learner), never a wrong number.

Hypothesis draws the function, the argument and the bad value; and the damage done to a copy of the data folder
(``damage.py``). Arguments that take what an earlier call returned (``results``, ``table``, ``model`` ...) are left
out: a notebook passes them along, a learner does not type them.
"""

import importlib
import inspect
import math
import random
import shutil
import tempfile
import warnings
from pathlib import Path

import matplotlib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmkit.model.data import data_dir, data_folder

from .damage import DAMAGES, damaged_copy

matplotlib.use("Agg")

MODULES = ["start_here", "the_eternaut_case", "cost_and_time", "what_would_10x_take", "work_and_jobs",
           "ethics_and_governance", "inside_a_generative_model"]
#: arguments that take what another call returned
PASSED_ALONG = {"results", "feasibility_rows", "table", "draws", "model", "footage", "ledger", "rows", "checks",
                "result", "matrix"}
#: not functions of the kit's own (language and translation helpers)
NOT_OURS = {"set_language", "tr", "ngettext"}
#: bad values that once raised a traceback (a TypeError, decimal.InvalidOperation, StopIteration, OverflowError):
#: replayed by name as well as drawn below
ONCE_FAILED = {
    "explorer": {"tier": None},
    "money": {"value": 1e308}, "number": {"value": 1e308}, "percent": {"value": 1e308}, "ratio": {"value": 10 ** 400},
    "short_number": {"value": 1e308}, "parameter_table": {"keys": -1}, "EthicalMatrix": {"stakeholders": -1},
    "quotes_table": {"ids": None}, "perspective_table": {"prefer": None},
    "speedup_from_time_saving": {"saving": 10 ** 400}, "time_saving_from_speedup": {"speedup": 10 ** 400},
    "timeline_figure": {"start_year": -1}, "break_even": {"target": 10 ** 400}, "monte_carlo": {"seed": math.nan},
    "tenx_explorer": {"seed": math.nan},
}


def _targets():
    found, named = [], {}
    for module_name in MODULES:
        module = importlib.import_module(f"filmkit.course.{module_name}")
        for name in module.__all__:
            function = getattr(module, name)
            if name in NOT_OURS or not callable(function) or (inspect.isclass(function) and name != "EthicalMatrix"):
                continue
            if name in ONCE_FAILED:
                named.setdefault(name, function)  # the first module that offers it (module 6 has a break_even too)
            params = [p for p in inspect.signature(function).parameters.values()
                      if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
            for p in params:
                if p.name not in PASSED_ALONG and all(q.default is not q.empty for q in params if q is not p):
                    found.append((f"{module_name}.{name}", function, p.name))
    return found, named


TARGETS, KNOWN = _targets()

BAD_VALUES = st.one_of(
    st.none(), st.booleans(),
    st.sampled_from([-1, -5, 0, 10 ** 400, -(10 ** 400), 2 ** 63, math.nan, math.inf, -math.inf, 1e308, -1e308,
                     5e-324, "", " ", "x" * 5000, "é\u202e", "\x00", "../../etc/passwd", "CL01\n", "ёжик", "٣",
                     [], [None], {}, {"shots": -1}, {"nope": 1}, {"shots": math.nan}, (1, 2), b"\xff", object()]),
    st.integers(min_value=-10 ** 30, max_value=10 ** 30), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.lists(st.text(max_size=5), max_size=4),
)


def _call(function, param: str, value):
    kind = inspect.signature(function).parameters[param].kind
    first = next(iter(inspect.signature(function).parameters))
    if kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and param == first:
        return function(value)
    return function(**{param: value})


def _answers_or_names_the_problem(function, param, value, where=""):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            _call(function, param, value)
        except (ValueError, LookupError) as exc:
            assert str(exc).strip(), f"{where}({param}={value!r}): {type(exc).__name__} without a message"
        except Exception as exc:  # noqa: BLE001 - what a learner would see as a traceback
            pytest.fail(f"{where}({param}={value!r}) raised {type(exc).__name__}: {exc}")


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(target=st.sampled_from(TARGETS), value=BAD_VALUES)
def test_public_functions_answer_bad_values_or_name_them(target, value, tmp_path_factory, monkeypatch):
    where, function, param = target
    if param == "folder" and isinstance(value, str) and value.strip() and "\x00" not in value:
        value = str(tmp_path_factory.mktemp("folder") / value[:100].replace("/", "_"))  # never the kit's own folder
    with tempfile.TemporaryDirectory() as work:
        monkeypatch.chdir(work)  # a widget that saves, saves here
        _answers_or_names_the_problem(function, param, value, where)


@pytest.mark.parametrize("name", sorted(ONCE_FAILED))
def test_values_that_once_raised_a_traceback_are_named(name):
    [(param, value)] = ONCE_FAILED[name].items()
    assert param in inspect.signature(KNOWN[name]).parameters, (name, param)  # the function the case was written for
    _answers_or_names_the_problem(KNOWN[name], param, value, name)


# ---- damaged data folders -----------------------------------------------------------------------------------

def _notebook_calls(folder: Path):
    from filmkit.course import cost_and_time as m2
    from filmkit.course import ethics_and_governance as m5
    from filmkit.course import start_here as m0
    from filmkit.course import the_eternaut_case as m1
    from filmkit.course import what_would_10x_take as m3
    from filmkit.course import work_and_jobs as m4
    from filmkit.model.data import load_all

    def summary():
        results = m2.run()
        return m2.summary_table(results, m2.feasibility(results), "eternaut")

    return {"load_all": load_all, "run": m2.run, "summary_table": summary, "explorer": m2.explorer,
            "presets": lambda: [m2.preset(p) for p in m2.presets()], "ledger": m1.ledger_widget,
            "timeline": m1.timeline_events, "monte_carlo": lambda: m3.summarise(m3.monte_carlo(100)),
            "rebound": m4.rebound_widget, "matrix": lambda: m5.matrix_widget(str(folder)), "cases": m5.cases_widget,
            "check_environment": lambda: m0.report(m0.check_environment())}


@pytest.fixture(scope="module")
def damage_room():
    with tempfile.TemporaryDirectory(prefix="filmkit-damage-") as room:
        yield Path(room)


@settings(max_examples=24, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(damage=st.sampled_from(DAMAGES), seed=st.integers(0, 10 ** 6), call=st.sampled_from(
    ["load_all", "run", "summary_table", "explorer", "presets", "ledger", "timeline", "monte_carlo", "rebound",
     "matrix", "cases", "check_environment"]))
def test_a_damaged_data_folder_is_named_never_a_traceback(damage, seed, call, damage_room):
    folder = damaged_copy(data_dir(), damage_room / "data", damage, seed)
    work = damage_room / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    with warnings.catch_warnings(), data_folder(folder if (folder / "datapackage.json").exists() else data_dir()):
        warnings.simplefilter("ignore")
        try:
            result = _notebook_calls(work)[call]()
        except ValueError as exc:
            assert str(exc).strip()
            return
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"{damage.__name__} (seed {seed}) then {call}(): {type(exc).__name__}: {exc}")
    if call == "check_environment":  # check-env never calls damaged data fine (a bad number may still be legal)
        assert damage.__name__ == "bad_number" or not result.rstrip().endswith("you are ready to go."), result


def test_check_env_and_the_loader_say_the_same_about_each_damage(damage_room):
    from filmkit.model.data import load_all
    from filmkit.tools.envcheck import _data_check

    for i, damage in enumerate(DAMAGES):
        folder = damaged_copy(data_dir(), damage_room / "same", damage, i)
        if not (folder / "datapackage.json").exists():
            continue
        with data_folder(folder):
            try:
                load_all()
            except ValueError as exc:
                check = _data_check()
                assert not check.ok and str(exc) in check.found, (damage.__name__, str(exc), check.found)


@pytest.mark.parametrize("value", [1e308, -1e308, 10 ** 400, -(10 ** 30) - 7, 2 ** 63])
def test_numbers_beyond_28_digits_are_written_in_full_never_rounded_away(value):
    """A Decimal holds 28 digits by default: 1e308 once raised decimal.InvalidOperation in every table."""
    import decimal

    from filmkit.i18n import money, number, percent, ratio, use_language

    exact = int(decimal.Decimal(repr(value)))
    with use_language("en"):
        assert int(number(value).replace(",", "")) == exact
        assert int(money(value).replace(",", "").replace("$", "")) == exact
        assert int(percent(value).replace(",", "").rstrip("%")) == exact * 100
        assert ratio(value) == number(value, 2) + "x"
        assert number(math.nan) == money(math.inf) == percent(-math.inf) == ratio(math.nan) == "n/a"
