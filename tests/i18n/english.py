"""What counts as English left in an edition: the kit's English sentences, minus quotations."""

import html
import re
from functools import lru_cache
from pathlib import Path

from filmkit.i18n import use_language
from filmkit.model import data
from filmkit.tools import editions

ROOT = Path(__file__).resolve().parents[2]
WIDGET_TEXT_KEYS = ("description", "value", "_options_labels", "placeholder", "tooltip", "description_tooltip")


@lru_cache(maxsize=None)
def english_phrases(lang: str) -> tuple[str, ...]:
    """The kit's English sentences (three words or more) whose translation differs from the English."""
    phrases = set()
    for message in editions._read_po(editions.catalog_path(lang), lang):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english, text in zip(ids, strings):
            for piece in re.split(r"\{[^}]*\}|<[^>]+>|\n", english):
                piece = piece.strip(" .,:;()*-")
                if len(piece.split()) >= 3 and piece not in text:
                    phrases.add(piece)
    for row in editions.read_data_translations(ROOT, lang):
        # a category value of two words or more (a stakeholder, a value of the matrix) is a name shown in tables
        if row["table"] == data.VOCABULARY and len(row["english"].split()) >= 2 and row["english"] != row["text"]:
            phrases.add(row["english"])
        # a cell whose translation keeps the English (a quotation with its translation beside it) is not English left
        if row["table"] != data.VOCABULARY and len(row["english"].split()) >= 3 and row["english"] not in row["text"]:
            phrases.add(row["english"])
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=None)
def quotations() -> tuple[str, ...]:
    """Text that is rightly in English (or another original language): quotations and source titles."""
    with use_language("en"):
        claims = data.load("claims")
        provisions = data.load("contract_provisions")
        guidance = data.load("guidance_principles")
        sources = data.load("sources")
    # a source's publisher is not kept: its own words are translated ("copy on", "strike site"), names stay the same
    kept = list(claims["quote"]) + list(claims["excerpt"]) + list(sources["title"])
    kept += list(provisions.loc[provisions["wording"] == "quote", "provision"])
    kept += list(guidance.loc[guidance["wording"] == "quote", "text"])
    return tuple(k for k in kept if k)


def shown_text(nb) -> str:
    """Everything a reader sees in the outputs: text, HTML without tags, and the widgets' state."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            bundle = out.get("data", {})
            parts.append(bundle.get("text/plain", "") if "text/html" not in bundle else "")
            parts.append(html.unescape(re.sub(r"<[^>]+>", " ", bundle.get("text/html", ""))))
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        for key, value in model.get("state", {}).items():
            if key in WIDGET_TEXT_KEYS:
                values = value if isinstance(value, list) else [value]
                parts += [html.unescape(re.sub(r"<[^>]+>", " ", v)) for v in values if isinstance(v, str)]
    text = "\n".join(parts)
    for quote in quotations():
        text = text.replace(quote, " ")
    return re.sub(r"\s+", " ", text)


def english_left(text: str, lang: str) -> list[str]:
    """The kit's English phrases found in ``text`` once quotations are taken out."""
    for quote in quotations():
        text = text.replace(quote, " ")
    text = re.sub(r"\s+", " ", text)
    return [p for p in english_phrases(lang) if p in text]
