"""The two parts of a brief: the reader's brief and the analytic annex.

A policymaker reads the first part: the bottom line in words (the analysts'
key judgements, each with the analysis's figure beside it), the outlook, what
would change the judgement, confidence and why, what changed since the previous
assessment, and dissent in a line; at most two printed A4 pages. Its sentences
are claims (``sat.report.claims.reader``), each with a condition tested over
generated cases. The analytic annex follows on a new page: the analysis in
figures (the sections of ``sat.report.brief``), the analysts' words checked
against it (``sat review``), and a glossary of the terms it uses.

References
----------
.. [1] ODNI, *Intelligence Community Directive 203: Analytic Standards*, 2015 (the
   analytic standards a finished product is held to: a clear judgement, its
   likelihood and confidence, consistency and change).
"""

from __future__ import annotations

from typing import Any

from sat.language import ICD203
from sat.report.html import Fragment, render

__all__ = ["GLOSSARY", "annex_heading", "glossary", "reader_brief", "review_section"]


def reader_brief(analysis: Any, annex: bool = True) -> Fragment:
    """The reader's brief of an analysed case (``sat.Analysis``): the bottom line, the key
    judgements with their figures (marked where ``sat review`` finds the words stronger than
    the analysis), the outlook, what would change the judgement, confidence, the change since
    the previous assessment and dissent; ``annex``: an annex with the workings follows (the
    last line says so).

    Each part after the bottom line says only what the bottom line has not: the key
    judgements it did not show whole, and no kind of sentence twice (the outlook, the signs
    to watch, confidence: the bottom line's shorter form stands; a part left with none is
    left out), so that the brief reads aloud in about two minutes. The team's numbers follow
    the outlook: each answered target's combined estimate in a sentence, and, with the annex,
    where it shows how they were combined."""
    from sat.report.claims.reader import reader_claims

    parts = reader_claims(analysis)
    bluf = [c for c in parts["bluf"] if c.kind != "reader.more"]  # the rest follow at once
    said = {c.kind for c in bluf}
    whole = {
        c.figures["index"] for c in bluf if c.kind == "reader.judgement" and not c.figures["cut"]
    }
    judgements = [c for c in parts["judgements"] if c.figures["index"] not in whole]
    if not annex:  # no annex to point to
        said.add("reader.numbers_annex")
    rest = {
        part: [c for c in claims if c.kind not in said]
        for part, claims in parts.items()
        if part not in ("bluf", "judgements")
    }
    return render(
        "reader.html.j2",
        annex=annex,
        bluf=bluf,
        judgements=judgements,
        others=bool(whole),
        **rest,
    )


def annex_heading(analysis: Any) -> Fragment:
    """The heading that starts the analytic annex on a new page, with the case's background
    (its ``summary``)."""
    return render(
        "annex.html.j2", reviewed=bool(analysis.review.checked), summary=analysis.case.summary
    )


def review_section(analysis: Any) -> Fragment:
    """The analysts' words checked against the analysis: ``sat review`` in one sentence
    (``summary_claims``), then its findings, by where they stand in the case file."""
    from sat.report.claims.review import place, result_claims, summary_claims

    case, review = analysis.case, analysis.review
    findings: dict[str, list[Any]] = {}
    for c in result_claims(case, review):
        findings.setdefault(place(case, c.figures["where"]), []).append(c)
    summary = summary_claims(case, review)
    return render("review.html.j2", summary=summary, findings=list(findings.items()))


def _bands() -> str:
    return "; ".join(f"{low * 100:.0f}–{high * 100:.0f}% {term}" for term, _, low, high in ICD203)


#: The terms of the annex, in plain words (term, meaning), in the order a reader meets them.
GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        "Analysis of Competing Hypotheses (ACH)",
        "Heuer's method: every item of evidence is rated against every hypothesis, and the "
        "hypothesis with the least evidence against it is preferred, rather than the one with the "
        "most in its favour.",
    ),
    (
        "Ids",
        "Items of the case are named by short ids: H hypotheses, E evidence, S sources, A "
        "assumptions, I indicators, X events, SC scenarios.",
    ),
    (
        "Ratings",
        "How an item bears on a hypothesis: CC very consistent, C consistent, N neutral, I "
        "inconsistent, II very inconsistent, NA not applicable; a blank cell is unrated.",
    ),
    (
        "Cred., Rel., Diag.",
        "An item's credibility and relevance (H high, M medium, L low), which weight its "
        "ratings, and its diagnosticity (how differently it is rated across the hypotheses).",
    ),
    (
        "Weighted inconsistency",
        "The ACH score: the ratings of an item as inconsistent (one point) or very inconsistent "
        "(two) with a hypothesis, each weighted by the item's credibility and relevance, added up. "
        "Lower is better.",
    ),
    (
        "Consistency tie-break",
        "When hypotheses have the same weighted inconsistency, the one with more consistent "
        "evidence is put first; a lead that rests only on it is weak.",
    ),
    (
        "Diagnostic item",
        "An item rated differently against different hypotheses, so that it helps tell them apart; "
        "an item rated alike against all of them tells nothing.",
    ),
    (
        "Linchpin",
        "An item, or an assumption, without which the leading hypothesis would lose its lead.",
    ),
    (
        "Posterior probability",
        "A hypothesis's probability after the evidence, from the Bayesian mode; it assumes the "
        "answer is among the hypotheses listed, unless one of them is 'something else'.",
    ),
    (
        "Bayesian mode",
        "The ratings read as probabilities of the evidence under each hypothesis and combined "
        "with the priors by Bayes' rule; items from one origin count once.",
    ),
    (
        "Likelihood ratio, posterior odds",
        "How many times more probable an item is under one hypothesis than under another; the "
        "odds of two hypotheses after the evidence are their prior odds multiplied by these.",
    ),
    (
        "Prior",
        "A hypothesis's probability before the evidence, with the basis the analysts recorded.",
    ),
    (
        "Likelihood tables",
        "The probabilities a rating stands for (how likely the evidence would be if the hypothesis "
        "were true). The analysis uses four plausible tables and reports the range of posteriors "
        "they give.",
    ),
    (
        "Likelihood words (ICD 203)",
        "The US intelligence community's scale, used only where the range across the tables stays "
        f"inside one band: {_bands()}.",
    ),
    (
        "Confidence",
        "How far the judgement can be relied on, given the quality and sourcing of the evidence "
        "and how robust the lead is: low, moderate or high. It is stated apart from likelihood.",
    ),
    (
        "Robustness and simulations",
        "How easily the leader loses first place: the fewest rating changes that would bring a "
        "rival level (the worst case), and how often it stays first when the analysis is repeated "
        "thousands of times with random errors in the ratings, the table and the priors.",
    ),
    (
        "Admiralty grade",
        "A source's reliability (A completely reliable to E unreliable, F cannot be judged) with "
        "the credibility of its information (1 confirmed to 5 improbable, 6 cannot be judged).",
    ),
    (
        "Independent corroboration",
        "Sources that repeat one origin count once; an item is corroborated when a source with a "
        "different origin supports it.",
    ),
    (
        "Key Assumptions Check",
        "The assumptions the judgement rests on, each rated solid, holding with caveats, or "
        "unsupported.",
    ),
    (
        "Quality of Information Check",
        "How well the evidence is sourced: the items resting on one source or on weakly graded "
        "ones, and how well sourced is the evidence that separates the leader from its rival.",
    ),
    (
        "Bias stress test",
        "Checks for patterns in the ratings and sources that suggest a bias, such as most of the "
        "weight resting on one source or a lead built only on consistent evidence.",
    ),
    (
        "Concentration",
        "How much of the weight of the evidence rests on one source (the Herfindahl–Hirschman "
        "index of the sources' shares: 1 when a single source carries it all).",
    ),
    (
        "Deception checks",
        "Questions on whether an actor has the motive, opportunity and means to deceive (MOM), "
        "its past opposition practices (POP), whether a source could be manipulated (MOSES), and "
        "how the evidence itself holds up (EVE), each answered H, M or L.",
    ),
    (
        "Devil's advocacy",
        "The strongest case for the runner-up, argued against the leading hypothesis.",
    ),
    (
        "Indicator, signpost",
        "An observable event that would be expected if a hypothesis or a scenario were true, "
        "watched to tell when the judgement should change.",
    ),
    (
        "Influence (network)",
        "Who matters in the network of actors: PageRank (tied to actors who are themselves "
        "central) and betweenness (standing on the paths between others).",
    ),
    (
        "Scenario",
        "A possible future built from events; its probability is the product of its events' "
        "probabilities, each given the ones before it.",
    ),
    (
        "Not assessed",
        "A technique that did not run on this case, or a part the analysts did not write; the "
        "brief never fills it in.",
    ),
)


def glossary() -> Fragment:
    """The glossary that closes the annex (``GLOSSARY``)."""
    return render("glossary.html.j2", terms=GLOSSARY)
