"""The checks on the analysis in a line each, for the brief's list of techniques applied: the Key
Assumptions Check, the Quality of Information Check, the bias stress test and the deception
checks. Each line is a claim with its own condition (``sat.report.conditions.checks``); where a
check's judgement is already a claim of its own (the linchpin and untested assumptions, how well
the lead is sourced, the deception recommendation) that claim is said, not a second wording of it.
"""

from __future__ import annotations

from sat.case import Case
from sat.report.claims._base import Claim, _and
from sat.report.claims.deception import deception_claims
from sat.report.claims.quality import sourcing_claims
from sat.techniques.ach import ACHResult
from sat.techniques.assumptions import KACResult
from sat.techniques.bias import SEVERITIES, BiasResult
from sat.techniques.deception import DeceptionResult
from sat.techniques.quality import QualityResult


def _n(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _ids(ids: tuple[str, ...]) -> str:
    return f" ({_and(ids)})" if ids else ""


def matrix_summary(case: Case, ach: ACHResult) -> list[Claim]:
    """The size of the matrix, and the cells left unrated."""
    unrated = len(ach.unrated)
    text = (
        f"{_n(len(case.hypotheses), 'hypothesis', 'hypotheses')} weighed against "
        f"{_n(len(case.evidence), 'item')} of evidence"
        + (f"; {_n(unrated, 'cell')} of the matrix not rated" if unrated else "")
    )
    figures = {
        "hypotheses": len(case.hypotheses),
        "evidence": len(case.evidence),
        "unrated": unrated,
    }
    return [Claim("summary.matrix", text + ".", figures)]


def kac_summary(case: Case, kac: KACResult) -> list[Claim]:
    """How many assumptions were checked and how many are at high risk, rated unsupported, not
    yet rated or not fully challenged; then the assumptions the judgement turns on and those it
    relies on untested."""
    if not case.assumptions:
        return []
    table = kac.table_frame
    high = tuple(kac.high_risk)
    unsupported = tuple(kac.key_uncertainties)
    unrated = tuple(table.index[table["rating"].isna()])
    incomplete = tuple(kac.incomplete)
    count = len(case.assumptions)
    text = f"{_n(count, 'assumption')} listed: " + (
        f"{len(high)} at high risk, insecure and costly if wrong{_ids(high)}"
        if high
        else "none at high risk"
    )
    if unsupported:
        text += f"; {len(unsupported)} rated unsupported{_ids(unsupported)}"
    if unrated:
        text += (
            f"; {len(unrated)} not yet rated{_ids(unrated)}, so counted as unsupported (and as "
            "costly if wrong where no impact is given)"
        )
    if incomplete:
        text += f"; challenge questions left unanswered for {_and(incomplete)}"
    figures = {
        "count": count,
        "high": high,
        "unsupported": unsupported,
        "unrated": unrated,
        "incomplete": incomplete,
    }
    claims = [Claim("summary.kac", text + ".", figures)]
    pins = tuple(kac.linchpins)
    if pins:
        text = (
            f"The leading judgement turns on {_and(pins)}: dropping "
            f"{'its item' if len(pins) == 1 else 'the item of any one of them'} from the matrix "
            "changes who leads, or whether the lead rests only on the consistency tie-break."
        )
        claims.append(Claim("summary.kac_linchpins", text, {"assumptions": pins}))
    untested = tuple(kac.untested)
    if untested:
        text = (
            f"The leading judgement relies on {_and(untested)}, insecure and not tested by any "
            "item of the matrix."
        )
        claims.append(Claim("summary.kac_untested", text, {"assumptions": untested}))
    return claims


def quality_summary(case: Case, quality: QualityResult) -> list[Claim]:
    """How many sources are graded, how many observed items are corroborated, rest on one
    independent source or on none, the items to re-check, and how well the lead is sourced."""
    if not case.sources:
        return []
    ev = quality.evidence_frame
    observed = ev[ev["type"] != "assumption"]
    # F says the reliability cannot be judged: such a source is not counted as graded
    graded = sum(s.reliability not in (None, "F") for s in case.sources)
    unjudged = sum(s.reliability == "F" for s in case.sources)
    corroborated, single = tuple(quality.corroborated), tuple(quality.single_source)
    unsourced = tuple(observed.index[observed["unsourced"]])
    text = f"{_n(len(case.sources), 'source')}, {graded} graded for reliability"
    if unjudged:
        text += f", {unjudged} whose reliability cannot be judged (F)"
    if len(observed):
        text += (
            f"; observed items: {len(corroborated)} of {len(observed)} corroborated by independent "
            f"sources, {len(single)} on a single independent source"
            + (f", {len(unsourced)} with no source" if unsourced else "")
        )
    figures = {
        "sources": len(case.sources),
        "graded": graded,
        "unjudged": unjudged,
        "observed": len(observed),
        "corroborated": corroborated,
        "single": single,
        "unsourced": unsourced,
    }
    claims = [Claim("summary.quality", text + ".", figures)]
    critical = tuple(quality.critical)
    if critical:
        text = (
            f"{_n(len(critical), 'item')} to re-check ({_and(critical)}): "
            f"{'it carries' if len(critical) == 1 else 'each carries'} weight in the matrix on "
            "thin sourcing."
        )
        claims.append(Claim("summary.quality_critical", text, {"items": critical}))
    return [*claims, *sourcing_claims(quality)]


def bias_summary(bias: BiasResult) -> list[Claim]:
    """The stress test's findings by bias and severity, how many detectors ran and found nothing,
    and how many could not run."""
    found = tuple((f.detector, f.severity) for f in bias.findings)
    passed, skipped = tuple(bias.passed), tuple(d for d, _ in bias.not_checked)
    by_severity = {
        severity: [f.bias for f in bias.findings if f.severity == severity]
        for severity in SEVERITIES
    }
    levels = ". ".join(
        f"{severity.capitalize()}: {'; '.join(named)}"
        for severity, named in by_severity.items()
        if named
    )
    if not found and not passed:  # nothing was tested: no finding is not a clean result
        text = f"The bias stress test could not run on this case ({len(skipped)} checks)"
        figures = {"findings": found, "passed": passed, "not_checked": skipped}
        return [Claim("summary.bias", text + ".", figures)]
    text = (
        f"{_n(len(found), 'possible bias', 'possible biases')} found. {levels}"
        if found
        else "No sign of bias found"
    )
    text += (
        f". {_n(len(passed), 'check')} ran and found nothing" if passed else ". No check ran clean"
    )
    if skipped:
        text += f"; {len(skipped)} could not run on this case"
    figures = {"findings": found, "passed": passed, "not_checked": skipped}
    return [Claim("summary.bias", text + ".", figures)]


def deception_summary(case: Case, deception: DeceptionResult) -> list[Claim]:
    """Who carries a high deception risk, the items resting on sources open to manipulation, and
    the checks' recommendation."""
    if not case.deception:
        return []
    high = tuple(deception.high_risk)
    exposed = tuple(deception.exposed_frame.index)
    # an actor with EVE answers alone is not assessed (its risk is None): they are about evidence
    assessed = int(deception.subjects_frame["risk"].notna().sum())
    answered = any(entry.answers for entry in case.deception)
    text = (
        f"High deception risk: {_and(high)}"
        if high
        else "The one subject assessed is not a high deception risk"
        if assessed == 1
        else f"None of the {assessed} subjects assessed is a high deception risk"
        if assessed
        else "No actor or source has been assessed for deception yet ("
        + (
            "an actor's EVE answers alone do not assess it: answer its MOM or POP questions)"
            if answered
            else "no checklist is answered)"
        )
    )
    if exposed:
        text += (
            f"; {_n(len(exposed), 'item')} {'rests' if len(exposed) == 1 else 'rest'} on a source "
            f"open to manipulation ({_and(exposed)})"
        )
    figures = {"high": high, "exposed": exposed, "assessed": assessed, "answered": answered}
    claims = [Claim("summary.deception", text + ".", figures)]
    return [*claims, *deception_claims(deception)]
