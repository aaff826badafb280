"""Three widgets for module 6: the memorisation dial, the provenance view and spot-the-generated-frame.

Each works from the keyboard (Tab to a control, arrow keys to move it), answers in well under a tenth
of a second (the model is trained once; retraining without one artist is kept), and says in words
what its pictures show: every frame is an ``<img>`` with alt text, and a sentence sums them up.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from filmkit.i18n import N_, _, number, percent
from filmkit.model.frames import FRAMES_PER_SHOT, artist
from filmkit.model.generative import COPY_DISTANCE, DIAL, MIDDLE, MUSH, Model, ghost_share
from filmkit.views.generative_frames import Gallery, gallery_html

STYLE = {"description_width": "initial"}


def _p(text: str, strong: bool = False) -> str:
    body = html.escape(text)
    return f"<p><strong>{body}</strong></p>" if strong else f"<p>{body}</p>"


def maker(model: Model, index: int) -> str:
    """Who made training frame ``index``, and where it sits: "Ana, shot 2, frame 5"."""
    r = model.footage.records[index]
    return _("{artist}, shot {shot}, frame {frame}").format(artist=artist(r.artist).name, shot=r.shot, frame=r.t)


def consent_words(key: str) -> str:
    return _("agreed to training") if artist(key).consented else _("did not agree to training")


class MemorisationDial:
    """One control from "copies its training frames" to "blurs into mush", and what the model makes there."""

    def __init__(self, model: Model, count: int = 8, seed: int = 6, position: int = 4):
        self.model, self.count, self.seed = model, count, seed
        self.dial = widgets.SelectionSlider(options=[(str(i + 1), i + 1) for i in range(len(DIAL))], value=position,
                                            description=_("Memorisation dial (1 to {total})").format(total=len(DIAL)),
                                            continuous_update=False, style=STYLE, layout=widgets.Layout(width="420px", max_width="calc(100% - 4px)"))
        ends = widgets.HTML(_p(_("1: copies its training frames \u2192 {total}: blurs them into mush").format(
            total=len(DIAL))))
        self.text = widgets.HTML()
        self.frames = widgets.HTML()
        self.dial.observe(lambda _change: self.update(), names="value")
        self.widget = widgets.VBox([self.dial, ends, self.text, self.frames])
        self.update()

    def state(self) -> dict:
        k, bandwidth = DIAL[self.dial.value - 1]
        made, _starts = self.model.generate(self.count, k, bandwidth, self.seed)
        index, distance = self.model.nearest(made)
        return {"k": min(k or self.model.ingredients, self.model.ingredients), "bandwidth": bandwidth, "made": made,
                "index": index[:, 0], "distance": distance[:, 0], "ghosts": float(ghost_share(made).mean())}

    def update(self) -> None:
        s = self.state()
        copies = int((s["distance"] < COPY_DISTANCE).sum())
        sentences = [
            _("Setting {position} of {total}: {k} ingredients, bandwidth {bandwidth}.").format(
                position=self.dial.value, total=len(DIAL), k=number(s["k"]), bandwidth=number(s["bandwidth"], 2)),
            _("{copies} of {count} generated frames are copies of a training frame (distance under {threshold}); "
              "median distance to the nearest training frame {median}; {ghosts} of the pixels are half there.").format(
                copies=number(copies), count=number(self.count), threshold=number(COPY_DISTANCE, 2),
                median=number(float(np.median(s["distance"])), 3), ghosts=percent(s["ghosts"], 1)),
        ]
        if copies == self.count:
            reading = _("If a model hands back only its training frames, every frame it makes is someone's work, "
                        "reproduced.")
        elif s["ghosts"] > MUSH:
            reading = _("If the frames are this blurry, they are new but no use: a block is either there or not.")
        else:
            reading = _("In between: new frames that still look like the training frames.")
        self.text.value = _p(" ".join(sentences), strong=True) + _p(reading)
        made = [(frame, _("Generated frame {n}: nearest training frame {maker}, distance {distance}.").format(
                    n=i + 1, maker=maker(self.model, int(j)), distance=number(d, 3)),
                 _("generated {n}").format(n=i + 1))
                for i, (frame, j, d) in enumerate(zip(s["made"], s["index"], s["distance"]))]
        near = [(self.model.footage.frames[j], _("Training frame by {maker}, nearest to generated frame {n}.").format(
                    maker=maker(self.model, int(j)), n=i + 1),
                 _("{maker} \u00b7 distance {distance}").format(maker=maker(self.model, int(j)), distance=number(d, 3)))
                for i, (j, d) in enumerate(zip(s["index"], s["distance"]))]
        self.frames.value = (gallery_html(made, _("What the model makes")) +
                             gallery_html(near, _("The nearest training frame to each, and who made it")))


#: who can be left out of the training data (English names are keys; "" is nobody)
NOBODY = N_("nobody (all four artists)")


class ProvenanceView:
    """A generated frame's closest training frames and their makers; a switch that trains again without one artist."""

    def __init__(self, model: Model, count: int = 8, seed: int = 11):
        self.models = {"": model}
        self.count, self.seed = count, seed
        self.frame = widgets.IntSlider(value=1, min=1, max=count, description=_("Generated frame"),
                                       continuous_update=False, style=STYLE)
        options = [(_(NOBODY), "")]
        for key in sorted(set(model.footage.artists())):
            who = artist(key)
            options.append((who.name if who.consented else _("{artist} (did not agree to training)").format(
                artist=who.name), key))
        self.without = widgets.Dropdown(options=options, value="", description=_("Train without the frames of"),
                                        style=STYLE, layout=widgets.Layout(width="520px", max_width="calc(100% - 4px)"))
        self.text = widgets.HTML()
        self.frames = widgets.HTML()
        for control in (self.frame, self.without):
            control.observe(lambda _change: self.update(), names="value")
        self.widget = widgets.VBox([self.frame, self.without, self.text, self.frames])
        for key in options[1:]:   # trained once each now (a few hundredths of a second), so the switch answers at once
            self.model(key[1])
        self.update()

    def model(self, left_out: str) -> Model:
        if left_out not in self.models:
            self.models[left_out] = self.models[""].without(left_out)
        return self.models[left_out]

    def answers(self, left_out: str = "") -> tuple[Model, np.ndarray, np.ndarray, np.ndarray]:
        """(model, generated frames, their 3 nearest training frames, distances) with one artist left out."""
        model = self.model(left_out)
        k, bandwidth = DIAL[MIDDLE]
        made, _starts = model.generate(self.count, k, bandwidth, self.seed)
        index, distance = model.nearest(made, 3)
        return model, made, index, distance

    def update(self) -> None:
        left_out = self.without.value
        model, made, index, distance = self.answers(left_out)
        i = self.frame.value - 1
        makers = model.footage.artists()[index[:, 0]]
        counts = ", ".join(_("{artist} {count}").format(artist=artist(key).name, count=number(int((makers == key).sum())))
                           for key in sorted(set(model.footage.artists())))
        closest = [model.footage.records[j].artist for j in index[i]]
        by = ", ".join(_("{artist} ({count})").format(artist=artist(key).name, count=number(closest.count(key)))
                       for key in dict.fromkeys(closest))
        lines = [_("Generated frame {n}: its three closest training frames are by {makers}.").format(n=i + 1, makers=by),
                 _("Nearest training frame of each of the {count} generated frames, by maker: {counts}.").format(
                     count=number(self.count), counts=counts)]
        if left_out:
            who = artist(left_out)
            removed = len(self.models[""].footage) - len(model.footage)
            lines.append(_("Trained again without the {removed} frames by {artist}: no answer can name {artist} now, "
                           "and the frames the model makes change.").format(removed=number(removed), artist=who.name))
        self.text.value = _p(lines[0], strong=True) + "".join(_p(line) for line in lines[1:])
        items = [(made[i], _("Generated frame {n}.").format(n=i + 1), _("generated {n}").format(n=i + 1))]
        for j, d in zip(index[i], distance[i]):
            key = model.footage.records[j].artist
            items.append((model.footage.frames[j],
                          _("Training frame by {maker} ({consent}), distance {distance}.").format(
                              maker=maker(model, int(j)), consent=consent_words(key), distance=number(d, 3)),
                          _("{maker} \u00b7 {consent} \u00b7 distance {distance}").format(
                              maker=maker(model, int(j)), consent=consent_words(key), distance=number(d, 3))))
        self.frames.value = gallery_html(items, _("A generated frame and its three closest training frames"))


LETTERS = "ABCD"


def deal(model: Model, seed: int, round_number: int) -> tuple[list[np.ndarray], list[int | None], int]:
    """A round's four frames, each one's training index (None for the generated one), and where that one is."""
    rng = np.random.default_rng(seed + round_number)
    k, bandwidth = DIAL[MIDDLE]
    t = int(rng.integers(4, FRAMES_PER_SHOT + 1))   # a moment when the collapse is under way
    made, _starts = model.generate(1, k, bandwidth, seed + round_number, times=[t])
    pool = np.flatnonzero(model.times == t)
    real = [int(j) for j in rng.choice(pool, 3, replace=False)]
    where = int(rng.integers(0, 4))
    sources: list[int | None] = real[:where] + [None] + real[where:]
    return [made[0] if j is None else model.footage.frames[j] for j in sources], sources, where


def round_gallery(model: Model, round_number: int = 1, seed: int = 2025) -> Gallery:
    """A round as a still picture with no answer shown (the game's starting state, for pages without a kernel)."""
    frames, _sources, _where = deal(model, seed, round_number)
    items = [(f, _("Frame {letter}.").format(letter=LETTERS[i]), LETTERS[i]) for i, f in enumerate(frames)]
    return Gallery(items, _("Round {n}: one of these four frames was generated").format(n=round_number))


class SpotTheFrame:
    """Four frames, one generated: which one? Choosing reveals the answer and outlines the generated frame."""

    def __init__(self, model: Model, rounds: int = 5, seed: int = 2025):
        self.model, self.seed = model, seed
        self.round = widgets.IntSlider(value=1, min=1, max=rounds, description=_("Round"), continuous_update=False,
                                       style=STYLE)
        self.choice = widgets.RadioButtons(options=[(_("frame {letter}").format(letter=c), i)
                                                    for i, c in enumerate(LETTERS)],
                                           value=None, description=_("Which frame was generated?"), style=STYLE)
        self.text = widgets.HTML()
        self.frames = widgets.HTML()
        self.round.observe(lambda _change: self.new_round(), names="value")
        self.choice.observe(lambda _change: self.update(), names="value")
        self.widget = widgets.VBox([self.round, self.frames, self.choice, self.text])
        self.new_round()

    def new_round(self) -> None:
        self.frames_now, self.sources, self.where = deal(self.model, self.seed, self.round.value)
        if self.choice.value is None:
            self.update()
        else:
            self.choice.value = None   # observing the change updates the view

    def update(self) -> None:
        chosen = self.choice.value
        reveal = chosen is not None
        items = []
        for i, (frame, j) in enumerate(zip(self.frames_now, self.sources)):
            if not reveal:
                alt = _("Frame {letter}.").format(letter=LETTERS[i])
            elif j is None:
                alt = _("Frame {letter}: generated.").format(letter=LETTERS[i])
            else:
                alt = _("Frame {letter}: simulated by {maker}.").format(letter=LETTERS[i], maker=maker(self.model, j))
            items.append((frame, alt, alt if reveal else LETTERS[i]))
        self.frames.value = gallery_html(items, _("Round {n}: one of these four frames was generated").format(
            n=self.round.value), outlined=self.where if reveal else None)
        if not reveal:
            self.text.value = _p(_("Choose the frame you think the model made; the answer shows at once."))
            return
        answer = LETTERS[self.where]
        verdict = (_("Right: frame {answer} was generated.") if chosen == self.where
                   else _("Not this time: frame {answer} was generated (outlined).")).format(answer=answer)
        half = percent(float(ghost_share(self.frames_now[self.where][None])[0]), 1)
        self.text.value = _p(verdict, strong=True) + _p(_(
            "A clue some frames give away: {half} of the generated frame's pixels are half there. "
            "If a documentary showed this frame as filmed, its audience could not check it.").format(half=half))


def memorisation_dial(model: Model):
    return MemorisationDial(model).widget


def provenance_view(model: Model):
    return ProvenanceView(model).widget


def spot_the_frame(model: Model):
    return SpotTheFrame(model).widget
