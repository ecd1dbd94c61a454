"""Structural edits: adding, removing and renaming hypotheses, evidence, sources and key judgements, with every reference to them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sat.errors import CaseError, Problem
from sat.io.document.edits import _Edit
from sat.io.document.rekey import _tables


class _StructureEdits:
    """Structural edits (a part of :class:`~sat.io.document.CaseDocument`)."""

    def add_hypothesis(self, ident: str, label: str, statement: str, **fields: Any) -> None:
        """Add a hypothesis (prior, prior_basis, kind as keywords; unrated until rated)."""
        from ruamel.yaml.comments import CommentedMap

        item = CommentedMap(id=ident, label=label, statement=statement)
        for key, value in fields.items():
            if value is not None:
                item[key] = value
        self._apply(_Edit(added=[("hypotheses", item)]))

    def rename_hypothesis(self, old: str, new: str) -> None:
        """Change a hypothesis id everywhere it is used (ratings, analysts' ratings, assumptions,
        indicators, the ratings of indicators and gaps, overlaps, key judgements and the
        previous assessment)."""

        def set_id(item: Any) -> None:
            item["id"] = new

        def in_refs(name: str) -> Callable[[Any], None]:
            def change(item: Any) -> None:
                refs = item[name]
                for k, ref in enumerate(refs):
                    if ref == old:
                        refs[k] = new

            return change

        def indicator(item: Any) -> None:
            item["hypothesis"] = new

        position = self._position("hypotheses", old)
        if new == old:
            return
        if any(str(h.get("id")) == new for h in self._state.data["hypotheses"]):
            raise CaseError(
                [
                    Problem(
                        str(self.path),
                        None,
                        "hypotheses",
                        f"there is already a hypothesis '{new}': choose another id",
                    )
                ]
            )
        edit = _Edit().change("hypotheses", position, set_id)
        self._rekey(edit, old, new)
        self._rekey_estimates(edit, old, new)
        for section, name in (("assumptions", "supports"), ("hypotheses", "overlaps")):
            for k in self._each(section, lambda i, n=name: old in (i.get(n) or ())):
                edit.change(section, k, in_refs(name))
        for k in self._each("indicators", lambda i: i.get("hypothesis") == old):
            edit.change("indicators", k, indicator)
        self._readdress(edit, old, new)
        self._apply(edit)

    def _readdress(self, edit: _Edit, old: str, new: str | None) -> None:
        """Point the key judgements and the previous assessment that are about ``old`` at
        ``new`` (or, with None, at nothing: their words stay)."""

        def about(item: Any) -> None:
            if new is None:
                del item["about"]
            else:
                item["about"] = new

        for k in self._each("key_judgements", lambda i: str(i.get("about")) == old):
            edit.change("key_judgements", k, about)
        previous = self._state.data.get("previous_assessment")
        if hasattr(previous, "get") and str(previous.get("about")) == old:
            edit.entry("previous_assessment", lambda root: about(root["previous_assessment"]))

    def remove_hypothesis(self, ident: str) -> None:
        """Remove a hypothesis, its ratings and its indicators (scenarios stop watching them);
        assumptions and overlaps stop naming it, and key judgements about it keep their words but
        are about nothing."""

        def from_refs(name: str) -> Callable[[Any], None]:
            def change(item: Any) -> None:
                refs = item[name]
                while ident in refs:
                    refs.remove(ident)

            return change

        edit = _Edit(removed=[("hypotheses", self._position("hypotheses", ident))])
        gone = self._each("indicators", lambda i: i.get("hypothesis") == ident)
        edit.removed += [("indicators", k) for k in gone]
        indicators = self._state.data.get("indicators") or ()
        signposts = {str(indicators[k].get("id")) for k in gone}

        def unpost(item: Any) -> None:  # a scenario stops watching the indicators removed
            posts = item["signposts"]
            for k in reversed(range(len(posts))):
                if str(posts[k]) in signposts:
                    del posts[k]

        for k in self._each(
            "scenarios", lambda i: bool(signposts & {str(p) for p in i.get("signposts") or ()})
        ):
            edit.change("scenarios", k, unpost)
        self._rekey(edit, ident, None, skip={("indicators", k) for k in gone})
        self._rekey_estimates(edit, ident, None)
        for section, name in (("assumptions", "supports"), ("hypotheses", "overlaps")):
            for k in self._each(section, lambda i, n=name: ident in (i.get(n) or ())):
                edit.change(section, k, from_refs(name))
        self._readdress(edit, ident, None)
        self._apply(edit)

    def _rekey_estimates(self, edit: _Edit, old: str, new: str | None) -> None:
        """Rename (or drop) a hypothesis in every analyst's own estimates."""
        estimates = self._state.data.get("estimates")
        if hasattr(estimates, "values") and any(
            hasattr(t, "get") and old in t for t in estimates.values()
        ):
            edit.rekeys[("estimates", None)] = (old, new)

    def _rekey(
        self, edit: _Edit, old: str, new: str | None, skip: set[tuple[str, int]] = frozenset()
    ) -> None:
        """Rename (or, with ``new`` None, drop) a hypothesis in every rating table that has it:
        evidence ratings and analysts' ratings, and the ratings of indicators and gaps."""
        for section in ("evidence", "indicators", "information_gaps"):
            for k in self._each(section, lambda i: any(old in t for t in _tables(i))):
                if (section, k) not in skip:
                    edit.rekeys[(section, k)] = (old, new)

    def add_evidence(self, ident: str, summary: str, **fields: Any) -> None:
        """Add an evidence item (type, credibility, relevance, sources, ratings as keywords)."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        item = CommentedMap(id=ident, summary=summary)
        for key, value in fields.items():
            if value is None or value == () or value == []:
                continue
            if key == "sources":  # short id lists stay on one line, as the file writes them
                value = CommentedSeq(value)
                value.fa.set_flow_style()
            item[key] = value
        ratings = CommentedMap(item.pop("ratings", {}) or {})
        ratings.fa.set_flow_style()
        item["ratings"] = ratings
        self._apply(_Edit(added=[("evidence", item)]))

    def add_source(self, id: str, title: str, **fields: Any) -> None:
        """Add a source (author, publisher, date, url, file, sha256, reliability ... as keywords)."""
        from ruamel.yaml.comments import CommentedMap

        item = CommentedMap(id=id, title=title)
        for key, value in fields.items():
            item[key] = value
        self._apply(_Edit(added=[("sources", item)]))

    def remove_evidence(self, ident: str) -> None:
        """Remove an evidence item; assumptions, indicators and relations stop citing it."""

        def unlink(item: Any) -> None:
            item.pop("evidence")

        def from_refs(item: Any) -> None:
            refs = item["evidence"]
            while ident in refs:
                refs.remove(ident)

        edit = _Edit(removed=[("evidence", self._position("evidence", ident))])
        sessions = self._state.data.get("elicitation")
        if hasattr(sessions, "values") and any(
            ident in (v.get(f) or ())
            for v in sessions.values()
            if hasattr(v, "get")
            for f in ("order", "entered")
        ):

            def forget(root: Any) -> None:
                for session in root["elicitation"].values():
                    for name in ("order", "entered"):
                        refs = session.get(name)
                        while refs is not None and ident in refs:
                            refs.remove(ident)

            edit.entry("elicitation", forget)
        for k in self._each("assumptions", lambda a: a.get("evidence") == ident):
            edit.change("assumptions", k, unlink)
        for section in ("indicators", "relations"):
            for k in self._each(section, lambda i: ident in (i.get("evidence") or ())):
                edit.change(section, k, from_refs)
        self._apply(edit)

    def add_key_judgement(self, text: str, about: str | None = None) -> None:
        """Add a key judgement at the end (the first starts a ``key_judgements:`` section at the
        end of the file)."""
        from ruamel.yaml.comments import CommentedMap

        item = CommentedMap(text=text)
        if about is not None:
            item["about"] = about
        self._apply(_Edit(added=[("key_judgements", item)]))

    def remove_key_judgement(self, index: int) -> None:
        """Remove the key judgement at ``index``; removing the last removes the section (with
        its heading comment)."""
        at = self._judgement(index)
        if len(self._state.data["key_judgements"]) == 1:
            self._apply(_Edit(dropped=["key_judgements"]))
        else:
            self._apply(_Edit(removed=[("key_judgements", at)]))
