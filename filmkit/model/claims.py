"""The claims ledger: who said what about the case, and how well it is supported."""

from __future__ import annotations


import pandas as pd

from filmkit.i18n import _, number, percent, ratio
from filmkit.model.arguments import finite_number, shown
from filmkit.model.data import check_choice, load, with_sources
from filmkit.model.labels import figure, g_decimals

STATUS_ORDER = ["corroborated", "single_source", "unverified", "paraphrased", "misattributed", "contradicted"]
EVIDENCE_ORDER = ["primary", "secondary", "unverified"]
PERSPECTIVES = ["industry", "worker", "creator", "audience", "press"]

LEDGER_COLUMNS = ["id", "date", "speaker", "perspective", "venue", "quote", "status",
                  "reports", "publisher", "evidence_level", "source_id", "url"]


def speaker_name(speaker: str) -> str:
    """The person or body, without the '(as quoted by ...)' part.

    >>> speaker_name("Ted Sarandos (as quoted by Tekedia)")
    'Ted Sarandos'
    """
    return speaker.split(" (", 1)[0].strip()


def claims_ledger() -> pd.DataFrame:
    """Every claim with its source's publisher and evidence level, and how many reports carry it."""
    ledger = with_sources(load("claims"))
    extra = load("claim_corroboration")
    counts = extra.groupby("claim_id").size()
    ledger["reports"] = [1 + int(counts.get(cid, 0)) for cid in ledger["id"]]
    ledger["speaker_name"] = ledger["speaker"].map(speaker_name)
    return ledger


def filter_claims(ledger: pd.DataFrame, speaker: str | None = None, status: str | None = None,
                  evidence: str | None = None, perspective: str | None = None) -> pd.DataFrame:
    """Rows matching every given filter (``None`` means any).

    ``speaker`` matches the person or body, including words others credit to them.
    """
    check_choice("speaker", speaker, sorted(set(ledger["speaker_name"])))
    check_choice("status", status, STATUS_ORDER)
    check_choice("evidence", evidence, EVIDENCE_ORDER)
    check_choice("perspective", perspective, PERSPECTIVES)
    mask = pd.Series(True, index=ledger.index)
    if speaker is not None:
        mask &= ledger["speaker_name"] == speaker
    if status is not None:
        mask &= ledger["status"] == status
    if evidence is not None:
        mask &= ledger["evidence_level"] == evidence
    if perspective is not None:
        mask &= ledger["perspective"] == perspective
    return ledger[mask]


#: statuses whose words can be shown as the speaker's own
RELIABLE_STATUSES = ("corroborated", "single_source")


def perspective_sample(ledger: pd.DataFrame, prefer: tuple[str, ...] = ()) -> pd.DataFrame:
    """One claim per perspective, in the order of ``PERSPECTIVES``, chosen from the data.

    For each perspective, the first id of ``prefer`` that has that perspective and a reliable
    status (corroborated or single source), else the perspective's first reliable claim in the
    ledger. A perspective with no reliable claim is left out, so the sample never shows a voice
    under a label the data does not give it.
    """
    reliable = ledger[ledger["status"].isin(RELIABLE_STATUSES)]
    order = {claim_id: rank for rank, claim_id in enumerate(prefer)}
    picked = []
    for perspective in PERSPECTIVES:
        rows = reliable[reliable["perspective"] == perspective]
        if rows.empty:
            continue
        ranks = rows["id"].map(lambda claim_id: order.get(claim_id, len(order)))
        picked.append(rows.loc[ranks.idxmin()])  # the first of the lowest rank: ledger order among the rest
    return pd.DataFrame(picked, columns=ledger.columns).reset_index(drop=True)


def status_counts(ledger: pd.DataFrame) -> pd.DataFrame:
    """How many claims have each status, in a fixed order (zeros included).

    The statuses stay the ledger's own values; the two column headings are in the language in use.
    """
    counts = ledger["status"].value_counts()
    return pd.DataFrame({_("status"): STATUS_ORDER, _("claims"): [int(counts.get(s, 0)) for s in STATUS_ORDER]})


def time_saving_from_speedup(speedup: float) -> float:
    """Share of time saved by a speed-up: 10x faster saves 90 % of the time.

    >>> time_saving_from_speedup(10)
    0.9
    """
    if not isinstance(speedup, (int, float)) or not finite_number(speedup) or speedup < 1:
        raise ValueError(_("speedup: {value} is not allowed (a number of at least 1, e.g. 10 for '10x faster')")
                         .format(value=shown(speedup)))
    return 1 - 1 / speedup


def speedup_from_time_saving(saving: float) -> float:
    """Speed-up implied by a share of time saved: 78 % less time is about 4.5x faster.

    >>> round(speedup_from_time_saving(0.78), 2)
    4.55
    """
    if not isinstance(saving, (int, float)) or not finite_number(saving) or not 0 <= saving < 1:
        raise ValueError(_("saving: {value} is not allowed (a share from 0 up to, not including, 1; "
                           "0.78 means 78 %)").format(value=shown(saving)))
    return 1 / (1 - saving)


def speedup_sentence(traditional_days: float, speedup: float) -> str:
    """Plain-language reading of 'N times faster' for a job of a given length.

    >>> speedup_sentence(30, 10)
    'At 10x faster, 30 days of work take 3.0 days: 27.0 days (90%) less.'
    """
    if isinstance(traditional_days, bool) or not (isinstance(traditional_days, (int, float)) and traditional_days > 0):
        raise ValueError(_("traditional_days: {value} is not allowed (a number of days above 0)")
                         .format(value=shown(traditional_days)))
    saving = time_saving_from_speedup(speedup)
    new_days = traditional_days / speedup
    return _("At {speedup} faster, {days} days of work take {new_days} days: {saved_days} days ({saving}) less.").format(
        speedup=ratio(speedup, g_decimals(speedup)), days=figure(traditional_days), new_days=number(new_days, 1),
        saved_days=number(traditional_days - new_days, 1), saving=percent(saving))
