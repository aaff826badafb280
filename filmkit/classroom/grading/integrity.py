"""Hand-ins that look copied, for a person to look at: ``integrity.html``.

Nothing here changes a grade: it lists pairs of students for the instructor to talk to.

- **Identical answer records**: two students whose notebooks carry the same answer records, values
  *and* the second each was saved. Two honest students who both answer correctly save at different
  times; a copied notebook keeps the times of the one it was copied from.
- **Identical or near-identical written answers**: for each task, the word 5-gram Jaccard
  similarity of two answers (lower-case words; the share of 5-word runs the two texts have in
  common, over the runs either has) is at least :data:`THRESHOLD`. Answers under 5 words are
  compared only for being identical words.
- **A name typed for someone else**: the name typed in a notebook is not the roster's name for the
  student who handed it in (with a roster), or one typed name appears under two ids (without one).
- **Wrong module**: a notebook handed in under another module's name (also listed as not graded).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from datetime import datetime
from itertools import combinations

from filmkit.classroom.grading.roster import slug
from filmkit.i18n import _, number

#: word 5-gram Jaccard similarity from which two written answers are listed
THRESHOLD = 0.8
SHINGLE = 5


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def similarity(a: str, b: str) -> float:
    """Word 5-gram Jaccard similarity of two texts (1.0: the same words in the same order)."""
    return _jaccard(_shingles(_words(a)), _shingles(_words(b)))


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def findings(subs: list, wrong_module: list) -> list[tuple[str, str, str, str, str]]:
    """(kind, students, where, measure, detail) rows; ``subs`` are the hand-ins that count."""
    rows = []
    by_records = defaultdict(set)
    for s in subs:
        raws = tuple(sorted(a.raw for a in s.answers.values() if a.raw))
        if raws:
            by_records[(s.module, raws)].add(s.student_id)
    for (module, raws), students in sorted(by_records.items()):
        if len(students) > 1:
            rows.append((_("Identical answer records"), ", ".join(sorted(students)), module,
                         _("{count} records, same values and save times").format(count=number(len(raws))), ""))
    texts = defaultdict(list)
    for s in subs:
        for task, text in s.written.items():
            words = _words(text)
            if words:
                texts[task].append((s.student_id, text, _shingles(words)))
    for task, items in sorted(texts.items()):
        index = defaultdict(set)
        for i, (_who, _text, shingles) in enumerate(items):
            for shingle in shingles:
                index[shingle].add(i)
        pairs = {pair for group in index.values() if 1 < len(group) < 50 for pair in combinations(sorted(group), 2)}
        for i, j in sorted(pairs):
            (a, text_a, sa), (b, text_b, sb) = items[i], items[j]
            score = _jaccard(sa, sb)
            if a != b and score >= THRESHOLD:
                kind = _("Identical written answers") if score == 1 else _("Near-identical written answers")
                rows.append((kind, f"{a}, {b}", _("Exercise {task}").format(task=task),
                             _("5-word-run similarity {value}").format(value=number(score, 2)),
                             f"{a}: {text_a[:600]}\n\n{b}: {text_b[:600]}"))
    typed = defaultdict(set)
    for s in subs:
        if s.typed_name and s.student_name and slug(s.typed_name) not in {slug(s.student_name),
                                                                           slug(" ".join(s.student_name.split(", ")[::-1]))}:
            rows.append((_("Name typed for someone else"), s.student_id, s.rel,
                         _("typed {typed}; the roster says {name}").format(typed=s.typed_name[:80], name=s.student_name),
                         ""))
        elif s.typed_name and not s.student_name:
            typed[slug(s.typed_name)].add((s.student_id, s.typed_name[:80]))
    for _key, who in sorted(typed.items()):
        ids = sorted({w[0] for w in who})
        if len(ids) > 1:
            rows.append((_("One typed name under two ids"), ", ".join(ids), "",
                         _("typed {typed}").format(typed=sorted(who)[0][1]), ""))
    for sub in wrong_module:
        rows.append((_("Wrong module"), sub.student_id, sub.rel, sub.problem, ""))
    return rows


def report(rows: list[tuple[str, str, str, str, str]], lang: str) -> str:
    """The HTML page of :func:`findings` (every value escaped)."""
    e = html.escape
    head = [_("What"), _("Students"), _("Where"), _("Measure"), _("Overlap")]
    title = _("Integrity report")
    parts = ["<!DOCTYPE html>", f'<html lang="{e(lang)}"><head><meta charset="utf-8">',
             f"<title>{e(title)}</title>",
             "<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:1.5rem auto;padding:0 1rem}"
             "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .5rem;vertical-align:top;"
             "text-align:left}td.overlap{white-space:pre-wrap;font-size:.85rem}</style></head><body>",
             f"<h1>{e(title)}</h1>",
             "<p>" + e(_("Hand-ins that look copied, for you to look at; no grade was changed. Written answers are "
                         "compared by the share of 5-word runs two answers have in common (word 5-gram Jaccard "
                         "similarity); pairs at {threshold} or above are listed. Answer records are identical when "
                         "their values and the second they were saved are the same. Generated {when}.").format(
                 threshold=number(THRESHOLD, 1), when=datetime.now().isoformat(timespec="minutes"))) + "</p>"]
    if not rows:
        parts.append("<p>" + e(_("Nothing to report.")) + "</p>")
    else:
        parts.append("<table><thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in head) + "</tr></thead><tbody>")
        for row in rows:
            cells = "".join(f"<td>{e(c)}</td>" for c in row[:4]) + f'<td class="overlap">{e(row[4])}</td>'
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
