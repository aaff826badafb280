"""Colour-blind-safe colours and markers shared by every chart.

Okabe and Ito's eight colours stay distinct for the common colour-vision
deficiencies; every series also gets its own marker or hatch, so no chart
relies on colour alone.
"""

from filmkit.i18n import N_

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

#: Each colour's name in plain words, for alt text (translated where shown: ``_(COLOUR_WORDS[name])``).
COLOUR_WORDS = {
    "orange": N_("orange"),
    "sky_blue": N_("sky blue"),
    "bluish_green": N_("bluish green"),
    "yellow": N_("yellow"),
    "blue": N_("blue"),
    "vermillion": N_("vermillion"),
    "reddish_purple": N_("reddish purple"),
    "black": N_("black"),
}

#: Order used for categorical series (yellow last: weak contrast on white).
SERIES = ["blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "black", "yellow"]
MARKERS = ["o", "s", "D", "^", "v", "P", "X", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]


def colour(i: int) -> str:
    """The i-th series colour (cycles)."""
    return OKABE_ITO[SERIES[i % len(SERIES)]]


def marker(i: int) -> str:
    """The i-th series marker (cycles)."""
    return MARKERS[i % len(MARKERS)]


def hatch(i: int) -> str:
    """The i-th series hatch pattern (cycles)."""
    return HATCHES[i % len(HATCHES)]
