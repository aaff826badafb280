"""No checked answer is printed in a student release: every file of every edition is searched for each
key value written the way that edition writes numbers (decimal sign, grouping, percent), and for each
choice's label in that edition's words.

The release is read as students get it (text of markdown, notebooks with their outputs, CSV, HTML).
No answer is allowed to be printed: ``PRINTED`` is empty, and a question whose answer a notebook
prints is to be replaced by one the reader must run or reason out. What a text search cannot see
(small whole numbers, a name, a rank in a table) is listed in ``UNSEARCHED`` with what a person found.

Checked questions weigh little against the rubric tasks (the last test), so a looked-up answer gains little.

The hints are held to the same rule: no hint, label or prompt (in any language) contains the key
value, or a number that with the question's own numbers yields it.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from filmkit.classroom import release
from filmkit.i18n import _, number, percent, use_language
from filmkit.tools import questions  # noqa: F401  (fills the registry)
from filmkit.tools import selfcheck
from filmkit.tools.question import REGISTRY

KEY = selfcheck.answer_key()
TEXT_FILES = (".ipynb", ".md", ".csv", ".html", ".txt", ".json")

#: answers the release still prints, with where (none: each such question was replaced by one to reason out)
PRINTED: dict[str, str] = {}

#: what the search cannot see, with why and what a person found there: whole numbers under 20 (and values
#: that round to one) are on every page, and a choice between names or ranked in a table is not a sentence.
#: A question that falls there must be listed, and none of them is printed.
UNSEARCHED = {
    "m03_q1": "5.00 person-days reads as 5: not printed (notebook 03 lists the set-up for 10x, not for 2x)",
    "m05_q1": "a count of 7: notebook 05's provision table has to be filtered and counted; not printed as a count",
    "m06_q2": "a count of 3: not printed (the dial shows it once moved; notebook 06's table counts more frames)",
    "m06_q3": "an artist's name, on every caption: not printed (the provenance view shows it once trained again)",
}

#: how near another option's label must be for a choice's label to read as one of a list, not an answer
NEAR = 300


def spellings(value, share: bool = False) -> dict[str, str]:
    """{spelling: what must follow it} for a value in the edition in use: 702.94 / 702,94, 4.5x / 4,5x, 38.8 %...

    Whole numbers under 20 (and values that round to one, 5.00) are not searched: every page has them;
    a value rounded to one decimal only with the "x" of a speed-up after it, so 4.5x is found and an
    unrelated 4.5 is not.
    """
    value = float(value)
    out: dict[str, str] = {}
    if round(value, 2).is_integer():  # 5.0025 reads 5.00: as common on a page as the whole number 5
        value = float(round(value))
        if abs(value) >= 20:
            out[number(value, 0)] = ""
        return out
    out[number(value, 2)] = ""
    if abs(value) >= 1:
        out[number(value, 1)] = r"\s?[x×]"
    if share:
        out[percent(value, 1)] = ""
    return {k.replace("\u202f", " ").replace("\u00a0", " "): v for k, v in out.items()}


def _pattern(text: str, after: str) -> re.Pattern:
    # the number on its own: not part of a longer number, and (unless it is one) not a percentage
    tail = r"(?!\d|[.,]\d)" + (r"(?!\s?%)" if not text.endswith("%") else "")
    return re.compile(r"(?<![\w.,])" + re.escape(text) + tail + after)


def _readable(path: Path) -> str:
    """What a student reads in a file: a notebook's cells and text outputs (no metadata, no images)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix != ".ipynb":
        return text.replace("\u202f", " ").replace("\u00a0", " ")
    nb = json.loads(text)
    parts = []
    for cell in nb.get("cells", []):
        parts.append("".join(cell.get("source", "")))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")))
            for kind, data in (out.get("data") or {}).items():
                if kind.startswith("text/"):
                    parts.append("".join(data))
    text = re.sub(r"[A-Za-z0-9+/=]{80,}", " ", "\n".join(parts))  # an image's data is not text a student reads
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _texts(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): _readable(p)
            for p in folder.rglob("*") if p.is_file() and p.suffix in TEXT_FILES and ".git" not in p.parts}


def leaks(folder: Path, lang: str) -> dict[str, list[str]]:
    """{question: ["file: ...context..."]} for every key value found in the release's text.

    A number is searched in the edition's spellings. A choice is searched by the label its answer
    field shows in that edition: found with no other option's label within ``NEAR`` characters
    (a sentence or a caption that names it alone, "Largest: ..."), it is printed; found in a list or a
    table of options (a parameter table, a legend), it is not. Sets are not searched: their items are
    ids (CL03, K01) the ledgers show by design, and no single id is the answer.
    """
    texts = _texts(folder)
    found: dict[str, list[str]] = {}
    with use_language(lang):
        for qid, q in REGISTRY.items():
            if q.kind == "number":
                for spelled, after in spellings(KEY[qid].expected(), share=q.share).items():
                    pattern = _pattern(spelled, after)
                    for name, text in texts.items():
                        hit = pattern.search(text)
                        if hit:
                            found.setdefault(qid, []).append(f"{name}: ...{text[max(0, hit.start() - 50):hit.end() + 20]}...")
            elif q.kind == "choice" and qid not in UNSEARCHED:
                for name, context in choice_hits(q, str(KEY[qid].expected()), texts):
                    found.setdefault(qid, []).append(f"{name}: ...{context}...")
    return found


def choice_hits(q, answer: str, texts: dict[str, str]):
    """(file, context) for each place a choice's answer is named with no other option near it."""
    options = [(str(label), str(value)) for label, value in q.options()]
    right = [label for label, value in options if value == answer]
    others = [label for label, value in options if value != answer]
    for label in right:
        pattern = re.compile(r"(?<!\w)" + re.escape(label) + r"(?!\w)")
        for name, text in texts.items():
            for hit in pattern.finditer(text):
                near = text[max(0, hit.start() - NEAR):hit.end() + NEAR]
                if not any(other in near for other in others):
                    yield name, text[max(0, hit.start() - 60):hit.end() + 30]


@pytest.fixture(scope="module")
def every_edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "all"
    release.release(out, echo=lambda *_: None, lang="all")
    return out


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_no_checked_answer_is_printed_in_the_release(every_edition, lang):
    found = leaks(every_edition, lang)
    assert not PRINTED, "no answer may stay printed: replace the question"
    assert not set(found) & set(UNSEARCHED) or lang != "en", "a listed question is found after all: take it off"
    printed = {qid: where[:3] for qid, where in found.items()}
    assert not printed, f"checked answers printed in the {lang} release: {printed}"


def test_the_search_finds_a_printed_answer(tmp_path):
    qid = "m02_q2"
    (tmp_path / "notes.md").write_text(f"The total is {number(KEY[qid].expected(), 2)} USD.\n", encoding="utf-8")
    assert qid in leaks(tmp_path, "en")
    with use_language("fr"):
        (tmp_path / "notes.md").write_text(f"Total : {number(KEY[qid].expected(), 2)} USD.\n", encoding="utf-8")
    assert qid in leaks(tmp_path, "fr")


def test_the_search_finds_a_choice_named_alone(tmp_path):
    qid = "m03_q3"
    q = REGISTRY[qid]
    answer = str(KEY[qid].expected())
    labels = dict((value, label) for label, value in q.options())
    (tmp_path / "chart.md").write_text(f"Tornado chart. Largest: {labels[answer]}, from 1.2x to 0.9x.\n", encoding="utf-8")
    assert qid in leaks(tmp_path, "en")
    with use_language("es"):
        spanish = dict((value, label) for label, value in q.options())[answer]
    (tmp_path / "chart.md").write_text(f"El mayor: {spanish}.\n", encoding="utf-8")
    assert qid in leaks(tmp_path, "es") and qid not in leaks(tmp_path, "fr")
    table = "\n".join(f"| {label} | {n} |" for n, label in enumerate(labels.values()))
    (tmp_path / "chart.md").write_text(table, encoding="utf-8")  # every input listed: no answer given
    assert qid not in leaks(tmp_path, "en")


# ---- hints: they point at the mistake, never at the value

EXERCISES = Path(__file__).resolve().parents[2] / "instructors" / "exercises"
_NUMBER_IN_TEXT = re.compile(r"(?<![\w.,])(\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?)(\s?%)?(?![\w])")


def prompts() -> dict[str, str]:
    """{question: the English prompt above its check}, from the exercise sources."""
    out = {}
    for path in sorted(EXERCISES.glob("*.ipynb")):
        prompt = ""
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            text = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                prompt = text
            for qid in re.findall(r"""check\(["'](m\d\d_q\d+)["']\)""", text):
                out[qid] = prompt
    return out


def numbers_in(text: str) -> set[float]:
    """Every number written in the text, read the language in use's way; a percentage gives both 62 and 0.62."""
    from filmkit.tools.question import to_number

    found = set()
    for digits, pct in _NUMBER_IN_TEXT.findall(text.replace("\u2212", "-")):
        value = to_number(digits.strip())
        if value is None:
            continue
        found.add(value)
        if pct:
            found.add(round(value / 100, 12))
    return found


def giveaways(text: str, key: float, given: set[float], rel_tol: float) -> list[str]:
    """The numbers in ``text`` that give ``key``: the key itself, or a number the question does not
    contain that yields it with one of the question's own numbers (or 1, or 100) by one operation."""
    close = lambda a, b: math.isclose(a, b, rel_tol=max(rel_tol, 0.005), abs_tol=1e-9)  # noqa: E731
    out = []
    for n in numbers_in(text):
        if any(close(n, g) for g in given) and not close(n, key):
            continue  # the question's own number says nothing new
        results = {n}
        for g in given | {1.0, 100.0}:
            results |= {n + g, n - g, g - n, n * g}
            results |= {n / g, g / n} if n and g else set()
        if any(close(r, key) for r in results):
            out.append(f"{n:g} in {text!r}")
    return out


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_no_hint_gives_the_value(lang):
    texts = prompts()
    with use_language(lang):
        key = selfcheck.answer_key()
        bad = []
        for qid, q in REGISTRY.items():
            expected = key[qid].expected()
            hints = [hint for _value, hint in key[qid].mistakes]
            if q.kind == "number":
                given = numbers_in(texts.get(qid, "")) | numbers_in(_(q.label)) | numbers_in(_(q.what))
                with use_language("en"):  # the prompt and label in English: the numbers a reader is given
                    given |= numbers_in(texts.get(qid, "")) | numbers_in(_(q.label)) | numbers_in(_(q.what))
                for hint in hints:
                    bad += [f"{qid}: {g}" for g in giveaways(hint, float(expected), given, key[qid].rel_tol)]
            else:
                right = expected if isinstance(expected, list) else [expected]
                shown = {label for label, value in q.options() if value in right} | {str(v) for v in right}
                bad += [f"{qid}: {hint!r} names {label!r}" for hint in hints for label in shown if label in hint]
    assert not bad, f"hints that give the answer ({lang}): {bad}"


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_no_question_gives_its_own_answer_as_an_example(lang):
    texts = prompts()
    with use_language(lang):
        key = selfcheck.answer_key()
        bad = [f"{qid}: {value:g}" for qid, q in REGISTRY.items() if q.kind == "number"
               for value in numbers_in(" ".join([texts.get(qid, ""), _(q.label), _(q.what)]))
               if math.isclose(value, float(key[qid].expected()), rel_tol=max(key[qid].rel_tol, 0.005))]
    assert not bad, f"questions that print their own answer ({lang}): {bad}"


def test_the_hint_check_finds_a_hint_that_gives_the_value():
    qid = "m01_q1"
    expected = KEY[qid].expected()
    given = numbers_in(prompts()[qid])
    assert 10 in given
    assert giveaways(f"close: the answer is {expected}.", expected, given, 0)
    assert giveaways(f"you counted {expected + 1} days, one too many.", expected, given, 0)  # with the 1 of the step
    assert giveaways(f"add 10 to {expected - 10}.", expected, given, 0)                      # with the prompt's 10
    assert not giveaways("check how you counted the days between the two dates.", expected, given, 0)
    with use_language("fr"):
        assert giveaways("le rapport est de 2,63.", KEY["m01_q3"].expected(), set(), 0.02)


def test_checked_questions_weigh_little_against_the_rubric_tasks():
    """A looked-up or guessed answer gains little: each checked question earns 1 point in the gradebook, each
    written task its rubric's points (instructors/rubrics.csv), and the total adds the two unweighted."""
    import csv
    from collections import Counter

    rubric = Counter()
    with (EXERCISES.parent / "rubrics.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rubric[row["task"].split(".")[0]] += int(row["points"])
    checks = Counter()
    for qid, q in REGISTRY.items():
        checks[str(int(qid[1:3]))] += q.points
    assert all(q.points == 1 for q in REGISTRY.values())
    for module, points in checks.items():
        assert points <= rubric[module] / 6, f"module {module}: {points} check points against {rubric[module]} rubric points"
    assert sum(checks.values()) < 0.1 * (sum(checks.values()) + sum(rubric.values()))


def test_what_the_search_cannot_see_is_listed():
    blind = set()
    for qid, q in REGISTRY.items():
        value = KEY[qid].expected()
        if q.kind == "number" and not spellings(value, share=q.share):
            blind.add(qid)
        if q.kind == "choice" and all(len(str(label).split()) == 1 for label, _value in q.options()):
            blind.add(qid)  # one-word options (names) stand alone on any caption
    assert blind == set(UNSEARCHED), f"list what the search cannot see, with why: {sorted(blind ^ set(UNSEARCHED))}"
