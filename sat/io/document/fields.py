"""Edits of an item's or a section's fields: ratings, levels, answers, key judgements' words, blind sessions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sat import scales
from sat.errors import CaseError, Problem
from sat.io.document.edits import _Edit
from sat.io.document.tree import _STYLED

#: A keyword left as it is (None has a meaning: remove the field).
_KEEP: Any = object()


class _FieldEdits:
    """Field edits (a part of :class:`~sat.io.document.CaseDocument`)."""

    def set_rating(self, evidence_id: str, hypothesis_id: str, rating: str | float | None) -> None:
        """Rate one cell (a code, a probability, or None/'' to leave it unrated)."""
        if rating not in (None, "") and hypothesis_id not in {h.id for h in self.case.hypotheses}:
            raise CaseError(
                [Problem(str(self.path), None, "ratings", f"no hypothesis '{hypothesis_id}'")]
            )
        value = None if rating in (None, "") else scales.parse_rating(rating)

        def change(item: Any) -> None:
            ratings = item.get("ratings")
            if ratings is None:
                from ruamel.yaml.comments import CommentedMap

                ratings = CommentedMap()
                ratings.fa.set_flow_style()
                item["ratings"] = ratings
            if value is None:
                ratings.pop(hypothesis_id, None)
            else:
                ratings[hypothesis_id] = value

        self._apply(_Edit().change("evidence", self._position("evidence", evidence_id), change))

    def set_field(self, section: str, ident: str, field: str, value: Any) -> None:
        """Set one field of one item (e.g. an item's credibility, an indicator's status); None removes it."""
        self.set_fields(section, ident, {field: value})

    def set_fields(self, section: str, ident: str, fields: dict[str, Any]) -> None:
        """Set several fields of one item as one edit (one undo step); None removes a field."""

        def change(item: Any) -> None:
            from ruamel.yaml.comments import CommentedSeq

            for name, value in fields.items():
                if value is None:
                    item.pop(name, None)
                elif name == "sources" and isinstance(value, list | tuple):
                    flow = CommentedSeq(value)
                    flow.fa.set_flow_style()
                    item[name] = flow
                else:
                    item[name] = value

        self._apply(_Edit().change(section, self._position(section, ident), change))

    def set_checklist(self, question: str, answer: str | None) -> None:
        """Answer one question of Heuer's checklist (empty or None removes the answer)."""

        def change(root: Any) -> None:
            from ruamel.yaml.comments import CommentedMap

            checklist = root.get("checklist")
            if checklist is None:
                checklist = root["checklist"] = CommentedMap()
            if answer:
                checklist[question] = answer
            else:
                checklist.pop(question, None)

        self._apply(_Edit().entry("checklist", change))

    def set_deception_answer(
        self, subject: str, question: str, rating: str | None, note: str | None = None
    ) -> None:
        """Answer one deception-check question for an actor or source (rating None removes the answer)."""

        def change(entry: Any) -> None:
            from ruamel.yaml.comments import CommentedMap

            answers = entry.get("answers")
            if answers is None:
                answers = entry["answers"] = CommentedMap()
            if rating is None:
                answers.pop(question, None)
                return
            answer = answers.get(question)
            if answer is None:
                answer = CommentedMap()
                answer.fa.set_flow_style()
                answers[question] = answer
            answer["rating"] = rating
            if note is not None:
                if note:
                    answer["note"] = note
                else:
                    answer.pop("note", None)

        try:
            position = self._position("deception", subject, key="subject")
        except CaseError:
            raise CaseError(
                [Problem(str(self.path), None, "deception", f"no deception check for '{subject}'")]
            ) from None
        self._apply(_Edit().change("deception", position, change))

    def set_key_judgement(
        self, index: int, *, text: Any = _KEEP, about: Any = _KEEP, typing: bool = False
    ) -> None:
        """Change the text or the ``about`` (None: about nothing) of the key judgement at
        ``index`` (0-based). With ``typing``, successive changes of one judgement's text are
        one undo step (the run of typing); the text keeps its style in the file (a folded
        block stays folded)."""
        from ruamel.yaml import scalarstring

        def change(item: Any) -> None:
            if text is not _KEEP:
                old = item.get("text")
                styles = tuple(getattr(scalarstring, n) for n in _STYLED)
                item["text"] = type(old)(text) if isinstance(old, styles) else text
            if about is not _KEEP:
                if about is None:
                    item.pop("about", None)
                else:
                    item["about"] = about

        at = self._judgement(index)
        group = ("key_judgements", at, "text") if typing and about is _KEEP else None
        self._apply(_Edit().change("key_judgements", at, change), group)

    def start_elicitation(self, analyst: str, seed: int, order: Sequence[str]) -> None:
        """Record the start of an analyst's blind session: the seed and the order drawn with it."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        def change(root: Any) -> None:
            sessions = root.get("elicitation")
            if sessions is None:
                sessions = root["elicitation"] = CommentedMap()
            session = CommentedMap(seed=seed)
            for name, ids in (("order", list(order)), ("entered", [])):
                seq = CommentedSeq(ids)
                seq.fa.set_flow_style()
                session[name] = seq
            sessions[analyst] = session

        self._apply(_Edit().entry("elicitation", change))

    def rate_as(self, analyst: str, evidence_id: str, ratings: dict[str, Any]) -> None:
        """An analyst's own ratings of one item across the hypotheses (``analyst_ratings``), as
        one edit; in a blind session the item is also recorded as entered, in order."""
        from ruamel.yaml.comments import CommentedMap

        values = {h: scales.parse_rating(r) for h, r in ratings.items() if r not in (None, "")}

        def change(item: Any) -> None:
            panel = item.get("analyst_ratings")
            if panel is None:
                panel = item["analyst_ratings"] = CommentedMap()
            table = CommentedMap(values)
            table.fa.set_flow_style()
            panel[analyst] = table

        edit = _Edit().change("evidence", self._position("evidence", evidence_id), change)
        session = (self._state.data.get("elicitation") or {}).get(analyst)
        if hasattr(session, "get") and evidence_id not in (session.get("entered") or ()):

            def entered(root: Any) -> None:
                record = root["elicitation"][analyst]
                if record.get("entered") is None:
                    record["entered"] = []
                record["entered"].append(evidence_id)
                record["entered"].fa.set_flow_style()

            edit.entry("elicitation", entered)
        self._apply(edit)

    def answer_quantity(
        self,
        analyst: str,
        quantity_id: str,
        round: int,
        answer: dict[str, Any],
        entered: Any = None,
    ) -> None:
        """An analyst's answer to one quantity in one round (``quantity_estimates``), as one edit:
        ``answer`` holds IDEA's ``lowest``, ``best``, ``highest`` and ``confidence``, or
        ``values`` (the quantiles). ``entered`` (default: now, in UTC, to the second) is kept
        with it. An answer already given for that quantity and round is replaced in place."""
        import datetime as dt

        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if quantity_id not in {q.id for q in self.case.quantities}:
            raise CaseError(
                [
                    Problem(
                        str(self.path), None, "quantity_estimates", f"no quantity '{quantity_id}'"
                    )
                ]
            )
        when = entered or dt.datetime.now(dt.UTC).replace(microsecond=0)
        record = CommentedMap(quantity=quantity_id, round=round, entered=when)
        for name, value in answer.items():
            if name == "values":
                value = CommentedSeq(value)
                value.fa.set_flow_style()
            record[name] = value
        record.fa.set_flow_style()

        def change(root: Any) -> None:
            answers = root.get("quantity_estimates")
            if answers is None:
                answers = root["quantity_estimates"] = CommentedMap()
            given = answers.get(analyst)
            if given is None:
                given = answers[analyst] = CommentedSeq()
            for k, old in enumerate(given):
                if (
                    hasattr(old, "get")
                    and str(old.get("quantity")) == quantity_id
                    and int(old.get("round", 1)) == round
                ):
                    given[k] = record
                    return
            given.append(record)

        self._apply(_Edit().entry("quantity_estimates", change))

    def add_quantities(
        self,
        quantiles: Sequence[float] | None,
        quantities: Sequence[dict[str, Any]],
        answers: dict[str, Sequence[dict[str, Any]]],
    ) -> None:
        """Add quantities, their analysts and their answers as one edit (an Excalibur study
        imported: ``sat.io.excalibur_case``): ``quantiles`` set when not None, each quantity
        appended to ``quantities``, each analyst of ``answers`` added to ``analysts`` when
        missing, and each answer (a mapping as the case file writes it) to their
        ``quantity_estimates``."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        def flow(values: Sequence[Any]) -> Any:
            seq = CommentedSeq(values)
            seq.fa.set_flow_style()
            return seq

        def set_quantiles(root: Any) -> None:
            root["quantiles"] = flow(list(quantiles or ()))

        def add_analysts(root: Any) -> None:
            for name in answers:
                if name not in root["analysts"]:
                    root["analysts"].append(name)

        def add_answers(root: Any) -> None:
            given = root.get("quantity_estimates")
            if given is None:
                given = root["quantity_estimates"] = CommentedMap()
            for name, records in answers.items():
                mine = given.get(name)
                if mine is None:
                    mine = given[name] = CommentedSeq()
                for record in records:
                    entry = CommentedMap(
                        (k, flow(v) if isinstance(v, list | tuple) else v)
                        for k, v in record.items()
                    )
                    entry.fa.set_flow_style()
                    mine.append(entry)

        edit = _Edit()
        if quantiles is not None:
            edit.entry("quantiles", set_quantiles)
        edit.entry("analysts", add_analysts)
        for quantity in quantities:
            item = CommentedMap()
            for key, value in quantity.items():
                if isinstance(value, dict):  # a realization: one line, as the file writes it
                    value = CommentedMap(value)
                    value.fa.set_flow_style()
                item[key] = value
            edit.added.append(("quantities", item))
        edit.entry("quantity_estimates", add_answers)
        self._apply(edit)
