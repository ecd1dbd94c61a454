"""The parts of the case model, one module per purpose (``sat.case`` holds the ``Case`` itself and
offers every name here, as it always has).

- ``sat.models.fields``: the field types (ids, text, levels, ratings, probabilities), the frozen
  mappings and the frozen base model.
- ``sat.models.evidence``: hypotheses, evidence items and their sources, blind rating sessions,
  the Bayesian mode's settings.
- ``sat.models.challenges``: key assumptions, indicators and deception checklists.
- ``sat.models.futures``: events, scenarios and alternative futures.
- ``sat.models.actors``: actors and the relations between them.
- ``sat.models.judgements``: the analyst's own judgements and text, and how a judgement resolves.
- ``sat.models.quantities``: numbers the team estimates (seed questions and targets) and each
  analyst's answers, round by round, as quantiles or IDEA's four points.
- ``sat.models.study``: a panel's quantile assessments as Cooke's classical model reads them
  (from a case's quantities or an Excalibur study).
- ``sat.models.idea``: IDEA's four-point answers as quantiles; ``sat.models.panel``: a case's
  quantities and answers as a study (each analyst's latest answer, or a round's).
"""
