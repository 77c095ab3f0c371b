"""The reports' sentences that are assembled from findings and scores: verdict summaries and the ranking conclusion.

They state nothing the findings do not: each sentence restates a verdict, a count, a rule code or a score gap.
Shared by the HTML and Markdown templates, which escape the result (system names are profile text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.vocab import DIMENSION_LABELS
from .i18n import VERDICTS


class Prose:
    def __init__(self, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str],
                 num: Callable[[float], str]) -> None:
        self.gettext, self.ngettext, self.num = gettext, ngettext, num

    def _n(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """ngettext, then the values; the catalogue extracts `_n` calls as plural messages."""
        return self.ngettext(singular, plural, n) % {"num": self.num(n), **values}

    def _verdict(self, verdict: str) -> str:
        return self.gettext(VERDICTS[verdict]).lower()

    def _dimension(self, dimension: str) -> str:
        label = self.gettext(DIMENSION_LABELS[dimension])
        return label if label[1:2].isupper() else label[:1].lower() + label[1:]  # "MRV and registry" stays

    def _range(self, verdict_range: list[str]) -> str:
        best, worst = verdict_range
        if best == worst:
            return self.gettext("As far as is known now, the verdict would be %(verdict)s.") % {
                "verdict": self._verdict(best)}
        return self.gettext("Depending on how the open questions resolve, the verdict ranges from %(best)s to "
                            "%(worst)s.") % {"best": self._verdict(best), "worst": self._verdict(worst)}

    def undetermined_reason(self, x: dict) -> str:
        """Why an assessment has no verdict: too little is known, or open questions could still change it."""
        _ = self.gettext
        if x["completeness"] < x["min_completeness"]:
            return _("only %(pct)s%% of the facts the rules read are defined on both sides, below the %(min)s%% a "
                     "verdict needs") % {"pct": self.num(x["completeness"]),
                                                                "min": self.num(x["min_completeness"])}
        return _("open questions could still change it")

    def pairwise_summary(self, x: dict) -> str:
        """The verdict in words. Blockers and adjustments are differences; open questions are counted apart,
        by the severity they put at stake, and never called blockers."""
        _ = self.gettext
        names = {"a": x["a"]["display"], "b": x["b"]["display"]}
        verdict, counts, stakes = x["verdict"], x["counts"], x["open_counts"]
        if verdict == "undetermined":
            sentences = [_("Whether %(a)s and %(b)s can link is undetermined as of %(date)s, because %(reason)s.")
                         % {**names, "date": x["as_of"], "reason": self.undetermined_reason(x)},
                         self._range(x["verdict_range"])]
            if counts["blocker"]:
                sentences.append(self._n("%(num)s blocker already rests on defined facts.",
                                         "%(num)s blockers already rest on defined facts.", counts["blocker"]))
            if counts["major"]:
                sentences.append(self._n("%(num)s adjustment is already required.",
                                         "%(num)s adjustments are already required.", counts["major"]))
        elif verdict == "blocked":
            sentences = [
                _("%(a)s and %(b)s cannot link as they stand.") % names,
                self._n("%(num)s blocker must be removed first.", "%(num)s blockers must be removed first.",
                        counts["blocker"]),
            ]
            if counts["major"]:
                sentences.append(self._n("%(num)s further adjustment is required.",
                                         "%(num)s further adjustments are required.", counts["major"]))
        elif verdict == "adjustments_needed":
            sentences = [
                _("No difference blocks a link between %(a)s and %(b)s.") % names,
                self._n("%(num)s adjustment is required before one.", "%(num)s adjustments are required before one.",
                        counts["major"]),
            ]
        else:
            sentences = [_("No blocker and no required adjustment stands between %(a)s and %(b)s; the remaining "
                           "differences can be settled in the linking agreement.") % names]
        questions = sum(stakes.values())
        if questions:
            sentences.append(self._n(
                "%(num)s open question is not counted among the differences: a fact it needs is not known or not "
                "yet decided.",
                "%(num)s open questions are not counted among the differences: a fact each needs is not known or "
                "not yet decided.", questions))
            if stakes["blocker"]:
                sentences.append(self._n("%(num)s of them could block the link if it resolves unfavourably.",
                                         "%(num)s of them could block the link if they resolve unfavourably.",
                                         stakes["blocker"]))
            if verdict != "undetermined":
                sentences.append(_("However they resolve, the verdict stands."))
        return " ".join(sentences)

    def shortest_path(self, counts: dict[str, int], open_counts: dict[str, int] | None = None) -> str:
        sentences = [self.gettext("Of what is known, the verdict depends only on blockers and major differences, so "
                                  "removing the blockers and making the required adjustments below is the shortest "
                                  "path to a compatible pair.")]
        if counts["minor"]:
            sentences.append(self._n("The %(num)s minor difference can be settled in the linking agreement.",
                                     "The %(num)s minor differences can be settled in the linking agreement.",
                                     counts["minor"]))
        stakes = sum(n for s, n in (open_counts or {}).items() if s in ("blocker", "major"))
        if stakes:
            sentences.append(self._n(
                "%(num)s open question could add a blocker or a required adjustment: answer it as well.",
                "%(num)s open questions could add blockers or required adjustments: answer them as well.", stakes))
        return " ".join(sentences)

    def ranking_conclusion(self, candidate: dict, partners: list[dict], shared: list[dict]) -> str:
        _ = self.gettext
        ranked = [p for p in partners if p["rank"] is not None]
        unranked = [p for p in partners if p["rank"] is None]
        if not ranked:
            return self._n("The %(num)s partner assessed for %(a)s cannot be ranked: its verdict is undetermined.",
                           "None of the %(num)s partners assessed for %(a)s can be ranked: every verdict is "
                           "undetermined.", len(partners), a=candidate["display"])
        best = ranked[0]
        names = {"a": candidate["display"], "best": best["b"]["display"]}
        values = {**names, "verdict": self._verdict(best["verdict"]), "score": self.num(best["score"])}
        if best["tied_with"]:
            sentences = [_("Of the partners assessed for %(a)s, %(best)s ranks first, tied with %(list)s: "
                           "%(verdict)s, with an overall score of %(score)s out of 100.")
                         % {**values, "list": ", ".join(best["tied_names"])}]
        else:
            sentences = [_("Of the partners assessed for %(a)s, %(best)s ranks first: %(verdict)s, with an overall "
                           "score of %(score)s out of 100.") % values]
        blockers = list(dict.fromkeys(f["rule"] for f in best["findings"]
                                      if f["severity"] == "blocker" and f["kind"] == "difference"))
        if blockers:
            sentences.append(self._n("Even with %(best)s, %(num)s blocker remains: %(list)s.",
                                     "Even with %(best)s, %(num)s blockers remain: %(list)s.", len(blockers),
                                     **names, list=", ".join(blockers)))
        elif best["counts"]["major"]:
            sentences.append(self._n("A link with %(best)s has no blocker but needs %(num)s adjustment.",
                                     "A link with %(best)s has no blocker but needs %(num)s adjustments.",
                                     best["counts"]["major"], **names))
        if shared:
            sentences.append(self._n(
                "%(num)s issue of %(a)s appears against every partner, so %(a)s must address it whichever partner "
                "it chooses: %(list)s.",
                "%(num)s issues of %(a)s appear against every partner, so %(a)s must address them whichever partner "
                "it chooses: %(list)s.",
                len(shared), **names, list=", ".join(f["rule"] for f in shared)))
        for p in ranked[1:]:
            gaps = p["behind_best"][:2]
            values = {**names, "partner": p["b"]["display"], "score": self.num(p["score"])}
            if gaps:
                values.update(first=self._dimension(gaps[0]["dimension"]), first_points=self.num(gaps[0]["points"]))
            if len(gaps) == 2:
                values.update(second=self._dimension(gaps[1]["dimension"]), second_points=self.num(gaps[1]["points"]))
                sentences.append(_("%(partner)s (score %(score)s) trails %(best)s most in %(first)s (by "
                                   "%(first_points)s points) and %(second)s (by %(second_points)s points).") % values)
            elif gaps:
                sentences.append(_("%(partner)s (score %(score)s) trails %(best)s most in %(first)s (by "
                                   "%(first_points)s points).") % values)
            else:
                sentences.append(_("%(partner)s (score %(score)s) does not trail %(best)s in any dimension; it ranks "
                                   "lower on its verdict or blockers.") % values)
        if unranked:
            sentences.append(self._n(
                "%(list)s is not ranked: its verdict is undetermined, because too little is known or open questions "
                "could still change it.",
                "%(list)s are not ranked: their verdicts are undetermined, because too little is known or open "
                "questions could still change them.", len(unranked),
                list=", ".join(p["b"]["display"] for p in unranked)))
        return " ".join(sentences)

    def readiness_summary(self, phase: dict, items: list[dict], ready: bool, closest: dict | None,
                          unranked: int = 0) -> str:
        _ = self.gettext
        if ready:
            sentences = [_("Every prerequisite is defined: %(a)s has the legal, technical and institutional basis to "
                           "start trading.") % {"a": phase["display"]}]
        else:
            open_items = [_(item["title"]) for item in items if item["state"] != "ready"]
            sentences = [self._n("%(num)s prerequisite is still open: %(list)s.",
                                 "%(num)s prerequisites are still open: %(list)s.", len(open_items),
                                 list="; ".join(open_items))]
        if closest:
            sentences.append(_("Of the partners assessed, the closest is %(b)s: %(verdict)s, score %(score)s out of "
                               "100.") % {"b": closest["b"]["display"], "verdict": self._verdict(closest["verdict"]),
                                          "score": self.num(closest["score"])})
        if unranked:
            sentences.append(self._n("%(num)s partner is not ranked: its verdict is undetermined.",
                                     "%(num)s partners are not ranked: their verdicts are undetermined.", unranked))
        return " ".join(sentences)
